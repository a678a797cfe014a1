//! Whole calls written blind, against a supervisor's verdicts: realistic
//! calls in each language written by writers who saw only the rule catalog,
//! the seed articles and the call-record format (never the phrase lists, the
//! code or the engine's output), each with the verdicts a careful supervisor
//! gives the rules they could judge (`corpus/calls/<part>/<lang>/expected.toml`).
//! `dev/` holds calls whose disagreements have been looked at (and fixed
//! where the engine was wrong); `heldout/` holds calls nobody has looked at
//! the engine's verdicts of.
//!
//! Every language folder is audited as one batch with the built-in default
//! standard (so cross-call rules see the calls of the same client), and
//! each judged verdict is compared with the engine's. The test prints, per
//! rule and language, how many judged verdicts agree, the wrong fails (the
//! engine fails a rule the supervisor passed: the costly error), the missed
//! fails, and every disagreement; it asserts a floor on the agreeing
//! verdicts per language so that a regression fails. A missing folder skips
//! with a message.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use callqa_model::read_inputs;
use callqa_standard::Batch;
use serde::Deserialize;

#[derive(Deserialize)]
struct Expected {
    #[serde(default)]
    call: Vec<ExpectedCall>,
}

#[derive(Deserialize)]
struct ExpectedCall {
    id: String,
    #[serde(default)]
    verdicts: BTreeMap<String, String>,
}

#[derive(Default)]
struct Tally {
    judged: usize,
    agree: usize,
    /// The engine failed what the supervisor passed or found not applicable.
    wrong_fail: usize,
    /// The engine did not fail what the supervisor failed.
    missed_fail: usize,
}

impl Tally {
    fn add(&mut self, want: &str, got: &str) {
        self.judged += 1;
        if want == got {
            self.agree += 1;
        } else if got == "fail" {
            self.wrong_fail += 1;
        } else if want == "fail" {
            self.missed_fail += 1;
        }
    }

    fn rate(&self) -> f64 {
        if self.judged == 0 {
            return 1.0;
        }
        self.agree as f64 / self.judged as f64
    }
}

/// Agreeing verdicts per part and language, at least: what the default
/// standard reaches now, so that a regression fails.
const FLOOR: &[(&str, &str, usize)] = &[
    ("dev", "ru", 6213),
    ("dev", "en", 6190),
    ("dev", "hy", 6179),
    ("heldout", "ru", 689),
    ("heldout", "en", 703),
    ("heldout", "hy", 700),
];

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpus/calls")
}

/// The judged verdicts of one language folder that the engine decided, as
/// (call, rule, supervisor, engine, the engine's message or reason).
fn audit_folder(dir: &Path) -> Vec<(String, String, String, String, String)> {
    let text = std::fs::read_to_string(dir.join("expected.toml"))
        .unwrap_or_else(|e| panic!("{}: {e}", dir.join("expected.toml").display()));
    let expected: Expected = toml::from_str(&text)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.join("expected.toml").display()));
    let std = callqa_standard::builtin();
    let mut batch = Batch::new(std.clone());
    for call in read_inputs(&[dir.to_path_buf()]) {
        let call = call.unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        batch.add(&call);
    }
    let audits = batch.finish();
    let mut out = Vec::new();
    for exp in &expected.call {
        let audit = audits
            .iter()
            .find(|a| a.call == exp.id)
            .unwrap_or_else(|| panic!("{}: no call {:?} in the folder", dir.display(), exp.id));
        for (rule, want) in &exp.verdicts {
            assert!(
                std.rule(rule).is_some(),
                "{}: {}: unknown rule {rule:?}",
                dir.display(),
                exp.id
            );
            let Some(v) = audit.verdicts.iter().find(|v| &v.rule == rule) else {
                continue;
            };
            let why = v
                .message
                .as_deref()
                .or(v.reason.as_deref())
                .unwrap_or("")
                .to_string();
            out.push((
                exp.id.clone(),
                rule.clone(),
                want.clone(),
                v.outcome.as_str().to_string(),
                why,
            ));
        }
    }
    out
}

#[test]
fn blind_calls_agree_with_the_supervisor() {
    let root = corpus();
    let mut parts = 0;
    for part in ["dev", "heldout"] {
        let dir = root.join(part);
        if dir.is_dir() {
            parts += 1;
            score_part(part, &dir);
        } else {
            eprintln!("skipped: no folder {}", dir.display());
        }
    }
    assert!(parts > 0 || !root.exists(), "no part in {}", root.display());
}

/// Scores every language folder of one part, prints the tables and checks
/// the part's floors.
fn score_part(part: &str, root: &Path) {
    let Ok(entries) = std::fs::read_dir(root) else {
        eprintln!("skipped: no folder {}", root.display());
        return;
    };
    let mut langs: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("expected.toml").is_file())
        .collect();
    langs.sort();
    assert!(
        !langs.is_empty(),
        "no language folder in {}",
        root.display()
    );

    let mut table: BTreeMap<(String, String), Tally> = BTreeMap::new();
    let mut per_lang: BTreeMap<String, Tally> = BTreeMap::new();
    let mut calls: BTreeMap<String, usize> = BTreeMap::new();
    let mut disagreements = Vec::new();
    for dir in &langs {
        let lang = dir.file_name().unwrap().to_string_lossy().to_string();
        let judged = audit_folder(dir);
        let mut ids: Vec<&str> = judged.iter().map(|j| j.0.as_str()).collect();
        ids.dedup();
        calls.insert(lang.clone(), ids.len());
        for (call, rule, want, got, why) in &judged {
            table
                .entry((rule.clone(), lang.clone()))
                .or_default()
                .add(want, got);
            per_lang.entry(lang.clone()).or_default().add(want, got);
            if want != got {
                disagreements.push(format!(
                    "{lang} {call} {rule}: supervisor {want}, engine {got} — {why}"
                ));
            }
        }
    }

    println!("\nblind calls ({part}): per rule and language\n");
    println!("| rule | lang | judged | agree | wrong fails | missed fails |");
    println!("|---|---|---|---|---|---|");
    for ((rule, lang), t) in &table {
        println!(
            "| {rule} | {lang} | {} | {:.0} % | {} | {} |",
            t.judged,
            t.rate() * 100.0,
            t.wrong_fail,
            t.missed_fail
        );
    }
    println!();
    for (lang, t) in &per_lang {
        println!(
            "{lang}: {} calls, {}/{} judged verdicts agree ({:.1} %), {} wrong fails, {} missed fails",
            calls.get(lang).copied().unwrap_or(0),
            t.agree,
            t.judged,
            t.rate() * 100.0,
            t.wrong_fail,
            t.missed_fail
        );
    }
    println!("\ndisagreements ({}):", disagreements.len());
    for d in &disagreements {
        println!("  {d}");
    }
    for (p, lang, floor) in FLOOR.iter().filter(|f| f.0 == part) {
        let agree = per_lang.get(*lang).map_or(0, |t| t.agree);
        assert!(
            agree >= *floor,
            "{p} {lang}: {agree} judged verdicts agree, the floor is {floor}"
        );
    }
}
