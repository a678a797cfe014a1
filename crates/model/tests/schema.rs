//! The JSON Schemas in `schemas/` agree with the parser and the output types:
//! they are valid JSON; the spec's examples and callqa's own output validate
//! (with a small validator for the keywords the schemas use, so that no
//! schema crate with its dependency tree is needed); the properties the
//! schema names are exactly those the parser reads and the types write.

use std::collections::BTreeSet;

use serde_json::{json, Value};

use callqa_model::{
    call_from_json, CallAudit, CallInfo, Direction, EventKind, Evidence, Lang, Outcome, Party,
    SectionScore, Severity, Verdict, V1,
};

fn schema(name: &str) -> Value {
    let path = format!("{}/../../schemas/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    schema
}

/// Validates `v` against `s` for the keywords our schemas use (`pattern`
/// and `format` are not checked). Returns the problems.
fn validate(root: &Value, s: &Value, v: &Value, at: &str, out: &mut Vec<String>) {
    let Some(s) = s.as_object() else { return };
    if let Some(r) = s.get("$ref").and_then(Value::as_str) {
        let target = root.pointer(r.trim_start_matches('#')).expect(r);
        validate(root, target, v, at, out);
    }
    if let Some(t) = s.get("type") {
        let types: Vec<&str> = match t {
            Value::String(t) => vec![t.as_str()],
            Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        let ok = types.iter().any(|t| match *t {
            "null" => v.is_null(),
            "boolean" => v.is_boolean(),
            "string" => v.is_string(),
            "number" => v.is_number(),
            "integer" => v.is_i64() || v.is_u64(),
            "array" => v.is_array(),
            "object" => v.is_object(),
            _ => false,
        });
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
    if let Some(c) = s.get("const") {
        if c != v {
            out.push(format!("{at}: {v} is not {c}"));
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
    if let Some(items) = v.as_array() {
        if let Some(max) = s.get("maxItems").and_then(Value::as_u64) {
            assert!(items.len() as u64 <= max);
        }
        if let Some(item) = s.get("items") {
            for (i, x) in items.iter().enumerate() {
                validate(root, item, x, &format!("{at}[{i}]"), out);
            }
        }
    }
    if let Some(m) = v.as_object() {
        for r in s
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if !m.contains_key(r.as_str().unwrap()) {
                out.push(format!("{at}: {r} is required"));
            }
        }
        let props = s.get("properties").and_then(Value::as_object);
        for (k, x) in m {
            match props.and_then(|p| p.get(k)) {
                Some(p) => validate(root, p, x, &format!("{at}.{k}"), out),
                None => {
                    if let Some(extra) = s.get("additionalProperties") {
                        validate(root, extra, x, &format!("{at}.{k}"), out);
                    }
                }
            }
        }
    }
    if let Some(any) = s.get("anyOf").and_then(Value::as_array) {
        if !any.iter().any(|a| check(root, a, v).is_empty()) {
            out.push(format!("{at}: {v} matches none of anyOf"));
        }
    }
    for a in s
        .get("allOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        validate(root, a, v, at, out);
    }
    if let (Some(cond), Some(then)) = (s.get("if"), s.get("then")) {
        if check(root, cond, v).is_empty() {
            validate(root, then, v, at, out);
        }
    }
}

fn check(root: &Value, s: &Value, v: &Value) -> Vec<String> {
    let mut out = Vec::new();
    validate(root, s, v, "", &mut out);
    out
}

fn check_root(schema: &Value, v: &Value) -> Vec<String> {
    check(schema, schema, v)
}

/// Property paths a schema names: `operator.id`, `events[].at`, …
fn schema_paths(root: &Value, s: &Value, at: &str, out: &mut BTreeSet<String>) {
    if let Some(r) = s.get("$ref").and_then(Value::as_str) {
        schema_paths(
            root,
            root.pointer(r.trim_start_matches('#')).unwrap(),
            at,
            out,
        );
    }
    for a in s
        .get("anyOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        schema_paths(root, a, at, out);
    }
    if let Some(items) = s.get("items") {
        schema_paths(root, items, &format!("{at}[]"), out);
    }
    for (k, p) in s
        .get("properties")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        let path = if at.is_empty() {
            k.clone()
        } else {
            format!("{at}.{k}")
        };
        out.insert(path.clone());
        schema_paths(root, p, &path, out);
    }
}

/// Property paths present in a JSON value, in the same notation.
fn value_paths(v: &Value, at: &str, skip_maps: &[&str], out: &mut BTreeSet<String>) {
    match v {
        Value::Object(m) if !skip_maps.contains(&at) => {
            for (k, x) in m {
                let path = if at.is_empty() {
                    k.clone()
                } else {
                    format!("{at}.{k}")
                };
                out.insert(path.clone());
                value_paths(x, &path, skip_maps, out);
            }
        }
        Value::Array(items) => {
            for x in items {
                value_paths(x, &format!("{at}[]"), skip_maps, out);
            }
        }
        _ => {}
    }
}

/// A call using every property of the format: the spec's example
/// (`tests/data/spec-call.json`, shared with the parser's unit tests).
fn full_call() -> Value {
    serde_json::from_str(include_str!("data/spec-call.json")).expect("valid JSON")
}

fn full_audit() -> CallAudit {
    let evidence = Evidence::quote(Party::Operator, 96.0, 99.2, "Так, смотрите");
    let mut hold = Verdict::new("hold.thanks", Outcome::Fail, Severity::Major, 10.0);
    hold.title = "Спасибо за ожидание".into();
    hold.message = Some("no thanks for waiting".into());
    hold.evidence = vec![evidence];
    let mut na = Verdict::new(
        "outbound.time_check",
        Outcome::NotApplicable,
        Severity::Minor,
        5.0,
    );
    na.reason = Some("inbound call".into());
    let mut fillers = Verdict::new("speech.fillers", Outcome::Fail, Severity::Minor, 5.0);
    fillers.message = Some("7 × filler words: «ну» and 6 more".into());
    // an English filler in a Russian call: matched by the English entries
    fillers.evidence = vec![
        Evidence::quote(Party::Operator, 20.0, 22.0, "ну"),
        Evidence::quote(Party::Operator, 31.0, 32.0, "um").in_language(Lang::En),
    ];
    fillers.more = 5;
    let mut air = Verdict::new("silence.dead_air", Outcome::Fail, Severity::Minor, 5.0);
    air.message = Some("silence of 14 s".into());
    air.evidence = vec![Evidence::fact(40.0, 54.0, "silence 0:40–0:54")];
    let mut smile = Verdict::new("manner.smile", Outcome::NotApplicable, Severity::Minor, 0.0);
    smile.reason = Some("to be marked by a supervisor".into());
    smile.manual = true;
    CallAudit {
        call: "2026-03-02-000117".into(),
        standard: "ru-default@1".into(),
        score: Some(84.6),
        raw_score: Some(84.6),
        passed: true,
        sections: vec![
            SectionScore {
                section: "opening".into(),
                score: Some(83.3),
            },
            SectionScore {
                section: "hold".into(),
                score: None,
            },
        ],
        operator: Some("op-17".into()),
        info: CallInfo {
            started_at: Some("2026-03-02T09:15:04+03:00".into()),
            direction: Some(Direction::Inbound),
            language: Some(Lang::Ru),
            operator_name: Some("Анна Смирнова".into()),
            queue: Some("support".into()),
            duration: 301.2,
            talk_time: Some(291.4),
        },
        verdicts: vec![hold, na, fillers, air, smile],
    }
}

#[test]
fn call_examples_validate_and_bad_ones_do_not() {
    let schema = schema("call-record.v1.schema.json");
    let call = full_call();
    assert_eq!(check_root(&schema, &call), Vec::<String>::new());
    let parsed = call_from_json(&call).unwrap();
    let written = serde_json::to_value(&parsed).unwrap();
    assert_eq!(check_root(&schema, &written), Vec::<String>::new());
    let minimal =
        json!({"id": 7, "direction": "outbound", "operator": {"id": "o"}, "client": null});
    assert_eq!(check_root(&schema, &minimal), Vec::<String>::new());

    for (pointer, bad) in [
        ("/direction", json!("sideways")),
        ("/id", json!("")),
        ("/events/5/by", Value::Null),
        ("/events/1/type", json!("hold")),
        ("/events/1/at", json!(-1)),
        ("/utterances/0/speaker", json!("agnt")),
        ("/utterances/0/words/0/conf", json!(1.5)),
        ("/tags/queue", json!([])),
    ] {
        let mut v = full_call();
        *v.pointer_mut(pointer).unwrap() = bad.clone();
        assert!(
            !check_root(&schema, &v).is_empty(),
            "{pointer} = {bad} passed the schema"
        );
        assert!(
            call_from_json(&v).is_err(),
            "{pointer} = {bad} passed the parser"
        );
    }
}

#[test]
fn the_schema_names_exactly_what_the_parser_reads() {
    let schema = schema("call-record.v1.schema.json");
    let mut in_schema = BTreeSet::new();
    schema_paths(&schema, &schema, "", &mut in_schema);

    // What the parser fills in (and the types write back).
    let written = serde_json::to_value(call_from_json(&full_call()).unwrap()).unwrap();
    let mut in_call = BTreeSet::new();
    value_paths(&written, "", &["tags"], &mut in_call);
    assert_eq!(in_schema, in_call);

    // Every property the schema names is read by the parser: a wrong type
    // there is reported at that path.
    for path in &in_schema {
        let mut v = full_call();
        let (pointer, concrete) = locate(&v, path).unwrap_or_else(|| panic!("{path}"));
        let slot = v.pointer_mut(&pointer).unwrap();
        *slot = if slot.is_array() {
            json!("wrong")
        } else {
            json!([[]])
        };
        let e = call_from_json(&v).expect_err(path);
        assert!(
            e.errors().iter().any(|f| f.path() == concrete),
            "{path}: not reported at {concrete}: {e}"
        );
    }
}

/// The JSON pointer and field path of the first place in `v` where a schema
/// path (`events[].by`) is present: `("/events/5/by", "events[5].by")`.
fn locate(v: &Value, path: &str) -> Option<(String, String)> {
    let (head, rest) = match path.find(['.', '[']) {
        Some(i) => (&path[..i], &path[i..]),
        None => (path, ""),
    };
    let child = v.get(head)?;
    if rest.is_empty() {
        return Some((format!("/{head}"), head.to_owned()));
    }
    if let Some(rest) = rest.strip_prefix("[].") {
        return child.as_array()?.iter().enumerate().find_map(|(i, x)| {
            let (p, f) = locate(x, rest)?;
            Some((format!("/{head}/{i}{p}"), format!("{head}[{i}].{f}")))
        });
    }
    let (p, f) = locate(child, rest.strip_prefix('.')?)?;
    Some((format!("/{head}{p}"), format!("{head}.{f}")))
}

#[test]
fn audit_output_v2_validates_and_matches_the_types() {
    let schema = schema("audit-output.v2.schema.json");
    let audit = full_audit();
    let written = serde_json::to_value(&audit).unwrap();
    assert_eq!(check_root(&schema, &written), Vec::<String>::new());
    assert_eq!(written["sections"], json!({"opening": 83.3, "hold": null}));
    assert_eq!(written["verdicts"][2]["more"], 5);
    assert_eq!(written["verdicts"][2]["evidence"][1]["lang"], "en");
    assert!(written["verdicts"][2]["evidence"][0].get("lang").is_none());
    assert_eq!(
        written["verdicts"][3]["evidence"][0],
        json!({"kind": "fact", "at": 40.0, "end": 54.0, "text": "silence 0:40–0:54"})
    );
    assert_eq!(written["verdicts"][0]["evidence"][0]["kind"], "quote");

    let mut unscored = audit.clone();
    unscored.score = None;
    unscored.raw_score = None;
    unscored.info.talk_time = None;
    let unscored = serde_json::to_value(&unscored).unwrap();
    assert_eq!(check_root(&schema, &unscored), Vec::<String>::new());
    assert!(unscored["score"].is_null() && unscored["talk_time"].is_null());

    let mut fact_without_text = written.clone();
    fact_without_text["verdicts"][3]["evidence"][0]
        .as_object_mut()
        .unwrap()
        .remove("text");
    assert_eq!(
        check_root(&schema, &fact_without_text),
        [".verdicts[3].evidence[0]: \"text\" is required"]
    );

    let mut in_schema = BTreeSet::new();
    schema_paths(&schema, &schema, "", &mut in_schema);
    let mut in_output = BTreeSet::new();
    value_paths(&written, "", &["sections"], &mut in_output);
    assert_eq!(in_schema, in_output);
}

#[test]
fn audit_output_v1_validates_and_matches_the_types() {
    let schema = schema("audit-output.v1.schema.json");
    let audit = full_audit();
    let written = serde_json::to_value(V1(&audit)).unwrap();
    // v1 has no manual items and no revision 2 fields.
    assert_eq!(written["verdicts"].as_array().unwrap().len(), 4);
    assert!(written.get("raw_score").is_none() && written.get("sections").is_none());
    assert_eq!(check_root(&schema, &written), Vec::<String>::new());

    let spec_example = json!({
      "call": "2026-03-02-000117",
      "standard": "ru-default@1",
      "score": 84.6,
      "passed": true,
      "verdicts": [
        {"rule": "greeting.company", "outcome": "pass", "severity": "major", "weight": 10,
         "evidence": [{"speaker": "operator", "start": 10.1, "end": 13.9, "quote": "компания «Ромашка»"}]},
        {"rule": "hold.thanks", "outcome": "fail", "severity": "major", "weight": 10,
         "message": "after the hold that ended at 1:35 the operator's first words were «Так, смотрите» — no thanks for waiting",
         "evidence": [{"speaker": "operator", "start": 96.0, "end": 99.2, "quote": "Так, смотрите"}]},
        {"rule": "outbound.time_check", "outcome": "n/a", "reason": "inbound call"}
      ]
    });
    assert_eq!(check_root(&schema, &spec_example), Vec::<String>::new());

    let mut no_message = written.clone();
    no_message["verdicts"][0]
        .as_object_mut()
        .unwrap()
        .remove("message");
    assert_eq!(
        check_root(&schema, &no_message),
        [".verdicts[0]: \"message\" is required"]
    );

    let mut in_schema = BTreeSet::new();
    schema_paths(&schema, &schema, "", &mut in_schema);
    let mut in_output = BTreeSet::new();
    value_paths(&written, "", &[], &mut in_output);
    assert_eq!(in_schema, in_output);
}

fn enum_of(schema: &Value, pointer: &str) -> Vec<String> {
    schema
        .pointer(pointer)
        .and_then(|e| e.get("enum"))
        .and_then(Value::as_array)
        .unwrap_or_else(|| panic!("{pointer}"))
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn enums_match_the_types() {
    let v2 = schema("audit-output.v2.schema.json");
    assert_eq!(
        enum_of(&v2, "/$defs/evidence/properties/kind"),
        ["quote", "fact"]
    );
    assert_eq!(
        enum_of(&v2, "/properties/language"),
        Lang::ALL.map(|l| l.as_str())
    );
    let audit = schema("audit-output.v1.schema.json");
    let outcomes = [Outcome::Pass, Outcome::Fail, Outcome::NotApplicable];
    assert_eq!(
        enum_of(&audit, "/$defs/verdict/properties/outcome"),
        outcomes.map(|o| o.as_str())
    );
    let severities = [Severity::Critical, Severity::Major, Severity::Minor];
    assert_eq!(
        enum_of(&audit, "/$defs/verdict/properties/severity"),
        severities.map(|s| s.as_str())
    );
    let call = schema("call-record.v1.schema.json");
    let kinds = [
        EventKind::Ring,
        EventKind::Answer,
        EventKind::HoldStart,
        EventKind::HoldEnd,
        EventKind::Transfer { to: None },
        EventKind::Hangup { by: Party::Client },
        EventKind::Drop,
    ];
    assert_eq!(
        enum_of(&call, "/$defs/event/properties/type"),
        kinds.map(|k| k.type_name())
    );
    assert_eq!(
        enum_of(&call, "/properties/direction"),
        ["inbound", "outbound"]
    );
    assert_eq!(enum_of(&call, "/$defs/party"), ["operator", "client"]);
}

/// The repository's example calls (`examples/*.json`) parse and validate.
#[test]
fn repository_examples_parse_and_validate() {
    let schema = schema("call-record.v1.schema.json");
    let dir = std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples"));
    let mut n = 0;
    for item in callqa_model::read_inputs(std::slice::from_ref(&dir)) {
        let call = item.unwrap_or_else(|e| panic!("{e}"));
        n += 1;
        assert!(!call.id.is_empty());
    }
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let v: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let records = match v {
                Value::Array(items) => items,
                v => vec![v],
            };
            for r in records {
                assert_eq!(
                    check_root(&schema, &r),
                    Vec::<String>::new(),
                    "{}",
                    path.display()
                );
            }
        }
    }
    assert!(n > 0 || !dir.exists());
}
