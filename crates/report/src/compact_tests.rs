//! Tests of `compact.rs`: every string, number and shape it writes is
//! compared byte for byte with `serde_json::to_vec`.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::compact::to_compact;

fn same_as_serde<T: Serialize + ?Sized>(value: &T) {
    let mut ours = Vec::new();
    to_compact(&mut ours, value).unwrap();
    let theirs = serde_json::to_vec(value).unwrap();
    assert_eq!(
        String::from_utf8(ours).unwrap(),
        String::from_utf8(theirs).unwrap()
    );
}

#[test]
fn strings_escape_exactly_like_serde_json() {
    let mut every_byte = String::new();
    for c in (0u8..0x80).map(char::from) {
        every_byte.push(c);
        every_byte.push_str("ab");
    }
    for s in [
        "",
        "plain ascii text that is long enough for words",
        "«Ромашка», здравствуйте! \"кавычки\" и \\ обратная черта",
        "\u{0}\u{1f}\u{7f}\u{2028}\u{2029}\t\n\r\u{8}\u{c}",
        "ends with a quote\"",
        "1234567\"",
        "12345678\\",
        "ինչո՞վ կարող եմ օգնել",
        &every_byte,
    ] {
        same_as_serde(s);
        same_as_serde(&s.chars().rev().collect::<String>());
    }
    for b in 0u8..0x80 {
        for at in 0..10 {
            let mut s = "x".repeat(at);
            s.push(char::from(b));
            s.push_str("yyyyyyyy");
            same_as_serde(&s);
        }
    }
}

#[test]
fn audit_lines_match_serde_json() {
    for audit in crate::testdata::audits()
        .iter()
        .chain([&crate::testdata::spec_call()])
    {
        same_as_serde(audit);
        let mut line = Vec::new();
        crate::write_jsonl(&mut line, audit).unwrap();
        let mut expected = serde_json::to_vec(audit).unwrap();
        expected.push(b'\n');
        assert_eq!(line, expected);
    }
}

#[test]
fn values_match_serde_json() {
    same_as_serde(&(
        1u8,
        -2i64,
        0.1f64,
        1e300f64,
        f64::NAN,
        3.0f32,
        true,
        'q',
        (),
    ));
    same_as_serde(&Some(vec![Some(1.5), None]));
    let mut map = BTreeMap::new();
    map.insert(3u32, "a\"b");
    map.insert(7, "");
    same_as_serde(&map);
    let mut tags = BTreeMap::new();
    tags.insert("queue", "vip");
    same_as_serde(&tags);
    #[derive(serde::Serialize)]
    enum E {
        Unit,
        New(u8),
        Tuple(u8, String),
        Struct { a: f64, b: Vec<u8> },
    }
    same_as_serde(&[
        E::Unit,
        E::New(1),
        E::Tuple(2, "x".into()),
        E::Struct { a: 0.5, b: vec![] },
    ]);
    let mut bad = BTreeMap::new();
    bad.insert(vec![1], 2);
    assert!(to_compact(&mut Vec::new(), &bad).is_err());
}

#[test]
fn field_names_of_every_length_and_escape_are_written_like_serde_json() {
    #[derive(Serialize)]
    struct Names {
        a: u8,
        #[serde(rename = "")]
        empty: u8,
        eightchr: u8,
        ninechars: u8,
        #[serde(rename = "q\"t")]
        quote: u8,
        #[serde(rename = "long\\name\nwith escapes")]
        long: u8,
        #[serde(rename = "ключ")]
        cyrillic: u8,
    }
    same_as_serde(&Names {
        a: 1,
        empty: 2,
        eightchr: 3,
        ninechars: 4,
        quote: 5,
        long: 6,
        cyrillic: 7,
    });
}
