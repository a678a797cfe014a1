//! The parameters of a check that are about time and windows: the window
//! of speech a check looks at, greeting periods of the day, and daily
//! hours (`"09:00-20:00"`).

use toml::de::DeValue;

use super::CheckReader;
use crate::compile::unknown_set;
use crate::diagnostic::{escape, Diagnostic};
use crate::read::{Reader, Table};
use callqa_engine::*;

impl CheckReader<'_, '_, '_> {
    pub(super) fn hours(&mut self, key: &'static str) -> Hours {
        let Some(s) = self.take(key) else {
            self.missing(key, &format!("{key} = \"09:00-20:00\" (or \"none\")"));
            return None;
        };
        let s = self.r.text(&Self::name(key), s)?;
        let text = s.get_ref().trim();
        if text.eq_ignore_ascii_case("none") || text.is_empty() {
            return None;
        }
        match parse_hours(text) {
            Some(h) => Some(h),
            None => {
                self.r.push(
                    Diagnostic::new(
                        format!("check.{key}: \"{}\" is not a range of hours", escape(text)),
                        Some(s.span()),
                    )
                    .with_help("write \"HH:MM-HH:MM\", e.g. \"09:00-20:00\", or \"none\""),
                );
                None
            }
        }
    }

    pub(super) fn periods(&mut self) -> Vec<Period> {
        let Some(v) = self.take("periods") else {
            self.missing(
                "periods",
                "periods = [{ phrases = \"greet_morning\", from = 5, to = 12 }]",
            );
            return Vec::new();
        };
        let mut periods = Vec::new();
        for mut p in self.r.tables("check.periods", v) {
            let sets = match p
                .take("phrases")
                .and_then(|v| self.r.text("each period's phrases", v))
            {
                Some(name) => self.set_names_to_mask(std::slice::from_ref(&name)),
                None => {
                    self.r
                        .error("each period needs phrases = \"set_name\"", p.span.clone());
                    SetMask::default()
                }
            };
            let from = self.hour(&mut p, "from");
            let to = self.hour(&mut p, "to");
            self.r.unknown_keys(
                &mut p,
                "a period",
                &["phrases", "from", "to"],
                "phrases, from or to",
            );
            periods.push(Period { sets, from, to });
        }
        periods
    }

    fn hour(&mut self, p: &mut Table, key: &str) -> f64 {
        let Some(v) = p.take(key) else {
            self.r
                .error(format!("each period needs {key} = an hour"), p.span.clone());
            return 0.0;
        };
        let Some(v) = self.r.number(&format!("a period's {key}"), v) else {
            return 0.0;
        };
        let x = *v.get_ref();
        if !(0.0..=24.0).contains(&x) {
            self.r.error(
                format!("an hour must be between 0 and 24, got {x}"),
                v.span(),
            );
        }
        x
    }

    pub(super) fn window(&mut self) -> Window {
        let Some(w) = self.take("window") else {
            return Window::Call;
        };
        let span = w.span();
        let help = "expected \"call\", \"opening\", \"closing\", \"first_turn\", { first_turns = N }, { first_secs = N }, { last_secs = N } or { after = \"set\" }";
        let shown = {
            let raw = self.r.text.get(span.clone()).unwrap_or("");
            let mut s: String = raw.chars().take(40).collect();
            if raw.chars().count() > 40 {
                s.push('…');
            }
            escape(&s)
        };
        let bad = |r: &mut Reader| {
            r.push(
                Diagnostic::new(format!("unknown window {shown}"), Some(span.clone()))
                    .with_help(help),
            );
            Window::Call
        };
        match w.into_inner() {
            DeValue::String(s) => match s.as_ref() {
                "call" => Window::Call,
                "opening" => Window::Opening,
                "closing" => Window::Closing,
                "first_turn" => Window::FirstTurns(1),
                _ => bad(self.r),
            },
            DeValue::Table(t) if t.len() == 1 => {
                let (k, v) = t.into_iter().next().expect("one entry");
                let num = match v.get_ref() {
                    DeValue::Integer(i) => i.as_str().parse::<f64>().ok(),
                    DeValue::Float(f) => f.as_str().parse::<f64>().ok(),
                    _ => None,
                };
                match (k.get_ref().as_ref(), num, v.get_ref().as_str()) {
                    ("first_turns", Some(n), _) if n >= 1.0 && n.fract() == 0.0 && n <= 1e6 => {
                        Window::FirstTurns(n as usize)
                    }
                    ("first_secs", Some(n), _) if n > 0.0 && n.is_finite() => Window::FirstSecs(n),
                    ("last_secs", Some(n), _) if n > 0.0 && n.is_finite() => Window::LastSecs(n),
                    ("after", _, Some(set)) => match self.sets.get(set) {
                        Some(&i) => Window::After(SetMask::new(&[i], vec![set.to_string()])),
                        None => {
                            self.r.push(unknown_set(set, span.clone(), self.set_names));
                            Window::Call
                        }
                    },
                    _ => bad(self.r),
                }
            }
            _ => bad(self.r),
        }
    }
}

/// `"09:00-20:00"` → minutes since midnight, `[from, to)`.
pub(crate) fn parse_hours(text: &str) -> Option<(u32, u32)> {
    let (a, b) = text.split_once('-')?;
    let minutes = |s: &str| -> Option<u32> {
        let (h, m) = s.trim().split_once(':')?;
        let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
        (h <= 24 && m < 60 && h * 60 + m <= 24 * 60).then_some(h * 60 + m)
    };
    let (from, to) = (minutes(a)?, minutes(b)?);
    (from < to).then_some((from, to))
}
