//! Seeded generators of calls for callqa's tests, benchmarks and demos.
//!
//! Everything here is deterministic for a seed ([`Rng`] is ChaCha8 from
//! `rand_chacha`, value-stable across platforms and releases).
//!
//! - [`call`]: a scripted five-minute call (about 60 utterances in
//!   Russian, English or Armenian: 70 / 20 / 10 %) whose middle
//!   utterances come from a few dozen lines — a warm corpus on which word
//!   caches almost always hit.
//! - [`realistic_call`]: the same shape, but three middle utterances in
//!   four are generated prose (inflected nouns, verbs and adjectives in
//!   several sentence shapes), with names in [`noise::NAME_PERCENT`] of
//!   them, digits in [`noise::NUMBER_PERCENT`] and one misrecognised word in
//!   [`noise::TYPO_PERCENT`]. About one utterance in three has a word not
//!   seen earlier in a corpus of 2,000 calls; [`Novelty`] measures that
//!   for any corpus.
//!
//! ```
//! use callqa_testkit::{realistic_call, Novelty};
//!
//! let mut novelty = Novelty::new();
//! for seed in 0..200 {
//!     for u in &realistic_call(seed).utterances {
//!         novelty.add(&u.text);
//!     }
//! }
//! assert!(novelty.rate() > 0.25, "{}", novelty.rate());
//! ```
#![deny(missing_docs)]

mod calls;
pub mod noise;
mod novelty;
mod prose;
mod rng;

pub use calls::{call, realistic_call, PROSE_PERCENT};
pub use novelty::Novelty;
pub use prose::Prose;
pub use rng::Rng;
