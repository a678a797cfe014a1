//! `--to http://HOST:PORT`: sends call records to a running `callqa serve`
//! (`POST /api/v1/calls` as JSON Lines, in batches) instead of printing
//! them. The token comes from `--token` or `CALLQA_TOKEN`.

use anyhow::Context;
use callqa_model::Call;
use clap::Args;
use serde_json::Value;

/// Calls per request.
const BATCH: usize = 500;

#[derive(Clone, Debug, Default, Args)]
pub struct PushArgs {
    /// Send the records to a running `callqa serve` at this address
    /// (http://HOST:PORT) instead of writing them.
    #[arg(long = "to", value_name = "URL")]
    pub to: Option<String>,
    /// The API token for --to (default: the CALLQA_TOKEN environment variable).
    #[arg(long = "token", value_name = "TOKEN", requires = "to")]
    pub token: Option<String>,
}

/// Sends `calls`; returns whether the server accepted every one. Problems
/// are printed to stderr as the server names them.
pub fn push(args: &PushArgs, calls: &[Call]) -> anyhow::Result<bool> {
    let base = args.to.as_deref().unwrap_or_default().trim_end_matches('/');
    if !base.starts_with("http://") && !base.starts_with("https://") {
        anyhow::bail!("--to: {base:?} is not an http:// address");
    }
    let token = match &args.token {
        Some(t) => t.clone(),
        None => std::env::var("CALLQA_TOKEN").map_err(|_| {
            anyhow::anyhow!("--to needs a token: give --token TOKEN or set CALLQA_TOKEN")
        })?,
    };
    let url = format!("{base}/api/v1/calls");
    let (mut accepted, mut rejected) = (0u64, 0u64);
    for (n, chunk) in calls.chunks(BATCH).enumerate() {
        let mut body = String::new();
        for c in chunk {
            body.push_str(&serde_json::to_string(c).context("cannot encode a call record")?);
            body.push('\n');
        }
        let res = ureq::post(&url)
            .set("Authorization", &format!("Bearer {token}"))
            .set("Content-Type", "application/x-ndjson")
            .send_string(&body);
        let answer: Value = match res {
            Ok(r) => {
                let text = r.into_string().context("cannot read the server's answer")?;
                serde_json::from_str(&text).context("the server's answer is not json")?
            }
            Err(ureq::Error::Status(code, r)) => {
                let text = r.into_string().unwrap_or_default();
                let msg = serde_json::from_str::<Value>(&text)
                    .ok()
                    .and_then(|v| v["error"].as_str().map(str::to_string))
                    .unwrap_or(text);
                anyhow::bail!("{url}: {code}: {msg}");
            }
            Err(e) => return Err(e).with_context(|| format!("cannot reach {url}")),
        };
        accepted += answer["accepted"].as_u64().unwrap_or(0);
        for e in answer["errors"].as_array().into_iter().flatten() {
            rejected += 1;
            let index = e["index"].as_u64().unwrap_or(0) as usize;
            eprintln!(
                "record {}{}: {}",
                n * BATCH + index,
                e["call"]
                    .as_str()
                    .map(|c| format!(" ({c})"))
                    .unwrap_or_default(),
                e["message"].as_str().unwrap_or("")
            );
        }
    }
    eprintln!("{url}: {accepted} calls accepted, {rejected} rejected");
    Ok(rejected == 0)
}
