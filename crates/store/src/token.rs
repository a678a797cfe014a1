//! API tokens: random, shown once, stored only as their SHA-256.

use sha2::{Digest, Sha256};

use crate::StoreError;

/// A new random token: `cqa_` and 32 random bytes in hex.
pub fn new_token() -> Result<String, StoreError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| StoreError::Data(format!("no random numbers for a token: {e}")))?;
    Ok(format!("cqa_{}", hex(&bytes)))
}

/// The SHA-256 of a token in hex, as stored.
pub fn hash_token(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
