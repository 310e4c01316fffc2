//! The catalog as JSON records and as a Markdown page.

use super::*;

#[test]
fn json_records_say_everything_of_a_code() {
    let catalog = apierror::catalog::<Shop>();
    let value = catalog.to_json();
    let top: Vec<&String> = value.as_object().unwrap().keys().collect();
    assert_eq!(top, ["about", "codes"]);
    assert_eq!(value["about"], SHOP_ABOUT);
    let records = value["codes"].as_array().unwrap();
    // Shop's nine, and the renderer's `INTERNAL_ERROR`.
    assert_eq!(records.len(), 10);
    let mut members: Vec<&str> = records[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    members.sort_unstable();
    let mut expected_members = [
        "code",
        "status",
        "title",
        "summary",
        "description",
        "help",
        "retryable",
        "retry_after",
        "type",
        "grpc",
        "message",
        "fields",
        "example",
    ];
    expected_members.sort_unstable();
    assert_eq!(members, expected_members);

    assert_eq!(
        records[0],
        json!({
            "code": "item_not_found",
            "status": 404,
            "title": "Not Found",
            "summary": "The item does not exist (or was withdrawn from sale).",
            "description": "Item ids are never reused.\n\n    GET /items/{id}",
            "help": "Check the id; `GET /items` lists them | all.",
            "retryable": false,
            "retry_after": null,
            "type": "https://errors.example.com/shop/item-not-found",
            // No `grpc` key: the name Google's envelope writes for a 404.
            "grpc": "NOT_FOUND",
            "message": "item {item_id:?} not found",
            "fields": [{"name": "id", "type": "u64", "role": "detail"}],
            "example": {
                "status": 404,
                "headers": {"content-type": "application/json"},
                "body": {"error": {"code": "item_not_found", "message": "item {item_id:?} not found", "details": {"id": 42}}},
            },
        })
    );
    let stock = &records[1];
    assert_eq!(
        (&stock["title"], &stock["type"], &stock["grpc"]),
        (
            &json!("Out of stock"),
            &json!("https://docs.example.com/problems/out-of-stock"),
            &json!("ABORTED")
        )
    );
    assert_eq!(
        records[2]["fields"],
        json!([
            {"name": "wait", "type": "Option<u64>", "role": "retry_after"},
            {"name": "limit", "type": "RateLimit", "role": "rate_limit"},
        ])
    );
    assert_eq!(records[3]["retry_after"], 120);
    assert_eq!(
        records[3]["example"]["headers"],
        json!({"content-type": "application/json", "retry-after": "120"})
    );
    assert_eq!(records[4]["summary"], "");
    assert_eq!(records[4]["help"], serde_json::Value::Null);
    assert_eq!(records[4]["message"], "Internal Server Error");
    assert_eq!(
        records[7]["fields"],
        json!([{"name": "violations", "type": "Vec<Violation>", "role": "violations"}])
    );
    assert_eq!(records[8]["type"], "about:blank", "no type URI");
    assert_eq!(records[8]["title"], "Payment Required");

    assert_eq!(serde_json::to_value(&catalog).unwrap(), value);
    let text = catalog.to_json_string();
    assert!(text.ends_with("}\n") && !text.ends_with("\n\n"));
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&text).unwrap(),
        value
    );
}

// ---------------------------------------------------------------------------------------------
// Markdown
// ---------------------------------------------------------------------------------------------

#[test]
fn markdown_is_an_intro_a_table_and_a_section_per_code() {
    let page = apierror::catalog::<Shop>().markdown();
    // The gRPC column: `grpc = "ABORTED"` for OUT_OF_STOCK, else the Google envelope's
    // mapping of the status (402 is "any other 4xx": FAILED_PRECONDITION; 502 and 503 are
    // UNAVAILABLE).
    let table = "| Code | Status | gRPC | Description | What to do |\n|---|---|---|---|---|\n\
         | `CARD_DECLINED` | 402 | FAILED_PRECONDITION | The card was declined. |  |\n\
         | `item_not_found` | 404 | NOT_FOUND | The item does not exist (or was withdrawn from sale). | Check the id; `GET /items` lists them \\| all. |\n\
         | `OUT_OF_STOCK` | 409 | ABORTED | Not enough of the item is left for the order. | Order fewer, or retry once the item is restocked. |\n\
         | `invalid_order` | 422 | INVALID_ARGUMENT | The order failed validation. |  |\n\
         | `rate_limited` | 429 | RESOURCE_EXHAUSTED | Too many requests in the current window. |  |\n\
         | `INTERNAL_ERROR` | 500 | INTERNAL | The server could not answer the request, and says nothing of why. | If it persists, report the response's `x-request-id` header. |\n\
         | `SHOP_CLOSED` | 500 | INTERNAL | The shop is closed today. |  |\n\
         | `database` | 500 | INTERNAL | Internal Server Error |  |\n\
         | `provider` | 502 | UNAVAILABLE | The payment provider answered with an error. |  |\n\
         | `maintenance` | 503 | UNAVAILABLE | The shop is down for planned maintenance. | Retry after two minutes. |\n";
    let head = format!("{SHOP_ABOUT}\n\n{table}");
    assert!(
        page.starts_with(&head),
        "intro and table:\n{}",
        &page[..head.len().min(page.len())]
    );

    // One section per code, in the table's order, each with an HTTP example.
    let sections: Vec<&str> = page
        .lines()
        .filter_map(|l| l.strip_prefix("## `")?.strip_suffix('`'))
        .collect();
    assert_eq!(
        sections,
        [
            "CARD_DECLINED",
            "item_not_found",
            "OUT_OF_STOCK",
            "invalid_order",
            "rate_limited",
            "INTERNAL_ERROR",
            "SHOP_CLOSED",
            "database",
            "provider",
            "maintenance",
        ]
    );
    assert_eq!(page.matches("```http\nHTTP/1.1 ").count(), 10);

    let item = "\n## `item_not_found`\n\n404 Not Found\n\n\
         The item does not exist (or was withdrawn from sale).\n\n\
         Item ids are never reused.\n\n    GET /items/{id}\n\n\
         **What to do:** Check the id; `GET /items` lists them | all.\n\n\
         Do not retry the same request unchanged.\n\n\
         Problem type: `https://errors.example.com/shop/item-not-found`\n\n\
         | Field | Type | Sent as |\n|---|---|---|\n\
         | `id` | `u64` | a detail |\n\n\
         ```http\nHTTP/1.1 404 Not Found\ncontent-type: application/json\n\n\
         {\"error\":{\"code\":\"item_not_found\",\"message\":\"item {item_id:?} not found\",\"details\":{\"id\":42}}}\n\
         ```\n";
    assert!(page.contains(item), "{page}");

    assert!(page.contains("\n## `OUT_OF_STOCK`\n\n409 Conflict · Out of stock\n\n"));
    assert!(page.contains("\n\nRetryable, with backoff.\n\n"));
    assert!(page
        .contains("\n\nRetryable: wait as long as the `Retry-After` header says, then retry.\n\n"));
    assert!(page.contains("\n\nRetryable: wait 120 s (the `Retry-After` header), then retry.\n\n"));
    assert!(page.contains(
        "| `wait` | `Option<u64>` | the retry delay (`Retry-After`) |\n\
         | `limit` | `RateLimit` | the rate-limit headers |\n"
    ));
    assert!(page.contains("| `violations` | `Vec<Violation>` | the per-field violations |\n"));
    assert!(page.contains(
        "```http\nHTTP/1.1 503 Service Unavailable\ncontent-type: application/json\nretry-after: 120\n\n"
    ));
    // A code without docs is described by its title, in its row and in its section.
    assert!(page.contains(
        // No doc comment: the reason phrase is said once, in the status line.
        "\n## `database`\n\n500 Internal Server Error\n\nDo not retry"
    ));
    assert!(page.ends_with("```\n"));
}
