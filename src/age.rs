//! Dates as comments carry them (RFC 3339 text, Unix seconds, mail's RFC
//! 2822) read by jiff, and shown as a short age such as "3h" or "2y" or in
//! full, in the reader's time zone and labelled with it.

use jiff::tz::TimeZone;

/// Seconds since the Unix epoch for `text`, if it is a date we understand:
/// Unix seconds, or RFC 3339 (`2026-11-28T09:00:00+09:00`, a space for the
/// `T`, fractions of a second; no offset means UTC; a date alone is its
/// midnight, UTC).
pub fn parse_timestamp(text: &str) -> Option<i64> {
    let text = text.trim();
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse().ok();
    }
    if let Ok(timestamp) = text.parse::<jiff::Timestamp>() {
        return Some(timestamp.as_second());
    }
    // Without an offset: a civil date (and time), read as UTC.
    let civil = text
        .parse::<jiff::civil::DateTime>()
        .ok()
        .filter(|_| text.len() >= 19)
        .or_else(|| {
            (text.len() == 10)
                .then(|| text.parse::<jiff::civil::Date>().ok())
                .flatten()
                .map(|date| date.to_datetime(jiff::civil::Time::midnight()))
        })?;
    jiff::tz::TimeZone::UTC
        .to_timestamp(civil)
        .ok()
        .map(|timestamp| timestamp.as_second())
}

/// Seconds since the epoch of a mail `Date:` header (RFC 2822, obsolete
/// forms included: two-digit years, zone names, a trailing comment).
pub fn parse_mail_date(text: &str) -> Option<i64> {
    // A comment after the date, `(GMT)` or `(PST)`, says nothing the offset
    // does not.
    let text = match text.trim().rsplit_once('(') {
        Some((date, comment)) if comment.ends_with(')') => date.trim(),
        _ => text.trim(),
    };
    jiff::fmt::rfc2822::parse(text)
        .ok()
        .map(|zoned| zoned.timestamp().as_second())
}

/// The zone dates are shown in: `TZ` when set, else the system's, else
/// UTC (a system without zone data).
pub fn local_zone() -> TimeZone {
    TimeZone::try_system().unwrap_or(TimeZone::UTC)
}

/// A moment as `2026-11-28 09:00 JST`: in `zone`, labelled with its
/// abbreviation (or its offset, for a zone without one).
pub fn full_date(seconds: i64, zone: &TimeZone) -> String {
    jiff::Timestamp::from_second(seconds)
        .map(|t| {
            t.to_zoned_datetime(zone.clone())
                .strftime("%Y-%m-%d %H:%M %Z")
                .to_string()
        })
        .unwrap_or_else(|_| seconds.to_string())
}

/// How a date from a document reads in full, in `zone`: formatted when we
/// understand it, as given otherwise.
pub fn readable_date(text: &str, zone: &TimeZone) -> String {
    parse_timestamp(text).map_or_else(|| text.to_string(), |s| full_date(s, zone))
}

/// A short age: "now", "5m", "3h", "2d", "4mo", "2y". A date in the future
/// (clock skew) reads as "now".
pub fn short_age(then: i64, now: i64) -> String {
    let seconds = (now - then).max(0);
    let (value, unit) = match seconds {
        s if s < 60 => return "now".to_string(),
        s if s < 3600 => (s / 60, "m"),
        s if s < 86_400 => (s / 3600, "h"),
        s if s < 30 * 86_400 => (s / 86_400, "d"),
        s if s < 365 * 86_400 => (s / (30 * 86_400), "mo"),
        s => (s / (365 * 86_400), "y"),
    };
    format!("{value}{unit} ago")
}

/// Seconds since the epoch now, from the system clock.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_dates_times_offsets_and_seconds() {
        assert_eq!(parse_timestamp("1970-01-01"), Some(0));
        assert_eq!(parse_timestamp("2026-11-28T00:00:00Z"), Some(1_795_824_000));
        assert_eq!(
            parse_timestamp("2026-11-28T09:00:00+09:00"),
            Some(1_795_824_000)
        );
        assert_eq!(
            parse_timestamp("2026-11-28 00:00:00.123Z"),
            Some(1_795_824_000)
        );
        assert_eq!(parse_timestamp("1795824000"), Some(1_795_824_000));
        assert_eq!(parse_timestamp("2000-02-29"), Some(951_782_400));
        for bad in [
            "",
            "yesterday",
            "2026-13-01",
            "2026-11-28T25",
            "2026-11-28T00:00:00+9",
        ] {
            assert_eq!(parse_timestamp(bad), None, "{bad}");
        }
    }

    #[test]
    fn full_dates_round_trip_with_parsing() {
        let utc = TimeZone::UTC;
        assert_eq!(full_date(0, &utc), "1970-01-01 00:00 UTC");
        assert_eq!(full_date(1_420_241_808, &utc), "2015-01-02 23:36 UTC");
        assert_eq!(full_date(951_782_400, &utc), "2000-02-29 00:00 UTC");
        assert_eq!(readable_date("1420241808", &utc), "2015-01-02 23:36 UTC");
        assert_eq!(readable_date("last week", &utc), "last week");
    }

    #[test]
    fn full_dates_in_the_readers_zone_are_labelled() {
        let tokyo = TimeZone::posix("JST-9").unwrap();
        assert_eq!(full_date(1_420_241_808, &tokyo), "2015-01-03 08:36 JST");
        let new_york = TimeZone::posix("EST5EDT,M3.2.0,M11.1.0").unwrap();
        assert_eq!(full_date(1_420_241_808, &new_york), "2015-01-02 18:36 EST");
        assert_eq!(full_date(1_435_000_000, &new_york), "2015-06-22 15:06 EDT");
        let unnamed = TimeZone::fixed(jiff::tz::offset(5));
        assert!(full_date(0, &unnamed).starts_with("1970-01-01 05:00 "));
    }

    #[test]
    fn mail_dates() {
        assert_eq!(
            parse_mail_date("Sat, 28 Nov 2026 09:00:00 +0900"),
            Some(1_795_824_000)
        );
        assert_eq!(
            parse_mail_date("28 Nov 2026 00:00:00 GMT"),
            Some(1_795_824_000)
        );
        assert_eq!(parse_mail_date("yesterday"), None);
    }

    #[test]
    fn ages_read_naturally() {
        let now = 1_000_000_000;
        assert_eq!(short_age(now - 10, now), "now");
        assert_eq!(short_age(now - 300, now), "5m ago");
        assert_eq!(short_age(now - 3 * 3600, now), "3h ago");
        assert_eq!(short_age(now - 2 * 86_400, now), "2d ago");
        assert_eq!(short_age(now - 120 * 86_400, now), "4mo ago");
        assert_eq!(short_age(now - 800 * 86_400, now), "2y ago");
        assert_eq!(short_age(now + 100, now), "now");
    }
}
