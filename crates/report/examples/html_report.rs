//! Writes the HTML report of N generated calls, each audited for real by
//! the built-in standard, to see the page at scale in a browser:
//!
//! ```text
//! cargo run --release -p callqa-report --example html_report -- 100000 /tmp/report.html
//! ```

use std::path::PathBuf;

use callqa_report::{Format, Output, ReportOptions, Reporter};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let calls: u64 = args.next().as_deref().unwrap_or("100000").parse()?;
    let path = PathBuf::from(args.next().unwrap_or_else(|| "report.html".to_owned()));
    let std = callqa_standard::builtin();
    let out = Output::file(&path)?;
    let mut reporter = Reporter::new(Format::Html, out, ReportOptions::new());
    for seed in 0..calls {
        reporter.add(&std.audit_call(&callqa_testkit::call(seed)))?;
    }
    reporter.finish(0)?.commit()?;
    println!(
        "{}: {} bytes",
        path.display(),
        std::fs::metadata(&path)?.len()
    );
    Ok(())
}
