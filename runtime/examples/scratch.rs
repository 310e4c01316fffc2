fn main() {
    use utoipa::openapi::schema::Schema;
    for s in [
        r##"{"const":"X"}"##,
        r##"{}"##,
        r##"{"type":"string","enum":["X"]}"##,
        r##"{"type":"object","properties":{"code":{"type":"string","enum":["X"]},"id":{}},"required":["code"]}"##,
        r##"{"type":["integer","null"],"minimum":0}"##,
        r##"{"type":"array","contains":{"type":"object"}}"##,
        r##"{"title":"X","allOf":[{"$ref":"#/components/schemas/P"},{"type":"object","properties":{"code":{"type":"string","enum":["X"]}}}]}"##,
        r##"{"oneOf":[{"title":"X","allOf":[{"$ref":"#/components/schemas/P"},{"type":"object"}]}]}"##,
    ] {
        let v: serde_json::Value = serde_json::from_str(s).unwrap();
        match serde_json::from_value::<Schema>(v.clone()) {
            Ok(schema) => println!("OK  {s}\n -> {}", serde_json::to_string(&schema).unwrap()),
            Err(e) => println!("ERR {s}: {e}"),
        }
    }
}
