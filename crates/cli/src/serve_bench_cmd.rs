//! `callqa serve-bench`: the store and server at scale, measured end to
//! end over real HTTP on loopback. Generates N five-minute calls
//! (`callqa_testkit::call`, spread over 60 days, three queues), ingests
//! them with several concurrent clients, changes the standard and
//! re-scores everything as a job, then times list and stats queries
//! (median and p95 of repeated runs). Run it in release mode.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use callqa_store::{hash_token, new_token, Role, Store, TokenInfo};
use clap::Args;
use serde_json::Value;

use crate::serve_cmd::{now, StoreArgs};
use crate::Status;

#[derive(Debug, Args)]
pub struct ServeBenchArgs {
    /// A fresh store (an empty --data DIR, or --db URL of an empty database).
    #[command(flatten)]
    pub store: StoreArgs,
    /// How many calls to generate and ingest.
    #[arg(long, default_value_t = 100_000)]
    pub calls: u64,
    /// Concurrent ingest clients.
    #[arg(long, default_value_t = 4)]
    pub clients: u64,
    /// Calls per ingest request.
    #[arg(long, default_value_t = 500)]
    pub batch: u64,
    /// Runs of each query, for the median and p95.
    #[arg(long, default_value_t = 20)]
    pub runs: usize,
}

/// A synthetic call moved to one of 60 days and one of three queues.
fn bench_call(seed: u64) -> callqa_model::Call {
    let mut c = callqa_testkit::call(seed);
    c.started_at = c
        .started_at
        .map(|t| t + time::Duration::days((seed / 7 % 60) as i64));
    let queue = ["support", "sales", "billing"][(seed % 3) as usize];
    c.tags.insert("queue".into(), queue.into());
    c
}

fn request(method: &str, url: &str, token: &str, body: Option<&str>) -> anyhow::Result<String> {
    let req = ureq::request(method, url)
        .set("Authorization", &format!("Bearer {token}"))
        .timeout(Duration::from_secs(600));
    let res = match body {
        Some(b) => req
            .set("Content-Type", "application/x-ndjson")
            .send_string(b),
        None => req.call(),
    };
    match res {
        Ok(r) => Ok(r.into_string()?),
        Err(ureq::Error::Status(code, r)) => {
            anyhow::bail!(
                "{method} {url}: {code}: {}",
                r.into_string().unwrap_or_default()
            )
        }
        Err(e) => Err(e).with_context(|| format!("{method} {url}")),
    }
}

/// CPU seconds this process has used (user + system), from
/// `/proc/self/stat` at 100 ticks a second; `None` off Linux. On a shared
/// machine wall-clock time mostly measures the neighbours, this does not.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

fn cpu_since(start: Option<f64>) -> String {
    match (start, cpu_seconds()) {
        (Some(a), Some(b)) => format!("; {:.1} CPU s in this process", b - a),
        _ => String::new(),
    }
}

/// The load average over the last minute, as `/proc/loadavg` gives it.
fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_string))
        .map_or(String::new(), |l| format!("; load average {l}"))
}

/// Bytes of a SQLite data directory's files (database, WAL), per call.
fn store_size(args: &ServeBenchArgs, calls: u64) -> String {
    if args.store.db.is_some() {
        return String::new();
    }
    let bytes: u64 = std::fs::read_dir(args.store.data_dir())
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum();
    format!(
        "store: {:.2} GB on disk, {:.1} KB a call",
        bytes as f64 / 1e9,
        bytes as f64 / calls.max(1) as f64 / 1000.0
    )
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

pub fn run(args: &ServeBenchArgs) -> anyhow::Result<Status> {
    let store: Arc<dyn Store> = Arc::from(args.store.open()?);
    if store.count_calls(&Default::default())? > 0 {
        anyhow::bail!("serve-bench needs an empty store (it measures ingest from zero)");
    }
    let token = new_token()?;
    store.create_token(
        &TokenInfo {
            name: format!("bench-{}", token.get(4..12).unwrap_or("")),
            role: Role::Admin,
            operator: None,
            queues: vec![],
            created_at: now(),
        },
        &hash_token(&token),
    )?;
    let app = callqa_server::App::open(store.clone())?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let listener = runtime.block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))?;
    let base = format!("http://{}/api/v1", listener.local_addr()?);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = runtime.spawn(callqa_server::serve(app.clone(), listener, async {
        let _ = stopped.await;
    }));

    // Ingest.
    let started = Instant::now();
    let cpu = cpu_seconds();
    let counted = Arc::new(std::sync::atomic::AtomicU64::new(0));
    let clients: Vec<_> = (0..args.clients)
        .map(|c| {
            let (url, token) = (format!("{base}/calls"), token.clone());
            let counted = counted.clone();
            let (n, batch, clients) = (args.calls, args.batch, args.clients);
            std::thread::spawn(move || -> anyhow::Result<(u64, Duration)> {
                let (mut accepted, mut generating) = (0, Duration::ZERO);
                let mut first = c * batch;
                while first < n {
                    let t = Instant::now();
                    let mut body = String::new();
                    for seed in first..(first + batch).min(n) {
                        body.push_str(&serde_json::to_string(&bench_call(seed))?);
                        body.push('\n');
                    }
                    generating += t.elapsed();
                    let answer: Value =
                        serde_json::from_str(&request("POST", &url, &token, Some(&body))?)?;
                    let n = answer["accepted"].as_u64().unwrap_or(0);
                    accepted += n;
                    counted.fetch_add(n, std::sync::atomic::Ordering::Relaxed);
                    first += batch * clients;
                }
                Ok((accepted, generating))
            })
        })
        .collect();
    // Progress on long runs, every 30 seconds.
    let mut shown = Instant::now();
    while !clients.iter().all(|c| c.is_finished()) {
        std::thread::sleep(Duration::from_millis(200));
        if shown.elapsed() >= Duration::from_secs(30) {
            shown = Instant::now();
            let n = counted.load(std::sync::atomic::Ordering::Relaxed);
            let secs = started.elapsed().as_secs_f64();
            println!(
                "  ingest: {n} calls in {secs:.0} s = {:.0} calls/s{}{}",
                n as f64 / secs,
                cpu_since(cpu),
                load()
            );
        }
    }
    let mut accepted = 0;
    for c in clients {
        let (a, _) = c
            .join()
            .map_err(|_| anyhow::anyhow!("an ingest client panicked"))??;
        accepted += a;
    }
    let ingest = started.elapsed().as_secs_f64();
    if accepted != args.calls {
        anyhow::bail!("{accepted} of {} calls accepted", args.calls);
    }
    println!(
        "ingest: {accepted} calls in {ingest:.1} s = {:.0} calls/s ({} clients, {} per request; \
         generating, audit and commit included{}{})",
        accepted as f64 / ingest,
        args.clients,
        args.batch,
        cpu_since(cpu),
        load()
    );
    println!("{}", store_size(args, accepted));

    // A standard change and a full re-score.
    let toml = request("GET", &format!("{base}/standard"), &token, None)?;
    let changed = toml.replacen(
        "id = \"hold.thanks\"",
        "id = \"hold.thanks\"\nenabled = false",
        1,
    );
    if changed == toml {
        anyhow::bail!("the active standard has no hold.thanks rule to switch off");
    }
    let put = ureq::put(&format!("{base}/standard"))
        .set("Authorization", &format!("Bearer {token}"))
        .send_string(&changed)
        .context("PUT /standard")?;
    drop(put);
    let started = Instant::now();
    let cpu = cpu_seconds();
    let job: Value =
        serde_json::from_str(&request("POST", &format!("{base}/rescore"), &token, None)?)?;
    let job_url = format!("{base}/jobs/{}", job["job"]);
    let mut shown = Instant::now();
    let state = loop {
        std::thread::sleep(Duration::from_millis(200));
        let j: Value = serde_json::from_str(&request("GET", &job_url, &token, None)?)?;
        if j["state"] != "running" {
            break j;
        }
        if shown.elapsed() >= Duration::from_secs(30) {
            shown = Instant::now();
            println!(
                "  rescore: {} of {} calls in {:.0} s{}{}",
                j["done"],
                j["total"],
                started.elapsed().as_secs_f64(),
                cpu_since(cpu),
                load()
            );
        }
    };
    let rescore = started.elapsed().as_secs_f64();
    if state["state"] != "done" {
        anyhow::bail!("the re-score job ended {state}");
    }
    println!(
        "rescore: {} calls in {rescore:.1} s = {:.0} calls/s{}{}",
        state["done"],
        state["done"].as_f64().unwrap_or(0.0) / rescore,
        cpu_since(cpu),
        load()
    );
    println!("{}", store_size(args, accepted));

    // Queries.
    let cursor = {
        let v: Value = serde_json::from_str(&request(
            "GET",
            &format!("{base}/calls?limit=1000"),
            &token,
            None,
        )?)?;
        v["next"].as_str().unwrap_or_default().to_string()
    };
    let mut queries = vec![
        "/calls?limit=100".to_string(),
        "/calls?limit=100&operator=op-3".into(),
        "/calls?limit=100&queue=sales&passed=false".into(),
        "/calls?limit=100&from=2026-03-10&to=2026-03-16".into(),
        "/calls?limit=100&rule=greeting.company&outcome=fail".into(),
        "/calls?limit=100&q=%D0%BE%D0%BF%D0%BB%D0%B0%D1%82%D0%B0".into(),
        "/stats/overview?bucket=day".into(),
        "/stats/overview?bucket=week&from=2026-03-10&to=2026-04-10".into(),
        "/stats/operators?bucket=week".into(),
        "/stats/rules?bucket=week".into(),
    ];
    if !cursor.is_empty() {
        queries.insert(1, format!("/calls?limit=100&cursor={cursor}"));
    }
    println!(
        "queries over {accepted} stored calls ({} runs each): median / p95 ms",
        args.runs
    );
    for q in &queries {
        let url = format!("{base}{q}");
        let mut times = Vec::with_capacity(args.runs);
        for _ in 0..args.runs {
            let t = Instant::now();
            request("GET", &url, &token, None)?;
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(f64::total_cmp);
        println!(
            "  {:>8.1} / {:>8.1}  GET {q}",
            percentile(&times, 0.5),
            percentile(&times, 0.95)
        );
    }
    let _ = stop.send(());
    runtime.block_on(server)??;
    drop(runtime);
    drop(app);
    Ok(Status::Ok)
}
