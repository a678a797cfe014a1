//! Training results: stored per operator, listed newest first, with the
//! figures and the whole result kept as given.

use callqa_store::{Store, TrainingRecord};

fn record(operator: &str, kind: &str, score: f64, passed: bool) -> TrainingRecord {
    TrainingRecord {
        id: 0,
        operator: operator.into(),
        kind: kind.into(),
        standard: "callqa-default@1".into(),
        language: "ru".into(),
        score,
        passed,
        taken_at: String::new(),
        result: format!("{{\"kind\":\"{kind}\",\"score\":{score}}}"),
    }
}

pub fn training_results_per_operator_newest_first(s: &dyn Store) {
    let a1 = s
        .put_training(&record("op-a", "quiz", 70.0, false))
        .unwrap();
    let b1 = s
        .put_training(&record("op-b", "simulator", 92.5, true))
        .unwrap();
    let a2 = s
        .put_training(&record("op-a", "simulator", 100.0, true))
        .unwrap();
    let a3 = s.put_training(&record("op-a", "quiz", 90.0, true)).unwrap();
    assert!(a1 < b1 && b1 < a2 && a2 < a3);

    let a = s.training_of("op-a", 10).unwrap();
    assert_eq!(a.iter().map(|r| r.id).collect::<Vec<_>>(), vec![a3, a2, a1]);
    assert_eq!(a[1].kind, "simulator");
    assert_eq!(a[1].score, 100.0);
    assert!(a[1].passed && !a[2].passed);
    assert_eq!(a[2].result, "{\"kind\":\"quiz\",\"score\":70}");
    assert_eq!(a[0].standard, "callqa-default@1");
    assert_eq!(a[0].language, "ru");
    assert!(a[0].taken_at.starts_with("20"), "{}", a[0].taken_at);

    let limited = s.training_of("op-a", 2).unwrap();
    assert_eq!(
        limited.iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![a3, a2]
    );
    let b = s.training_of("op-b", 10).unwrap();
    assert_eq!(b.len(), 1);
    assert_eq!(b[0].operator, "op-b");
    assert_eq!(b[0].score, 92.5);
    assert!(s.training_of("op-c", 10).unwrap().is_empty());
}
