//! 公民身份号码 (GB 11643-1999), the number on the 居民身份证: 18 characters — the address code
//! (6 digits, first digit 1–9), the birth date (YYYYMMDD), a sequence code (3 digits, the last odd
//! for men, even for women) and a check character: the sum of the first 17 digits times the
//! weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, mod 11, indexes "10X98765432".
//!
//! The number is personal data: error messages never repeat it (at most its masked form).

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::keyed::keyed_enum;

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK: &[u8; 11] = b"10X98765432";

keyed_enum!(
    /// From the 17th digit of the ID number: odd 男, even 女.
    Sex {
        Male = "male" / "男",
        Female = "female" / "女",
    }
);

/// A valid ID number and what it says about its holder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct IdNumber {
    /// 18 characters, a final x as X.
    pub normalized: String,
    pub birth_date: NaiveDate,
    pub sex: Sex,
}

/// The check character of 17 digits (None unless exactly 17 ASCII digits).
pub fn check_character(first17: &str) -> Option<char> {
    let bytes = first17.as_bytes();
    if bytes.len() != 17 || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let sum: u32 = bytes.iter().zip(WEIGHTS).map(|(b, w)| u32::from(b - b'0') * w).sum();
    Some(CHECK[(sum % 11) as usize] as char)
}

/// First 6 + 8 stars + last 4 (`110101********1234`); anything too short to mask is all stars.
pub fn mask(id: &str) -> String {
    let chars: Vec<char> = id.trim().chars().collect();
    if chars.len() < 10 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..6].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 10))
}

fn fail(why: impl Into<String>) -> Error {
    Error::validation("id_number", why.into())
}

/// Trimmed, full-width digits and X as half-width, inner spaces removed, x as X.
pub fn normalise(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{FF10}'..='\u{FF19}' | '\u{FF38}' | '\u{FF58}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .map(|c| if c == 'x' { 'X' } else { c })
        .collect()
}

/// Parses and checks a 身份证号 (GB 11643). The birth date is checked to be a real date from 1900
/// on; whether it lies in the future is the caller's check ([`IdNumber::born_by`]), since the core
/// has no "today" of its own.
pub fn parse(text: &str) -> Result<IdNumber> {
    let id = normalise(text);
    if id.is_empty() {
        return Err(fail("身份证号不能为空"));
    }
    let count = id.chars().count();
    if count != 18 {
        return Err(fail(format!("身份证号应为18位,实际{count}位")));
    }
    let (body, last) = id.split_at(17);
    if !body.bytes().all(|b| b.is_ascii_digit()) {
        return Err(fail("身份证号前17位只能是数字"));
    }
    let last = last.chars().next().unwrap_or_default();
    if !(last.is_ascii_digit() || last == 'X') {
        return Err(fail("身份证号第18位(校验码)只能是数字或X"));
    }
    if body.starts_with('0') {
        return Err(fail("身份证号前6位地址码不正确(首位不能为0)"));
    }
    let birth_date = NaiveDate::parse_from_str(&body[6..14], "%Y%m%d")
        .map_err(|_| fail("身份证号第7-14位的出生日期不是有效日期"))?;
    if birth_date < NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or_default() {
        return Err(fail("身份证号中的出生日期不能早于1900年"));
    }
    let expected = check_character(body).unwrap_or_default();
    if last != expected {
        return Err(fail(format!(
            "身份证号校验码错误:第18位应为“{expected}”,填写的是“{last}”,请核对证件({})",
            mask(&id)
        )));
    }
    let sex = if (body.as_bytes()[16] - b'0') % 2 == 1 { Sex::Male } else { Sex::Female };
    Ok(IdNumber { normalized: id, birth_date, sex })
}

impl IdNumber {
    /// Refuses a birth date after `date` (the local date the caller checks against).
    pub fn born_by(self, date: NaiveDate) -> Result<IdNumber> {
        if self.birth_date > date {
            return Err(fail("身份证号中的出生日期晚于今天,请核对证件"));
        }
        Ok(self)
    }

    pub fn masked(&self) -> String {
        mask(&self.normalized)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A valid number from a 17-digit body, its check character computed here independently.
    fn valid(body: &str) -> String {
        let sum: u32 = body
            .chars()
            .zip([7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2])
            .map(|(c, w)| c.to_digit(10).unwrap() * w)
            .sum();
        let check = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'][(sum % 11) as usize];
        format!("{body}{check}")
    }

    #[test]
    fn the_standard_example_parses() {
        // GB 11643's example: born 1949-12-31, sequence 002 (even: female), check X.
        let id = parse("11010519491231002X").unwrap();
        assert_eq!(id.normalized, "11010519491231002X");
        assert_eq!(id.birth_date, NaiveDate::from_ymd_opt(1949, 12, 31).unwrap());
        assert_eq!(id.sex, Sex::Female);
        assert_eq!(valid("11010519491231002"), "11010519491231002X");
    }

    #[test]
    fn computed_numbers_parse_with_birth_date_and_sex() {
        for (body, born, sex) in [
            ("44030419900307153", (1990, 3, 7), Sex::Male),
            ("32010220000229004", (2000, 2, 29), Sex::Female),
            ("51010719851115777", (1985, 11, 15), Sex::Male),
            ("65010219000101000", (1900, 1, 1), Sex::Female),
        ] {
            let number = valid(body);
            let id = parse(&number).unwrap();
            assert_eq!(id.normalized, number);
            assert_eq!(id.birth_date, NaiveDate::from_ymd_opt(born.0, born.1, born.2).unwrap(), "{number}");
            assert_eq!(id.sex, sex, "{number}");
            assert_eq!(check_character(body), number.chars().last());
        }
    }

    #[test]
    fn lower_case_x_spaces_and_full_width_are_normalised() {
        assert_eq!(parse(" 11010519491231002x ").unwrap().normalized, "11010519491231002X");
        assert_eq!(parse("110105 19491231 002X").unwrap().normalized, "11010519491231002X");
        assert_eq!(parse("１１０１０５１９４９１２３１００２ｘ").unwrap().normalized, "11010519491231002X");
    }

    #[test]
    fn every_wrong_check_character_is_refused_without_repeating_the_number() {
        let good = "11010519491231002X";
        for c in "0123456789".chars() {
            let wrong = format!("{}{c}", &good[..17]);
            let err = parse(&wrong).unwrap_err();
            assert_eq!(err.field(), Some("id_number"));
            let message = err.user_message();
            assert!(message.contains("校验码错误") && message.contains("应为“X”"), "{message}");
            assert!(!message.contains(&wrong) && !message.contains(&good[..17]), "{message}");
            assert!(message.contains("110105********002"), "{message}");
        }
    }

    #[test]
    fn a_swapped_pair_of_digits_is_caught() {
        let number = valid("44030419900307153");
        let swapped = format!("{}{}", "44030419900307513", &number[17..]);
        assert!(parse(&swapped).unwrap_err().user_message().contains("校验码错误"));
    }

    #[test]
    fn format_errors_name_the_rule_and_never_the_number() {
        let good = valid("44030419900307153");
        let cases = [
            (String::new(), "不能为空"),
            (good[..17].to_string(), "应为18位,实际17位"),
            (format!("{good}1"), "应为18位,实际19位"),
            (format!("4403A4{}", &good[6..]), "前17位只能是数字"),
            (format!("{}Y", &good[..17]), "只能是数字或X"),
            (valid("04030419900307153"), "地址码"),
            // 30 February and month 13 are not dates.
            (valid("44030419900230153"), "出生日期不是有效日期"),
            (valid("44030419901301153"), "不是有效日期"),
            (valid("44030418991231153"), "不能早于1900年"),
        ];
        for (number, says) in cases {
            let err = parse(&number).unwrap_err();
            assert_eq!(err.field(), Some("id_number"), "{number}");
            let message = err.user_message();
            assert!(message.contains(says), "{number}: {message}");
            if number.len() >= 17 {
                assert!(!message.contains(&number), "{message}");
            }
        }
    }

    #[test]
    fn a_birth_date_after_the_check_date_is_refused_by_born_by() {
        let id = parse(&valid("44030420300101153")).unwrap();
        let day = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        let err = id.clone().born_by(day).unwrap_err();
        assert!(err.user_message().contains("晚于今天"), "{}", err.user_message());
        assert!(id.born_by(NaiveDate::from_ymd_opt(2030, 1, 1).unwrap()).is_ok());
    }

    #[test]
    fn mask_keeps_six_and_four() {
        assert_eq!(mask("11010519491231002X"), "110105********002X");
        assert_eq!(mask("123"), "***");
        assert_eq!(parse("11010519491231002X").unwrap().masked(), "110105********002X");
    }
}
