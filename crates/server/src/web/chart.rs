//! Charts as inline SVG drawn on the server (no chart library, no
//! script): the trend of calls, mean score and pass rate per bucket, the
//! failures per rule as horizontal bars, and sparklines for table rows.
//! Every text put into the SVG goes through [`esc`].

use std::fmt::Write;

/// Escapes text for HTML and SVG.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

/// One bucket of the trend chart.
pub struct Point {
    /// The bucket's first day, `YYYY-MM-DD`.
    pub start: String,
    /// Calls in the bucket.
    pub calls: i64,
    /// Mean score, 0 to 100.
    pub mean: Option<f64>,
    /// Pass rate, 0 to 1.
    pub pass_rate: Option<f64>,
}

/// `dd.mm` of a `YYYY-MM-DD` day.
fn short(day: &str) -> String {
    match (day.get(8..10), day.get(5..7)) {
        (Some(d), Some(m)) => format!("{d}.{m}"),
        _ => day.to_string(),
    }
}

/// Calls as bars (right scale), mean score and pass rate as lines on a
/// 0–100 scale. `labels`: calls, mean score, pass rate (for tooltips).
pub fn trend(points: &[Point], labels: [&str; 3]) -> String {
    const W: f64 = 760.0;
    const H: f64 = 230.0;
    const L: f64 = 36.0;
    const R: f64 = 44.0;
    const T: f64 = 12.0;
    const B: f64 = 28.0;
    let mut o = String::new();
    let _ = write!(
        o,
        r#"<svg class="chart trend" viewBox="0 0 {W} {H}" role="img" aria-label="{}" preserveAspectRatio="xMidYMid meet">"#,
        esc(labels[1])
    );
    let plot_w = W - L - R;
    let plot_h = H - T - B;
    let n = points.len().max(1) as f64;
    let step = plot_w / n;
    let max_calls = points.iter().map(|p| p.calls).max().unwrap_or(0).max(1) as f64;
    let y = |v: f64| T + plot_h * (1.0 - v / 100.0);
    for g in [0.0, 25.0, 50.0, 75.0, 100.0] {
        let _ = write!(
            o,
            r#"<line class="grid" x1="{L}" x2="{}" y1="{:.1}" y2="{:.1}"/><text class="axis" x="{}" y="{:.1}" text-anchor="end">{g}</text>"#,
            W - R,
            y(g),
            y(g),
            L - 6.0,
            y(g) + 4.0
        );
    }
    let _ = write!(
        o,
        r#"<text class="axis" x="{}" y="{:.1}" text-anchor="start">{}</text>"#,
        W - R + 6.0,
        T + 4.0,
        max_calls as i64
    );
    for (i, p) in points.iter().enumerate() {
        let x = L + step * i as f64;
        let h = plot_h * p.calls as f64 / max_calls;
        let _ = write!(
            o,
            r#"<rect class="bar" x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}"><title>{}: {} {}</title></rect>"#,
            x + step * 0.15,
            T + plot_h - h,
            (step * 0.7).max(1.0),
            h,
            esc(&p.start),
            p.calls,
            esc(labels[0])
        );
    }
    let every = (points.len() / 10).max(1);
    for (i, p) in points.iter().enumerate() {
        if i % every == 0 {
            let _ = write!(
                o,
                r#"<text class="axis" x="{:.1}" y="{}" text-anchor="middle">{}</text>"#,
                L + step * (i as f64 + 0.5),
                H - 8.0,
                esc(&short(&p.start))
            );
        }
    }
    for (class, label, get) in [
        (
            "line score",
            labels[1],
            (|p: &Point| p.mean) as fn(&Point) -> Option<f64>,
        ),
        ("line rate", labels[2], |p: &Point| {
            p.pass_rate.map(|r| r * 100.0)
        }),
    ] {
        let mut path = String::new();
        let mut pen_up = true;
        for (i, p) in points.iter().enumerate() {
            match get(p) {
                Some(v) => {
                    let _ = write!(
                        path,
                        "{}{:.1},{:.1} ",
                        if pen_up { "M" } else { "L" },
                        L + step * (i as f64 + 0.5),
                        y(v)
                    );
                    pen_up = false;
                }
                None => pen_up = true,
            }
        }
        if !path.is_empty() {
            let _ = write!(o, r#"<path class="{class}" d="{}"/>"#, path.trim_end());
        }
        for (i, p) in points.iter().enumerate() {
            if let Some(v) = get(p) {
                let _ = write!(
                    o,
                    r#"<circle class="{class}" cx="{:.1}" cy="{:.1}" r="2.6"><title>{}: {} {:.1}</title></circle>"#,
                    L + step * (i as f64 + 0.5),
                    y(v),
                    esc(&p.start),
                    esc(label),
                    v
                );
            }
        }
    }
    o.push_str("</svg>");
    o
}

/// One bar of a bar chart.
pub struct Bar {
    /// The label left of the bar.
    pub label: String,
    /// The bar's length.
    pub value: f64,
    /// The text right of the bar.
    pub text: String,
    /// Where a click on the bar goes.
    pub href: String,
}

/// Horizontal bars, longest first as given.
pub fn bars(items: &[Bar]) -> String {
    const W: f64 = 760.0;
    const ROW: f64 = 26.0;
    const LABEL: f64 = 300.0;
    let h = ROW * items.len().max(1) as f64 + 6.0;
    let max = items.iter().map(|b| b.value).fold(0.0, f64::max).max(1e-9);
    let mut o = String::new();
    let _ = write!(
        o,
        r#"<svg class="chart bars" viewBox="0 0 {W} {h}" role="img" preserveAspectRatio="xMinYMin meet">"#
    );
    for (i, b) in items.iter().enumerate() {
        let y = 4.0 + ROW * i as f64;
        let len = (W - LABEL - 90.0) * b.value / max;
        let label: String = if b.label.chars().count() > 44 {
            b.label
                .chars()
                .take(43)
                .chain(std::iter::once('…'))
                .collect()
        } else {
            b.label.clone()
        };
        let _ = write!(
            o,
            r#"<a href="{}"><text class="label" x="{}" y="{:.1}" text-anchor="end">{}</text><rect class="hbar" x="{}" y="{:.1}" width="{:.1}" height="{}" rx="3"><title>{}: {}</title></rect><text class="value" x="{:.1}" y="{:.1}">{}</text></a>"#,
            esc(&b.href),
            LABEL - 8.0,
            y + 15.0,
            esc(&label),
            LABEL,
            y + 2.0,
            len.max(2.0),
            ROW - 8.0,
            esc(&b.label),
            esc(&b.text),
            LABEL + len.max(2.0) + 6.0,
            y + 15.0,
            esc(&b.text)
        );
    }
    o.push_str("</svg>");
    o
}

/// A small line of values (0 to `max`); gaps where a value is missing.
pub fn sparkline(values: &[Option<f64>], max: f64, class: &str) -> String {
    const W: f64 = 120.0;
    const H: f64 = 26.0;
    let n = values.len().max(2) as f64 - 1.0;
    let mut path = String::new();
    let mut pen_up = true;
    let mut last = None;
    for (i, v) in values.iter().enumerate() {
        match v {
            Some(v) => {
                let x = W * i as f64 / n;
                let y = 2.0 + (H - 4.0) * (1.0 - (v / max.max(1e-9)).clamp(0.0, 1.0));
                let _ = write!(path, "{}{x:.1},{y:.1} ", if pen_up { "M" } else { "L" });
                pen_up = false;
                last = Some((x, y));
            }
            None => pen_up = true,
        }
    }
    let mut o = format!(
        r#"<svg class="spark {}" viewBox="0 0 {W} {H}" width="{W}" height="{H}" aria-hidden="true">"#,
        esc(class)
    );
    if !path.is_empty() {
        let _ = write!(o, r#"<path d="{}"/>"#, path.trim_end());
    }
    if let Some((x, y)) = last {
        let _ = write!(o, r#"<circle cx="{x:.1}" cy="{y:.1}" r="2"/>"#);
    }
    o.push_str("</svg>");
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_in_charts_is_escaped() {
        let svg = bars(&[Bar {
            label: "<script>alert(1)</script>".into(),
            value: 3.0,
            text: "3 & more".into(),
            href: "/rules/a\"b".into(),
        }]);
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("&lt;script&gt;"));
        assert!(svg.contains("3 &amp; more"));
        assert!(svg.contains("/rules/a&quot;b"));
    }

    #[test]
    fn trend_draws_a_bar_per_bucket_and_breaks_lines_on_gaps() {
        let p = |s: &str, calls, mean| Point {
            start: s.into(),
            calls,
            mean,
            pass_rate: mean.map(|m| m / 100.0),
        };
        let svg = trend(
            &[
                p("2026-03-01", 4, Some(80.0)),
                p("2026-03-02", 0, None),
                p("2026-03-03", 2, Some(60.0)),
            ],
            ["calls", "score", "rate"],
        );
        assert_eq!(svg.matches("<rect class=\"bar\"").count(), 3);
        assert_eq!(svg.matches(" M").count() + svg.matches("\"M").count(), 4);
        assert!(svg.contains("01.03"));
    }
}
