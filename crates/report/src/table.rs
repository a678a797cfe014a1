//! The terminal report a contact-centre supervisor reads: a block per call,
//! written as the audits come in ([`write_table_call`]), and the batch
//! summary at the end ([`write_table_summary`]).
//!
//! The layout is documented on [`write_table_call`] and
//! [`write_table_summary`].

use std::borrow::Cow;
use std::io::{self, Write};

use callqa_model::{CallAudit, Evidence, Lang, Outcome, Severity, Verdict};

use crate::format::Details;
use crate::labels::{self, label, Label};
use crate::summary::Summary;
use crate::terminal::sanitize;
use crate::width::{truncate, width, wrap};

/// How [`write_table_call`] and [`write_table_summary`] lay out text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TableOptions {
    /// Write ANSI colours and bold.
    pub color: bool,
    /// Which verdicts to list under each call.
    pub details: Details,
    /// The terminal width in columns; 0 means no limit.
    pub width: usize,
    /// The language of the labels (`score`, `PASSED`, the summary's
    /// headers); messages come in the audit's own language.
    pub lang: Lang,
}

impl Default for TableOptions {
    /// No colour, every verdict, 80 columns, English labels.
    fn default() -> Self {
        TableOptions {
            color: false,
            details: Details::All,
            width: 80,
            lang: Lang::En,
        }
    }
}

/// Indent of the verdict lines (`  ✓ `).
const VERDICT_INDENT: usize = 2;
/// Indent of a failure's message and evidence.
const DETAIL_INDENT: usize = 6;
/// Below this many free columns a pass or `n/a` tail moves to its own line.
const MIN_TAIL: usize = 16;
/// The most-failed rules listed per operator.
const OPERATOR_TOP_RULES: usize = 3;

/// Writes one call: its header line and, depending on
/// [`TableOptions::details`], its verdicts followed by a blank line.
///
/// The header is `{call}  {operator}  score {score}  PASSED|FAILED`, with the
/// failed critical rules named after `FAILED`; `-` stands for a missing
/// operator.
///
/// # Layout
///
/// Plain, `Details::All`, width 80:
///
/// ```text
/// 2026-03-02-000117  op-17  score 84.6  PASSED
///   ✓ greeting.company     [op 0:10] «компания «Ромашка»»
///   ✗ hold.thanks          major
///       after the hold that ended at 1:35 the operator's first words were «Так,
///       смотрите» — no thanks for waiting
///       [op 1:36] «Так, смотрите»
///   · outbound.time_check  inbound call
///
/// ```
///
/// Lines fit in [`TableOptions::width`] columns (counted in characters):
/// messages and failure evidence are word-wrapped, the one-line tails of
/// passes and `n/a` are cut with `…`, and summary tables shrink their text
/// columns. Only what cannot be cut without losing its meaning (a call's id,
/// operator, score and status; numeric columns) may overflow a very narrow
/// terminal. Colour is ANSI SGR and is
/// written only when [`TableOptions::color`] is set; no line ends in spaces.
/// Ids and transcript text are sanitised first (see `terminal.rs`): line
/// breaks become spaces and escape sequences are shown as `\x1b…`, so they
/// cannot drive the terminal. Deciding *whether* to colour (tty, `NO_COLOR`)
/// is the caller's job.
pub fn write_table_call<W: Write>(
    mut w: W,
    audit: &CallAudit,
    opts: &TableOptions,
) -> io::Result<()> {
    let max = max_width(opts);
    let p = Painter(opts.color);

    let call = sanitize(&audit.call);
    let operator = audit
        .operator
        .as_deref()
        .map_or(Cow::Borrowed("-"), sanitize);
    let lang = opts.lang;
    let score = match audit.score {
        Some(s) if audit.raw_score != Some(s) => label(
            lang,
            Label::ScoreRaw,
            &[
                ("s", &format!("{s:.1}")),
                ("raw", &format!("{:.1}", audit.raw_score.unwrap_or(s))),
            ],
        ),
        Some(s) => label(lang, Label::Score, &[("s", &format!("{s:.1}"))]),
        None => Label::NotScored.text(lang).to_string(),
    };
    let mut header = format!("{}  {operator}  {score}  ", p.paint(&call, Style::Bold));
    let used = width(&call) + width(&operator) + width(&score) + 6;
    if audit.passed {
        header.push_str(&p.paint(Label::Passed.text(lang), Style::GreenBold));
    } else {
        let critical: Vec<Cow<'_, str>> = audit
            .verdicts
            .iter()
            .filter(|v| v.outcome == Outcome::Fail && v.severity == Severity::Critical)
            .map(|v| sanitize(&v.rule))
            .collect();
        let mut status = String::from(Label::Failed.text(lang));
        if !critical.is_empty() {
            // `FAILED (critical: ` and `)` take their columns; the names
            // get the rest but never fewer than 8, as they say why it failed.
            let frame = width(&status) + width(Label::CriticalFailed.text(lang)) + 1;
            let room = max.saturating_sub(used + frame).max(8);
            let names = critical.join(", ");
            let names = truncate(&names, room);
            status.push_str(&format!(
                " ({})",
                label(lang, Label::CriticalFailed, &[("n", &names)])
            ));
        }
        header.push_str(&p.paint(&status, Style::RedBold));
    }
    writeln!(w, "{header}")?;

    if opts.details == Details::None {
        return Ok(());
    }
    let shown: Vec<&Verdict> = audit
        .verdicts
        .iter()
        .filter(|v| opts.details != Details::Failed || v.outcome == Outcome::Fail)
        .collect();
    let id_width = shown
        .iter()
        .map(|v| width(&sanitize(&v.rule)))
        .max()
        .unwrap_or(0);
    for v in shown {
        write_verdict(&mut w, v, id_width, max, p, lang)?;
    }
    writeln!(w)
}

fn write_verdict<W: Write>(
    w: &mut W,
    v: &Verdict,
    id_width: usize,
    max: usize,
    p: Painter,
    lang: Lang,
) -> io::Result<()> {
    let rule = sanitize(&v.rule);
    let pad = " ".repeat(id_width - width(&rule));
    let indent = " ".repeat(VERDICT_INDENT);
    // Columns before a tail: indent, mark, space, padded id, two spaces.
    let tail_at = VERDICT_INDENT + 2 + id_width + 2;

    match v.outcome {
        Outcome::Fail => {
            let style = match v.severity {
                Severity::Critical => Style::RedBold,
                _ => Style::Red,
            };
            let title = if v.title.is_empty() {
                String::new()
            } else {
                format!("  {}", sanitize(&v.title))
            };
            writeln!(
                w,
                "{indent}{} {rule}{pad}  {}{title}",
                p.paint("✗", Style::Red),
                p.paint(labels::severity(lang, v.severity), style)
            )?;
            let detail = " ".repeat(DETAIL_INDENT);
            let room = max.saturating_sub(DETAIL_INDENT);
            if let Some(message) = &v.message {
                for line in wrap(&sanitize(message), room, room) {
                    writeln!(w, "{detail}{line}")?;
                }
            }
            for e in &v.evidence {
                let lines = wrap(&evidence(e, lang), room, room.saturating_sub(2));
                for (i, line) in lines.iter().enumerate() {
                    let more = if i == 0 { "" } else { "  " };
                    writeln!(w, "{detail}{more}{line}")?;
                }
            }
            Ok(())
        }
        Outcome::Pass | Outcome::NotApplicable => {
            // A pass shows its first evidence; n/a is dimmed with its reason.
            let (mark, tail, style) = if v.outcome == Outcome::Pass {
                let mark = p.paint("✓", Style::Green);
                let first = v.evidence.first().map(|e| evidence(e, lang));
                (mark, first, Style::Plain)
            } else {
                let tail = v.reason.as_deref().map(|r| sanitize(r).into_owned());
                (p.paint("·", Style::Dim), tail, Style::Dim)
            };
            let rule = p.paint(&rule, style);
            let tail_style = style;
            match tail.filter(|t| !t.trim().is_empty()) {
                None => writeln!(w, "{indent}{mark} {rule}"),
                Some(tail) if max.saturating_sub(tail_at) >= MIN_TAIL => {
                    let tail = truncate(tail.trim(), max - tail_at);
                    let tail = p.paint(&tail, tail_style);
                    writeln!(w, "{indent}{mark} {rule}{pad}  {tail}")
                }
                Some(tail) => {
                    writeln!(w, "{indent}{mark} {rule}")?;
                    let tail = truncate(tail.trim(), max.saturating_sub(DETAIL_INDENT));
                    let detail = " ".repeat(DETAIL_INDENT);
                    writeln!(w, "{detail}{}", p.paint(&tail, tail_style))
                }
            }
        }
    }
}

/// `[op 1:35] «Так, смотрите»`; an event (no speaker) is described, not
/// quoted: `[1:02] hold started`.
fn evidence(e: &Evidence, lang: Lang) -> String {
    let quote = sanitize(&e.quote);
    let quote = quote.trim();
    if e.kind == callqa_model::EvidenceKind::Fact {
        // A fact the tool computed, never a quote of anyone.
        return format!("[{}] {quote}", clock(e.start));
    }
    match e.speaker {
        Some(speaker) => {
            let who = labels::party(lang, speaker);
            format!("[{who} {}] «{quote}»", clock(e.start))
        }
        None => format!("[{}] {quote}", clock(e.start)),
    }
}

/// Seconds as `m:ss`, or `h:mm:ss` from one hour on.
pub(crate) fn clock(secs: f64) -> String {
    let total = if secs.is_finite() && secs > 0.0 {
        secs.floor() as u64
    } else {
        0
    };
    let (h, m, s) = (total / 3600, total / 60 % 60, total % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// Writes the batch summary: totals, the per-rule table (most failures
/// first) and the per-operator table. `errors` is the number of inputs that
/// could not be read and so have no audit.
///
/// With [`Details::None`] a blank line first separates it from the call
/// lines; otherwise each call block already ends with one.
pub fn write_table_summary<W: Write>(
    mut w: W,
    summary: &Summary,
    errors: usize,
    opts: &TableOptions,
) -> io::Result<()> {
    let max = max_width(opts);
    let p = Painter(opts.color);
    if opts.details == Details::None {
        writeln!(w)?;
    }

    let lang = opts.lang;
    let n = |l: Label, v: String| label(lang, l, &[("n", &v)]);
    writeln!(w, "{}", p.paint(Label::Summary.text(lang), Style::Bold))?;
    let mean = summary
        .mean_score()
        .map_or_else(|| "-".to_owned(), |m| format!("{m:.1}"));
    let failed = n(Label::FailedN, summary.failed().to_string());
    let unreadable = n(Label::UnreadableN, errors.to_string());
    let alarm = |s: &str, n: usize| {
        p.paint(s, if n > 0 { Style::Red } else { Style::Plain })
            .into_owned()
    };
    let items = [
        n(Label::CallsN, summary.calls().to_string()),
        n(Label::PassedN, summary.passed().to_string()),
        alarm(&failed, summary.failed()),
        n(Label::MeanScoreN, mean),
        alarm(&unreadable, errors),
    ];
    writeln!(w, "  {}", items.join("  "))?;
    if summary.calls() == 0 {
        return Ok(());
    }

    writeln!(w)?;
    writeln!(w, "{}", p.paint(Label::Rules.text(lang), Style::Bold))?;
    let rows: Vec<Vec<Cell>> = summary
        .rules()
        .into_iter()
        .map(|r| {
            let rate = r
                .fail_rate()
                .map_or_else(|| "-".to_owned(), |f| format!("{:.1}", f * 100.0));
            vec![
                Cell::plain(sanitize(&r.rule).into_owned()),
                Cell::plain(labels::severity(lang, r.severity).to_owned()),
                Cell::count(r.fail, Style::Red),
                Cell::count(r.pass, Style::Plain),
                Cell::count(r.not_applicable, Style::Plain),
                Cell::plain(rate),
            ]
        })
        .collect();
    let rules = Columns {
        header: &[
            Label::ColRule.text(lang),
            Label::ColSeverity.text(lang),
            Label::ColFail.text(lang),
            Label::ColPass.text(lang),
            Label::ColNa.text(lang),
            Label::ColFailRate.text(lang),
        ],
        right: &[false, false, true, true, true, true],
        flexible_last: false,
    };
    rules.write(&mut w, rows, max, p)?;

    writeln!(w)?;
    writeln!(w, "{}", p.paint(Label::Operators.text(lang), Style::Bold))?;
    let rows: Vec<Vec<Cell>> = summary
        .operators()
        .map(|o| {
            let top: Vec<String> = o
                .most_failed_rules(OPERATOR_TOP_RULES)
                .into_iter()
                .map(|(rule, n)| format!("{} ×{n}", sanitize(rule)))
                .collect();
            vec![
                Cell::plain(
                    o.operator
                        .as_deref()
                        .map_or("-".into(), |s| sanitize(s).into_owned()),
                ),
                Cell::plain(o.calls.to_string()),
                Cell::plain(
                    o.mean_score()
                        .map_or_else(|| "–".to_string(), |m| format!("{m:.1}")),
                ),
                Cell::count(o.failed, Style::Red),
                Cell::plain(top.join(", ")),
            ]
        })
        .collect();
    let operators = Columns {
        header: &[
            Label::ColOperator.text(lang),
            Label::ColCalls.text(lang),
            Label::ColMeanScore.text(lang),
            Label::ColFailed.text(lang),
            Label::ColMostFailed.text(lang),
        ],
        right: &[false, true, true, true, false],
        flexible_last: true,
    };
    operators.write(&mut w, rows, max, p)
}

/// One table cell: its text and the style it is painted with.
struct Cell {
    text: String,
    style: Style,
}

impl Cell {
    fn plain(text: String) -> Cell {
        Cell {
            text,
            style: Style::Plain,
        }
    }

    /// A count, painted with `style` when it is not zero.
    fn count(n: usize, style: Style) -> Cell {
        Cell {
            text: n.to_string(),
            style: if n > 0 { style } else { Style::Plain },
        }
    }
}

/// The shape of a summary table: a bold header row over aligned columns,
/// two spaces apart. When the table is wider than the terminal the last
/// column (if `flexible_last`) and then the first shrink, cutting their
/// cells with `…`.
struct Columns<'a> {
    header: &'a [&'a str],
    right: &'a [bool],
    flexible_last: bool,
}

impl Columns<'_> {
    fn write<W: Write>(
        &self,
        w: &mut W,
        rows: Vec<Vec<Cell>>,
        max: usize,
        p: Painter,
    ) -> io::Result<()> {
        let n = self.header.len();
        let mut widths: Vec<usize> = self.header.iter().map(|h| width(h)).collect();
        for row in &rows {
            for (wd, cell) in widths.iter_mut().zip(row) {
                *wd = (*wd).max(width(&cell.text));
            }
        }
        let total = 2 + widths.iter().sum::<usize>() + 2 * (n - 1);
        let mut overflow = total.saturating_sub(max);
        let mut shrinkable = vec![0];
        if self.flexible_last {
            shrinkable.insert(0, n - 1);
        }
        for col in shrinkable {
            let min = width(self.header[col]).max(8);
            let cut = overflow.min(widths[col].saturating_sub(min));
            widths[col] -= cut;
            overflow -= cut;
        }

        let header: Vec<Cell> = self
            .header
            .iter()
            .map(|h| Cell {
                text: (*h).to_owned(),
                style: Style::Bold,
            })
            .collect();
        for row in std::iter::once(header).chain(rows) {
            // Cells after the last non-empty one are left out, so that no
            // line ends in padding.
            let last = row.iter().rposition(|c| !c.text.is_empty()).unwrap_or(0);
            let mut line = String::from("  ");
            for (i, cell) in row.iter().enumerate().take(last + 1) {
                let text = truncate(&cell.text, widths[i]);
                let gap = " ".repeat(widths[i] - width(&text));
                let painted = p.paint(&text, cell.style);
                if i > 0 {
                    line.push_str("  ");
                }
                if self.right[i] {
                    line.push_str(&gap);
                    line.push_str(&painted);
                } else {
                    line.push_str(&painted);
                    if i < last {
                        line.push_str(&gap);
                    }
                }
            }
            writeln!(w, "{line}")?;
        }
        Ok(())
    }
}

fn max_width(opts: &TableOptions) -> usize {
    if opts.width == 0 {
        usize::MAX
    } else {
        opts.width
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Plain,
    Bold,
    Dim,
    Green,
    GreenBold,
    Red,
    RedBold,
}

/// Paints text with ANSI SGR codes, or leaves it alone when colour is off.
#[derive(Clone, Copy)]
struct Painter(bool);

impl Painter {
    fn paint<'a>(self, s: &'a str, style: Style) -> Cow<'a, str> {
        let code = match style {
            Style::Plain => return Cow::Borrowed(s),
            Style::Bold => "1",
            Style::Dim => "2",
            Style::Green => "32",
            Style::GreenBold => "1;32",
            Style::Red => "31",
            Style::RedBold => "1;31",
        };
        if !self.0 || s.is_empty() {
            return Cow::Borrowed(s);
        }
        Cow::Owned(format!("\x1b[{code}m{s}\x1b[0m"))
    }
}
