//! Times as people in India read them. India has one time zone and no daylight saving:
//! IST is UTC+05:30 all year.
use chrono::{DateTime, Datelike, Duration, NaiveDateTime, Utc};

const IST_OFFSET_MINUTES: i64 = 330;

/// The wall-clock time in India at `at`.
fn ist_naive(at: DateTime<Utc>) -> NaiveDateTime {
    at.naive_utc() + Duration::minutes(IST_OFFSET_MINUTES)
}

/// `at` in IST, formatted with `format` (chrono's strftime, without time-zone fields).
pub fn ist(at: DateTime<Utc>, format: &str) -> String {
    ist_naive(at).format(format).to_string()
}

/// The date in India at `at`.
pub fn ist_date(at: DateTime<Utc>) -> chrono::NaiveDate {
    ist_naive(at).date()
}

/// Today's date in India.
pub fn today_ist() -> chrono::NaiveDate {
    ist_naive(Utc::now()).date()
}

/// "5 Mar 2026": the date in India, without a leading zero. Written without chrono's
/// strftime: the reviews island shows it, and the format-string parser would add its code
/// to that island's WASM.
pub fn ist_day_short(at: DateTime<Utc>) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let d = ist_naive(at).date();
    let month = MONTHS.get(d.month0() as usize).copied().unwrap_or_default();
    format!("{} {month} {}", d.day(), d.year())
}

/// "05 Mar 2026": the date in India.
pub fn ist_day(at: DateTime<Utc>) -> String {
    ist(at, "%d %b %Y")
}

/// "05 Mar 2026, 14:30 IST".
pub fn ist_stamp(at: DateTime<Utc>) -> String {
    ist(at, "%d %b %Y, %H:%M IST")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn times_are_shown_in_ist() {
        let t = Utc
            .with_ymd_and_hms(2026, 3, 5, 9, 0, 0)
            .single()
            .unwrap_or_default();
        assert_eq!(ist_stamp(t), "05 Mar 2026, 14:30 IST");
        // Across midnight: 20:00 UTC is 01:30 the next day in India.
        let late = Utc
            .with_ymd_and_hms(2026, 12, 31, 20, 0, 0)
            .single()
            .unwrap_or_default();
        assert_eq!(ist(late, "%Y-%m-%d %H:%M"), "2027-01-01 01:30");
    }

    #[test]
    fn the_short_day_matches_strftime() {
        // Every month, a one-digit and a two-digit day, and a UTC evening that is the next
        // day in India.
        for month in 1..=12 {
            for (day, hour) in [(4, 3), (17, 21)] {
                let t = Utc
                    .with_ymd_and_hms(2026, month, day, hour, 0, 0)
                    .single()
                    .unwrap_or_default();
                assert_eq!(ist_day_short(t), ist(t, "%-d %b %Y"));
            }
        }
    }
}
