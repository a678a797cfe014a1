//! The report's words for people — the table's call line and summary, the
//! HTML page's labels — in Russian, English and Armenian, from one
//! catalogue. Machine-read output (JSON fields, CSV column names) stays in
//! stable English and does not come from here.

use callqa_model::{Lang, Party, Severity};

macro_rules! labels {
    ($($key:ident { ru: $ru:expr, en: $en:expr, hy: $hy:expr $(,)? })*) => {
        /// One label of the report.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[non_exhaustive]
        pub enum Label {
            $(#[doc = $en] $key,)*
        }

        impl Label {
            /// Every label.
            pub const ALL: &'static [Label] = &[$(Label::$key),*];

            /// The label in `lang`; `{n}`, `{s}`, `{raw}` mark values.
            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Label::$key, Lang::Ru) => $ru,
                      (Label::$key, Lang::En) => $en,
                      (Label::$key, Lang::Hy) => $hy,)*
                }
            }
        }
    };
}

labels! {
    Score { ru: "оценка {s}", en: "score {s}", hy: "գնահատական {s}" }
    ScoreRaw {
        ru: "оценка {s} (без поправок {raw})",
        en: "score {s} (raw {raw})",
        hy: "գնահատական {s} (առանց ճշգրտման {raw})",
    }
    NotScored { ru: "без оценки", en: "not scored", hy: "չգնահատված" }
    Passed { ru: "ПРОЙДЕН", en: "PASSED", hy: "ԱՆՑԵԼ Է" }
    Failed { ru: "НЕ ПРОЙДЕН", en: "FAILED", hy: "ՉԻ ԱՆՑԵԼ" }
    CriticalFailed { ru: "критичные: {n}", en: "critical: {n}", hy: "կրիտիկական՝ {n}" }
    Operator { ru: "оп", en: "op", hy: "օպ" }
    Client { ru: "кл", en: "cl", hy: "հճ" }
    Critical { ru: "критичное", en: "critical", hy: "կրիտիկական" }
    Major { ru: "существенное", en: "major", hy: "էական" }
    Minor { ru: "мелкое", en: "minor", hy: "աննշան" }
    Summary { ru: "Итого", en: "Summary", hy: "Ամփոփում" }
    CallsN { ru: "звонков: {n}", en: "calls {n}", hy: "զանգեր՝ {n}" }
    PassedN { ru: "пройдено: {n}", en: "passed {n}", hy: "անցած՝ {n}" }
    FailedN { ru: "не пройдено: {n}", en: "failed {n}", hy: "չանցած՝ {n}" }
    MeanScoreN { ru: "средняя оценка: {n}", en: "mean score {n}", hy: "միջին գնահատական՝ {n}" }
    UnreadableN {
        ru: "нечитаемых файлов: {n}",
        en: "unreadable inputs {n}",
        hy: "չընթերցված ֆայլեր՝ {n}",
    }
    Rules { ru: "Правила", en: "Rules", hy: "Կանոններ" }
    ColRule { ru: "правило", en: "rule", hy: "կանոն" }
    ColSeverity { ru: "важность", en: "severity", hy: "կարևորություն" }
    ColFail { ru: "нарушено", en: "fail", hy: "խախտված" }
    ColPass { ru: "выполнено", en: "pass", hy: "կատարված" }
    ColNa { ru: "н/п", en: "n/a", hy: "կ/չ" }
    ColFailRate { ru: "% нарушений", en: "fail %", hy: "խախտումներ %" }
    Operators { ru: "Операторы", en: "Operators", hy: "Օպերատորներ" }
    ColOperator { ru: "оператор", en: "operator", hy: "օպերատոր" }
    ColCalls { ru: "звонков", en: "calls", hy: "զանգեր" }
    ColMeanScore { ru: "средняя оценка", en: "mean score", hy: "միջին գնահատական" }
    ColFailed { ru: "не пройдено", en: "failed", hy: "չանցած" }
    ColMostFailed { ru: "чаще всего нарушено", en: "most failed", hy: "ամենահաճախ խախտված" }
    HtmlTitle {
        ru: "Отчёт о проверке звонков",
        en: "Call audit report",
        hy: "Զանգերի ստուգման հաշվետվություն",
    }
    Charts { ru: "Графики", en: "Charts", hy: "Գծապատկերներ" }
    ChartScores { ru: "Звонки по оценке", en: "Calls by score", hy: "Զանգերն ըստ գնահատականի" }
    ChartRules {
        ru: "Доля нарушений по правилам (среди звонков, к которым правило применимо)",
        en: "Failure rate per rule (of the calls it applied to)",
        hy: "Խախտումների մասնաբաժինն ըստ կանոնի (այն զանգերից, որոնց այն կիրառվում է)",
    }
    ChartScoreBar {
        ru: "оценка {s}: звонков {n}",
        en: "score {s}: {n} calls",
        hy: "գնահատական {s}՝ {n} զանգ",
    }
    ChartRuleBar {
        ru: "{s}: нарушено в {n} из {raw} звонков",
        en: "{s}: failed {n} of {raw} calls",
        hy: "{s}՝ խախտվել է {raw} զանգից {n}-ում",
    }
    ChartMoreRules {
        ru: "+{n} правил(а) — в таблице",
        en: "+{n} more rules in the table",
        hy: "+{n} կանոն՝ աղյուսակում",
    }
    ChartNeverFailed {
        ru: "ни разу не нарушены: ещё {n} применимых правил(а)",
        en: "never failed: {n} more rules that applied",
        hy: "երբեք չեն խախտվել՝ ևս {n} կիրառելի կանոն",
    }
    CardPassed { ru: "пройдено", en: "passed", hy: "անցած" }
    CardUnreadable { ru: "нечитаемых файлов", en: "unreadable inputs", hy: "չընթերցված ֆայլեր" }
    CardScore { ru: "оценка", en: "score", hy: "գնահատական" }
    ColFailedCalls { ru: "не пройдено звонков", en: "failed calls", hy: "չանցած զանգեր" }
    ColMostFailedRules {
        ru: "чаще всего нарушены",
        en: "most failed rules",
        hy: "ամենահաճախ խախտված կանոններ",
    }
    WorstCalls { ru: "Худшие звонки", en: "Worst calls", hy: "Ամենավատ զանգերը" }
    NoteLeftOut {
        ru: "{shown} худших из {n} звонков с нарушениями: сначала не пройденные, затем по числу критичных нарушений, затем по наименьшей оценке. Остальные {left} на эту страницу не вошли; все звонки перечисляют --format csv и --format jsonl.",
        en: "The {shown} worst of the {n} calls with a failed rule: calls that did not pass first, then by failed critical rules, then by lowest score. The other {left} are left out of this page; --format csv or --format jsonl lists every call.",
        hy: "Խախտումներով {n} զանգերից {shown} ամենավատը՝ նախ չանցածները, հետո ըստ կրիտիկական խախտումների, հետո ըստ ամենացածր գնահատականի։ Մնացած {left}-ը այս էջում չկան. բոլոր զանգերը թվարկում են --format csv և --format jsonl։",
    }
    NoteNoFailures {
        ru: "Ни один звонок не нарушил правил.",
        en: "No call failed a rule.",
        hy: "Ոչ մի զանգ կանոն չի խախտել։",
    }
    NoteAll {
        ru: "Все звонки с нарушениями ({n}), худшие первыми. Выполненные и неприменимые правила посчитаны, но не перечислены.",
        en: "Every call with a failed rule ({n}), worst first. Passed and n/a verdicts are counted, not listed.",
        hy: "Խախտումներով բոլոր զանգերը ({n})՝ սկսած ամենավատից։ Կատարված և չկիրառվող կանոնները հաշվված են, բայց թվարկված չեն։",
    }
    CallMeta {
        ru: "нарушено: {failed} · выполнено: {passed} · н/п: {na} · {standard}",
        en: "{failed} failed · {passed} passed · {na} n/a · {standard}",
        hy: "խախտված՝ {failed} · կատարված՝ {passed} · կ/չ՝ {na} · {standard}",
    }
    MoreEvidence { ru: "+ещё {n}", en: "+{n} more", hy: "+ևս {n}" }
    SpeakerOperator { ru: "оператор", en: "operator", hy: "օպերատոր" }
    SpeakerClient { ru: "клиент", en: "client", hy: "հաճախորդ" }
}

/// The label in `lang` with `{name}` replaced by each value.
pub fn label(lang: Lang, l: Label, args: &[(&str, &str)]) -> String {
    let mut out = l.text(lang).to_string();
    for (k, v) in args {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

/// A severity for people: «критичное», "major".
pub fn severity(lang: Lang, s: Severity) -> &'static str {
    match s {
        Severity::Critical => Label::Critical.text(lang),
        Severity::Major => Label::Major.text(lang),
        Severity::Minor => Label::Minor.text(lang),
    }
}

/// The speaker tag of a quote: «оп», "cl".
pub fn party(lang: Lang, p: Party) -> &'static str {
    match p {
        Party::Operator => Label::Operator.text(lang),
        Party::Client => Label::Client.text(lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_is_written_in_every_language() {
        for &l in Label::ALL {
            for lang in Lang::ALL {
                assert!(!l.text(lang).trim().is_empty(), "{l:?} in {lang:?}");
            }
            // The same placeholders in each language.
            let holes = |t: &'static str| {
                let mut h: Vec<&'static str> = t
                    .split('{')
                    .skip(1)
                    .filter_map(|s| s.split('}').next())
                    .collect();
                h.sort_unstable();
                h
            };
            assert_eq!(holes(l.text(Lang::Ru)), holes(l.text(Lang::En)), "{l:?}");
            assert_eq!(holes(l.text(Lang::Hy)), holes(l.text(Lang::En)), "{l:?}");
        }
    }

    #[test]
    fn values_fill_the_labels() {
        assert_eq!(
            label(Lang::Ru, Label::CallsN, &[("n", "20")]),
            "звонков: 20"
        );
        assert_eq!(label(Lang::En, Label::CallsN, &[("n", "20")]), "calls 20");
        assert_eq!(
            label(Lang::En, Label::ScoreRaw, &[("s", "80.0"), ("raw", "72.5")]),
            "score 80.0 (raw 72.5)"
        );
        assert_eq!(severity(Lang::Ru, Severity::Critical), "критичное");
        assert_eq!(party(Lang::Hy, Party::Operator), "օպ");
    }
}
