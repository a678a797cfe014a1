//! The simulator's own lines in ru, en and hy (what happened on the line,
//! what a command needs) and the summary of a simulated call: the score of
//! each call and every failed rule with its message and evidence.

use callqa_engine::Standard;
use callqa_model::{Lang, Outcome};

use super::{passes, sim_names, Sim, SimResult};
use crate::phrases::Entries;
use crate::rules;
use crate::words;

macro_rules! say {
    ($name:ident, $ru:expr, $en:expr, $hy:expr) => {
        pub(super) fn $name(&self) -> String {
            match self.lang {
                Lang::Ru => $ru,
                Lang::En => $en,
                Lang::Hy => $hy,
            }
            .to_string()
        }
    };
}

impl Sim<'_> {
    say!(
        hung_up,
        "клиент положил трубку",
        "the client hung up",
        "հաճախորդն անջատեց"
    );
    say!(
        transferred,
        "звонок переведён, клиент говорит с коллегой",
        "the call is transferred, the client talks to your colleague",
        "զանգը փոխանցված է, հաճախորդը խոսում է գործընկերոջ հետ"
    );
    say!(
        you_hung_up,
        "вы положили трубку",
        "you hung up",
        "դուք անջատեցիք"
    );
    say!(
        line_dropped,
        "связь оборвалась",
        "the line dropped",
        "կապը խզվեց"
    );
    say!(
        holding,
        "клиент на удержании; /unhold — вернуться к нему",
        "the client is on hold; /unhold to come back",
        "հաճախորդը սպասման մեջ է․ /unhold՝ վերադառնալու համար"
    );
    say!(
        calling_back,
        "вы перезваниваете клиенту; он отвечает",
        "you call the client back; they answer",
        "դուք հետ եք զանգում, հաճախորդը պատասխանում է"
    );
    say!(
        after_drop_prompt,
        "Связь оборвалась. Перезвоните клиенту: /callback (или /quit — закончить).",
        "The line dropped. Call the client back: /callback (or /quit to stop).",
        "Կապը խզվեց։ Հետ զանգեք հաճախորդին․ /callback (կամ /quit՝ ավարտել)։"
    );
    say!(
        no_call,
        "звонка нет: /callback — перезвонить, /quit — закончить",
        "there is no call: /callback to call back, /quit to stop",
        "զանգ չկա․ /callback՝ հետ զանգել, /quit՝ ավարտել"
    );
    say!(
        no_callback,
        "перезванивать нужно после обрыва связи",
        "/callback is for after a dropped line",
        "/callback-ը կապի խզումից հետո է"
    );
    say!(
        on_hold,
        "клиент на удержании и вас не слышит: сначала /unhold",
        "the client is on hold and cannot hear you: /unhold first",
        "հաճախորդը սպասման մեջ է և չի լսում․ նախ /unhold"
    );
    say!(
        already_on_hold,
        "клиент уже на удержании",
        "the client is already on hold",
        "հաճախորդն արդեն սպասման մեջ է"
    );
    say!(
        not_on_hold,
        "клиент не на удержании",
        "the client is not on hold",
        "հաճախորդը սպասման մեջ չէ"
    );
    say!(
        seconds_wanted,
        "нужно число секунд от 1 до 3600",
        "give a number of seconds, 1 to 3600",
        "նշեք վայրկյանների թիվ՝ 1-ից 3600"
    );

    pub(super) fn held(&self, secs: f64) -> String {
        match self.lang {
            Lang::Ru => format!("клиент снова на линии, удержание {secs} с"),
            Lang::En => format!("the client is back on the line after {secs} s on hold"),
            Lang::Hy => format!("հաճախորդը կրկին գծում է, սպասումը՝ {secs} վ"),
        }
    }

    pub(super) fn unknown_command(&self, c: &str) -> String {
        match self.lang {
            Lang::Ru => format!("неизвестная команда «/{c}»; /help — список команд"),
            Lang::En => format!("unknown command \"/{c}\"; /help lists the commands"),
            Lang::Hy => format!("անհայտ հրաման «/{c}»․ /help՝ հրամանների ցանկը"),
        }
    }
}

/// The summary of a simulated call: the score of each call and every
/// failed rule with its message and evidence.
pub fn summary(std: &Standard, text: &str, r: &SimResult, lang: Lang) -> String {
    use std::fmt::Write as _;
    let ui = words::ui(lang);
    let entries = Entries::from_toml(text);
    let names = sim_names(lang);
    let mut s = String::new();
    for a in &r.audits {
        let verdict = if passes(std, a) {
            &ui.passed
        } else {
            &ui.not_passed
        };
        let _ = writeln!(
            s,
            "{} {}: {} {}, {verdict}",
            ui.result,
            a.call,
            ui.score,
            a.score.map_or_else(|| "—".to_string(), |v| format!("{v:.0}/100"))
        );
        let (mut pass, mut fail) = (0, 0);
        for v in &a.verdicts {
            match v.outcome {
                Outcome::Pass => pass += 1,
                Outcome::Fail => fail += 1,
                Outcome::NotApplicable => {}
            }
        }
        let _ = writeln!(s, "   ✓ {pass}   ✗ {fail}");
        for v in a.verdicts.iter().filter(|v| v.outcome == Outcome::Fail) {
            let label = std
                .rule(&v.rule)
                .map(|r| rules::label(r, lang, &entries, names))
                .unwrap_or_else(|| v.rule.clone());
            let _ = writeln!(s, "   ✗ {label} ({})", v.rule);
            if let Some(m) = &v.message {
                let _ = writeln!(s, "     {m}");
            }
            for e in &v.evidence {
                let _ = writeln!(s, "     {:>6.1} s  «{}»", e.start, e.quote);
            }
        }
    }
    s
}
