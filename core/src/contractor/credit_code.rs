//! 统一社会信用代码 (GB 32100-2015): 18 characters from 31 (digits and upper-case letters
//! without I, O, Z, S, V): the registering authority (1), the kind of organisation (1), the
//! administrative division (6 digits), the organisation code (9) and a check character computed
//! over the first 17 with the weights 3^i mod 31.

use crate::error::{Error, Result};

const CHARSET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/// The registering authorities the standard assigns (1–9 and A–G; Y for others).
const AUTHORITIES: &str = "123456789ABCDEFGY";

fn value(c: char) -> Option<u32> {
    CHARSET.find(c).map(|i| i as u32)
}

/// The check character of the first 17 characters (which must all be from the code's set).
pub fn check_character(first17: &str) -> Option<char> {
    if first17.chars().count() != 17 {
        return None;
    }
    let mut sum = 0;
    for (c, w) in first17.chars().zip(WEIGHTS) {
        sum += value(c)? * w;
    }
    let check = (31 - sum % 31) % 31;
    CHARSET.chars().nth(check as usize)
}

/// The code normalised (trimmed, upper case, full-width characters as half-width) when it is a
/// valid 统一社会信用代码; otherwise a message naming the field and what is wrong.
pub fn validate(input: &str) -> Result<String> {
    let code: String = input
        .trim()
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .collect::<String>()
        .to_ascii_uppercase();
    let fail = |why: String| Err(Error::validation("credit_code", format!("统一社会信用代码“{code}”{why}")));
    if code.is_empty() {
        return Err(Error::validation("credit_code", "统一社会信用代码不能为空"));
    }
    let count = code.chars().count();
    if count != 18 {
        return fail(format!("应为18位,实际{count}位"));
    }
    if let Some(bad) = code.chars().find(|c| value(*c).is_none()) {
        return fail(format!("含有不允许的字符“{bad}”(不使用 I、O、Z、S、V)"));
    }
    let first = code.chars().next().unwrap_or_default();
    if !AUTHORITIES.contains(first) {
        return fail(format!("第1位登记管理部门代码“{first}”无效"));
    }
    if !code.chars().skip(2).take(6).all(|c| c.is_ascii_digit()) {
        return fail("第3-8位行政区划码应为数字".into());
    }
    let expected = check_character(&code[..17]).unwrap_or_default();
    let last = code.chars().last().unwrap_or_default();
    if last != expected {
        return fail(format!("校验位错误:第18位应为“{expected}”,填写的是“{last}”,请核对证照"));
    }
    Ok(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Codes as printed on real business licences (published registers).
    const VALID: [&str; 4] = ["914403001922038216", "91110000600037341L", "91110108551385082Q", "91440300708461136T"];

    #[test]
    fn real_codes_pass() {
        for code in VALID {
            assert_eq!(validate(code).unwrap(), code, "{code}");
        }
        // Lower case, spaces and full-width characters as typed into a form.
        assert_eq!(validate(" 91110000600037341l ").unwrap(), "91110000600037341L");
        assert_eq!(validate("９１１１００００６０００３７３４１Ｌ").unwrap(), "91110000600037341L");
    }

    #[test]
    fn every_single_changed_check_character_fails() {
        for code in VALID {
            for c in CHARSET.chars().filter(|c| !code.ends_with(*c)) {
                let wrong = format!("{}{c}", &code[..17]);
                let err = validate(&wrong).unwrap_err();
                assert_eq!(err.field(), Some("credit_code"));
                assert!(err.user_message().contains("校验位错误"), "{wrong}: {}", err.user_message());
            }
        }
    }

    #[test]
    fn a_swapped_pair_of_digits_is_caught() {
        // 9144030019 22038216 → 9144030091…: the weights make a transposition change the sum.
        let err = validate("914403009122038216").unwrap_err();
        assert!(err.user_message().contains("第18位应为"), "{}", err.user_message());
    }

    #[test]
    fn format_errors_name_the_rule() {
        for (code, says) in [
            ("", "不能为空"),
            ("91440300708461136", "应为18位,实际17位"),
            ("9144030070846113611", "应为18位,实际19位"),
            ("91440300708461I36T", "不允许的字符“I”"),
            ("Z1440300708461136T", "不允许的字符“Z”"),
            ("H1440300708461136T", "登记管理部门代码“H”无效"),
            ("9144A300708461136T", "行政区划码应为数字"),
        ] {
            let err = validate(code).unwrap_err();
            assert_eq!(err.field(), Some("credit_code"));
            assert!(err.user_message().contains(says), "{code}: {}", err.user_message());
        }
    }
}
