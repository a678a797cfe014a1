//! `callqa train` end to end: the quiz from an `--answers` file, each
//! simulator scenario from a `--script` file, `--json`, the languages, and
//! `--to URL` storing results that `GET /api/v1/training` gives back under
//! the role rules.

mod common;

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

use common::run;
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_callqa");

fn tmp(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("callqa-train-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn stdout(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(o: &std::process::Output) -> Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", stdout(o), stderr(o)))
}

#[test]
fn the_quiz_is_scored_from_an_answers_file() {
    let first = tmp("a1.txt", "1\n1\n1\n1\n1\n");
    let args = [
        "train",
        "quiz",
        "--seed",
        "3",
        "--questions",
        "5",
        "--json",
        "--answers",
    ];
    let o = run(&[&args[..], &[first.to_str().unwrap()]].concat());
    let v = json(&o);
    assert_eq!(v["kind"], "quiz");
    assert_eq!(v["quiz"]["total"], 5);
    let rights: Vec<u64> = v["quiz"]["answers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["right"].as_u64().unwrap() + 1)
        .collect();
    // The same seed asks the same questions: all right now.
    let right = tmp(
        "a2.txt",
        &rights.iter().map(|r| format!("{r}\n")).collect::<String>(),
    );
    let o = run(&[&args[..], &[right.to_str().unwrap()]].concat());
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["quiz"]["correct"], 5);
    assert_eq!(v["score"], 100.0);
    assert_eq!(v["passed"], true);
    assert!(stderr(&o).contains("Верно!"), "{}", stderr(&o));
    // All wrong: exit 1, and each wrong answer names the right one.
    let wrong = tmp(
        "a3.txt",
        &rights
            .iter()
            .map(|r| format!("{}\n", r % 4 + 1))
            .collect::<String>(),
    );
    let o = run(&[
        "train",
        "quiz",
        "--seed",
        "3",
        "--questions",
        "5",
        "--answers",
        wrong.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    assert_eq!(text.matches("Правильный ответ:").count(), 5, "{text}");
    assert!(text.contains("Результат: 0/5 верных ответов"), "{text}");
}

#[test]
fn a_bad_answer_names_the_file_and_line() {
    let bad = tmp("bad.txt", "2\nда\n");
    let o = run(&[
        "train",
        "quiz",
        "--seed",
        "1",
        "--answers",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(&format!(
            "{}:2: «да» is not an answer: give the option's number, 1 to 4",
            bad.display()
        )),
        "{}",
        stderr(&o)
    );
}

#[test]
fn the_quiz_speaks_english_and_armenian() {
    let a = tmp("en.txt", "1\n1\n");
    let o = run(&[
        "train",
        "quiz",
        "--lang",
        "en",
        "--seed",
        "9",
        "--questions",
        "2",
        "--answers",
        a.to_str().unwrap(),
    ]);
    assert!(stdout(&o).contains("Your answer (1-4)"), "{}", stdout(&o));
    let o = run(&[
        "train",
        "quiz",
        "--lang",
        "hy",
        "--seed",
        "9",
        "--questions",
        "2",
        "--answers",
        a.to_str().unwrap(),
    ]);
    assert!(stdout(&o).contains("Ձեր պատասխանը"), "{}", stdout(&o));
}

const HOLD_PASS: &str = "Доброе утро, компания «Ромашка», меня зовут Анна. Чем могу помочь?
Ольга, могу я попросить вас подождать? Мне нужно проверить платёж.
/hold
/unhold
Спасибо за ожидание, Ольга. Второе списание отменено, деньги вернутся завтра.
Могу ли я ещё чем-то помочь? Спасибо за звонок, всего доброго!
";

const HOLD_FAIL: &str = "Алло.
Щас гляну.
/hold
/unhold
Короче, деньги вернут.
Пока.
";

#[test]
fn a_simulated_call_is_scored_from_a_script() {
    let pass = tmp("hold-pass.txt", HOLD_PASS);
    let o = run(&[
        "train",
        "sim",
        "hold",
        "--json",
        "--script",
        pass.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["kind"], "simulator");
    assert_eq!(v["score"], 100.0);
    assert_eq!(v["simulator"]["scenario"], "hold");
    let events: Vec<&str> = v["simulator"]["calls"][0]["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["type"].as_str().unwrap())
        .collect();
    assert_eq!(
        events,
        ["ring", "answer", "hold_start", "hold_end", "hangup"]
    );

    let fail = tmp("hold-fail.txt", HOLD_FAIL);
    let o = run(&["train", "sim", "hold", "--script", fail.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    for rule in [
        "greeting.no_bare_hello",
        "hold.permission",
        "hold.thanks",
        "speech.slang",
        "closing.farewell",
    ] {
        assert!(text.contains(&format!("({rule})")), "{rule}:\n{text}");
    }
    assert!(text.contains("не сдано"), "{text}");
}

#[test]
fn every_scenario_is_listed_and_an_unknown_one_is_named() {
    let o = run(&["train", "sim", "--lang", "en"]);
    for id in ["hold", "swear", "colleague", "drop", "no-time"] {
        assert!(stdout(&o).lines().any(|l| l == id), "{id}: {}", stdout(&o));
    }
    let o = run(&["train", "sim", "holdd"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(
            "no scenario \"holdd\": the scenarios are hold, swear, colleague, drop, no-time"
        ),
        "{}",
        stderr(&o)
    );
}

struct Server {
    child: Child,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn token(data: &str, args: &[&str]) -> String {
    let o = Command::new(BIN)
        .args(["token", "create", "--data", data])
        .args(args)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    stdout(&o).lines().last().unwrap().to_string()
}

fn get(url: &str, token: &str) -> (u16, Value) {
    match ureq::get(url)
        .set("Authorization", &format!("Bearer {token}"))
        .call()
    {
        Ok(r) => (
            r.status(),
            serde_json::from_str(&r.into_string().unwrap()).unwrap(),
        ),
        Err(ureq::Error::Status(code, r)) => (
            code,
            serde_json::from_str(&r.into_string().unwrap()).unwrap(),
        ),
        Err(e) => panic!("{url}: {e}"),
    }
}

#[test]
fn results_go_to_the_server_and_come_back_per_operator() {
    let data = std::env::temp_dir().join(format!("callqa-train-serve-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data);
    let data = data.display().to_string();
    let admin = token(&data, &["--role", "admin"]);
    let ingest = token(&data, &["--role", "ingest"]);
    let op1 = token(&data, &["--role", "operator", "--operator", "op-1"]);
    let mut child = Command::new(BIN)
        .args(["serve", "--listen", "127.0.0.1:0", "--data", &data])
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let base = loop {
        let line = lines.next().expect("serve printed its address").unwrap();
        if let Some(rest) = line.strip_prefix("callqa serve: listening on ") {
            break rest.split_whitespace().next().unwrap().to_string();
        }
    };
    std::thread::spawn(move || lines.for_each(drop));
    let s = Server { child, base };

    let pass = tmp("srv-pass.txt", HOLD_PASS);
    let answers = tmp("srv-answers.txt", "1\n2\n3\n");
    // The operator posts its own simulated call.
    let o = run(&[
        "train",
        "sim",
        "hold",
        "--script",
        pass.to_str().unwrap(),
        "--to",
        &s.base,
        "--token",
        &op1,
        "--operator",
        "op-1",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("/api/v1/training: result 1 stored"),
        "{}",
        stderr(&o)
    );
    // …but not someone else's.
    let o = run(&[
        "train",
        "quiz",
        "--seed",
        "2",
        "--questions",
        "3",
        "--answers",
        answers.to_str().unwrap(),
        "--to",
        &s.base,
        "--token",
        &op1,
        "--operator",
        "op-2",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(
            "403: an operator token may only use its own training results, not \"op-2\"'s"
        ),
        "{}",
        stderr(&o)
    );
    // An ingest token posts for anyone (the token from the environment).
    let o = Command::new(BIN)
        .current_dir(common::root())
        .env("CALLQA_TOKEN", &ingest)
        .args([
            "train",
            "quiz",
            "--seed",
            "2",
            "--questions",
            "3",
            "--answers",
            answers.to_str().unwrap(),
            "--to",
            &s.base,
            "--operator",
            "op-2",
        ])
        .output()
        .unwrap();
    assert!(
        o.status.code() == Some(0) || o.status.code() == Some(1),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("result 2 stored"), "{}", stderr(&o));

    let url = |op: &str| format!("{}/api/v1/training?operator={op}", s.base);
    let (status, v) = get(&url("op-1"), &op1);
    assert_eq!(status, 200);
    let results = v["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    assert_eq!(results[0]["kind"], "simulator");
    assert_eq!(results[0]["score"], 100.0);
    assert_eq!(results[0]["passed"], true);
    assert_eq!(results[0]["result"]["simulator"]["scenario"], "hold");
    assert_eq!(get(&url("op-2"), &op1).0, 403);
    assert_eq!(get(&url("op-2"), &ingest).0, 403);
    let (status, v) = get(&url("op-2"), &admin);
    assert_eq!(status, 200);
    assert_eq!(v["results"][0]["kind"], "quiz");
    assert_eq!(v["results"][0]["result"]["quiz"]["total"], 3);
    // An operator token without ?operator= reads its own.
    let (_, v) = get(&format!("{}/api/v1/training", s.base), &op1);
    assert_eq!(v["operator"], "op-1");
    assert_eq!(v["results"].as_array().unwrap().len(), 1);
}
