//! Reading directories of inputs: one walker (the model's), so a symlink
//! loop beside a transcript reads it once, not once per path the loop
//! makes (the old walker followed `sub/up -> ..` until the path was too
//! long: 41 copies of every utterance in one call).

mod util;

use std::fs;
use std::path::PathBuf;

use callqa_import::{import, ImportOptions, Sources};
use util::fixture;

#[cfg(unix)]
#[test]
fn a_symlink_loop_beside_a_transcript_reads_it_once() {
    let dir = std::env::temp_dir().join(format!("callqa-import-loop-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("sub")).unwrap();
    fs::copy(fixture("call-13.vtt"), dir.join("call-13.vtt")).unwrap();
    fs::write(dir.join("README.md"), "documentation, not a transcript").unwrap();
    std::os::unix::fs::symlink("..", dir.join("sub/up")).unwrap();
    let out = import(
        &Sources {
            events: Vec::new(),
            transcripts: vec![dir.clone()],
        },
        &ImportOptions::default(),
    );
    let once = import(
        &Sources {
            events: Vec::new(),
            transcripts: vec![fixture("call-13.vtt")],
        },
        &ImportOptions::default(),
    );
    fs::remove_dir_all(&dir).unwrap();
    assert_eq!(out.calls.len(), 1, "{:?}", out.problems);
    assert_eq!(
        out.calls[0].utterances.len(),
        once.calls[0].utterances.len()
    );
    let files: Vec<PathBuf> = out.problems.iter().map(|p| p.file.clone().into()).collect();
    assert!(
        files.iter().all(|f| !f.to_string_lossy().contains("/up/")),
        "{:?}",
        out.problems
    );
}

/// Issue 14 (9): a cp1251 or UTF-16 file is named by its encoding, with
/// the `--encoding` to give.
#[test]
fn files_in_other_encodings_are_named_with_the_encoding_option() {
    let dir = std::env::temp_dir().join(format!("callqa-import-enc-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    let srt = "1\n00:00:01,000 --> 00:00:02,000\nOperator: Привет\n";
    let (cp, _, _) = encoding_rs::WINDOWS_1251.encode(srt);
    fs::write(dir.join("cp.srt"), &cp).unwrap();
    let le: Vec<u8> = srt.encode_utf16().flat_map(u16::to_le_bytes).collect();
    fs::write(dir.join("le.srt"), &le).unwrap();
    let run = |name: &str| {
        let out = import(
            &Sources {
                events: Vec::new(),
                transcripts: vec![dir.join(name)],
            },
            &ImportOptions::default(),
        );
        let msgs: Vec<String> = out.problems.iter().map(|p| p.to_string()).collect();
        (out, msgs)
    };
    let (cp_out, cp_msgs) = run("cp.srt");
    let (_, le_msgs) = run("le.srt");
    fs::remove_dir_all(&dir).unwrap();
    assert!(
        cp_msgs
            .iter()
            .any(|m| m.contains("not UTF-8; read as windows-1251 (set --encoding to override)")),
        "{cp_msgs:?}"
    );
    assert_eq!(cp_out.calls[0].utterances[0].text, "Привет");
    assert!(
        le_msgs.iter().any(|m| {
            m.contains(
            "looks like UTF-16 little-endian without a byte order mark; set --encoding \"utf-16le\""
        )
        }),
        "{le_msgs:?}"
    );
}
