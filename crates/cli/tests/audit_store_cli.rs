//! `callqa audit … --store DIR` puts the calls straight into a store,
//! audited with the store's active standard and redacted as ingest does:
//! the store then answers for them, a second run replaces them, a call id
//! given twice is an input problem (the first is taken), and the store's
//! standard is the one that audits (`--standard` is refused).

use std::path::PathBuf;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_callqa");

fn examples() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

fn audit_into(store: &str, inputs: &[PathBuf], extra: &[&str]) -> Output {
    Command::new(BIN)
        .arg("audit")
        .args(inputs)
        .args(["--store", store])
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn audit_store_puts_the_calls_into_the_store() {
    let dir = std::env::temp_dir().join(format!("callqa-audit-store-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let loc = dir.display().to_string();
    let files = examples();
    assert!(files.len() >= 10, "{files:?}");

    let out = audit_into(&loc, &files, &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains(&format!("stored {} calls", files.len())),
        "{stderr}"
    );
    // Stdout has no report: the calls went to the store.
    assert!(out.stdout.is_empty());

    let store = callqa_store::open(&loc).unwrap();
    let all = callqa_store::Filter::default();
    assert_eq!(store.count_calls(&all).unwrap(), files.len() as u64);
    let first: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&files[0]).unwrap()).unwrap();
    let id = first["id"].as_str().unwrap();
    let detail = store
        .get_call(id)
        .unwrap()
        .expect("the first call is stored");
    assert_eq!(detail.revision, 1);
    let audit: serde_json::Value = serde_json::from_str(&detail.audit).unwrap();
    assert_eq!(audit["call"], id, "{audit}");
    drop(store);

    // Again, with one file twice: replaced, the duplicate reported.
    let mut twice = files.clone();
    twice.push(files[0].clone());
    let out = audit_into(&loc, &twice, &[]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!("call {id:?}: the same call id was already read")),
        "{stderr}"
    );
    let store = callqa_store::open(&loc).unwrap();
    assert_eq!(store.count_calls(&all).unwrap(), files.len() as u64);
    drop(store);

    // The store's standard audits.
    let out = audit_into(&loc, &files[..1], &["--standard", "standards/default.toml"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("leave out --standard"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}
