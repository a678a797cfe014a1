//! `callqa token create|list|revoke`: API tokens of a store. A token is
//! shown once, on the last line of `create`; the store keeps its SHA-256.

use callqa_store::{hash_token, new_token, Role, TokenInfo};
use clap::Subcommand;

use crate::serve_cmd::{now, StoreArgs};
use crate::Status;

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Create a token and print it (on the last line).
    Create {
        #[command(flatten)]
        store: StoreArgs,
        /// admin, supervisor, operator or ingest.
        #[arg(long)]
        role: String,
        /// The operator id an operator token sees the calls of.
        #[arg(long, value_name = "ID")]
        operator: Option<String>,
        /// A supervisor's queues (comma-separated); all when absent.
        #[arg(long, value_name = "Q,…", value_delimiter = ',')]
        queues: Vec<String>,
        /// A name to list and revoke it by (default: ROLE-N).
        #[arg(long)]
        name: Option<String>,
    },
    /// List the tokens (names and rights, never the tokens).
    List {
        #[command(flatten)]
        store: StoreArgs,
    },
    /// Revoke a token by name.
    Revoke {
        #[command(flatten)]
        store: StoreArgs,
        name: String,
    },
}

pub fn run(cmd: &TokenCommand) -> anyhow::Result<Status> {
    match cmd {
        TokenCommand::Create {
            store,
            role,
            operator,
            queues,
            name,
        } => {
            let role = Role::parse(role).ok_or_else(|| {
                anyhow::anyhow!("--role: {role:?} is not admin, supervisor, operator or ingest")
            })?;
            if role == Role::Operator && operator.is_none() {
                anyhow::bail!("--operator: an operator token needs the operator id it belongs to");
            }
            if role != Role::Operator && operator.is_some() {
                anyhow::bail!("--operator: only operator tokens are linked to an operator");
            }
            if role != Role::Supervisor && !queues.is_empty() {
                anyhow::bail!("--queues: only supervisor tokens are limited to queues");
            }
            let store = store.open()?;
            let name = match name {
                Some(n) => n.clone(),
                None => {
                    let taken = store.list_tokens()?;
                    (1..)
                        .map(|i| format!("{}-{i}", role.as_str()))
                        .find(|n| !taken.iter().any(|t| &t.name == n))
                        .unwrap_or_default()
                }
            };
            let token = new_token()?;
            store.create_token(
                &TokenInfo {
                    name: name.clone(),
                    role,
                    operator: operator.clone(),
                    queues: queues.iter().filter(|q| !q.is_empty()).cloned().collect(),
                    created_at: now(),
                },
                &hash_token(&token),
            )?;
            eprintln!("created {} token {name:?} (shown once):", role.as_str());
            println!("{token}");
        }
        TokenCommand::List { store } => {
            let store = store.open()?;
            println!("name\trole\toperator\tqueues\tcreated");
            for t in store.list_tokens()? {
                println!(
                    "{}\t{}\t{}\t{}\t{}",
                    t.name,
                    t.role.as_str(),
                    t.operator.as_deref().unwrap_or("-"),
                    if t.queues.is_empty() {
                        "-".to_string()
                    } else {
                        t.queues.join(",")
                    },
                    t.created_at
                );
            }
        }
        TokenCommand::Revoke { store, name } => {
            if !store.open()?.revoke_token(name)? {
                anyhow::bail!("no token named {name:?}");
            }
            eprintln!("revoked {name:?}");
        }
    }
    Ok(Status::Ok)
}
