//! `schemas/standard.v2.schema.json` agrees with the front end: the default
//! standard (TOML as its JSON data model) validates, a misspelled key or a
//! bad value does not, and every check type the engine registers is in the
//! schema's `type` enum (with a small validator for the keywords the schema
//! uses, like `crates/model/tests/schema.rs`).

use serde_json::Value;

use callqa_standard::{Check, DEFAULT_STANDARD_TOML};

fn schema() -> Value {
    let path = format!(
        "{}/../../schemas/standard.v2.schema.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).expect("schema file");
    let schema: Value = serde_json::from_str(&text).expect("schema is json");
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    schema
}

/// Validates `v` against `s` for the keywords the schema uses (`pattern`
/// is not checked). Pushes the problems to `out`.
fn validate(root: &Value, s: &Value, v: &Value, at: &str, out: &mut Vec<String>) {
    let Some(s) = s.as_object() else { return };
    if let Some(r) = s.get("$ref").and_then(Value::as_str) {
        let target = root.pointer(r.trim_start_matches('#')).expect(r);
        validate(root, target, v, at, out);
    }
    if let Some(t) = s.get("type").and_then(Value::as_str) {
        let ok = match t {
            "boolean" => v.is_boolean(),
            "string" => v.is_string(),
            "number" => v.is_number(),
            "integer" => v.is_i64() || v.is_u64(),
            "array" => v.is_array(),
            "object" => v.is_object(),
            _ => false,
        };
        if !ok {
            out.push(format!("{at}: {v} is not of type {t}"));
            return;
        }
    }
    if let Some(e) = s.get("enum").and_then(Value::as_array) {
        if !e.contains(v) {
            out.push(format!("{at}: {v} is not one of {e:?}"));
        }
    }
    if let (Some(min), Some(x)) = (s.get("minimum").and_then(Value::as_f64), v.as_f64()) {
        if x < min {
            out.push(format!("{at}: {x} < {min}"));
        }
    }
    if let (Some(max), Some(x)) = (s.get("maximum").and_then(Value::as_f64), v.as_f64()) {
        if x > max {
            out.push(format!("{at}: {x} > {max}"));
        }
    }
    if let (Some(min), Some(x)) = (s.get("minLength").and_then(Value::as_u64), v.as_str()) {
        if (x.chars().count() as u64) < min {
            out.push(format!("{at}: {x:?} is shorter than {min}"));
        }
    }
    if let (Some(item), Some(items)) = (s.get("items"), v.as_array()) {
        for (i, x) in items.iter().enumerate() {
            validate(root, item, x, &format!("{at}[{i}]"), out);
        }
    }
    if let Some(m) = v.as_object() {
        for r in s
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if !m.contains_key(r.as_str().expect("required names")) {
                out.push(format!("{at}: {r} is required"));
            }
        }
        let props = s.get("properties").and_then(Value::as_object);
        for (k, x) in m {
            match (props.and_then(|p| p.get(k)), s.get("additionalProperties")) {
                (Some(p), _) => validate(root, p, x, &format!("{at}.{k}"), out),
                (None, Some(Value::Bool(false))) => {
                    out.push(format!("{at}: unknown property {k:?}"));
                }
                (None, Some(extra)) => validate(root, extra, x, &format!("{at}.{k}"), out),
                (None, None) => {}
            }
        }
    }
    if let Some(any) = s.get("anyOf").and_then(Value::as_array) {
        if !any.iter().any(|a| check(root, a, v).is_empty()) {
            out.push(format!("{at}: {v} matches none of anyOf"));
        }
    }
}

fn check(root: &Value, s: &Value, v: &Value) -> Vec<String> {
    let mut out = Vec::new();
    validate(root, s, v, "", &mut out);
    out
}

fn as_json(toml_text: &str) -> Value {
    let t: toml::Table = toml::from_str(toml_text).expect("toml");
    serde_json::to_value(t).expect("json")
}

#[test]
fn the_default_standard_validates() {
    let s = schema();
    let problems = check(&s, &s, &as_json(DEFAULT_STANDARD_TOML));
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn a_misspelled_key_and_a_bad_severity_do_not() {
    let s = schema();
    let bad = DEFAULT_STANDARD_TOML
        .replacen("\nring_cycle_secs =", "\nring_cycle_sec =", 1)
        .replacen("severity = \"major\"", "severity = \"huge\"", 1);
    let problems = check(&s, &s, &as_json(&bad));
    assert!(
        problems.iter().any(|p| p.contains("\"ring_cycle_sec\"")),
        "{problems:#?}"
    );
    assert!(
        problems.iter().any(|p| p.contains("\"huge\"")),
        "{problems:#?}"
    );
}

#[test]
fn every_check_type_is_in_the_schema() {
    let s = schema();
    let types: Vec<&str> = s["$defs"]["rule"]["properties"]["check"]["properties"]["type"]["enum"]
        .as_array()
        .expect("type enum")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(types, Check::NAMES);
}
