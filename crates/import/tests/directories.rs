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
