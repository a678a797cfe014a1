//! The geometry of the HTML report's charts: plain rectangles and labels in
//! SVG user units, which `templates/chart.svg` draws (escaped like every
//! template value). No script and no chart library: the page must render
//! anywhere, offline, at any batch size.

use callqa_model::Lang;

use crate::html::thousands;
use crate::labels::{label, Label as Word};
use crate::summary::Summary;

/// Bins of the score distribution: 0–10, 10–20, … 90–100.
pub(crate) const SCORE_BINS: usize = 10;
/// Rules drawn in the failure-rate chart; the table lists every rule.
const MAX_RULE_BARS: usize = 40;

/// One chart: a width and height in SVG units, bars and text labels.
pub(crate) struct Chart {
    pub(crate) label: String,
    pub(crate) width: u32,
    pub(crate) height: u32,
    pub(crate) bars: Vec<Bar>,
    pub(crate) texts: Vec<Label>,
}

pub(crate) struct Bar {
    pub(crate) x: u32,
    pub(crate) y: u32,
    pub(crate) w: u32,
    pub(crate) h: u32,
    /// A CSS class: `bar`, `bar critical`, `bar major`, `bar minor`.
    pub(crate) class: &'static str,
    /// Shown on hover.
    pub(crate) title: String,
}

pub(crate) struct Label {
    pub(crate) x: u32,
    pub(crate) y: u32,
    /// `start`, `middle` or `end`.
    pub(crate) anchor: &'static str,
    pub(crate) class: &'static str,
    pub(crate) text: String,
}

/// Scales `n` of `max` to `full` units, at least 1 for a non-zero `n`.
fn scale(n: f64, max: f64, full: u32) -> u32 {
    if max <= 0.0 || n <= 0.0 {
        return 0;
    }
    ((n / max * f64::from(full)).round() as u32).clamp(1, full)
}

/// Vertical bars: how many calls scored in each tenth of 0–100.
pub(crate) fn score_chart(bins: &[usize; SCORE_BINS], lang: Lang) -> Chart {
    const LEFT: u32 = 10;
    const TOP: u32 = 22;
    const PLOT: u32 = 170;
    const SLOT: u32 = 56;
    let max = bins.iter().copied().max().unwrap_or(0) as f64;
    let mut chart = Chart {
        label: "calls by score".to_owned(),
        width: LEFT * 2 + SLOT * SCORE_BINS as u32,
        height: TOP + PLOT + 24,
        bars: Vec::new(),
        texts: Vec::new(),
    };
    for (i, &n) in bins.iter().enumerate() {
        let x = LEFT + SLOT * i as u32;
        let h = scale(n as f64, max, PLOT);
        let (lo, hi) = (i * 100 / SCORE_BINS, (i + 1) * 100 / SCORE_BINS);
        let class = match lo {
            0..=49 => "bar low",
            50..=79 => "bar mid",
            _ => "bar high",
        };
        chart.bars.push(Bar {
            x: x + 4,
            y: TOP + PLOT - h,
            w: SLOT - 8,
            h,
            class,
            title: label(
                lang,
                Word::ChartScoreBar,
                &[("s", &format!("{lo}–{hi}")), ("n", &thousands(n))],
            ),
        });
        chart.texts.push(Label {
            x: x + SLOT / 2,
            y: TOP + PLOT - h - 5,
            anchor: "middle",
            class: "value",
            text: thousands(n),
        });
        chart.texts.push(Label {
            x: x + SLOT / 2,
            y: TOP + PLOT + 17,
            anchor: "middle",
            class: "axis",
            text: format!("{lo}–{hi}"),
        });
    }
    chart
}

/// Horizontal bars: each rule's failure rate (of the calls it applied
/// to), highest first, coloured by severity.
pub(crate) fn rule_chart(summary: &Summary, lang: Lang) -> Chart {
    const NAME: u32 = 250;
    const PLOT: u32 = 330;
    const ROW: u32 = 22;
    let mut rules: Vec<_> = summary
        .rules()
        .into_iter()
        .filter_map(|r| r.fail_rate().map(|rate| (r, rate)))
        .collect();
    let never_failed = rules.iter().filter(|(r, _)| r.fail == 0).count();
    rules.retain(|(r, _)| r.fail > 0);
    rules.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.rule.cmp(&b.0.rule)));
    let left_out = rules.len().saturating_sub(MAX_RULE_BARS);
    rules.truncate(MAX_RULE_BARS);
    let rows = rules.len() as u32 + u32::from(left_out > 0) + u32::from(never_failed > 0);
    let mut chart = Chart {
        label: "failure rate per rule".to_owned(),
        width: NAME + PLOT + 130,
        height: ROW * rows.max(1) + 8,
        bars: Vec::new(),
        texts: Vec::new(),
    };
    for (i, (r, rate)) in rules.iter().enumerate() {
        let y = 4 + ROW * i as u32;
        let w = scale(*rate, 1.0, PLOT);
        let class = match r.severity.as_str() {
            "critical" => "bar critical",
            "major" => "bar major",
            _ => "bar minor",
        };
        let pct = format!("{:.1} %", rate * 100.0);
        chart.bars.push(Bar {
            x: NAME + 8,
            y,
            w,
            h: ROW - 6,
            class,
            title: format!(
                "{} ({pct})",
                label(
                    lang,
                    Word::ChartRuleBar,
                    &[
                        ("s", &r.rule),
                        ("n", &thousands(r.fail)),
                        ("raw", &thousands(r.applicable())),
                    ],
                )
            ),
        });
        chart.texts.push(Label {
            x: NAME,
            y: y + 12,
            anchor: "end",
            class: "name",
            text: r.rule.clone(),
        });
        chart.texts.push(Label {
            x: NAME + 14 + w,
            y: y + 12,
            anchor: "start",
            class: "value",
            text: format!("{pct} · {}", thousands(r.fail)),
        });
    }
    let mut notes = Vec::new();
    if left_out > 0 {
        notes.push(label(
            lang,
            Word::ChartMoreRules,
            &[("n", &thousands(left_out))],
        ));
    }
    if never_failed > 0 {
        notes.push(label(
            lang,
            Word::ChartNeverFailed,
            &[("n", &thousands(never_failed))],
        ));
    }
    for (i, text) in notes.into_iter().enumerate() {
        chart.texts.push(Label {
            x: NAME + 8,
            y: 4 + ROW * (rules.len() + i) as u32 + 12,
            anchor: "start",
            class: "axis",
            text,
        });
    }
    chart
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testdata::audits;

    #[test]
    fn score_bars_scale_to_the_largest_bin() {
        let mut bins = [0; SCORE_BINS];
        bins[9] = 40;
        bins[5] = 10;
        bins[0] = 1;
        let c = score_chart(&bins, Lang::En);
        assert_eq!(c.bars.len(), SCORE_BINS);
        assert_eq!(c.bars[9].h, 170);
        assert_eq!(c.bars[5].h, 43);
        // A tiny bin stays visible; an empty one is flat.
        assert_eq!(c.bars[0].h, 4);
        assert_eq!(c.bars[1].h, 0);
        for b in &c.bars {
            assert_eq!(b.y + b.h, 192, "bars stand on one axis");
            assert!(b.x + b.w <= c.width);
        }
        assert_eq!(c.bars[9].title, "score 90–100: 40 calls");
    }

    #[test]
    fn rule_bars_by_failure_rate() {
        let mut s = Summary::new();
        audits().iter().for_each(|a| s.add(a));
        let c = rule_chart(&s, Lang::En);
        // outbound.time_check never applied: no bar.
        let names: Vec<&str> = c
            .texts
            .iter()
            .filter(|t| t.class == "name")
            .map(|t| t.text.as_str())
            .collect();
        assert_eq!(names, ["hold.thanks", "greeting.company"]);
        let mut clean = crate::testdata::audits();
        clean.truncate(2);
        let mut s = Summary::new();
        clean.iter().for_each(|a| s.add(a));
        let c2 = rule_chart(&s, Lang::En);
        assert_eq!(c2.bars.len(), 1, "greeting.company never failed: no bar");
        assert_eq!(
            c2.texts.last().unwrap().text,
            "never failed: 1 more rules that applied"
        );
        // The notes and tooltips follow the report's language.
        let ru = rule_chart(&s, Lang::Ru);
        assert_eq!(
            ru.texts.last().unwrap().text,
            "ни разу не нарушены: ещё 1 применимых правил(а)"
        );
        assert!(
            ru.bars[0].title.contains("нарушено в "),
            "{}",
            ru.bars[0].title
        );
        assert_eq!(c.bars[0].w, 330);
        assert_eq!(c.bars[1].w, 110);
        assert_eq!(c.bars[1].class, "bar critical");
        assert_eq!(
            c.bars[1].title,
            "greeting.company: failed 1 of 3 calls (33.3 %)"
        );
    }
}
