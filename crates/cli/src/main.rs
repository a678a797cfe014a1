//! The `callqa` binary: argument parsing and wiring only. This file is the
//! one place that maps outcomes to exit codes:
//!
//! | code | meaning |
//! |---|---|
//! | 0 | every call passed (or, for other commands, success) |
//! | 1 | some call failed: a critical rule failed |
//! | 2 | usage error, bad standard file, or bad input (the rest of the batch was still audited) |

mod args;
mod audit_cmd;
mod audit_store;
mod backup_cmd;
mod bench_cmd;
mod demo;
mod import_cmd;
mod listen_cmd;
mod live_bench_cmd;
mod live_cmd;
mod phrases_cmd;
mod push_cmd;
mod rescore_cmd;
mod serve_bench_cmd;
mod serve_cmd;
mod standard_cmd;
mod standard_diff;
mod standard_explain;
mod standard_render;
mod standard_test;
mod token_cmd;
mod train_cmd;
mod user_cmd;

use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command};

/// mimalloc serves the many small, short-lived allocations of analysing and
/// reporting calls with about half the instructions of the system
/// allocator, and keeps per-thread heaps for `--jobs N`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// What a command found, for the exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Ok,
    SomeFailed,
    BadInput,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Audit(a) => audit_cmd::run(&a),
        Command::Standard(s) => standard_cmd::run(&s),
        Command::Import(i) => {
            import_cmd::run(&i).map(|clean| if clean { Status::Ok } else { Status::BadInput })
        }
        Command::Live(l) => live_cmd::run(&l),
        Command::Listen(l) => listen_cmd::listen(&l),
        Command::Adapt(a) => listen_cmd::adapt(&a),
        Command::Bench(b) => bench_cmd::run(&b),
        Command::Serve(s) => serve_cmd::run(&s),
        Command::Token(t) => token_cmd::run(&t),
        Command::Rescore(r) => rescore_cmd::run(&r),
        Command::Phrases(p) => phrases_cmd::run(&p),
        Command::ServeBench(b) => serve_bench_cmd::run(&b),
        Command::Train(t) => train_cmd::run(&t),
        Command::User(u) => user_cmd::run(&u),
        Command::LoginLink(l) => user_cmd::login_link_cmd(&l),
        Command::Backup(b) => backup_cmd::run(&b),
        Command::LiveBench(b) => live_bench_cmd::run(&b),
    };
    match result {
        Ok(Status::Ok) => ExitCode::SUCCESS,
        Ok(Status::SomeFailed) => ExitCode::from(1),
        Ok(Status::BadInput) => ExitCode::from(2),
        Err(err) => {
            if err.chain().any(|e| {
                e.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            // Never `eprintln!`: it panics (exit 101) when stderr is a
            // closed pipe. The message is escaped for the terminal.
            callqa_report::eprint_message(format_args!("{err:#}"));
            ExitCode::from(2)
        }
    }
}
