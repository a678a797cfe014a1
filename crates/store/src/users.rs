//! People who sign in: users with a role (argon2 password hashes), their
//! sessions (a random cookie value, stored as its SHA-256, with an expiry)
//! and sign-in links (a random value, stored as its SHA-256, valid ten
//! minutes and used once — or, for `serve --demo`, reusable until it
//! expires). Also the schema both backends add for them and the small
//! key-value settings table (the configured base URL).

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use serde::Serialize;

use crate::types::{Role, TokenInfo};
use crate::StoreError;

/// How long a one-time sign-in link is valid, seconds.
pub const LINK_SECS: i64 = 10 * 60;

/// How long a session lasts after sign-in, seconds (a working day).
pub const SESSION_SECS: i64 = 12 * 60 * 60;

/// The settings key of the base URL sign-in links start with.
pub const BASE_URL_SETTING: &str = "base_url";

/// A person who signs in, and what they may see (never the password).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct User {
    /// The unique sign-in name.
    pub name: String,
    /// What the user may do: the same reach as a token of this role.
    pub role: Role,
    /// The operator id an `operator` user is linked to.
    pub operator: Option<String>,
    /// A supervisor's queues; empty = all.
    pub queues: Vec<String>,
    /// When the user was created, RFC 3339, UTC.
    pub created_at: String,
    /// Whether a password is set (else only sign-in links work).
    pub has_password: bool,
}

impl User {
    /// The principal handlers see: the same as a token with these rights,
    /// named after the user.
    pub fn principal(&self) -> TokenInfo {
        TokenInfo {
            name: self.name.clone(),
            role: self.role,
            operator: self.operator.clone(),
            queues: self.queues.clone(),
            created_at: self.created_at.clone(),
        }
    }
}

/// A new random secret for a session cookie or a sign-in link: 32 random
/// bytes in hex (store only its [`crate::hash_token`]).
pub fn new_secret() -> Result<String, StoreError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| StoreError::Data(format!("no random numbers for a secret: {e}")))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// The argon2id hash of a password in PHC string form, with a random salt.
pub fn hash_password(password: &str) -> Result<String, StoreError> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt)
        .map_err(|e| StoreError::Data(format!("no random numbers for a salt: {e}")))?;
    let salt = SaltString::encode_b64(&salt)
        .map_err(|e| StoreError::Data(format!("encoding a salt: {e}")))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| StoreError::Data(format!("hashing a password: {e}")))
}

/// Whether `password` matches a stored PHC hash; a hash that does not
/// parse matches nothing.
pub fn verify_password(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|h| {
        Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    })
}

/// Checks a user name: 1 to 64 letters, digits, `.`, `_`, `-` or `@`.
pub fn check_user_name(name: &str) -> Result<(), StoreError> {
    let ok = !name.is_empty()
        && name.chars().count() <= 64
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '@'));
    if ok {
        Ok(())
    } else {
        Err(StoreError::Data(format!(
            "bad user name {name:?}: use 1 to 64 letters, digits, '.', '_', '-' or '@'"
        )))
    }
}

/// A user row as both backends read it: name, role, operator, queues,
/// created_at, whether a password is set.
pub(crate) type UserRow = (String, String, Option<String>, String, String, bool);

pub(crate) fn user_from_row(
    (name, role, operator, queues, created_at, has_password): UserRow,
) -> Result<User, StoreError> {
    Ok(User {
        role: Role::parse(&role)
            .ok_or_else(|| StoreError::Data(format!("user {name:?} has unknown role {role:?}")))?,
        name,
        operator,
        queues: queues
            .split(',')
            .filter(|q| !q.is_empty())
            .map(str::to_string)
            .collect(),
        created_at,
        has_password,
    })
}

/// The columns of [`UserRow`], for `SELECT … FROM users u`.
pub(crate) const USER_COLUMNS: &str =
    "u.name, u.role, u.operator, u.queues, u.created_at, u.password IS NOT NULL";

/// How many calls wait for a pending verdict.
pub(crate) const PENDING_COUNT: &str = "SELECT COUNT(*) FROM calls WHERE pending_until IS NOT NULL";

/// The SQLite migration: users, sessions, sign-in links, settings.
pub(crate) const SQLITE_MIGRATION: &str = r#"
CREATE TABLE users (
    name TEXT PRIMARY KEY,
    role TEXT NOT NULL,
    operator TEXT,
    queues TEXT NOT NULL,
    password TEXT,
    created_at TEXT NOT NULL
);
CREATE TABLE sessions (
    hash TEXT PRIMARY KEY,
    user_name TEXT NOT NULL REFERENCES users (name) ON DELETE CASCADE,
    expires INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_name);
CREATE TABLE login_links (
    hash TEXT PRIMARY KEY,
    user_name TEXT NOT NULL REFERENCES users (name) ON DELETE CASCADE,
    expires INTEGER NOT NULL,
    once INTEGER NOT NULL
);
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"#;

/// The PostgreSQL migration: the same tables.
pub(crate) const PG_MIGRATION: &str = r#"
CREATE TABLE users (
    name TEXT PRIMARY KEY,
    role TEXT NOT NULL,
    operator TEXT,
    queues TEXT NOT NULL,
    password TEXT,
    created_at TEXT NOT NULL
);
CREATE TABLE sessions (
    hash TEXT PRIMARY KEY,
    user_name TEXT NOT NULL REFERENCES users (name) ON DELETE CASCADE,
    expires BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_name);
CREATE TABLE login_links (
    hash TEXT PRIMARY KEY,
    user_name TEXT NOT NULL REFERENCES users (name) ON DELETE CASCADE,
    expires BIGINT NOT NULL,
    once BOOLEAN NOT NULL
);
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_verify_only_themselves() {
        let h = hash_password("correct horse").unwrap();
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(verify_password("correct horse", &h));
        assert!(!verify_password("correct hors", &h));
        assert!(!verify_password("correct horse", "not a hash"));
        // A fresh salt each time.
        assert_ne!(h, hash_password("correct horse").unwrap());
    }

    #[test]
    fn user_names_are_checked() {
        assert!(check_user_name("anna.k@example").is_ok());
        assert!(check_user_name("Анна").is_ok());
        let err = check_user_name("a b").unwrap_err().to_string();
        assert!(err.contains("\"a b\""), "{err}");
        assert!(check_user_name("").is_err());
    }
}
