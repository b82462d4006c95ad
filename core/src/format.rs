//! How money, dates and times read on paper (and in exports): one place, so every form prints
//! 1,234.50 元 and 2026-11-27 14:05 the same way. Times are stored in UTC and shown in the
//! company's time zone (`settings::Settings::zone()`), passed in: a form printed at 23:30 in
//! Shanghai on the last day of a month carries that day even though UTC is still on the
//! previous one.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

/// Fen as yuan with thousands separators and the unit: 123450 → "1,234.50 元".
pub fn money(fen: i64) -> String {
    format!("{} 元", money_grouped(fen))
}

/// Fen as yuan with thousands separators, no unit: 123450 → "1,234.50".
pub fn money_grouped(fen: i64) -> String {
    let plain = money_plain(fen);
    let (sign, rest) = plain.strip_prefix('-').map(|r| ("-", r)).unwrap_or(("", plain.as_str()));
    let (yuan, cents) = rest.split_once('.').unwrap_or((rest, "00"));
    let mut grouped = String::with_capacity(yuan.len() + yuan.len() / 3);
    for (i, digit) in yuan.chars().enumerate() {
        if i > 0 && (yuan.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    format!("{sign}{grouped}.{cents}")
}

/// Fen as yuan for a cell that holds a number, no separators: 123450 → "1234.50".
pub fn money_plain(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let abs = fen.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// A calendar date: "2026-11-27".
pub fn date(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

/// An optional date; empty when there is none.
pub fn date_or_blank(day: Option<NaiveDate>) -> String {
    day.map(date).unwrap_or_default()
}

/// The local calendar day of an instant: "2026-11-27".
pub fn local_date(at: DateTime<Utc>, zone: Tz) -> String {
    at.with_timezone(&zone).format("%Y-%m-%d").to_string()
}

/// An instant in local time to the minute: "2026-11-27 14:05".
pub fn local_time(at: DateTime<Utc>, zone: Tz) -> String {
    at.with_timezone(&zone).format("%Y-%m-%d %H:%M").to_string()
}

/// The local day written out as a letter dates itself: "2026年11月27日".
pub fn local_date_chinese(at: DateTime<Utc>, zone: Tz) -> String {
    at.with_timezone(&zone).format("%Y年%m月%d日").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use chrono_tz::Asia::Shanghai;

    #[test]
    fn money_groups_thousands_and_keeps_two_decimals() {
        assert_eq!(money(0), "0.00 元");
        assert_eq!(money(5), "0.05 元");
        assert_eq!(money(123_450), "1,234.50 元");
        assert_eq!(money(30_000_000), "300,000.00 元");
        assert_eq!(money(10_000_000_001), "100,000,000.01 元");
        assert_eq!(money_grouped(99_999), "999.99");
        assert_eq!(money_plain(123_450), "1234.50");
        assert_eq!(money_plain(7), "0.07");
    }

    #[test]
    fn negative_money_keeps_its_sign_once() {
        assert_eq!(money(-123_450), "-1,234.50 元");
        assert_eq!(money(-5), "-0.05 元");
        assert_eq!(money_plain(-100_050), "-1000.50");
        assert_eq!(money_plain(i64::MIN), "-92233720368547758.08");
    }

    #[test]
    fn a_late_evening_in_shanghai_is_that_local_day_though_utc_is_the_day_before() {
        // 2026-11-30 23:30 in Shanghai is 15:30Z on the same day; 2026-12-01 00:10 local is
        // still 2026-11-30 in UTC: the form must say 12-01.
        let evening = Utc.with_ymd_and_hms(2026, 11, 30, 15, 30, 0).unwrap();
        assert_eq!(local_time(evening, Shanghai), "2026-11-30 23:30");
        assert_eq!(local_date(evening, Shanghai), "2026-11-30");
        let after_midnight = Utc.with_ymd_and_hms(2026, 11, 30, 16, 10, 0).unwrap();
        assert_eq!(after_midnight.format("%Y-%m-%d").to_string(), "2026-11-30");
        assert_eq!(local_date(after_midnight, Shanghai), "2026-12-01");
        assert_eq!(local_time(after_midnight, Shanghai), "2026-12-01 00:10");
        assert_eq!(local_date_chinese(after_midnight, Shanghai), "2026年12月01日");
        // The last day of a month, late: 2026-02-28 23:30 local is 15:30Z on the 28th, and
        // 2026-03-01 07:00 local is still 2026-02-28 23:00Z.
        let march = Utc.with_ymd_and_hms(2026, 2, 28, 23, 0, 0).unwrap();
        assert_eq!(local_date(march, Shanghai), "2026-03-01");
        assert_eq!(local_time(march, chrono_tz::UTC), "2026-02-28 23:00");
    }

    #[test]
    fn dates_print_iso_and_blank_when_missing() {
        assert_eq!(date(NaiveDate::from_ymd_opt(2026, 1, 5).unwrap()), "2026-01-05");
        assert_eq!(date_or_blank(None), "");
        assert_eq!(date_or_blank(NaiveDate::from_ymd_opt(2026, 11, 27)), "2026-11-27");
    }
}
