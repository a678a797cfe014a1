//! Batch reader tests: real files in a temporary directory, and readers over
//! bytes for stdin-style detection.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use callqa_model::{read_inputs, read_reader, Format, InputErrorKind, Position};

/// A fresh directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "callqa-model-{}-{}-{name}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, bytes).unwrap();
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn call(id: &str) -> String {
    format!(
        r#"{{"id":"{id}","direction":"inbound","operator":{{"id":"op"}},"events":[{{"at":0,"type":"ring"}},{{"at":40,"type":"answer"}},{{"at":50,"type":"hangup","by":"client"}}]}}"#
    )
}

fn bad_call(id: &str) -> String {
    call(id).replace(r#""at":50"#, r#""at":12"#)
}

/// Each item as `ok ID`, `err: MESSAGE` or `FATAL: MESSAGE`, with the
/// directory prefix removed from file names.
fn render(
    items: impl Iterator<Item = Result<callqa_model::Call, callqa_model::InputError>>,
    dir: &Path,
) -> Vec<String> {
    let prefix = format!("{}/", dir.display());
    items
        .map(|item| match item {
            Ok(c) => format!("ok {}", c.id),
            Err(e) => {
                let tag = if e.is_fatal() { "FATAL" } else { "err" };
                format!("{tag}: {}", e.to_string().replace(&prefix, ""))
            }
        })
        .collect()
}

fn read_dir_inputs(dir: &TempDir, names: &[&str]) -> Vec<String> {
    let inputs: Vec<PathBuf> = names.iter().map(|n| dir.0.join(n)).collect();
    render(read_inputs(&inputs), &dir.0)
}

fn read_bytes(bytes: &[u8], format: Format) -> Vec<String> {
    render(
        read_reader("<stdin>", bytes.to_vec().leak() as &[u8], format),
        Path::new("/nonexistent"),
    )
}

#[test]
fn jsonl_lines_blank_lines_crlf_bom() {
    let dir = TempDir::new("jsonl");
    let text = format!(
        "\u{feff}{}\r\n\r\n   \n{}\r\n{}\n{{\"id\": \n{}",
        call("a"),
        bad_call("b"),
        "[1]",
        call("e")
    );
    dir.write("calls.jsonl", text);
    assert_eq!(
        read_dir_inputs(&dir, &["calls.jsonl"]),
        [
            "ok a",
            r#"err: calls.jsonl:4: call "b": events[2].at: 12.0 is earlier than events[1].at 40.0"#,
            "err: calls.jsonl:5: expected a call object, found an array",
            "err: calls.jsonl:6: not valid json: EOF while parsing a value at column 7",
            "ok e",
        ]
    );
}

#[test]
fn json_array_streams_elements() {
    let dir = TempDir::new("array");
    let text = format!(
        "[\n  {},\n  {},\n  {{\"id\": 1e400}},\n  {{\"id\":\n \"x\" \"y\"}},\n  {}\n]\n",
        call("a"),
        bad_call("b"),
        call("e")
    );
    dir.write("calls.json", text);
    assert_eq!(
        read_dir_inputs(&dir, &["calls.json"]),
        [
            "ok a",
            r#"err: calls.json[1]: call "b": events[2].at: 12.0 is earlier than events[1].at 40.0"#,
            "err: calls.json[2]: not valid json: number out of range at line 4 column 14",
            "err: calls.json[3]: not valid json: expected `,` or `}` at line 6 column 6",
            "ok e",
        ]
    );
}

#[test]
fn json_single_object_and_empty_files() {
    let dir = TempDir::new("single");
    dir.write("one.json", format!("\u{feff}\n{}\n", call("a")));
    dir.write("bad.json", bad_call("b"));
    dir.write("empty.json", "");
    dir.write("blank.jsonl", "\n \r\n");
    dir.write("empty-array.json", " [ ] ");
    assert_eq!(
        read_dir_inputs(
            &dir,
            &[
                "one.json",
                "bad.json",
                "empty.json",
                "blank.jsonl",
                "empty-array.json"
            ]
        ),
        [
            "ok a",
            r#"err: bad.json: call "b": events[2].at: 12.0 is earlier than events[1].at 40.0"#,
        ]
    );
}

#[test]
fn file_errors_skip_the_file_and_go_on() {
    let dir = TempDir::new("fatal");
    dir.write("text.json", "hello");
    dir.write("binary.jsonl", b"\x00\x01\x02garbage\n{}\n");
    dir.write("trailing.json", format!("{} x", call("t")));
    dir.write("trailing-array.json", format!("[{}] ]", call("u")));
    dir.write(
        "broken-array.json",
        format!("[{} {}]", call("v"), call("w")),
    );
    dir.write("truncated.json", format!("[{}, {{\"id\": ", call("y")));
    dir.write("ok.jsonl", call("z"));
    let got = read_dir_inputs(
        &dir,
        &[
            "missing.jsonl",
            "text.json",
            "binary.jsonl",
            "trailing.json",
            "trailing-array.json",
            "broken-array.json",
            "truncated.json",
            "ok.jsonl",
        ],
    );
    assert_eq!(got.len(), 13, "{got:#?}");
    assert!(got[0].starts_with("FATAL: missing.jsonl: "), "{}", got[0]);
    assert_eq!(
        got[1..],
        [
            r#"FATAL: text.json:1: not a json call file: it starts with 'h' (expected '{' or '[')"#,
            r#"err: binary.jsonl:1: not a call record: the line starts with "\0\u{1}\u{2}garbage", not '{'; line skipped"#,
            "err: binary.jsonl:2: id: missing; direction: missing; operator: missing",
            "ok t",
            "FATAL: trailing.json:1: unexpected 'x' after the call",
            "ok u",
            "FATAL: trailing-array.json:1: unexpected ']' after the top-level array",
            "ok v",
            "FATAL: broken-array.json:1: expected ',' or ']' after [0], found '{'",
            "ok y",
            "FATAL: truncated.json[1]: the input ends inside the value that starts at line 1",
            "ok z",
        ]
    );
}

#[test]
fn error_accessors() {
    let dir = TempDir::new("accessors");
    dir.write("c.jsonl", format!("{}\n{}\n", call("a"), bad_call("b")));
    let errors: Vec<_> = read_inputs(&[dir.0.join("c.jsonl"), dir.0.join("nope.json")])
        .filter_map(Result::err)
        .collect();
    assert_eq!(errors.len(), 2);
    assert_eq!(errors[0].kind(), InputErrorKind::InvalidCall);
    assert!(!errors[0].is_fatal());
    assert_eq!(errors[0].position(), Position::Line(2));
    assert_eq!(errors[0].call_id(), Some("b"));
    assert_eq!(
        errors[0].call_error().unwrap().errors()[0].path(),
        "events[2].at"
    );
    assert_eq!(errors[1].kind(), InputErrorKind::File);
    assert!(errors[1].io_error().is_some());
    assert_eq!(errors[1].position(), Position::File);
}

#[test]
fn non_utf8_is_an_error_for_that_record() {
    let dir = TempDir::new("utf8");
    let mut bytes = call("a").replace("op", "o\u{1}p").into_bytes();
    bytes.extend_from_slice(b"\n{\"id\": \"\xff\xfe\", \"direction\": \"inbound\"}\n");
    bytes.extend_from_slice(call("c").as_bytes());
    dir.write("calls.ndjson", &bytes);
    let got = read_dir_inputs(&dir, &["calls.ndjson"]);
    assert_eq!(got.len(), 3, "{got:#?}");
    assert!(
        got[0].starts_with("err: calls.ndjson:1: not valid json: control character"),
        "{}",
        got[0]
    );
    assert_eq!(
        got[1],
        "err: calls.ndjson:2: not utf-8: byte 0xff at column 9 is not valid UTF-8, and call records are UTF-8; convert the file to UTF-8"
    );
    assert_eq!(got[2], "ok c");
}

#[test]
fn a_header_line_in_json_lines_is_skipped_like_any_bad_line() {
    let dir = TempDir::new("header");
    dir.write(
        "hdr.jsonl",
        format!("# exported 2026-03-02\n{}\n{}\n", call("a"), call("b")),
    );
    dir.write("junk.jsonl", "one\ntwo\nthree\nfour\nfive\n");
    assert_eq!(
        read_dir_inputs(&dir, &["hdr.jsonl", "junk.jsonl"]),
        [
            r##"err: hdr.jsonl:1: not a call record: the line starts with "# exported 2026-03-0", not '{'; line skipped"##,
            "ok a",
            "ok b",
            r#"err: junk.jsonl:1: not a call record: the line starts with "one", not '{'; line skipped"#,
            r#"err: junk.jsonl:2: not a call record: the line starts with "two", not '{'; line skipped"#,
            r#"err: junk.jsonl:3: not a call record: the line starts with "three", not '{'; line skipped"#,
            r#"FATAL: junk.jsonl:4: not a json lines file: none of its first 4 lines starts a record (this one starts with "four")"#,
        ]
    );
}

#[test]
fn utf16_and_cp1251_are_named() {
    let dir = TempDir::new("encodings");
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(call("a").encode_utf16().flat_map(|u| u.to_le_bytes()))
        .collect();
    dir.write("utf16.json", &utf16);
    let be: Vec<u8> = call("b")
        .encode_utf16()
        .flat_map(|u| u.to_be_bytes())
        .collect();
    dir.write("utf16be.jsonl", &be);
    // "Привет" in Windows-1251 as the operator's name.
    let mut cp = call("c").into_bytes();
    let at = cp.windows(4).position(|w| w == b"\"op\"").unwrap();
    cp.splice(at + 1..at + 3, *b"\xcf\xf0\xe8\xe2\xe5\xf2");
    dir.write("cp1251.jsonl", &cp);
    assert_eq!(
        read_dir_inputs(&dir, &["utf16.json", "utf16be.jsonl", "cp1251.jsonl"]),
        [
            "FATAL: utf16.json: the input is UTF-16 little-endian, but call records are UTF-8: convert it (e.g. `iconv -f UTF-16 -t UTF-8`)",
            "FATAL: utf16be.jsonl: the input is UTF-16 big-endian, but call records are UTF-8: convert it (e.g. `iconv -f UTF-16 -t UTF-8`)",
            "err: cp1251.jsonl:1: not utf-8: byte 0xcf at column 51 is not valid UTF-8, and call records are UTF-8; it looks like Windows-1251 (cp1251): convert it (e.g. `iconv -f cp1251 -t utf-8`)",
        ]
    );
}

#[test]
fn a_repeated_call_id_is_refused_naming_both_places() {
    let dir = TempDir::new("dups");
    dir.write("a.jsonl", format!("{}\n{}\n", call("x"), call("y")));
    dir.write("b.json", format!("[{}, {}]", call("z"), call("x")));
    dir.write("c.json", call("y"));
    let got = read_dir_inputs(&dir, &["a.jsonl", "b.json", "c.json"]);
    assert_eq!(
        got,
        [
            "ok x",
            "ok y",
            "ok z",
            r#"err: b.json[1]: call "x": the same call id was already read at a.jsonl:1; this record is skipped (call ids are unique in a batch)"#,
            r#"err: c.json: call "y": the same call id was already read at a.jsonl:2; this record is skipped (call ids are unique in a batch)"#,
        ]
    );
    let err = read_inputs(&[dir.0.join("a.jsonl"), dir.0.join("c.json")])
        .find_map(Result::err)
        .unwrap();
    assert_eq!(err.kind(), InputErrorKind::DuplicateCall);
    assert_eq!(err.call_id(), Some("y"));
    assert!(!err.is_fatal());
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let dir = TempDir::new("deep");
    let deep = "[".repeat(100_000);
    let deep_obj = format!("{{\"id\": {}{}}}", "[".repeat(100_000), "]".repeat(100_000));
    dir.write("deep.jsonl", format!("{deep}\n{deep_obj}\n{}\n", call("a")));
    dir.write("deep.json", &deep);
    dir.write("deep-element.json", format!("[{deep_obj}, {}]", call("b")));
    let got = read_dir_inputs(&dir, &["deep.jsonl", "deep.json", "deep-element.json"]);
    assert_eq!(
        got,
        [
            "err: deep.jsonl:1: not valid json: recursion limit exceeded at column 128",
            "err: deep.jsonl:2: not valid json: recursion limit exceeded at column 134",
            "ok a",
            "FATAL: deep.json[0]: the input ends inside the value that starts at line 1",
            "err: deep-element.json[0]: not valid json: recursion limit exceeded at line 1 column 135",
            "ok b",
        ]
    );
    let got = read_bytes(deep.as_bytes(), Format::Auto);
    assert_eq!(
        got,
        ["FATAL: <stdin>[0]: the input ends inside the value that starts at line 1"]
    );
}

#[test]
fn directories_recursive_sorted_filtered() {
    let dir = TempDir::new("tree");
    dir.write("b.jsonl", format!("{}\n{}\n", call("b1"), call("b2")));
    dir.write("a/z.json", call("a-z"));
    dir.write("a/m/x.ndjson", call("a-m-x"));
    dir.write("a/c.json", format!("[{}]", call("a-c")));
    dir.write("c.JSON", call("c"));
    dir.write(".hidden.jsonl", call("hidden"));
    dir.write(".git/x.json", call("git"));
    dir.write("notes.txt", "not a call");
    dir.write("d.json.bak", "not a call");
    let got = render(read_inputs(std::slice::from_ref(&dir.0)), &dir.0);
    assert_eq!(
        got,
        ["ok a-c", "ok a-m-x", "ok a-z", "ok b1", "ok b2", "ok c"]
    );
}

#[test]
fn given_files_with_other_names_are_detected() {
    let dir = TempDir::new("detect");
    dir.write("calls.txt", format!("{}\n{}\n", call("a"), call("b")));
    dir.write(
        "call",
        serde_json::to_string_pretty(
            &serde_json::from_str::<serde_json::Value>(&call("c")).unwrap(),
        )
        .unwrap(),
    );
    assert_eq!(
        read_dir_inputs(&dir, &["calls.txt", "call"]),
        ["ok a", "ok b", "ok c"]
    );
}

#[test]
fn stdin_detection() {
    let one = call("a");
    let pretty =
        serde_json::to_string_pretty(&serde_json::from_str::<serde_json::Value>(&one).unwrap())
            .unwrap();
    assert_eq!(
        read_bytes(format!("{one}\n{}\n", call("b")).as_bytes(), Format::Auto),
        ["ok a", "ok b"]
    );
    assert_eq!(
        read_bytes(format!("\n\n{pretty}\n").as_bytes(), Format::Auto),
        ["ok a"]
    );
    // Concatenated pretty objects, as `jq .` prints them.
    let bad = pretty.replace("\"inbound\"", "\"sideways\"");
    let other = pretty.replace("\"a\"", "\"c\"");
    assert_eq!(
        read_bytes(format!("{pretty}\n{bad}\n{other}").as_bytes(), Format::Auto),
        [
            "ok a",
            r#"err: <stdin>:23: call "a": direction: unknown direction "sideways" (expected "inbound" or "outbound")"#,
            "ok c",
        ]
    );
    // A syntax error inside a pretty value is placed in the whole input.
    let broken = pretty.replace("\"inbound\"", "inbound");
    assert_eq!(
        read_bytes(format!("{pretty}\n{broken}").as_bytes(), Format::Auto),
        [
            "ok a",
            "err: <stdin>:23: not valid json: expected value at line 24 column 16"
        ]
    );
    assert_eq!(
        read_bytes(format!("[{one}, {}]", call("b")).as_bytes(), Format::Auto),
        ["ok a", "ok b"]
    );
    // A broken first line is still JSON Lines: it is reported, the rest read.
    assert_eq!(
        read_bytes(format!("{{\"id\": x}}\n{one}\n").as_bytes(), Format::Auto),
        [
            "err: <stdin>:1: not valid json: expected value at column 8",
            "ok a"
        ]
    );
    assert_eq!(read_bytes(b"", Format::Auto), Vec::<String>::new());
    assert_eq!(read_bytes(b" \n \n", Format::Auto), Vec::<String>::new());
    // Stray closing brackets between values do not stall the reader.
    assert_eq!(
        read_bytes(format!("{pretty}\n}}}}\n").as_bytes(), Format::Auto).len(),
        3
    );
}

#[test]
fn the_iterator_is_send() {
    fn is_send<T: Send>(_: &T) {}
    is_send(&read_inputs(&[]));
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_in_a_directory_reads_each_file_once() {
    let dir = TempDir::new("loop");
    dir.write("a.jsonl", call("a"));
    dir.write("sub/b.json", call("b"));
    std::os::unix::fs::symlink("..", dir.0.join("sub/up")).unwrap();
    std::os::unix::fs::symlink(&dir.0, dir.0.join("self")).unwrap();
    std::os::unix::fs::symlink("a.jsonl", dir.0.join("link.jsonl")).unwrap();
    let got = render(read_inputs(std::slice::from_ref(&dir.0)), &dir.0);
    assert_eq!(
        got,
        [
            "ok a",
            r#"err: link.jsonl:1: call "a": the same call id was already read at a.jsonl:1; this record is skipped (call ids are unique in a batch)"#,
            "ok b",
        ]
    );
}

#[test]
fn directories_deeper_than_the_limit_are_reported() {
    let dir = TempDir::new("deep");
    let deep: String = (0..=callqa_model::limits::MAX_DIR_DEPTH)
        .map(|i| format!("d{i}/"))
        .collect();
    dir.write(&format!("{deep}x.json"), call("x"));
    dir.write("top.json", call("top"));
    let got = render(read_inputs(std::slice::from_ref(&dir.0)), &dir.0);
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(
        got[0].starts_with("FATAL: d0/")
            && got[0].ends_with(": directory is nested deeper than the limit of 64"),
        "{}",
        got[0]
    );
    assert_eq!(got[1], "ok top");
}
