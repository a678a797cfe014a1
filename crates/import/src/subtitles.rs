//! WebVTT and SRT subtitles from recognisers (whisper `--output_format
//! vtt/srt`, WhisperX, most vendors). Speakers come from WebVTT voice tags
//! (`<v Operator>`, `<v.loud SPEAKER_00>`) or a speaker prefix on the cue
//! text (`Operator: …`, `[SPEAKER_01]: …`, `Клиент: …`); a prefix is only
//! taken when it is a known role word or a diariser-style label, so
//! ordinary colons in speech are left alone.

use callqa_model::limits::MAX_SECONDS;

use crate::parts::{role_label, Segment, SpeakerRef, Transcript};
use crate::ParseCtx;

/// `hh:mm:ss.mmm`, `mm:ss.mmm`, with `,` or `.` before the fraction: only
/// digits (no sign), minutes and seconds below 60 in the three-part form,
/// at most [`MAX_SECONDS`] in all. The error says what is wrong with it.
fn cue_time(s: &str) -> Result<f64, String> {
    let s = s.trim();
    if s.starts_with('-') {
        return Err(format!("{s:?} is negative"));
    }
    let digits = |x: &str| !x.is_empty() && x.bytes().all(|b| b.is_ascii_digit());
    let parts: Vec<&str> = s.split(':').collect();
    let (h, m, sec) = match parts.as_slice() {
        [h, m, sec] => (*h, *m, *sec),
        [m, sec] => ("0", *m, *sec),
        _ => return Err(format!("{s:?} is not hh:mm:ss,mmm")),
    };
    let (whole, frac) = sec.split_once([',', '.']).unwrap_or((sec, "0"));
    if !(digits(h) && digits(m) && digits(whole) && digits(frac)) {
        return Err(format!("{s:?} is not hh:mm:ss,mmm"));
    }
    let num = |x: &str| x.parse::<f64>().unwrap_or(f64::INFINITY);
    let (h, m, sec) = (num(h), num(m), num(&format!("{whole}.{frac}")));
    if parts.len() == 3 && (m >= 60.0 || sec >= 60.0) {
        return Err(format!("{s:?} has minutes or seconds above 59"));
    }
    let v = h * 3600.0 + m * 60.0 + sec;
    if v.is_nan() || v > MAX_SECONDS {
        return Err(format!(
            "{s:?} is more than the limit of {MAX_SECONDS} seconds"
        ));
    }
    Ok(v)
}

fn label_like(l: &str) -> bool {
    let low = l.to_ascii_lowercase();
    (low.starts_with("speaker") || low.starts_with("spk") || low.starts_with("спикер"))
        && l.chars().count() <= 24
}

/// Splits a speaker off the cue text.
fn speaker_of(text: &str) -> (SpeakerRef, String) {
    let t = text.trim();
    if let Some(rest) = t.strip_prefix("<v") {
        if let Some(close) = rest.find('>') {
            let inner = &rest[..close];
            // `<v.class Name>`: the name follows the first space.
            let name = inner.split_once(' ').map(|(_, n)| n).unwrap_or("").trim();
            let body = rest[close + 1..].replace("</v>", "");
            let sp = role_label(name)
                .map(SpeakerRef::Role)
                .unwrap_or_else(|| SpeakerRef::Label(name.to_string()));
            return (sp, strip_tags(&body));
        }
    }
    if let Some((head, body)) = t.split_once(':') {
        let name = head
            .trim()
            .trim_start_matches('[')
            .trim_end_matches(']')
            .trim();
        if let Some(p) = role_label(name) {
            return (SpeakerRef::Role(p), strip_tags(body));
        }
        if label_like(name) {
            return (SpeakerRef::Label(name.to_string()), strip_tags(body));
        }
    }
    if let Some(rest) = t.strip_prefix('[') {
        if let Some((name, body)) = rest.split_once(']') {
            if label_like(name) || role_label(name).is_some() {
                let sp = role_label(name)
                    .map(SpeakerRef::Role)
                    .unwrap_or_else(|| SpeakerRef::Label(name.to_string()));
                return (sp, strip_tags(body));
            }
        }
    }
    (SpeakerRef::Unknown, strip_tags(t))
}

fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0;
    for c in s.chars() {
        match c {
            '<' => depth += 1,
            '>' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.trim().to_string()
}

/// Parses WebVTT (`vtt = true`) or SRT.
pub fn parse(text: &str, vtt: bool, ctx: &mut ParseCtx) -> Vec<Transcript> {
    let lines: Vec<&str> = text
        .trim_start_matches('\u{feff}')
        .lines()
        .map(|l| l.trim_end_matches('\r'))
        .collect();
    if vtt && !lines.first().is_some_and(|l| l.starts_with("WEBVTT")) {
        ctx.error(Some(1), "WebVTT file does not start with \"WEBVTT\"");
    }
    let mut t = Transcript::default();
    let mut i = 0;
    while i < lines.len() {
        let l = lines[i];
        if vtt && (l.starts_with("NOTE") || l.starts_with("STYLE") || l.starts_with("REGION")) {
            while i < lines.len() && !lines[i].trim().is_empty() {
                i += 1;
            }
            continue;
        }
        let Some((a, b)) = l.split_once("-->") else {
            i += 1;
            continue;
        };
        let line_no = i + 1;
        let b = b.split_whitespace().next().unwrap_or("");
        let (start, mut end) = match (cue_time(a), cue_time(b)) {
            (Ok(start), Ok(end)) => (start, end),
            (Err(why), _) | (_, Err(why)) => {
                ctx.error(
                    Some(line_no),
                    format!("bad cue timing {:?}: {why}; cue skipped", l.trim()),
                );
                i += 1;
                continue;
            }
        };
        if end < start {
            ctx.warning(
                Some(line_no),
                format!(
                    "cue {:?} ends before it starts; its end is set to its start",
                    l.trim()
                ),
            );
            end = start;
        }
        i += 1;
        let mut body = Vec::new();
        while i < lines.len() && !lines[i].trim().is_empty() {
            body.push(lines[i]);
            i += 1;
        }
        // A cue may hold several voices, one per line.
        for part in body {
            let (speaker, text) = speaker_of(part);
            let text = text.trim_start_matches("- ").to_string();
            if text.is_empty() {
                continue;
            }
            t.segments.push(Segment {
                speaker,
                start,
                end,
                text,
                words: Vec::new(),
                confidence: None,
                no_speech_prob: None,
                line: Some(line_no),
            });
        }
    }
    // Lines of one voice in one cue join into one utterance.
    let mut merged: Vec<Segment> = Vec::with_capacity(t.segments.len());
    for s in t.segments {
        match merged.last_mut() {
            Some(m) if m.start == s.start && m.end == s.end && m.speaker == s.speaker => {
                m.text.push(' ');
                m.text.push_str(&s.text);
            }
            _ => merged.push(s),
        }
    }
    t.segments = merged;
    vec![t]
}

#[cfg(test)]
mod tests {
    use super::*;
    use callqa_model::Party;

    #[test]
    fn speakers() {
        assert_eq!(
            speaker_of("<v Operator>Добрый день</v>").0,
            SpeakerRef::Role(Party::Operator)
        );
        assert_eq!(
            speaker_of("[SPEAKER_01]: hi").0,
            SpeakerRef::Label("SPEAKER_01".into())
        );
        assert_eq!(
            speaker_of("Клиент: алло").0,
            SpeakerRef::Role(Party::Client)
        );
        assert_eq!(speaker_of("note: not a speaker").0, SpeakerRef::Unknown);
        assert_eq!(cue_time("00:01:02,500"), Ok(62.5));
        assert_eq!(cue_time("01:02.5"), Ok(62.5));
        assert_eq!(
            cue_time("-00:00:01,000"),
            Err(r#""-00:00:01,000" is negative"#.into())
        );
        assert_eq!(
            cue_time("99999999:00:00,000"),
            Err(r#""99999999:00:00,000" is more than the limit of 10000000 seconds"#.into())
        );
        assert!(cue_time("00:61:00,000").is_err());
        assert!(cue_time("1e3:00").is_err());
    }
}
