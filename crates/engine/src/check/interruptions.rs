//! `interruptions`: the operator must not start talking while the client
//! is speaking more than `max` times. Backchannels («угу») do not count.

use callqa_model::{Call, Evidence, Lang, Party};

use super::shared::{missing_channel, one_sided};
use super::{fail_counted, Decision, Kind, Liveness, Pushed, Signals};
use crate::context::{clock, CallView};
use crate::messages::{self as msg, m, Msg, Noun};

/// The parameters of an `interruptions` check.
#[derive(Clone, Debug, PartialEq)]
pub struct Interruptions {
    /// How many interruptions are allowed (default 2).
    pub max: usize,
    /// The operator must start at least this long after the client did
    /// for it to count (default 0.3 s).
    pub min_into_secs: f64,
    /// …and at least this long before the client stops (default 0.5 s).
    pub min_before_end_secs: f64,
}

impl Kind for Interruptions {
    const SIGNALS: Signals = Signals::TRANSCRIPT;
    const LIVENESS: Liveness = Liveness::Early;

    fn unknown_signal(&self, call: &Call, lang: Lang) -> Option<String> {
        missing_channel(call, lang)
    }

    /// The count grows only when the new utterance interrupts or is
    /// interrupted; checking that is a pass over the speech, far cheaper
    /// than counting again.
    fn affected_by(&self, v: &CallView, pushed: Pushed) -> bool {
        let Pushed::Utterance(i) = pushed else {
            return true;
        };
        let utts = v.utts();
        let Some(new) = utts.get(i) else {
            return false;
        };
        let covers = |c: &callqa_model::Utterance, t: f64| {
            t >= c.start + self.min_into_secs && t <= c.end - self.min_before_end_secs
        };
        // The running extremes (latest client end, latest operator start)
        // rule most pushes out at once; the scan confirms the rest.
        match new.speaker {
            Party::Operator => {
                !v.an[i].backchannel
                    && v.reach.client_end - self.min_before_end_secs >= new.start
                    && utts
                        .iter()
                        .any(|c| c.speaker == Party::Client && covers(c, new.start))
            }
            Party::Client => {
                v.reach.operator_start >= new.start + self.min_into_secs
                    && utts.iter().enumerate().any(|(k, op)| {
                        op.speaker == Party::Operator && !v.an[k].backchannel && covers(new, op.start)
                    })
            }
        }
    }

    fn decide(&self, v: &CallView) -> Decision {
        let utts = v.utts();
        if let Some(d) = one_sided(v) {
            return d;
        }
        let mut found: Vec<Evidence> = Vec::new();
        let over = ClientSpeech::new(v, self.min_into_secs, self.min_before_end_secs);
        for (i, op) in utts.iter().enumerate() {
            if op.speaker != Party::Operator || v.an[i].backchannel {
                continue;
            }
            if over.covers(op.start) {
                found.push(v.utt_evidence(i));
            }
        }
        let max = self.max;
        if found.len() > max {
            let lang = v.out();
            let times = msg::count(lang, found.len() as u64, Noun::Time);
            return fail_counted(
                lang,
                m!(lang, Msg::TalkedOver, times = times, max = max),
                found,
                |e| clock(e.start),
            );
        }
        if !v.complete {
            return Decision::Pending;
        }
        found.truncate(3);
        Decision::Pass(found)
    }
}

/// The stretches of client speech an operator start would interrupt,
/// `[start + min_into, end - min_before_end]`, sorted by start with the
/// running maximum of their ends: whether a moment falls in one of them is
/// a binary search, so the check is O(n log n) in the utterances.
struct ClientSpeech {
    from: Vec<f64>,
    /// `reach[k]`: the latest end among the first `k + 1` stretches.
    reach: Vec<f64>,
}

impl ClientSpeech {
    fn new(v: &CallView, min_into: f64, min_before_end: f64) -> ClientSpeech {
        ClientSpeech::of(v.utts(), min_into, min_before_end)
    }

    /// The client's stretches of `utts`, sorted once (O(n log n)).
    fn of(utts: &[callqa_model::Utterance], min_into: f64, min_before_end: f64) -> ClientSpeech {
        let mut spans: Vec<(f64, f64)> = utts
            .iter()
            .filter(|c| c.speaker == Party::Client)
            .map(|c| (c.start + min_into, c.end - min_before_end))
            .filter(|(a, b)| a <= b)
            .collect();
        spans.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut reach = Vec::with_capacity(spans.len());
        let mut latest = f64::NEG_INFINITY;
        for &(_, b) in &spans {
            latest = latest.max(b);
            reach.push(latest);
        }
        ClientSpeech {
            from: spans.into_iter().map(|(a, _)| a).collect(),
            reach,
        }
    }

    /// Whether `t` lies within some stretch.
    fn covers(&self, t: f64) -> bool {
        self.covers_counting(t, &mut 0)
    }

    /// [`ClientSpeech::covers`], adding the stretches it looked at to
    /// `probes` (a binary search: O(log n) per question, so the check is
    /// O(n log n) over a call — the test below counts it).
    fn covers_counting(&self, t: f64, probes: &mut usize) -> bool {
        let started = self.from.partition_point(|&a| {
            *probes += 1;
            a <= t
        });
        started > 0 && self.reach[started - 1] >= t
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use callqa_model::Utterance;

    fn utt(speaker: Party, start: f64, end: f64) -> Utterance {
        Utterance {
            speaker,
            start,
            end,
            text: "x".into(),
            words: Vec::new(),
        }
    }

    /// Review defect: batch `interruptions` was quadratic (100,000
    /// utterances took 4.2 s). Every operator utterance now asks one binary
    /// search over the client's sorted stretches: the stretches looked at
    /// grow as n log n, not n².
    #[test]
    fn each_operator_start_looks_at_log_n_client_stretches() {
        for n in [1_000usize, 10_000, 100_000] {
            let utts: Vec<Utterance> = (0..n)
                .map(|i| {
                    let t = i as f64 * 2.0;
                    if i % 2 == 0 {
                        utt(Party::Client, t, t + 2.5)
                    } else {
                        utt(Party::Operator, t - 1.0, t + 0.5)
                    }
                })
                .collect();
            let speech = ClientSpeech::of(&utts, 0.3, 0.3);
            let (mut probes, mut over) = (0usize, 0usize);
            for u in utts.iter().filter(|u| u.speaker == Party::Operator) {
                over += usize::from(speech.covers_counting(u.start, &mut probes));
            }
            // Each operator starts 1 s into the client's previous 2.5 s stretch.
            assert_eq!(over, n / 2);
            let bound = (n / 2) * ((n as f64).log2().ceil() as usize + 1);
            assert!(probes <= bound, "{n} utterances: {probes} probes > {bound}");
            assert!(probes < n * n / 100, "quadratic: {probes} probes for {n}");
        }
    }
}
