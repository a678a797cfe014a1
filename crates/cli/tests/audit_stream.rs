//! `callqa audit` streams: the same bytes for any `--jobs`, and cross-call
//! verdicts that do not depend on the order files are read in.

mod common;
use common::{run, run_stdin};

/// An outbound call to `client` at `start`; `drop` ends it with a dropped
/// line after 40 s instead of a hang-up.
fn call(id: &str, start: &str, client: &str, drop: bool) -> String {
    let end = if drop {
        r#"{"at":40,"type":"drop"}"#
    } else {
        r#"{"at":40,"type":"hangup","by":"client"}"#
    };
    format!(
        r#"{{"id":"{id}","direction":"outbound","started_at":"{start}","language":"ru","company":"Ромашка","operator":{{"id":"op-1","name":"Анна Смирнова"}},"client":{{"id":"{client}"}},"events":[{{"at":0,"type":"ring"}},{{"at":5,"type":"answer"}},{end}],"utterances":[{{"speaker":"operator","start":6,"end":10,"text":"Добрый день, меня зовут Анна, компания Ромашка. Вам удобно говорить?"}},{{"speaker":"client","start":11,"end":13,"text":"Да, слушаю."}}]}}"#
    )
}

fn outcomes(jsonl: &[u8], rule: &str) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = String::from_utf8_lossy(jsonl)
        .lines()
        .map(|l| {
            let a: serde_json::Value = serde_json::from_str(l).unwrap();
            let verdict = a["verdicts"]
                .as_array()
                .unwrap()
                .iter()
                .find(|v| v["rule"] == rule)
                .unwrap()
                .clone();
            (
                a["call"].as_str().unwrap().to_string(),
                verdict["outcome"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn the_same_input_gives_the_same_bytes_for_any_number_of_jobs() {
    let one = run(&["audit", "examples/", "--format", "jsonl", "-j", "1"]);
    assert!(!one.stdout.is_empty());
    for jobs in ["2", "3", "8"] {
        let many = run(&["audit", "examples/", "--format", "jsonl", "-j", jobs]);
        assert_eq!(many.status.code(), one.status.code());
        assert!(many.stdout == one.stdout, "-j {jobs} differs from -j 1");
    }
}

#[test]
fn files_read_by_name_give_the_verdicts_of_the_calls_in_time_order() {
    // By name the call-back (a-) is read before the drop (b-), and the
    // call that closes the windows (c-) is read first of all.
    let dir = std::env::temp_dir().join(format!("callqa-stream-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let calls = [
        (
            "c-closing.json",
            call("closing", "2026-03-02T11:00:00+03:00", "cl-9", false),
        ),
        (
            "b-drop.json",
            call("drop", "2026-03-02T10:00:00+03:00", "cl-1", true),
        ),
        (
            "a-back.json",
            call("back", "2026-03-02T10:03:00+03:00", "cl-1", false),
        ),
        (
            "d-drop2.json",
            call("drop2", "2026-03-02T10:10:00+03:00", "cl-2", true),
        ),
    ];
    for (name, text) in &calls {
        std::fs::write(dir.join(name), text).unwrap();
    }
    let d = dir.to_str().unwrap();
    let from_dir = run(&["audit", d, "--format", "jsonl"]);
    let got = outcomes(&from_dir.stdout, "callback.after_drop");
    assert_eq!(
        got,
        [
            ("back".to_string(), "n/a".to_string()),
            ("closing".into(), "n/a".into()),
            ("drop".into(), "pass".into()),
            ("drop2".into(), "fail".into()),
        ]
    );
    // The same calls in time order on stdin, one pass.
    let timed = [&calls[1].1, &calls[2].1, &calls[3].1, &calls[0].1]
        .map(|s| s.as_str())
        .join("\n");
    let piped = run_stdin(&["audit", "-", "--format", "jsonl"], &timed);
    assert_eq!(outcomes(&piped.stdout, "callback.after_drop"), got);
    assert_eq!(
        outcomes(&piped.stdout, "outbound.repeat_calls"),
        outcomes(&from_dir.stdout, "outbound.repeat_calls")
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A file past the size the first pass keeps (2,048 items), so that both
/// passes read it, with a bad line, an invalid call and a duplicate id:
/// every `--jobs` gives the same bytes, the problems in input order, and a
/// cross-call verdict that needs a call read 2,000 lines later.
#[test]
fn a_large_file_with_problems_gives_the_same_bytes_and_errors_for_any_number_of_jobs() {
    let dir = std::env::temp_dir().join(format!("callqa-stream-large-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut lines = vec![call("drop", "2026-03-02T10:00:00+03:00", "cl-1", true)];
    for i in 0..2_100 {
        let minute = i % 60;
        let hour = 12 + (i / 60) % 10;
        let start = format!("2026-03-03T{hour:02}:{minute:02}:00+03:00");
        lines.push(call(
            &format!("c-{i:04}"),
            &start,
            &format!("cl-x{i}"),
            false,
        ));
    }
    lines.insert(10, "{\"bad json".to_string());
    lines.insert(
        500,
        r#"{"id": "x1", "direction": "in", "operator": {}}"#.to_string(),
    );
    lines.insert(2_050, lines[30].clone());
    lines.push(call("back", "2026-03-02T10:03:00+03:00", "cl-1", false));
    let path = dir.join("calls.jsonl");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let p = path.to_str().unwrap();
    let one = run(&["audit", p, "--format", "jsonl", "-j", "1"]);
    assert_eq!(one.status.code(), Some(2), "input problems: exit 2");
    let stderr = String::from_utf8_lossy(&one.stderr).into_owned();
    let problems: Vec<&str> = stderr.lines().collect();
    assert_eq!(problems.len(), 3, "{stderr}");
    assert!(
        problems[0].contains("calls.jsonl:11: not valid json"),
        "{stderr}"
    );
    assert!(
        problems[1].contains("calls.jsonl:501: call \"x1\": direction"),
        "{stderr}"
    );
    assert!(
        problems[2]
            .contains("calls.jsonl:2051: call \"c-0028\": the same call id was already read at")
            && problems[2].ends_with(
                "calls.jsonl:31; this record is skipped (call ids are unique in a batch)"
            ),
        "{stderr}"
    );
    let drop = outcomes(&one.stdout, "callback.after_drop");
    assert_eq!(drop.len(), 2_102);
    assert!(
        drop.contains(&("drop".to_string(), "pass".to_string())),
        "the call-back at the end counts"
    );
    for jobs in ["2", "3"] {
        let many = run(&["audit", p, "--format", "jsonl", "-j", jobs]);
        assert_eq!(many.status.code(), one.status.code());
        assert!(many.stdout == one.stdout, "-j {jobs} differs from -j 1");
        assert_eq!(String::from_utf8_lossy(&many.stderr), stderr, "-j {jobs}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
