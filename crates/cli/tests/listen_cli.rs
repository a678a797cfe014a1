//! `callqa listen` and `callqa adapt` end to end: the binary against a
//! test AMI server on 127.0.0.1 replaying a session written from the
//! Asterisk documentation, and the adapters on documented samples.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

fn callqa() -> Command {
    Command::new(env!("CARGO_BIN_EXE_callqa"))
}

fn sources_data(name: &str) -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../sources/tests/data"
    ))
    .join(name)
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("callqa-listen-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d.join(name)
}

#[test]
fn listen_ami_prints_v2_lines_for_a_replayed_session() {
    let session =
        std::fs::read_to_string(sources_data("ami/queue_hold_caller_hangs_up.ami")).unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = std::thread::spawn(move || {
        let (mut sock, _) = listener.accept().unwrap();
        sock.set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        sock.write_all(b"Asterisk Call Manager/5.0.1\r\n").unwrap();
        let mut login = String::new();
        let mut r = BufReader::new(sock.try_clone().unwrap());
        loop {
            let mut l = String::new();
            if r.read_line(&mut l).unwrap() == 0 || l.trim().is_empty() {
                break;
            }
            login.push_str(&l);
        }
        sock.write_all(b"Response: Success\r\nActionID: callqa-login\r\nMessage: Authentication accepted\r\n\r\n")
            .unwrap();
        sock.write_all(session.replace('\n', "\r\n").as_bytes())
            .unwrap();
        sock.write_all(b"\r\n").unwrap();
        drop(sock);
        drop(listener); // nobody listens any more: the client gives up
        login
    });
    let secret = tmp("secret");
    std::fs::write(&secret, "s3cret\n").unwrap();
    let map = tmp("map.toml");
    std::fs::write(&map, "operators = [\"PJSIP/1*\"]\n").unwrap();
    let out = callqa()
        .args([
            "listen",
            "ami",
            "--host",
            "127.0.0.1",
            "--port",
            &port.to_string(),
        ])
        .args(["--user", "callqa", "--secret-file"])
        .arg(&secret)
        .arg("--map")
        .arg(&map)
        .args(["--retries", "0"])
        .output()
        .unwrap();
    let login = server.join().unwrap();
    assert!(
        login.contains("Username: callqa") && login.contains("Secret: s3cret\r\n"),
        "{login}"
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let types: Vec<String> = stdout
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["type"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(types.first().map(String::as_str), Some("start"), "{stdout}");
    assert_eq!(types.last().map(String::as_str), Some("end"), "{stdout}");
    assert!(
        stdout.contains(
            r#""type":"update","call":"1767261600.40","operator":{"id":"1003","name":"Olga"}"#
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains(r#""event":{"at":50.0,"type":"hold_start"}"#),
        "{stdout}"
    );
    assert!(stderr.contains("logged in as \"callqa\""), "{stderr}");
    assert!(stderr.contains("gave up on 127.0.0.1:"), "{stderr}");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn listen_names_a_missing_secret_file() {
    let out = callqa()
        .args([
            "listen",
            "ami",
            "--host",
            "127.0.0.1",
            "--user",
            "u",
            "--secret-file",
            "/nonexistent/secret",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("cannot read the secret file /nonexistent/secret"),
        "{stderr}"
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn adapt_turns_answers_into_utterances_and_names_bad_lines() {
    let out = callqa()
        .args(["adapt", "speechkit", "--call", "c7", "--refined"])
        .arg(sources_data("adapt/speechkit.jsonl"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let last_final = stdout
        .lines()
        .rfind(|l| l.contains(r#""final":true"#))
        .unwrap();
    assert!(
        last_final.contains("Добрый день, компания «Ромашка».")
            && last_final.contains(r#""call":"c7""#),
        "{stdout}"
    );
    let mut child = callqa()
        .args(["adapt", "aws", "--call", "c1"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"\n[1,2]\n").unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert_eq!(child.wait().unwrap().code(), Some(2));
    assert_eq!(
        err.trim(),
        "callqa: stdin:2: expected an object, found an array"
    );
}
