//! Size limits on untrusted input. The parser and the reader reject anything
//! larger with an error naming the limit, so that one absurd record cannot
//! make callqa use unbounded memory or time. They are far above any real
//! call (a five-minute call is ~100 utterances and ~20 kB of JSON).
//!
//! The record limit is what bounds memory: a record is parsed into a
//! `serde_json::Value` (up to ~16× its size for pathological inputs such as
//! `[0,0,0,…]`) only after the reader has checked its size.

/// Largest single call record in bytes (one `.jsonl` line, one element of a
/// `.json` array, or a whole single-call `.json` file): 64 MiB.
pub const MAX_RECORD_BYTES: usize = 64 << 20;

/// Latest time in a call, in seconds after `started_at` (`events[].at`,
/// utterance and word times): 10,000,000 s, about 115 days. Anything later
/// is a broken clock or a unit mistake (milliseconds, epoch seconds), not a
/// call.
pub const MAX_SECONDS: f64 = 10_000_000.0;

/// Most `events[]` in one call.
pub const MAX_EVENTS: usize = 100_000;

/// Most `utterances[]` in one call.
pub const MAX_UTTERANCES: usize = 100_000;

/// Most `words[]` in one utterance.
pub const MAX_WORDS_PER_UTTERANCE: usize = 100_000;

/// Longest `utterances[].text`, in bytes of UTF-8: 1 MiB.
pub const MAX_TEXT_BYTES: usize = 1 << 20;

/// Longest other string (ids, names, numbers, tag keys and values, words):
/// 64 KiB.
pub const MAX_STRING_BYTES: usize = 64 << 10;

/// Most entries in `tags`.
pub const MAX_TAGS: usize = 1_000;

/// Most field errors kept for one call; further ones are only counted
/// (`…; and 12 more problems`).
pub const MAX_FIELD_ERRORS: usize = 100;

/// Deepest directory level the reader descends into below a given directory.
pub const MAX_DIR_DEPTH: usize = 64;
