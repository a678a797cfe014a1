//! `callqa serve --demo`: the newcomer's first look. A fresh temporary
//! data directory (printed on stderr; removed on exit unless `--data DIR`
//! is given), the example calls of `examples/*.json` (built into the
//! binary, moved as a block so the newest is yesterday) and a generated
//! month of realistic calls from callqa-testkit (several operators, the
//! queues `sales` and `support`, start times spread over the last 30 days
//! ending now), audited and stored in batches; users `admin`,
//! `supervisor` and `operator` (linked to the operator with the most
//! calls); and once listening, exactly these lines on stdout:
//!
//! ```text
//! callqa demo: listening on http://ADDR
//! sign-in as admin: URL
//! sign-in as supervisor: URL
//! sign-in as operator (OPERATOR_ID): URL
//! ```
//!
//! Demo links may be used again (a newcomer reloads, opens a second
//! browser) for 24 hours — the demo's data is thrown away when it stops.

use std::collections::HashMap;
use std::io::Write;
use std::sync::Arc;
use std::time::Instant;

use anyhow::Context;
use callqa_model::{call_from_str, Call};
use callqa_store::{Role, SqliteStore, Store, User, BASE_URL_SETTING};

use crate::serve_cmd::{bind, now, runtime, shutdown_signal, ServeArgs};
use crate::user_cmd::{check_base_url, login_link};
use crate::Status;

/// How many calls the demo generates.
pub const DEMO_CALLS: usize = 3000;

/// How long demo sign-in links work, seconds (reusable meanwhile).
const DEMO_LINK_SECS: i64 = 24 * 60 * 60;

/// Calls audited and stored per transaction.
const BATCH: usize = 500;

macro_rules! example {
    ($file:literal) => {
        ($file, include_str!(concat!("../../../examples/", $file)))
    };
}

/// The example calls, built in so the demo runs from any directory.
const EXAMPLES: &[(&str, &str)] = &[
    example!("en-inbound-bad.json"),
    example!("en-inbound-good.json"),
    example!("en-outbound-reschedule.json"),
    example!("hy-inbound-bad.json"),
    example!("hy-inbound-good.json"),
    example!("hy-outbound-good.json"),
    example!("ru-inbound-bare-alo.json"),
    example!("ru-inbound-fillers-diminutives.json"),
    example!("ru-inbound-good.json"),
    example!("ru-inbound-hold-no-thanks-asr.json"),
    example!("ru-inbound-missed-called-back.json"),
    example!("ru-inbound-missed.json"),
    example!("ru-inbound-ping.json"),
    example!("ru-inbound-profanity-protocol.json"),
    example!("ru-inbound-transfer-colleague.json"),
    example!("ru-outbound-callback-missed.json"),
    example!("ru-outbound-drop-callback.json"),
    example!("ru-outbound-drop.json"),
    example!("ru-outbound-no-time-check.json"),
    example!("ru-outbound-wrong-number.json"),
];

pub fn run(args: &ServeArgs) -> anyhow::Result<Status> {
    let started = Instant::now();
    let base_url = args.base_url.as_deref().map(check_base_url).transpose()?;
    let (dir, temp) = match &args.store.data {
        Some(d) => (std::path::PathBuf::from(d), None),
        None => {
            let t = tempfile::Builder::new()
                .prefix("callqa-demo-")
                .tempdir()
                .context("creating the demo's temporary data directory")?;
            (t.path().to_path_buf(), Some(t))
        }
    };
    eprintln!(
        "callqa demo: data in {}{}",
        dir.display(),
        if temp.is_some() {
            " (removed on exit)"
        } else {
            ""
        }
    );
    let store: Arc<dyn Store> = Arc::new(SqliteStore::open_dir(&dir)?);
    let app = callqa_server::App::open(store.clone())?;
    let now_unix = time::OffsetDateTime::now_utc().unix_timestamp();
    let mut calls = examples(now_unix)?;
    let (generated, operator) = generated(args.demo_calls, now_unix);
    calls.extend(generated);
    calls.sort_by_key(|c| c.started_at.map(|t| t.unix_timestamp()));
    ingest(&app, &calls)?;
    let users = [
        ("admin", Role::Admin, None),
        ("supervisor", Role::Supervisor, None),
        ("operator", Role::Operator, Some(operator.clone())),
    ];
    for (name, role, op) in &users {
        if store.get_user(name)?.is_none() {
            store.create_user(&User {
                name: name.to_string(),
                role: *role,
                operator: op.clone(),
                queues: vec![],
                created_at: now(),
                has_password: false,
            })?;
        }
    }
    eprintln!(
        "callqa demo: {} calls stored in {:.1} s",
        calls.len(),
        started.elapsed().as_secs_f64()
    );
    let listener = bind(&args.listen)?;
    let rt = runtime()?;
    let shutdown = shutdown_signal(&rt)?;
    let addr = listener.local_addr()?;
    let base = base_url.unwrap_or_else(|| format!("http://{addr}"));
    store.set_setting(BASE_URL_SETTING, &base)?;
    let link = |user: &str| login_link(&*store, user, None, &base, false, DEMO_LINK_SECS);
    let text = format!(
        "callqa demo: listening on http://{addr}\n\
         sign-in as admin: {}\n\
         sign-in as supervisor: {}\n\
         sign-in as operator ({operator}): {}\n",
        link("admin")?,
        link("supervisor")?,
        link("operator")?
    );
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    drop(out);
    rt.block_on(async {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        callqa_server::serve(app.clone(), listener, shutdown).await?;
        Ok::<_, anyhow::Error>(())
    })?;
    drop(rt);
    drop(app);
    drop(store);
    if let Some(t) = temp {
        let path = t.path().display().to_string();
        t.close()
            .with_context(|| format!("removing the demo's data directory {path}"))?;
        eprintln!("callqa demo: stopped; removed {path}");
    } else {
        eprintln!("callqa demo: stopped; the data stays in {}", dir.display());
    }
    Ok(Status::Ok)
}

/// Audits and stores the calls in batches, on every core: the calls are
/// split by client (cross-call rules only ever look at one client's
/// calls), each share in time order on its own thread.
fn ingest(app: &callqa_server::App, calls: &[Call]) -> anyhow::Result<()> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    let mut shares: Vec<Vec<Call>> = vec![Vec::new(); threads];
    for c in calls {
        let key = c.client.link_key().unwrap_or(&c.id);
        let h = key
            .bytes()
            .fold(0usize, |h, b| h.wrapping_mul(31).wrapping_add(b as usize));
        shares[h % threads].push(c.clone());
    }
    let active = app.active();
    std::thread::scope(|scope| {
        let workers: Vec<_> = shares
            .iter()
            .map(|share| {
                let active = &active;
                scope.spawn(move || {
                    for batch in share.chunks(BATCH) {
                        callqa_server::crosscall::ingest(&*app.store, active, batch, app.known())?;
                    }
                    Ok::<_, anyhow::Error>(())
                })
            })
            .collect();
        workers.into_iter().try_for_each(|w| {
            w.join()
                .map_err(|_| anyhow::anyhow!("a demo loader panicked"))?
        })
    })
}

/// The example calls, moved by whole days so the newest starts yesterday
/// (their times of day and the gaps between them stay).
fn examples(now: i64) -> anyhow::Result<Vec<Call>> {
    let mut calls = EXAMPLES
        .iter()
        .map(|(file, text)| {
            call_from_str(text).map_err(|e| anyhow::anyhow!("examples/{file}: {e}"))
        })
        .collect::<anyhow::Result<Vec<Call>>>()?;
    let newest = calls
        .iter()
        .filter_map(|c| c.started_at.map(|t| t.unix_timestamp()))
        .max()
        .unwrap_or(now);
    let days = (now - newest).div_euclid(86_400) - 1;
    let shift = time::Duration::days(days.max(0));
    for c in &mut calls {
        c.started_at = c.started_at.map(|t| t + shift);
    }
    Ok(calls)
}

/// `n` realistic calls over the 30 days before `now`, in working hours of
/// their own time zone, with stable operator ids (one per operator name)
/// and the queues `sales` (a third) and `support`; and the operator id
/// with the most calls.
fn generated(n: usize, now: i64) -> (Vec<Call>, String) {
    let mut ids: HashMap<String, String> = HashMap::new();
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut calls = Vec::with_capacity(n);
    for i in 0..n {
        let seed = i as u64;
        let mut c = callqa_testkit::realistic_call(seed);
        let name = c.operator.name.clone().unwrap_or_default();
        let next = format!("op-{:02}", ids.len() + 1);
        let id = ids.entry(name).or_insert(next).clone();
        *counts.entry(id.clone()).or_default() += 1;
        c.operator.id = id;
        let queue = if seed % 3 == 0 { "sales" } else { "support" };
        c.tags.insert("queue".into(), queue.into());
        let offset = c.started_at.map_or(time::UtcOffset::UTC, |t| t.offset());
        // Day 0 is today; calls run from 08:00 to 20:00 local time.
        let days_back = (i * 30 / n.max(1)) as i64;
        let secs_in_day = 8 * 3600 + (seed.wrapping_mul(2_654_435_761) % (12 * 3600)) as i64;
        let local_midnight = time::OffsetDateTime::from_unix_timestamp(now)
            .map(|t| t.to_offset(offset).replace_time(time::Time::MIDNIGHT))
            .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
        let mut start =
            local_midnight - time::Duration::days(days_back) + time::Duration::seconds(secs_in_day);
        if start.unix_timestamp() + 600 > now {
            start -= time::Duration::days(1);
        }
        c.started_at = Some(start);
        name_the_client(&mut c, seed);
        calls.push(c);
    }
    let busiest = counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(id, _)| id)
        .unwrap_or_else(|| "op-01".into());
    (calls, busiest)
}

/// In four calls of five the client gives a name in their first words
/// and the operator uses it in the next answer, as on real calls: the
/// generated calls have no caller-ID name, and without this every call
/// would fail `client.ask_name` and the demo's first chart would be that
/// one rule. The texts are replaced in place, so timings stay as generated.
fn name_the_client(c: &mut Call, seed: u64) {
    if seed % 5 == 0 {
        return;
    }
    let pick = |names: &[&'static str]| names[(seed / 5) as usize % names.len()];
    let (intro, address) = match c.language.map(|l| l.as_str()) {
        Some("en") => {
            let n = pick(&["Sam", "Laura", "Peter", "Kate"]);
            (format!("Hi, this is {n}."), format!("{n},"))
        }
        Some("hy") => {
            let n = pick(&["Լիլիթ", "Արամ", "Նարե"]);
            (format!("Բարև ձեզ, իմ անունը {n} է։"), format!("{n},"))
        }
        _ => {
            let n = pick(&["Ирина", "Сергей", "Татьяна", "Дмитрий"]);
            (format!("Здравствуйте, меня зовут {n}."), format!("{n},"))
        }
    };
    let Some(first) = c
        .utterances
        .iter()
        .position(|u| u.speaker == callqa_model::Party::Client)
    else {
        return;
    };
    c.utterances[first].text = format!("{intro} {}", c.utterances[first].text);
    if let Some(u) = c.utterances[first + 1..]
        .iter_mut()
        .find(|u| u.speaker == callqa_model::Party::Operator)
    {
        u.text = format!("{address} {}", u.text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_month_ends_now_with_stable_operators_and_two_queues() {
        let now = 1_796_000_000; // 2026-11-29
        let (calls, busiest) = generated(600, now);
        assert_eq!(calls.len(), 600);
        let starts: Vec<i64> = calls
            .iter()
            .map(|c| c.started_at.unwrap().unix_timestamp())
            .collect();
        assert!(starts.iter().all(|&s| s < now && s > now - 32 * 86_400));
        assert!(starts.iter().any(|&s| s > now - 2 * 86_400));
        assert!(starts.iter().any(|&s| s < now - 28 * 86_400));
        let mut by_id: HashMap<&str, &str> = HashMap::new();
        for c in &calls {
            let name = c.operator.name.as_deref().unwrap();
            assert_eq!(*by_id.entry(&c.operator.id).or_insert(name), name);
        }
        assert!(by_id.len() >= 5, "{by_id:?}");
        assert!(by_id.contains_key(busiest.as_str()));
        let sales = calls.iter().filter(|c| c.tags["queue"] == "sales").count();
        assert_eq!(sales, 200);
    }

    #[test]
    fn most_generated_clients_give_a_name_the_operator_then_uses() {
        let (calls, _) = generated(100, 1_796_000_000);
        let std = callqa_standard::builtin();
        let mut batch = callqa_standard::Batch::new(std);
        for c in &calls {
            batch.add(c);
        }
        let audits = batch.finish();
        let outcome = |rule: &str, want: callqa_model::Outcome| {
            audits
                .iter()
                .filter(|a| {
                    a.verdicts
                        .iter()
                        .any(|v| v.rule == rule && v.outcome == want)
                })
                .count()
        };
        let fails = outcome("client.ask_name", callqa_model::Outcome::Fail);
        assert!(
            (10..=30).contains(&fails),
            "client.ask_name failed on {fails} of 100"
        );
        let used = outcome("client.name_usage", callqa_model::Outcome::Pass);
        assert!(used >= 70, "client.name_usage passed on {used} of 100");
    }

    #[test]
    fn the_examples_end_yesterday_in_their_own_order() {
        let now = 1_796_000_000;
        let calls = examples(now).unwrap();
        assert_eq!(calls.len(), EXAMPLES.len());
        let newest = calls
            .iter()
            .map(|c| c.started_at.unwrap().unix_timestamp())
            .max()
            .unwrap();
        assert!(
            newest < now - 86_400 && newest >= now - 2 * 86_400,
            "{newest}"
        );
    }
}
