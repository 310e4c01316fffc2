//! The published examples and the seed documents' bodies.

use super::*;

fn examples() -> Vec<Example> {
    let dir = root().join("tests/client_examples");
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("MANIFEST.json")).unwrap()).unwrap();
    manifest["examples"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| {
            let body = match (entry.get("file"), entry.get("body")) {
                (Some(file), None) => std::fs::read(dir.join(file.as_str().unwrap())).unwrap(),
                (None, Some(body)) => body.as_str().unwrap().as_bytes().to_vec(),
                _ => panic!("{entry}: a file or a body"),
            };
            Example {
                name: entry["name"].as_str().unwrap().to_owned(),
                source: entry["source"].as_str().unwrap().to_owned(),
                status: status(&entry["status"]),
                headers: header_map(entry["headers"].as_object().unwrap()),
                body,
                entry: entry.clone(),
            }
        })
        .collect()
}

/// `text` without `//` comments (outside strings), as AIP-193 annotates its JSON.
fn strip_comments(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let mut quoted = false;
        let mut escaped = false;
        let mut end = line.len();
        for (i, c) in line.char_indices() {
            match c {
                _ if escaped => escaped = false,
                '\\' if quoted => escaped = true,
                '"' => quoted = !quoted,
                '/' if !quoted && line[i..].starts_with("//") => {
                    end = i;
                    break;
                }
                _ => {}
            }
        }
        out.push_str(&line[..end]);
        out.push('\n');
    }
    out
}

/// Checks one decoded example against its `expect`: whatever it leaves out must be absent.
fn check(name: &str, response: &ErrorResponse, expect: &Value) {
    let string = |key: &str| expect.get(key).and_then(Value::as_str);
    assert_eq!(
        format_name(response.format()),
        expect["format"].as_str().unwrap(),
        "{name}: format"
    );
    assert_eq!(response.code(), string("code"), "{name}: code");
    assert_eq!(response.message(), string("message"), "{name}: message");
    assert_eq!(
        response.request_id(),
        string("request_id"),
        "{name}: request id"
    );
    assert_eq!(
        response.retry_after(),
        expect
            .get("retry_after_ms")
            .and_then(Value::as_u64)
            .map(Duration::from_millis),
        "{name}: retry after"
    );
    let details = response.details().map(|text| {
        serde_json::from_str::<Value>(text).unwrap_or_else(|e| panic!("{name}: {e}: {text}"))
    });
    assert_eq!(details.as_ref(), expect.get("details"), "{name}: details");
    for (key, value) in expect
        .get("detail")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        assert_eq!(
            response.detail::<Value>(key).as_ref(),
            Some(value),
            "{name}: detail {key}"
        );
    }
    let violations: Vec<(String, String, Option<String>)> = response
        .violations()
        .iter()
        .map(|v| {
            (
                v.json_pointer().into_owned(),
                v.message().to_owned(),
                v.code().map(str::to_owned),
            )
        })
        .collect();
    let expected: Vec<(String, String, Option<String>)> = expect
        .get("violations")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|v| {
            (
                v[0].as_str().unwrap().to_owned(),
                v[1].as_str().unwrap().to_owned(),
                v[2].as_str().map(str::to_owned),
            )
        })
        .collect();
    assert_eq!(violations, expected, "{name}: violations");
}

#[test]
fn published_examples_and_seed_bodies_decode() {
    let examples = examples();
    assert!(examples.len() >= 30);
    for example in &examples {
        let name = &example.name;
        let expect = &example.entry["expect"];
        let mut body = example.body.clone();
        if example.entry.get("strip_comments").is_some() {
            // As published, it is not JSON: nothing is read from it.
            let verbatim = ErrorResponse::parse(example.status, &example.headers, &body);
            assert_eq!(verbatim.format(), Format::Unknown, "{name} (verbatim)");
            assert_eq!(verbatim.code(), None, "{name} (verbatim)");
            body = strip_comments(std::str::from_utf8(&body).unwrap()).into_bytes();
        }
        let response = ErrorResponse::parse(example.status, &example.headers, &body);
        assert_eq!(response.status(), example.status, "{name}");
        assert_eq!(response.body(), &body[..], "{name}");
        check(name, &response, expect);
        if example.entry.get("also_by_shape").is_some() {
            let mut plain = example.headers.clone();
            plain.insert("content-type", HeaderValue::from_static("application/json"));
            let by_shape = ErrorResponse::parse(example.status, &plain, &body);
            check(&format!("{name} (by shape)"), &by_shape, expect);
        }
        // The body repeats nothing by chance: the source it names has it.
        if !example.source.starts_with("https://") {
            let source = std::fs::read_to_string(root().join("..").join(&example.source)).unwrap();
            let quoted = std::str::from_utf8(&example.body).unwrap();
            assert!(
                source.contains(quoted),
                "{name}: not quoted in {}",
                example.source
            );
        }
    }
}
