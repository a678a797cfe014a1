//! Time stamps of telephony records: `2013-03-04 13:11:18`, with optional
//! fraction and UTC offset (`+00`, `+03:00`, `Z`), ISO `T` form, and epoch
//! seconds, milliseconds or microseconds. A stamp without an offset is local
//! time in the zone given by `--timezone` (bundled tz database, nothing
//! depends on the host); without one it is read as UTC and the caller
//! reports that assumption.

use jiff::tz::TimeZone;
use time::{OffsetDateTime, UtcOffset};

/// The zone used for stamps that carry no UTC offset.
#[derive(Clone, Debug)]
pub struct Zone(TimeZone);

impl Zone {
    /// `Europe/Moscow`, `UTC`, `+03:00`, `-0500`.
    pub fn parse(name: &str) -> Option<Zone> {
        let name = name.trim();
        if name.eq_ignore_ascii_case("utc") || name == "Z" {
            return Some(Zone(TimeZone::UTC));
        }
        if let Some(secs) = parse_offset(name) {
            return jiff::tz::Offset::from_seconds(secs)
                .ok()
                .map(|o| Zone(TimeZone::fixed(o)));
        }
        TimeZone::get(name).ok().map(Zone)
    }

    /// The UTC zone.
    pub fn utc() -> Zone {
        Zone(TimeZone::UTC)
    }

    fn offset_at(&self, unix_secs: i64) -> i32 {
        match jiff::Timestamp::from_second(unix_secs) {
            Ok(ts) => self.0.to_offset(ts).seconds(),
            Err(_) => 0,
        }
    }
}

/// Parses `+03`, `+03:00`, `+0300`, `-05:30` into seconds east of UTC.
fn parse_offset(s: &str) -> Option<i32> {
    let (sign, rest) = match s.as_bytes().first()? {
        b'+' => (1, &s[1..]),
        b'-' => (-1, &s[1..]),
        _ => return None,
    };
    let digits: String = rest.chars().filter(|c| *c != ':').collect();
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (h, m) = match digits.len() {
        1 | 2 => (digits.parse::<i32>().ok()?, 0),
        4 => (digits[..2].parse().ok()?, digits[2..].parse().ok()?),
        _ => return None,
    };
    if h > 23 || m > 59 {
        return None;
    }
    Some(sign * (h * 3600 + m * 60))
}

/// A parsed stamp, and whether it carried its own offset.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stamp {
    /// The instant the stamp names (in the zone's offset when it had none of its own).
    pub at: OffsetDateTime,
    /// True when the stamp carried its own UTC offset (`Z`, `+03:00`).
    pub had_offset: bool,
}

/// Converts a Unix time in seconds (with fraction) into a date-time in
/// `zone` (UTC without one).
pub fn from_unix(secs: f64, zone: Option<&Zone>) -> Option<OffsetDateTime> {
    if !secs.is_finite() || secs.abs() > 1e11 {
        return None;
    }
    // Microsecond precision: what the sources carry, without float noise.
    let nanos = (secs * 1e6).round() as i128 * 1000;
    let at = OffsetDateTime::from_unix_timestamp_nanos(nanos).ok()?;
    let off = zone.map(|z| z.offset_at(secs.floor() as i64)).unwrap_or(0);
    Some(at.to_offset(UtcOffset::from_whole_seconds(off).ok()?))
}

/// Reads a number as Unix time, guessing the unit from its size: seconds
/// (`1515666344`, `1694023642.7`), milliseconds or microseconds.
pub fn unix_guess_unit(raw: &str) -> Option<f64> {
    let v: f64 = raw.trim().parse().ok()?;
    if !v.is_finite() || v <= 0.0 {
        return None;
    }
    Some(if v > 1e14 {
        v / 1e6
    } else if v > 1e11 {
        v / 1e3
    } else {
        v
    })
}

/// Parses a stamp; see the module docs for the accepted forms.
pub fn parse(raw: &str, zone: Option<&Zone>) -> Option<Stamp> {
    let s = raw.trim();
    if s.is_empty() {
        return None;
    }
    if s.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        let secs = unix_guess_unit(s)?;
        return Some(Stamp {
            at: from_unix(secs, zone)?,
            had_offset: true,
        });
    }
    // Date `Y-M-D` (1-2 digit month and day, as some exports write them),
    // then ` ` or `T`, then `H:M[:S]`.
    let (date, time_and_rest) = s.split_once([' ', 'T'])?;
    let dparts: Vec<&str> = date.split('-').collect();
    let [ys, ms, ds] = dparts.as_slice() else {
        return None;
    };
    let digits = |p: &str, max: usize| -> Option<i64> {
        if p.is_empty() || p.len() > max || !p.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        p.parse().ok()
    };
    let (y, mo, d) = (digits(ys, 4)?, digits(ms, 2)?, digits(ds, 2)?);
    let time_and_rest = time_and_rest.trim_start();
    let hms_len = time_and_rest
        .bytes()
        .take_while(|c| c.is_ascii_digit() || *c == b':')
        .count();
    let hms: Vec<&str> = time_and_rest[..hms_len].split(':').collect();
    let (h, mi, se) = match hms.as_slice() {
        [h, m, s] => (digits(h, 2)?, digits(m, 2)?, digits(s, 2)?),
        [h, m] => (digits(h, 2)?, digits(m, 2)?, 0),
        _ => return None,
    };
    let mut rest = &time_and_rest[hms_len..];
    let mut nanos: i64 = 0;
    if let Some(frac) = rest.strip_prefix(['.', ',']) {
        let n = frac.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return None;
        }
        let digits = &frac[..n];
        let mut padded: String = digits.chars().take(9).collect();
        while padded.len() < 9 {
            padded.push('0');
        }
        nanos = padded.parse().ok()?;
        rest = &frac[n..];
    }
    let rest = rest.trim();
    let offset = if rest.is_empty() {
        None
    } else if rest == "Z" || rest.eq_ignore_ascii_case("utc") {
        Some(0)
    } else {
        Some(parse_offset(rest)?)
    };
    let date = time::Date::from_calendar_date(
        i32::try_from(y).ok()?,
        time::Month::try_from(u8::try_from(mo).ok()?).ok()?,
        u8::try_from(d).ok()?,
    )
    .ok()?;
    let tod = time::Time::from_hms_nano(
        u8::try_from(h).ok()?,
        u8::try_from(mi).ok()?,
        u8::try_from(se.min(59)).ok()?,
        u32::try_from(nanos).ok()?,
    )
    .ok()?;
    let local = time::PrimitiveDateTime::new(date, tod);
    match offset {
        Some(off) => Some(Stamp {
            at: local.assume_offset(UtcOffset::from_whole_seconds(off).ok()?),
            had_offset: true,
        }),
        None => {
            let at = match zone {
                None => local.assume_utc(),
                Some(z) => {
                    let civil = jiff::civil::DateTime::new(
                        i16::try_from(y).ok()?,
                        i8::try_from(mo).ok()?,
                        i8::try_from(d).ok()?,
                        i8::try_from(h).ok()?,
                        i8::try_from(mi).ok()?,
                        i8::try_from(se.min(59)).ok()?,
                        i32::try_from(nanos).ok()?,
                    )
                    .ok()?;
                    let zoned = z.0.to_zoned(civil).ok()?;
                    let off = zoned.offset().seconds();
                    local.assume_offset(UtcOffset::from_whole_seconds(off).ok()?)
                }
            };
            Some(Stamp {
                at,
                had_offset: false,
            })
        }
    }
}

/// Seconds from `a` to `b`.
pub fn secs_between(a: OffsetDateTime, b: OffsetDateTime) -> f64 {
    (b - a).as_seconds_f64()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        let s = parse("2023-09-06 18:07:22.626751+00", None).unwrap();
        assert!(s.had_offset);
        assert_eq!(s.at.unix_timestamp(), 1694023642);
        let z = Zone::parse("Europe/Moscow").unwrap();
        let s = parse("2013-03-04 13:11:18", Some(&z)).unwrap();
        assert_eq!(s.at.offset().whole_hours(), 4); // Moscow was UTC+4 in 2013
        assert!(!s.had_offset);
        let s = parse("1515666344534355", None).unwrap();
        assert_eq!(s.at.unix_timestamp(), 1515666344);
        assert!(parse("2013-13-04 13:11:18", None).is_none());
        assert!(parse("garbage", None).is_none());
        assert!(parse("2013-03-4 13:03:20", None).is_some());
        assert!(parse("2013-03-04 13:03", None).is_some());
        assert!(parse("2013-03-04 1:03:20x", None).is_none());
        assert!(parse("2013-03-04T10:00:00+03:00", None).unwrap().had_offset);
        assert_eq!(Zone::parse("+03:00").unwrap().offset_at(0), 10800);
        assert!(Zone::parse("Mars/Olympus").is_none());
    }
}
