//! Message templates: `"user {id} not found"` split into literal text and field arguments.

/// One piece of a template.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Piece {
    /// Text written as it is (with `{{` and `}}` already unescaped).
    Literal(String),
    /// A field, with its format spec (`""` for `{x}`, `"?"` for `{x:?}`) and the formatting
    /// trait that spec needs of the field.
    Arg {
        field: FieldRef,
        spec: String,
        bound: Trait,
    },
}

/// The `core::fmt` trait a placeholder uses, from the type at the end of its spec.
#[derive(Debug, PartialEq, Eq, Clone, Copy)]
pub(crate) enum Trait {
    Display,
    Debug,
    LowerHex,
    UpperHex,
    Octal,
    Binary,
    LowerExp,
    UpperExp,
}

impl Trait {
    /// The trait's name in `core::fmt`.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Trait::Display => "Display",
            Trait::Debug => "Debug",
            Trait::LowerHex => "LowerHex",
            Trait::UpperHex => "UpperHex",
            Trait::Octal => "Octal",
            Trait::Binary => "Binary",
            Trait::LowerExp => "LowerExp",
            Trait::UpperExp => "UpperExp",
        }
    }
}

/// How a template names a field.
#[derive(Debug, PartialEq, Eq, Clone)]
pub(crate) enum FieldRef {
    Named(String),
    Index(usize),
}

impl std::fmt::Display for FieldRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FieldRef::Named(name) => f.write_str(name),
            FieldRef::Index(index) => write!(f, "{index}"),
        }
    }
}

/// Parses a template, with the same brace rules as `format!`.
pub(crate) fn parse(template: &str) -> Result<Vec<Piece>, String> {
    let mut pieces = Vec::new();
    let mut text = String::new();
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                text.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                text.push('}');
            }
            '}' => {
                return Err("unmatched `}` in message: write `}}` for a literal brace".into());
            }
            '{' => {
                let mut inner = String::new();
                loop {
                    match chars.next() {
                        Some('}') => break,
                        Some('{') | None => {
                            return Err(
                                "unclosed `{` in message: write `{field}` for a field, or `{{` for a literal brace"
                                    .into(),
                            )
                        }
                        Some(c) => inner.push(c),
                    }
                }
                let (name, spec) = match inner.split_once(':') {
                    Some((name, spec)) => (name.trim(), spec.to_owned()),
                    None => (inner.trim(), String::new()),
                };
                let field = if name.is_empty() {
                    return Err(
                        "`{}` names no field: write `{field}` (or `{0}` for a tuple variant)"
                            .into(),
                    );
                } else if let Ok(index) = name.parse::<usize>() {
                    FieldRef::Index(index)
                } else if is_ident(name) {
                    FieldRef::Named(name.strip_prefix("r#").unwrap_or(name).to_owned())
                } else {
                    return Err(format!(
                        "`{{{name}}}` is not a field: write `{{field}}`, `{{field:?}}` or `{{0}}`"
                    ));
                };
                let bound = check_spec(&field, &spec)?;
                if !text.is_empty() {
                    pieces.push(Piece::Literal(std::mem::take(&mut text)));
                }
                pieces.push(Piece::Arg { field, spec, bound });
            }
            c => text.push(c),
        }
    }
    if !text.is_empty() {
        pieces.push(Piece::Literal(text));
    }
    Ok(pieces)
}

/// Checks a format spec against `format!`'s grammar, `[[fill]align][sign][#][0][width][.precision]type`,
/// without the forms that name another argument (`width$`, `.*`), which a template has none of;
/// returns the trait its type needs.
fn check_spec(field: &FieldRef, spec: &str) -> Result<Trait, String> {
    let chars: Vec<char> = spec.chars().collect();
    let mut i = 0;
    let is_align = |c: Option<&char>| matches!(c, Some('<' | '^' | '>'));
    if is_align(chars.get(1)) {
        i = 2;
    } else if is_align(chars.first()) {
        i = 1;
    }
    if matches!(chars.get(i), Some('+' | '-')) {
        i += 1;
    }
    if chars.get(i) == Some(&'#') {
        i += 1;
    }
    while chars.get(i).is_some_and(char::is_ascii_digit) {
        i += 1;
    }
    if chars.get(i) == Some(&'.') {
        i += 1;
        while chars.get(i).is_some_and(char::is_ascii_digit) {
            i += 1;
        }
    }
    let kind: String = chars[i.min(chars.len())..].iter().collect();
    let bound = match kind.as_str() {
        "" => Some(Trait::Display),
        "?" | "x?" | "X?" => Some(Trait::Debug),
        "x" => Some(Trait::LowerHex),
        "X" => Some(Trait::UpperHex),
        "o" => Some(Trait::Octal),
        "b" => Some(Trait::Binary),
        "e" => Some(Trait::LowerExp),
        "E" => Some(Trait::UpperExp),
        _ => None,
    };
    if let Some(bound) = bound {
        return Ok(bound);
    }
    Err(if kind.contains('$') || kind.contains('*') {
        format!(
            "`{{{field}:{spec}}}`: a message template cannot take a width or precision from \
             another argument; write a number, as `{{{field}:>8}}`"
        )
    } else {
        format!(
            "`{{{field}:{spec}}}`: `{kind}` is not a format; write `{{{field}}}` (Display) or \
             `{{{field}:?}}` (Debug)"
        )
    })
}

fn is_ident(name: &str) -> bool {
    let name = name.strip_prefix("r#").unwrap_or(name);
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c == '_' || c.is_alphabetic())
        && chars.all(|c| c == '_' || c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn literal(s: &str) -> Piece {
        Piece::Literal(s.into())
    }

    fn arg(name: &str, spec: &str) -> Piece {
        let field = match name.parse() {
            Ok(i) => FieldRef::Index(i),
            Err(_) => FieldRef::Named(name.into()),
        };
        let bound = check_spec(&field, spec).unwrap();
        Piece::Arg {
            field,
            spec: spec.into(),
            bound,
        }
    }

    #[test]
    fn pieces() {
        assert_eq!(
            parse("user {id} not found").unwrap(),
            [literal("user "), arg("id", ""), literal(" not found")]
        );
        assert_eq!(parse("{0:?}{1}").unwrap(), [arg("0", "?"), arg("1", "")]);
        assert_eq!(
            parse("{{literal}} {r#type}").unwrap(),
            [literal("{literal} "), arg("type", "")]
        );
        assert_eq!(parse("{ x :>8}").unwrap(), [arg("x", ">8")]);
        assert_eq!(parse("{x:*^+#010.3?}").unwrap(), [arg("x", "*^+#010.3?")]);
        assert_eq!(
            parse("{x:08.2e}{y:#X}").unwrap(),
            [arg("x", "08.2e"), arg("y", "#X")]
        );
        assert_eq!(parse("").unwrap(), []);
    }

    #[test]
    fn each_spec_names_its_trait() {
        for (spec, bound) in [
            ("", Trait::Display),
            (">5", Trait::Display),
            ("*^+#010.3", Trait::Display),
            ("?", Trait::Debug),
            ("#?", Trait::Debug),
            ("x?", Trait::Debug),
            ("X?", Trait::Debug),
            ("x", Trait::LowerHex),
            ("#010x", Trait::LowerHex),
            ("X", Trait::UpperHex),
            ("o", Trait::Octal),
            ("b", Trait::Binary),
            ("e", Trait::LowerExp),
            ("08.2E", Trait::UpperExp),
        ] {
            let pieces = parse(&format!("{{x:{spec}}}")).unwrap();
            assert!(
                matches!(&pieces[..], [Piece::Arg { bound: b, .. }] if *b == bound),
                "{spec}: {pieces:?}"
            );
        }
    }

    #[test]
    fn errors() {
        for bad in [
            "{", "}", "a {b", "{}", "{a b}", "x }", "{{x}", "{a:q}", "{a:w$}", "{a:.*}", "{a:??}",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
