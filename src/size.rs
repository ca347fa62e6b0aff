//! Byte sizes as people write them on the command line (`500M`) and read
//! them in messages (`1 GiB`).

/// Parses a size as people write it: `500000000`, `512K`, `500M`, `2G`
/// (also `MB`, `MiB`; powers of 1024).
pub fn parse(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let digits = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(digits);
    let number: u64 = number
        .parse()
        .map_err(|_| format!("{text:?} is not a size (a number, then K, M or G)"))?;
    let shift = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        _ => return Err(format!("{text:?} is not a size (a number, then K, M or G)")),
    };
    number
        .checked_mul(1 << shift)
        .filter(|&n| n > 0)
        .ok_or_else(|| format!("{text:?} is not a size tread can use"))
}

/// A size in the largest whole unit that fits ("1 GiB", "512 MiB").
pub fn describe(bytes: u64) -> String {
    for (shift, unit) in [(30, "GiB"), (20, "MiB"), (10, "KiB")] {
        if bytes >= 1 << shift && bytes.is_multiple_of(1 << shift) {
            return format!("{} {unit}", bytes >> shift);
        }
    }
    format!("{bytes} bytes")
}

/// A size rounded to one decimal of its unit, as file managers show it
/// ("2.3 MB", "840 KB", "12 bytes").
pub fn approximate(bytes: u64) -> String {
    for (unit, name) in [(1e9, "GB"), (1e6, "MB"), (1e3, "KB")] {
        let value = bytes as f64 / unit;
        if value >= 1.0 {
            return if value < 10.0 {
                format!("{value:.1} {name}")
            } else {
                format!("{value:.0} {name}")
            };
        }
    }
    format!("{bytes} bytes")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_shown_roughly() {
        assert_eq!(approximate(2_345_678), "2.3 MB");
        assert_eq!(approximate(840_100), "840 KB");
        assert_eq!(approximate(12), "12 bytes");
    }

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(parse("1000").unwrap(), 1000);
        assert_eq!(parse("512K").unwrap(), 512 << 10);
        assert_eq!(parse("500M").unwrap(), 500 << 20);
        assert_eq!(parse("2g").unwrap(), 2 << 30);
        assert_eq!(parse("3 MiB").unwrap(), 3 << 20);
        assert!(parse("lots").is_err());
        assert!(parse("5T").is_err());
        assert!(parse("0").is_err());
        assert!(parse("99999999999999999999G").is_err());
        assert_eq!(describe(1 << 30), "1 GiB");
        assert_eq!(describe(1500), "1500 bytes");
    }
}
