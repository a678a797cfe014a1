//! A call's timeline as inline SVG: the line (ringing, talk, holds,
//! transfers, who hung up), each speaker's turns, and red marks where a
//! failed rule's evidence lies.

use std::fmt::Write;

use serde_json::Value;

use super::chart::esc;
use super::clock;
use super::i18n::Words;

/// A point of evidence on the timeline.
pub struct Mark {
    /// Seconds since the start.
    pub at: f64,
    /// `operator`, `client`, or empty for a fact on the line.
    pub lane: String,
    /// The rule's title, for the tooltip.
    pub label: String,
}

/// The timeline of a call record (`events`, `utterances`).
pub fn svg(record: &Value, marks: &[Mark], t: &'static Words) -> String {
    const W: f64 = 1000.0;
    const L: f64 = 90.0;
    const LANE: f64 = 26.0;
    const GAP: f64 = 8.0;
    let events: &[Value] = record["events"].as_array().map_or(&[], |v| v.as_slice());
    let utts: &[Value] = record["utterances"]
        .as_array()
        .map_or(&[], |v| v.as_slice());
    let at = |e: &Value| e["at"].as_f64().unwrap_or(0.0);
    let end = events
        .iter()
        .map(at)
        .chain(utts.iter().map(|u| u["end"].as_f64().unwrap_or(0.0)))
        .fold(1.0, f64::max);
    let x = |s: f64| L + (W - L - 10.0) * (s / end).clamp(0.0, 1.0);
    let lane_y = |i: usize| 6.0 + (LANE + GAP) * i as f64;
    let h = lane_y(3) + 22.0;
    let mut o = String::new();
    let _ = write!(
        o,
        r#"<svg class="timeline" viewBox="0 0 {W} {h}" role="img" aria-label="{}" preserveAspectRatio="xMinYMin meet">"#,
        esc(t.timeline)
    );
    for (i, label) in [t.talk, t.speaker_operator, t.speaker_client]
        .iter()
        .enumerate()
    {
        let _ = write!(
            o,
            r#"<text class="lanelabel" x="0" y="{:.1}">{}</text><rect class="lane" x="{L}" y="{:.1}" width="{:.1}" height="{LANE}" rx="4"/>"#,
            lane_y(i) + 17.0,
            esc(label),
            lane_y(i),
            W - L - 10.0
        );
    }
    let y0 = lane_y(0);
    let answer = events.iter().find(|e| e["type"] == "answer").map(at);
    let talk_from = match answer {
        Some(a) => {
            if a > 0.0 {
                let _ = write!(
                    o,
                    r#"<rect class="ring" x="{:.1}" y="{y0}" width="{:.1}" height="{LANE}"><title>{} 0:00–{}</title></rect>"#,
                    x(0.0),
                    (x(a) - x(0.0)).max(1.0),
                    esc(t.ringing),
                    clock(a)
                );
            }
            Some(a)
        }
        None if events.is_empty() => Some(0.0),
        None => None,
    };
    let last = events.last().map(at).unwrap_or(end);
    match talk_from {
        Some(a) => {
            let _ = write!(
                o,
                r#"<rect class="talk" x="{:.1}" y="{y0}" width="{:.1}" height="{LANE}"><title>{} {}–{}</title></rect>"#,
                x(a),
                (x(last) - x(a)).max(1.0),
                esc(t.talk),
                clock(a),
                clock(last)
            );
        }
        None => {
            let _ = write!(
                o,
                r#"<rect class="ring" x="{:.1}" y="{y0}" width="{:.1}" height="{LANE}"><title>{}</title></rect>"#,
                x(0.0),
                (x(last) - x(0.0)).max(1.0),
                esc(t.missed)
            );
        }
    }
    let mut hold_from = None;
    for e in events {
        let s = at(e);
        match e["type"].as_str() {
            Some("hold_start") => hold_from = Some(s),
            Some("hold_end") => {
                if let Some(f) = hold_from.take() {
                    let _ = write!(
                        o,
                        r#"<rect class="hold" x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}"><title>{} {}–{}</title></rect>"#,
                        x(f),
                        y0 + 4.0,
                        (x(s) - x(f)).max(2.0),
                        LANE - 8.0,
                        esc(t.hold),
                        clock(f),
                        clock(s)
                    );
                }
            }
            Some("transfer") => {
                let to = e["to"]
                    .as_str()
                    .map(|v| format!(" → {v}"))
                    .unwrap_or_default();
                let _ = write!(
                    o,
                    r#"<line class="ev" x1="{:.1}" x2="{:.1}" y1="{:.1}" y2="{:.1}"><title>{} {}{}</title></line>"#,
                    x(s),
                    x(s),
                    y0 - 2.0,
                    y0 + LANE + 2.0,
                    esc(t.transfer),
                    clock(s),
                    esc(&to)
                );
            }
            Some("hangup") => {
                let by = match e["by"].as_str() {
                    Some("operator") => t.speaker_operator,
                    Some("client") => t.speaker_client,
                    _ => "",
                };
                let _ = write!(
                    o,
                    r#"<line class="ev" x1="{:.1}" x2="{:.1}" y1="{:.1}" y2="{:.1}"/><text x="{:.1}" y="{:.1}" text-anchor="end">{} {}</text>"#,
                    x(s),
                    x(s),
                    y0 - 2.0,
                    y0 + LANE + 2.0,
                    x(s) - 4.0,
                    y0 + 17.0,
                    esc(t.hung_up_by),
                    esc(by)
                );
            }
            Some("drop") => {
                let _ = write!(
                    o,
                    r#"<line class="ev" x1="{:.1}" x2="{:.1}" y1="{:.1}" y2="{:.1}"/><text x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"#,
                    x(s),
                    x(s),
                    y0 - 2.0,
                    y0 + LANE + 2.0,
                    x(s) - 4.0,
                    y0 + 17.0,
                    esc(t.line_dropped)
                );
            }
            _ => {}
        }
    }
    if let Some(f) = hold_from {
        let _ = write!(
            o,
            r#"<rect class="hold" x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}"><title>{} {}</title></rect>"#,
            x(f),
            y0 + 4.0,
            (x(last) - x(f)).max(2.0),
            LANE - 8.0,
            esc(t.hold),
            clock(f)
        );
    }
    for u in utts {
        let (lane, class) = match u["speaker"].as_str() {
            Some("client") => (2, "cl"),
            _ => (1, "op"),
        };
        let (s, e) = (
            u["start"].as_f64().unwrap_or(0.0),
            u["end"].as_f64().unwrap_or(0.0),
        );
        let text: String = u["text"].as_str().unwrap_or("").chars().take(120).collect();
        let _ = write!(
            o,
            r#"<rect class="{class}" x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="2"><title>{} {}: {}</title></rect>"#,
            x(s),
            lane_y(lane) + 4.0,
            (x(e) - x(s)).max(1.5),
            LANE - 8.0,
            clock(s),
            esc(u["speaker"].as_str().unwrap_or("")),
            esc(&text)
        );
    }
    for m in marks {
        let lane = match m.lane.as_str() {
            "operator" => 1,
            "client" => 2,
            _ => 0,
        };
        let y = lane_y(lane);
        let _ = write!(
            o,
            r#"<g><line class="mark" x1="{:.1}" x2="{:.1}" y1="{:.1}" y2="{:.1}"/><circle class="markdot" cx="{:.1}" cy="{:.1}" r="4"/><title>{} {}</title></g>"#,
            x(m.at),
            x(m.at),
            y,
            y + LANE,
            x(m.at),
            y,
            clock(m.at),
            esc(&m.label)
        );
    }
    let step = [5.0, 10.0, 15.0, 30.0, 60.0, 120.0, 300.0, 600.0, 1800.0]
        .into_iter()
        .find(|s| end / s <= 12.0)
        .unwrap_or(3600.0);
    let mut s = 0.0;
    let ty = lane_y(3) + 12.0;
    while s <= end + 0.01 {
        let _ = write!(
            o,
            r#"<text x="{:.1}" y="{ty:.1}" text-anchor="middle">{}</text>"#,
            x(s),
            clock(s)
        );
        s += step;
    }
    o.push_str("</svg>");
    o
}
