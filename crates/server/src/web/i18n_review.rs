//! The strings of the review pages in Russian and English: a call's
//! history (the audit log of its disputes, marks and grades) and the
//! calibration pages. Kept beside [`super::i18n::Words`] (which reaches
//! them as `review`) so neither catalogue outgrows its file; a missing
//! string is a build error, as there.

/// The review pages' strings in one language.
pub struct ReviewWords {
    pub history: &'static str,
    pub no_history: &'static str,
    pub not_marked: &'static str,
    pub when: &'static str,
    pub who: &'static str,
    pub change: &'static str,
    pub opened: &'static str,
    pub decided: &'static str,
    pub log_dispute_open: &'static str,
    pub log_dispute_decide: &'static str,
    pub log_manual_mark: &'static str,
    pub log_calibration_grade: &'static str,
    pub log_calibration_create: &'static str,
    pub score_change: &'static str,
}

/// English.
pub static EN: ReviewWords = ReviewWords {
    history: "History",
    no_history: "No changes yet.",
    not_marked: "not marked",
    when: "When",
    who: "Who",
    change: "Change",
    opened: "opened",
    decided: "decided",
    log_dispute_open: "dispute opened",
    log_dispute_decide: "dispute decided",
    log_manual_mark: "manual item marked",
    log_calibration_grade: "graded in calibration",
    log_calibration_create: "calibration created",
    score_change: "score",
};

/// Русский.
pub static RU: ReviewWords = ReviewWords {
    history: "История изменений",
    no_history: "Изменений пока нет.",
    not_marked: "не отмечено",
    when: "Когда",
    who: "Кто",
    change: "Изменение",
    opened: "открыт",
    decided: "решён",
    log_dispute_open: "открыт спор",
    log_dispute_decide: "решён спор",
    log_manual_mark: "отмечен ручной пункт",
    log_calibration_grade: "оценка в калибровке",
    log_calibration_create: "создана калибровка",
    score_change: "оценка",
};
