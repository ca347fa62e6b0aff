//! Dates as comments carry them (RFC 3339 text or Unix seconds) turned into
//! a short age such as "3h" or "2y", without a date library: the formats
//! are few and the arithmetic is the civil-calendar day count.

/// Seconds since the Unix epoch for `text`, if it is a date we understand:
/// `2026-11-28`, `2026-11-28T10:00:00Z`, `2026-11-28 10:00:00+09:00`, fractional
/// seconds allowed, or a plain number of seconds.
pub fn parse_timestamp(text: &str) -> Option<i64> {
    let text = text.trim();
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse().ok();
    }
    let bytes = text.as_bytes();
    let number = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = text.get(range)?;
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    if bytes.len() < 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let mut seconds = days_from_civil(year, month, day) * 86_400;
    if bytes.len() == 10 {
        return Some(seconds);
    }
    if !matches!(bytes[10], b'T' | b't' | b' ') || bytes.len() < 19 {
        return None;
    }
    let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
    seconds += hour * 3600 + minute * 60 + second;
    let mut rest = &text[19..];
    if let Some(fraction) = rest.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        rest = &fraction[digits..];
    }
    let offset = match rest {
        "" | "Z" | "z" => 0,
        _ => {
            let sign = match rest.as_bytes()[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let rest = rest[1..].replace(':', "");
            if rest.len() != 4 || !rest.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let hours: i64 = rest[..2].parse().ok()?;
            let minutes: i64 = rest[2..].parse().ok()?;
            sign * (hours * 3600 + minutes * 60)
        }
    };
    Some(seconds - offset)
}

/// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_index = (month + 9) % 12;
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// Seconds since the epoch for a mail `Date:` header
/// ("Tue, 1 Jul 2003 10:52:37 +0200", day name optional).
pub fn parse_mail_date(text: &str) -> Option<i64> {
    let text = text.split_once(',').map_or(text, |(_, rest)| rest);
    let mut parts = text.split_whitespace();
    let day: i64 = parts.next()?.parse().ok()?;
    let month = match parts.next()?.get(..3)?.to_ascii_lowercase().as_str() {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    let mut year: i64 = parts.next()?.parse().ok()?;
    if year < 100 {
        year += if year < 50 { 2000 } else { 1900 };
    }
    let time: Vec<i64> = parts
        .next()?
        .split(':')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let (hour, minute, second) = (
        *time.first()?,
        *time.get(1)?,
        time.get(2).copied().unwrap_or(0),
    );
    let zone = parts.next().unwrap_or("+0000");
    let offset = match zone.as_bytes().first() {
        Some(b'+' | b'-') if zone.len() == 5 => {
            let sign = if zone.starts_with('-') { -1 } else { 1 };
            let hours: i64 = zone[1..3].parse().ok()?;
            let minutes: i64 = zone[3..5].parse().ok()?;
            sign * (hours * 3600 + minutes * 60)
        }
        _ => 0,
    };
    if !(1..=31).contains(&day) {
        return None;
    }
    Some(days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second - offset)
}

/// The civil date of a day count from 1970-01-01 (inverse of `days_from_civil`).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// A full date and time in UTC: "2015-01-02 23:36".
pub fn full_date(seconds: i64) -> String {
    let (year, month, day) = civil_from_days(seconds.div_euclid(86_400));
    let in_day = seconds.rem_euclid(86_400);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}",
        in_day / 3600,
        in_day % 3600 / 60
    )
}

/// How a date from a document reads in full: formatted when we understand
/// it, as given otherwise.
pub fn readable_date(text: &str) -> String {
    parse_timestamp(text).map_or_else(|| text.to_string(), full_date)
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
        assert_eq!(full_date(0), "1970-01-01 00:00");
        assert_eq!(full_date(1_420_241_808), "2015-01-02 23:36");
        assert_eq!(full_date(951_782_400), "2000-02-29 00:00");
        assert_eq!(readable_date("1420241808"), "2015-01-02 23:36");
        assert_eq!(readable_date("last week"), "last week");
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
