//! Checking one server: every case of every vector, by real requests.

use super::*;

/// Headers the HTTP stacks add on their own; any other header must be listed in the vector.
pub const TRANSPORT_HEADERS: &[&str] = &["content-length", "date", "connection", "keep-alive"];

/// Compares one received response with one vector case; `now` is in Unix nanoseconds.
///
/// # Errors
///
/// Every difference found, one a line.
pub fn compare(expected: &VectorCase, received: &Received, now: i128) -> Result<Captured, String> {
    let mut problems = Vec::new();

    if received.status != expected.status {
        problems.push(format!(
            "status {} instead of {}",
            received.status, expected.status
        ));
    }

    for (name, value) in &expected.headers {
        match received.values(name).as_slice() {
            [] => problems.push(format!("header {name} is missing (expected {value:?})")),
            [got] if *got == value.as_bytes() => {}
            [got] => problems.push(format!(
                "header {name} is {:?} instead of {value:?}",
                String::from_utf8_lossy(got)
            )),
            many => problems.push(format!(
                "header {name} appears {} times (expected once, {value:?})",
                many.len()
            )),
        }
    }
    for (name, _) in &received.headers {
        if !expected.headers.contains_key(name) && !TRANSPORT_HEADERS.contains(&name.as_str()) {
            problems.push(format!(
                "unexpected header {name} (neither in the vector nor a transport header {TRANSPORT_HEADERS:?})"
            ));
        }
    }
    let length = received.body.len().to_string();
    match received.values("content-length").as_slice() {
        [got] if *got == length.as_bytes() => {}
        other => problems.push(format!(
            "content-length {:?} does not state the body length {length}",
            other
                .iter()
                .map(|v| String::from_utf8_lossy(v))
                .collect::<Vec<_>>()
        )),
    }

    let captured = match match_body(&expected.body, &received.body, now) {
        Ok(captured) => captured,
        Err(why) => {
            problems.push(format!("body: {why}"));
            Captured::default()
        }
    };

    if contains(&received.body, SECRET.as_bytes()) {
        problems.push(format!("the body leaks the secret {SECRET:?}"));
    }
    for (name, value) in &received.headers {
        if contains(value, SECRET.as_bytes()) || name.contains(SECRET) {
            problems.push(format!("header {name} leaks the secret {SECRET:?}"));
        }
    }

    if problems.is_empty() {
        Ok(captured)
    } else {
        Err(problems.join("\n"))
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Sends a real GET for every case of every vector to `base` (`http://127.0.0.1:port`),
/// where `framework` serves `/{Envelope}/{case}`, and compares the responses.
///
/// # Panics
///
/// With every failure, each naming envelope, case and framework, and showing the expected and
/// the actual response.
pub async fn check_server(framework: &str, base: &str, vectors: &[VectorFile]) {
    let client = reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(30))
        .build()
        .expect("reqwest client");

    let mut failures = Vec::new();
    let mut checked = 0;
    let mut uuids = BTreeMap::new();
    for file in vectors {
        for case in &file.cases {
            let url = format!("{base}/{}/{}", file.envelope, case.case);
            let context = format!(
                "[{framework}] envelope {}, case {} (GET {url}, vector {})",
                file.envelope,
                case.case,
                file.path.display()
            );
            let received = match get(&client, &url).await {
                Ok(received) => received,
                Err(e) => {
                    failures.push(format!("{context}: request failed: {e}"));
                    continue;
                }
            };
            checked += 1;
            match compare(case, &received, unix_nanos_now()) {
                Ok(captured) => {
                    for uuid in captured.uuids {
                        if let Some(other) = uuids.insert(uuid.clone(), context.clone()) {
                            failures.push(format!(
                                "{context}: request id {uuid} was already used by {other}; \
                                 a fresh UUID v4 is expected per response"
                            ));
                        }
                    }
                }
                Err(why) => failures.push(format!(
                    "{context}:\n{}\n--- expected: status {}, headers {:?}\n{}\n--- actual:\n{}",
                    indent(&why),
                    case.status,
                    case.headers,
                    case.body,
                    received.describe()
                )),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of the {framework} responses differ from the vectors:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    let expected: usize = vectors.iter().map(|file| file.cases.len()).sum();
    assert_eq!(
        checked, expected,
        "[{framework}] not every case was checked"
    );
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|line| format!("    {line}"))
        .collect::<Vec<_>>()
        .join("\n")
}

async fn get(client: &reqwest::Client, url: &str) -> Result<Received, reqwest::Error> {
    let response = client.get(url).send().await?;
    let status = response.status().as_u16();
    let headers = response
        .headers()
        .iter()
        .map(|(name, value)| (name.as_str().to_owned(), value.as_bytes().to_vec()))
        .collect();
    let body = response.bytes().await?.to_vec();
    Ok(Received {
        status,
        headers,
        body,
    })
}
