//! The model calls pass the default standard in every language: a question
//! that changes one slot then changes only what that slot says.

use callqa_model::Lang;
use callqa_train::probe;

#[test]
fn every_template_passes_the_default_standard() {
    let std = callqa_standard::builtin();
    let mut bad = Vec::new();
    for lang in Lang::ALL {
        for t in probe::templates(lang) {
            let call = probe::build(&t, lang, "", None);
            let a = probe::audit(&std, &call);
            for v in &a.verdicts {
                if v.outcome == callqa_model::Outcome::Fail {
                    bad.push(format!(
                        "{lang:?} {:?}: {} {:?} {:?}",
                        t.direction, v.rule, v.message, v.evidence
                    ));
                }
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}
