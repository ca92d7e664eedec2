//! Small helpers without a better home: months, random ids, hex.

use rand::rngs::OsRng;
use rand::RngCore;

/// Lower-case Crockford base32, for ids that read well in URLs.
const ID_ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";

/// A random public report id: 16 characters, 80 bits, nothing derived from time.
pub fn new_report_id() -> String {
    let mut raw = [0u8; 16];
    OsRng.fill_bytes(&mut raw);
    raw.iter()
        .map(|b| ID_ALPHABET[usize::from(b & 31)] as char)
        .collect()
}

/// Whether a string has the shape of a report id (checked before touching the database).
pub fn is_report_id(id: &str) -> bool {
    id.len() == 16 && id.bytes().all(|b| ID_ALPHABET.contains(&b))
}

/// Parses "YYYY-MM" into (year, month).
pub fn parse_month(text: &str) -> Option<(i32, u32)> {
    let (year, month) = text.split_once('-')?;
    if year.len() != 4 || month.len() != 2 {
        return None;
    }
    let year: i32 = year.parse().ok()?;
    let month: u32 = month.parse().ok()?;
    (1..=12).contains(&month).then_some((year, month))
}

/// The current month in UTC as "YYYY-MM": the finest time the registry ever stores.
pub fn current_month() -> String {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() / 86_400)
        .unwrap_or(0);
    let (year, month) = year_month_from_days(days as i64);
    format!("{year:04}-{month:02}")
}

/// Seconds since the Unix epoch (for analyst session expiry; never stored for reporters).
pub fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// Today as a day count since 1970-01-01 (UTC): the unit of batches, retention and audit.
pub fn today() -> i64 {
    unix_now().div_euclid(86_400)
}

/// A day count as "YYYY-MM-DD".
pub fn day_text(days: i64) -> String {
    let (year, month, day) = civil_from_days(days);
    format!("{year:04}-{month:02}-{day:02}")
}

/// The month of a day count as "YYYY-MM".
pub fn day_month(days: i64) -> String {
    let (year, month, _) = civil_from_days(days);
    format!("{year:04}-{month:02}")
}

fn year_month_from_days(days: i64) -> (i64, u32) {
    let (year, month, _) = civil_from_days(days);
    (year, month)
}

/// Civil date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// "2024-03" → "March 2024".
pub fn month_name(text: &str) -> String {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    match parse_month(text) {
        Some((year, month)) => format!("{} {year}", NAMES[(month - 1) as usize]),
        None => text.to_string(),
    }
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// "95" → "1 h 35 min", for durations shown to readers.
pub fn duration_text(minutes: i32) -> String {
    match minutes {
        m if m < 60 => format!("{m} min"),
        m if m < 48 * 60 => match m % 60 {
            0 => format!("{} h", m / 60),
            r => format!("{} h {r} min", m / 60),
        },
        m => format!("{} days {} h", m / 1440, (m % 1440) / 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months() {
        assert_eq!(year_month_from_days(0), (1970, 1));
        assert_eq!(year_month_from_days(19_723), (2024, 1)); // 2024-01-01
        assert_eq!(year_month_from_days(19_782), (2024, 2)); // 2024-02-29
        assert_eq!(parse_month("2024-13"), None);
        assert_eq!(parse_month("2024-3"), None);
        assert_eq!(month_name("2024-03"), "March 2024");
        assert!(current_month().starts_with("20"));
        assert_eq!(day_text(19_782), "2024-02-29");
        assert_eq!(day_text(0), "1970-01-01");
        assert_eq!(day_month(19_783), "2024-03");
    }

    #[test]
    fn ids_are_random_and_well_formed() {
        let a = new_report_id();
        assert!(is_report_id(&a));
        assert_ne!(a, new_report_id());
        assert!(!is_report_id("../etc/passwd"));
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration_text(45), "45 min");
        assert_eq!(duration_text(95), "1 h 35 min");
        assert_eq!(duration_text(3000), "2 days 2 h");
    }
}
