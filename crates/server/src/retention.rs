//! Retention (`callqa serve --retention-days N`): calls whose start is
//! more than N days before the server's clock are deleted with all that is
//! stored of them, at start and then every [`EVERY`]. What is logged is
//! counts only.

use callqa_store::{Store, StoreError};

/// How often the server deletes the calls that aged out.
pub const EVERY: std::time::Duration = std::time::Duration::from_secs(3600);

/// The Unix time before which a call is deleted: `days` days before `now`.
pub fn cutoff(now: f64, days: u32) -> i64 {
    (now - f64::from(days) * 86_400.0).floor() as i64
}

/// Deletes the calls that started more than `days` days before `now`;
/// returns how many went.
pub fn run(store: &dyn Store, now: f64, days: u32) -> Result<u64, StoreError> {
    let deleted = store.delete_calls_before(cutoff(now, days))?;
    if deleted > 0 {
        tracing::info!(
            deleted,
            days,
            "retention: deleted calls older than the limit"
        );
    }
    Ok(deleted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cutoff_is_whole_days_before_the_clock() {
        assert_eq!(cutoff(1_772_668_800.5, 1), 1_772_582_400);
        assert_eq!(cutoff(1_772_668_800.0, 30), 1_772_668_800 - 30 * 86_400);
    }
}
