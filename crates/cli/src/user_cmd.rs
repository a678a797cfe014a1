//! `callqa user add|passwd|list` and `callqa login-link`: the people who
//! sign in to the dashboard. A user has a role with the same reach as a
//! token of that role (an operator linked to its operator id, a supervisor
//! optionally limited to queues), an argon2 password (read from stdin)
//! and sign-in links: `BASE/login?once=…`, valid 10 minutes, one use.

use std::io::BufRead;

use anyhow::Context;
use callqa_store::{
    check_user_name, hash_password, hash_token, new_secret, Role, Store, User, BASE_URL_SETTING,
    LINK_SECS,
};
use clap::{Args, Subcommand};

use crate::serve_cmd::{now, StoreArgs};
use crate::Status;

/// The shortest password `callqa user passwd` takes.
const MIN_PASSWORD: usize = 8;

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a user (sign in with `callqa login-link` or, after `passwd`, a password).
    Add {
        #[command(flatten)]
        store: StoreArgs,
        /// The sign-in name.
        name: String,
        /// admin, supervisor, operator or ingest.
        #[arg(long)]
        role: String,
        /// The operator id an operator sees the calls of.
        #[arg(long, value_name = "ID")]
        operator: Option<String>,
        /// A supervisor's queues (comma-separated); all when absent.
        #[arg(long, value_name = "Q,…", value_delimiter = ',')]
        queues: Vec<String>,
    },
    /// Set a user's password, read from the first line of stdin (ends the user's sessions).
    Passwd {
        #[command(flatten)]
        store: StoreArgs,
        name: String,
    },
    /// List the users (names and rights, never passwords).
    List {
        #[command(flatten)]
        store: StoreArgs,
    },
}

#[derive(Debug, Args)]
pub struct LoginLinkArgs {
    #[command(flatten)]
    pub store: StoreArgs,
    /// The user to sign in.
    #[arg(long)]
    pub user: String,
    /// The page to open after sign-in (a path starting with "/").
    #[arg(long, value_name = "PATH")]
    pub next: Option<String>,
    /// The server's address as users reach it (default: what `callqa serve` recorded).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
}

/// Checks a role and the operator and queues that go with it.
pub fn check_rights(
    role: &str,
    operator: &Option<String>,
    queues: &[String],
) -> anyhow::Result<Role> {
    let role = Role::parse(role).ok_or_else(|| {
        anyhow::anyhow!("--role: {role:?} is not admin, supervisor, operator or ingest")
    })?;
    if role == Role::Operator && operator.is_none() {
        anyhow::bail!("--operator: an operator needs the operator id it belongs to");
    }
    if role != Role::Operator && operator.is_some() {
        anyhow::bail!("--operator: only operators are linked to an operator id");
    }
    if role != Role::Supervisor && !queues.is_empty() {
        anyhow::bail!("--queues: only supervisors are limited to queues");
    }
    Ok(role)
}

pub fn run(cmd: &UserCommand) -> anyhow::Result<Status> {
    match cmd {
        UserCommand::Add {
            store,
            name,
            role,
            operator,
            queues,
        } => {
            let role = check_rights(role, operator, queues)?;
            check_user_name(name)?;
            let store = store.open()?;
            store.create_user(&User {
                name: name.clone(),
                role,
                operator: operator.clone(),
                queues: queues.iter().filter(|q| !q.is_empty()).cloned().collect(),
                created_at: now(),
                has_password: false,
            })?;
            eprintln!(
                "added {} user {name:?}; sign in with `callqa login-link --user {name}` \
                 or set a password with `callqa user passwd {name}`",
                role.as_str()
            );
        }
        UserCommand::Passwd { store, name } => {
            let store = store.open()?;
            if store.get_user(name)?.is_none() {
                anyhow::bail!("no user named {name:?}");
            }
            let mut line = String::new();
            std::io::stdin()
                .lock()
                .read_line(&mut line)
                .context("reading the password from stdin")?;
            let password = line.trim_end_matches(['\r', '\n']);
            if password.chars().count() < MIN_PASSWORD {
                anyhow::bail!(
                    "the password is {} characters long; use at least {MIN_PASSWORD}",
                    password.chars().count()
                );
            }
            store.set_password(name, &hash_password(password)?)?;
            eprintln!("set the password of {name:?} (its sessions are signed out)");
        }
        UserCommand::List { store } => {
            let store = store.open()?;
            println!("name\trole\toperator\tqueues\tpassword\tcreated");
            for u in store.list_users()? {
                println!(
                    "{}\t{}\t{}\t{}\t{}\t{}",
                    u.name,
                    u.role.as_str(),
                    u.operator.as_deref().unwrap_or("-"),
                    if u.queues.is_empty() {
                        "-".to_string()
                    } else {
                        u.queues.join(",")
                    },
                    if u.has_password { "set" } else { "-" },
                    u.created_at
                );
            }
        }
    }
    Ok(Status::Ok)
}

pub fn login_link_cmd(args: &LoginLinkArgs) -> anyhow::Result<Status> {
    let store = args.store.open()?;
    let base = match &args.base_url {
        Some(b) => check_base_url(b)?,
        None => store.setting(BASE_URL_SETTING)?.ok_or_else(|| {
            anyhow::anyhow!(
                "no base url: pass --base-url URL, or start `callqa serve` once (it records its address)"
            )
        })?,
    };
    let url = login_link(
        &*store,
        &args.user,
        args.next.as_deref(),
        &base,
        true,
        LINK_SECS,
    )?;
    eprintln!(
        "a sign-in link for {:?}: valid 10 minutes, one use",
        args.user
    );
    println!("{url}");
    Ok(Status::Ok)
}

/// A base URL without its trailing `/`; it must be http:// or https://.
pub fn check_base_url(url: &str) -> anyhow::Result<String> {
    if !url.starts_with("http://") && !url.starts_with("https://") {
        anyhow::bail!("--base-url: {url:?} is not an http:// or https:// url");
    }
    Ok(url.trim_end_matches('/').to_string())
}

/// Makes a sign-in link for `user` valid `secs` seconds (`once`: one use)
/// and returns its full URL `BASE/login?once=…[&next=…]`.
pub fn login_link(
    store: &dyn Store,
    user: &str,
    next: Option<&str>,
    base: &str,
    once: bool,
    secs: i64,
) -> anyhow::Result<String> {
    if store.get_user(user)?.is_none() {
        anyhow::bail!("no user named {user:?} (add one with `callqa user add`)");
    }
    if let Some(n) = next {
        if callqa_server::signin::safe_next(Some(n)) != n {
            anyhow::bail!("--next: {n:?} is not a path on this site (it starts with one \"/\")");
        }
    }
    let secret = new_secret()?;
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    store.create_login_link(&hash_token(&secret), user, now, now + secs, once)?;
    let mut url = format!("{base}/login?once={secret}");
    if let Some(n) = next {
        url.push_str("&next=");
        url.push_str(&callqa_server::signin::encode(n));
    }
    Ok(url)
}
