//! Every simulator scenario, scripted to pass and to fail: the engine's
//! audit of the simulated call decides, with the rule the failing script
//! breaks named.

use callqa_model::{Lang, Outcome};
use callqa_standard::DEFAULT_STANDARD_TOML;
use callqa_train::scenarios;
use callqa_train::sim::{Input, Sim, SimResult};

fn play(id: &str, lang: Lang, script: &str) -> (SimResult, String) {
    let std = callqa_standard::builtin();
    let mut out = Vec::new();
    let sc = scenarios::scenario(id).expect("scenario");
    let sim = Sim::new(std, DEFAULT_STANDARD_TOML, sc, lang, "op-1", &mut out);
    let mut reader = script.as_bytes();
    let r = sim
        .run(Input {
            reader: &mut reader,
            file: Some("script.txt"),
        })
        .expect("script runs");
    (r, String::from_utf8(out).unwrap())
}

fn failed(r: &SimResult) -> Vec<String> {
    r.audits
        .iter()
        .flat_map(|a| a.verdicts.iter())
        .filter(|v| v.outcome == Outcome::Fail)
        .map(|v| v.rule.clone())
        .collect()
}

fn passes(id: &str, lang: Lang, script: &str) {
    let (r, out) = play(id, lang, script);
    assert!(
        r.passed() && failed(&r).is_empty(),
        "{id} {lang:?}: {:?}\n{out}",
        failed(&r)
    );
}

fn fails(id: &str, lang: Lang, script: &str, rule: &str) {
    let (r, out) = play(id, lang, script);
    assert!(
        failed(&r).contains(&rule.to_string()),
        "{id} {lang:?}: wanted {rule}, got {:?}\n{out}",
        failed(&r)
    );
}

const HOLD_RU: &str = "Доброе утро, компания «Ромашка», меня зовут Анна. Чем могу помочь?
Ольга, могу я попросить вас подождать? Мне нужно проверить платёж.
/hold
/unhold
Спасибо за ожидание, Ольга. Второе списание отменено, деньги вернутся завтра.
Могу ли я ещё чем-то помочь? Спасибо за звонок, всего доброго!
";

#[test]
fn hold_passes_and_fails() {
    passes("hold", Lang::Ru, HOLD_RU);
    fails(
        "hold",
        Lang::Ru,
        &HOLD_RU.replace(
            "Ольга, могу я попросить вас подождать? Мне нужно проверить платёж.",
            "Ольга, сейчас проверю.",
        ),
        "hold.permission",
    );
    fails(
        "hold",
        Lang::Ru,
        &HOLD_RU.replace("Спасибо за ожидание, Ольга.", "Ольга."),
        "hold.thanks",
    );
}

#[test]
fn show_hold() {
    let (r, out) = play(
        "hold",
        Lang::Ru,
        &HOLD_RU.replace("Спасибо за ожидание, Ольга.", "Ольга."),
    );
    let std = callqa_standard::builtin();
    eprintln!(
        "{out}\n{}",
        callqa_train::sim::summary(&std, DEFAULT_STANDARD_TOML, &r, Lang::Ru)
    );
}
