//! `Accept` negotiation (RFC 9110 §12.5.1) between a type's own envelope and the two
//! standard error media types, for `#[api(negotiate)]` types.
//!
//! Parsed here, on the bytes as they came, without allocating: the crates that parse `Accept`
//! (`mime`, which parses one media type, and the younger `headers-accept` / `mediatype`) would
//! add dependencies for a part of the grammar this needs, and choose by rules of their own,
//! where this must keep the type's own envelope on every tie.

/// The envelope an error is rendered in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Choice {
    /// The type's own envelope.
    Own,
    /// [`crate::envelope::Problem`].
    Problem,
    /// [`crate::envelope::JsonApi`].
    JsonApi,
}

const PROBLEM: (&[u8], &[u8]) = (b"application", b"problem+json");
const JSON_API: (&[u8], &[u8]) = (b"application", b"vnd.api+json");

/// How well one media range matched a media type: its q-value in thousandths, then its
/// specificity (`*/*` 0, `type/*` 1, exact 2). Compared in that order.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Rank {
    q: u16,
    specificity: u8,
}

/// Picks the envelope for an error whose own envelope's content type is `own`, from an
/// `Accept` header (RFC 9110 §12.5.1).
///
/// Each candidate (the own type, `application/problem+json`, `application/vnd.api+json`) gets
/// the q-value of the most specific range that matches it (types and subtypes compared without
/// regard to case, parameters other than `q` ignored), 0 when none does. The highest q wins, at
/// equal q the more specific range; any remaining tie, and a header that accepts none of them,
/// keeps the own envelope (between Problem and JSON:API, Problem). Malformed ranges are skipped.
pub(crate) fn choose(accept: &[u8], own: &str) -> Choice {
    let own_type = own.split(';').next().unwrap_or_default().trim();
    let own = own_type
        .split_once('/')
        .map_or((own_type.as_bytes(), &b""[..]), |(t, s)| {
            (t.as_bytes(), s.as_bytes())
        });

    // (specificity of the most specific matching range, its best q) per candidate.
    let mut best: [Option<Rank>; 3] = [None; 3];
    for range in ranges(accept) {
        for (slot, candidate) in best.iter_mut().zip([own, PROBLEM, JSON_API]) {
            let Some(specificity) = range.specificity(candidate) else {
                continue;
            };
            let better = match slot {
                None => true,
                Some(rank) => {
                    specificity > rank.specificity
                        || (specificity == rank.specificity && range.q > rank.q)
                }
            };
            if better {
                *slot = Some(Rank {
                    q: range.q,
                    specificity,
                });
            }
        }
    }

    let zero = Rank {
        q: 0,
        specificity: 0,
    };
    let [own, problem, json_api] = best.map(|rank| rank.unwrap_or(zero));
    let mut choice = (Choice::Own, own);
    for (candidate, rank) in [(Choice::Problem, problem), (Choice::JsonApi, json_api)] {
        if rank.q > 0 && rank > choice.1 {
            choice = (candidate, rank);
        }
    }
    choice.0
}

/// One media range of an `Accept` header.
struct Range<'a> {
    kind: &'a [u8],
    subtype: &'a [u8],
    /// Thousandths.
    q: u16,
}

impl Range<'_> {
    /// How specifically this range matches `(type, subtype)`, or `None` if it does not.
    fn specificity(&self, (kind, subtype): (&[u8], &[u8])) -> Option<u8> {
        if self.kind == b"*" {
            Some(0)
        } else if !self.kind.eq_ignore_ascii_case(kind) {
            None
        } else if self.subtype == b"*" {
            Some(1)
        } else if self.subtype.eq_ignore_ascii_case(subtype) {
            Some(2)
        } else {
            None
        }
    }

    /// Parses one list element: `type/subtype *( OWS ";" OWS name=value )`.
    fn parse(element: &[u8]) -> Option<Range<'_>> {
        let mut parts = split_unquoted(element, b';');
        let media = trim(parts.next()?);
        let slash = media.iter().position(|&b| b == b'/')?;
        let (kind, subtype) = (trim(&media[..slash]), trim(&media[slash + 1..]));
        if !is_token(kind) || !is_token(subtype) || (kind == b"*" && subtype != b"*") {
            return None;
        }
        let mut q = 1000;
        for parameter in parts {
            let parameter = trim(parameter);
            let (name, value) = match parameter.iter().position(|&b| b == b'=') {
                Some(eq) => (trim(&parameter[..eq]), trim(&parameter[eq + 1..])),
                None => (parameter, &b""[..]),
            };
            if name.eq_ignore_ascii_case(b"q") {
                q = parse_q(value)?;
                // What follows `q` are accept-extensions, which change nothing here.
                break;
            }
        }
        Some(Range { kind, subtype, q })
    }
}

/// The media ranges of an `Accept` value, malformed ones left out.
fn ranges(accept: &[u8]) -> impl Iterator<Item = Range<'_>> {
    split_unquoted(accept, b',')
        .map(trim)
        .filter(|element| !element.is_empty())
        .filter_map(Range::parse)
}

/// Splits at `separator` outside double-quoted strings (which may hold `\"`).
fn split_unquoted(text: &[u8], separator: u8) -> impl Iterator<Item = &[u8]> {
    let mut rest = Some(text);
    core::iter::from_fn(move || {
        let text = rest?;
        let (mut quoted, mut escaped) = (false, false);
        for (i, &b) in text.iter().enumerate() {
            if escaped {
                escaped = false;
            } else if quoted && b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                quoted = !quoted;
            } else if b == separator && !quoted {
                rest = Some(&text[i + 1..]);
                return Some(&text[..i]);
            }
        }
        rest = None;
        Some(text)
    })
}

fn trim(mut bytes: &[u8]) -> &[u8] {
    while let [b' ' | b'\t', rest @ ..] = bytes {
        bytes = rest;
    }
    while let [rest @ .., b' ' | b'\t'] = bytes {
        bytes = rest;
    }
    bytes
}

/// RFC 9110 `token`.
fn is_token(bytes: &[u8]) -> bool {
    !bytes.is_empty()
        && bytes
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// `qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )`, in thousandths.
fn parse_q(value: &[u8]) -> Option<u16> {
    let (whole, fraction) = match value.iter().position(|&b| b == b'.') {
        Some(dot) => (&value[..dot], &value[dot + 1..]),
        None => (value, &b""[..]),
    };
    if fraction.len() > 3 || !fraction.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut thousandths = 0u16;
    for i in 0..3 {
        thousandths = thousandths * 10 + fraction.get(i).map_or(0, |d| u16::from(d - b'0'));
    }
    match whole {
        b"0" => Some(thousandths),
        b"1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const JSON: &str = "application/json";

    fn pick(accept: &str) -> Choice {
        choose(accept.as_bytes(), JSON)
    }

    #[test]
    fn exact_types() {
        assert_eq!(pick("application/problem+json"), Choice::Problem);
        assert_eq!(pick("application/vnd.api+json"), Choice::JsonApi);
        assert_eq!(pick("APPLICATION/Problem+JSON"), Choice::Problem);
        assert_eq!(pick("application/json"), Choice::Own);
        assert_eq!(pick("text/html"), Choice::Own);
        assert_eq!(pick(""), Choice::Own);
    }

    #[test]
    fn wildcards_keep_the_own_envelope() {
        assert_eq!(pick("*/*"), Choice::Own);
        assert_eq!(pick("application/*"), Choice::Own);
        assert_eq!(pick("application/problem+json, */*"), Choice::Problem);
        assert_eq!(
            pick("*/*;q=0.9, application/problem+json;q=0.5"),
            Choice::Own
        );
        assert_eq!(
            pick("application/*;q=0.5, application/vnd.api+json;q=0.5"),
            Choice::JsonApi
        );
    }

    #[test]
    fn q_values() {
        assert_eq!(
            pick("application/json;q=0.5, application/problem+json"),
            Choice::Problem
        );
        assert_eq!(
            pick("application/json, application/problem+json;q=0.9"),
            Choice::Own
        );
        assert_eq!(pick("application/problem+json;q=0"), Choice::Own);
        assert_eq!(pick("*/*, application/problem+json;q=0"), Choice::Own);
        assert_eq!(
            pick("application/problem+json;q=0.4, application/vnd.api+json;q=0.6"),
            Choice::JsonApi
        );
        assert_eq!(
            pick("application/problem+json;q=0.6, application/vnd.api+json;q=0.6"),
            Choice::Problem
        );
        assert_eq!(
            pick("application/json;q=0.5;ext=1, application/problem+json;q=1.000"),
            Choice::Problem
        );
        assert_eq!(
            pick("application/json; Q=0.001, application/problem+json ; q = 0.002"),
            Choice::Problem
        );
        // The most specific range decides a type's q, whatever the order.
        assert_eq!(
            pick("application/problem+json;q=0, application/*"),
            Choice::Own
        );
        assert_eq!(
            pick("application/*;q=0, application/problem+json"),
            Choice::Problem
        );
    }

    #[test]
    fn malformed_ranges_are_skipped() {
        assert_eq!(pick("application/problem+json;q=2"), Choice::Own);
        assert_eq!(pick("application/problem+json;q=0.5555"), Choice::Own);
        assert_eq!(
            pick("application/problem+json;q=abc, application/vnd.api+json"),
            Choice::JsonApi
        );
        assert_eq!(pick("*/problem+json"), Choice::Own);
        assert_eq!(pick("problem+json, ,,;, /, a/"), Choice::Own);
        assert_eq!(
            pick("\u{e9}/\u{e9}, application/problem+json"),
            Choice::Problem
        );
        assert_eq!(
            pick(r#"text/html;x="a,b\"c,d", application/vnd.api+json"#),
            Choice::JsonApi
        );
        assert_eq!(
            pick(r#"application/problem+json;x="unterminated, */*"#),
            Choice::Problem
        );
    }

    #[test]
    fn parameters_are_ignored() {
        assert_eq!(
            pick("application/problem+json; charset=utf-8"),
            Choice::Problem
        );
        assert_eq!(
            choose(b"application/json", "application/json; charset=utf-8"),
            Choice::Own
        );
        assert_eq!(
            choose(
                b"application/problem+json, application/json",
                "Application/JSON"
            ),
            Choice::Own
        );
    }

    #[test]
    fn own_envelope_is_problem() {
        let own = "application/problem+json";
        assert_eq!(choose(b"application/problem+json", own), Choice::Own);
        assert_eq!(choose(b"application/vnd.api+json", own), Choice::JsonApi);
        assert_eq!(choose(b"application/json", own), Choice::Own);
    }

    #[test]
    fn q_value_grammar() {
        assert_eq!(parse_q(b"0"), Some(0));
        assert_eq!(parse_q(b"0."), Some(0));
        assert_eq!(parse_q(b"0.5"), Some(500));
        assert_eq!(parse_q(b"0.05"), Some(50));
        assert_eq!(parse_q(b"0.123"), Some(123));
        assert_eq!(parse_q(b"1"), Some(1000));
        assert_eq!(parse_q(b"1.000"), Some(1000));
        assert_eq!(parse_q(b"1.001"), None);
        assert_eq!(parse_q(b"0.1234"), None);
        assert_eq!(parse_q(b""), None);
        assert_eq!(parse_q(b".5"), None);
        assert_eq!(parse_q(b"-0"), None);
        assert_eq!(parse_q(b"0.-1"), None);
    }
}
