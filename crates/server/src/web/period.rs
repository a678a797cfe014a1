//! The reporting period of a page: the last 7, 30 or 90 days (`?period=`)
//! or custom days (`?from=&to=`), the period before it of the same length
//! (for the change), and its buckets (days, or Monday weeks past a month).
//! "The last N days" end on the newest call's day the principal may see
//! (not after today), so a store fed yesterday's calls shows them.

use callqa_store::{Bucket, Filter, ListQuery, Store};
use time::{Date, Duration, OffsetDateTime};

use super::{Ctx, PageError, Params};

const DAY: &[time::format_description::BorrowedFormatItem<'static>] =
    time::macros::format_description!("[year]-[month]-[day]");

/// Days a page reports on.
#[derive(Clone, Debug)]
pub struct Period {
    /// First day, inclusive.
    pub from: Date,
    /// Last day, inclusive.
    pub to: Date,
    /// `7`, `30`, `90` or `custom`.
    pub key: String,
    /// Days or weeks in the charts.
    pub bucket: Bucket,
}

/// `YYYY-MM-DD`.
pub fn day(d: Date) -> String {
    d.format(DAY).unwrap_or_default()
}

fn parse(name: &str, v: &str) -> Result<Date, PageError> {
    Date::parse(v, DAY).map_err(|_| {
        PageError::status(
            axum::http::StatusCode::BAD_REQUEST,
            format!("{name}: {v:?} is not a date (expected YYYY-MM-DD)"),
        )
    })
}

impl Period {
    /// The period a page's parameters ask for; takes `period`, `from`,
    /// `to` and `bucket` out of `p`.
    pub fn resolve(store: &dyn Store, ctx: &Ctx, p: &mut Params) -> Result<Period, PageError> {
        let asked = p.remove("period");
        let from = p.remove("from");
        let to = p.remove("to");
        let bucket = p.remove("bucket");
        let (from, to, key) = match (from, to) {
            (Some(f), Some(t)) if asked.as_deref().is_none_or(|a| a == "custom") => {
                let (f, t) = (parse("from", &f)?, parse("to", &t)?);
                let (f, t) = if f <= t { (f, t) } else { (t, f) };
                (f, t, "custom".to_string())
            }
            _ => {
                let days: i64 = match asked.as_deref() {
                    None | Some("custom") => 30,
                    Some(v @ ("7" | "30" | "90")) => v.parse().unwrap_or(30),
                    Some(v) => {
                        return Err(PageError::status(
                            axum::http::StatusCode::BAD_REQUEST,
                            format!("period: {v:?} is not 7, 30 or 90"),
                        ))
                    }
                };
                let end = anchor(store, ctx)?;
                (end - Duration::days(days - 1), end, days.to_string())
            }
        };
        let days = (to - from).whole_days() + 1;
        let bucket = match bucket.as_deref() {
            Some("day") => Bucket::Day,
            Some("week") => Bucket::Week,
            _ if days > 31 => Bucket::Week,
            _ => Bucket::Day,
        };
        Ok(Period {
            from,
            to,
            key,
            bucket,
        })
    }

    /// Days in the period.
    pub fn days(&self) -> i64 {
        (self.to - self.from).whole_days() + 1
    }

    /// The filter limited to this period.
    pub fn apply(&self, mut f: Filter) -> Filter {
        f.from = Some(day(self.from));
        f.to = Some(day(self.to));
        f
    }

    /// The filter limited to the period of the same length just before.
    pub fn previous(&self, mut f: Filter) -> Filter {
        let n = Duration::days(self.days());
        f.from = Some(day(self.from - n));
        f.to = Some(day(self.to - n));
        f
    }

    /// Every bucket's first day, in order (the store's keys).
    pub fn buckets(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut d = match self.bucket {
            Bucket::Day => self.from,
            Bucket::Week => {
                self.from - Duration::days(self.from.weekday().number_days_from_monday() as i64)
            }
        };
        let step = match self.bucket {
            Bucket::Day => Duration::days(1),
            Bucket::Week => Duration::days(7),
        };
        while d <= self.to && out.len() < 400 {
            out.push(day(d));
            d += step;
        }
        out
    }

    /// The parameters that keep this period on links to other pages.
    pub fn params(&self) -> Vec<(&'static str, String)> {
        if self.key == "custom" {
            vec![("from", day(self.from)), ("to", day(self.to))]
        } else {
            vec![("period", self.key.clone())]
        }
    }

    /// `2026-03-01 — 2026-03-30`.
    pub fn label(&self) -> String {
        format!("{} — {}", day(self.from), day(self.to))
    }
}

/// The newest call's day the principal may see, not after today.
fn anchor(store: &dyn Store, ctx: &Ctx) -> Result<Date, PageError> {
    let today = OffsetDateTime::from_unix_timestamp(ctx.now as i64)
        .map(|t| t.date())
        .unwrap_or(Date::MIN);
    let newest = store.list_calls(&ListQuery {
        filter: ctx.scoped(Filter::default()),
        limit: 1,
        cursor: None,
        with_audit: false,
    })?;
    let last = newest
        .calls
        .first()
        .and_then(|c| c.started_at.as_deref())
        .and_then(|s| s.get(..10))
        .and_then(|s| Date::parse(s, DAY).ok());
    Ok(match last {
        Some(d) if d < today => d,
        _ => today,
    })
}

/// What the period and queue selector shows.
pub struct PeriodForm {
    /// The page the form submits to.
    pub action: &'static str,
    /// The period shown.
    pub period: Period,
    /// Its first day, for the custom date fields.
    pub from: String,
    /// Its last day.
    pub to: String,
    /// The queues to choose from (empty: no queue selector).
    pub queues: Vec<String>,
    /// The queue chosen, or empty.
    pub queue: String,
}

impl PeriodForm {
    /// The selector of `period` on `action`, with the principal's queues.
    pub fn new(
        store: &dyn Store,
        ctx: &Ctx,
        action: &'static str,
        period: &Period,
        queue: Option<&String>,
    ) -> Result<PeriodForm, PageError> {
        Ok(PeriodForm {
            action,
            period: period.clone(),
            from: day(period.from),
            to: day(period.to),
            queues: known_queues(store, ctx)?,
            queue: queue.cloned().unwrap_or_default(),
        })
    }
}

/// The queues a principal chooses from: a supervisor's own queues, else
/// every queue of the calls it may see (one grouped read).
pub fn known_queues(store: &dyn Store, ctx: &Ctx) -> Result<Vec<String>, PageError> {
    if !ctx.who.queues.is_empty() {
        return Ok(ctx.who.queues.clone());
    }
    Ok(store.queues(&ctx.scoped(Filter::default()))?)
}

/// Operators as (id, name).
pub type Operators = Vec<(String, String)>;

/// The queues (as [`known_queues`]) and every operator of the calls the
/// principal may see, by name.
pub fn known(store: &dyn Store, ctx: &Ctx) -> Result<(Vec<String>, Operators), PageError> {
    let queues = known_queues(store, ctx)?;
    let mut operators: Operators = store
        .operators(&ctx.scoped(Filter::default()))?
        .into_iter()
        .map(|(id, name)| {
            let name = name.unwrap_or_else(|| id.clone());
            (id, name)
        })
        .collect();
    operators.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    Ok((queues, operators))
}
