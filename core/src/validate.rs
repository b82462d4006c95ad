//! Small input rules shared by every aggregate. Messages name the field (in Chinese) and the rule.

use crate::error::{Error, Result};

/// Trims `value`; refuses it when empty or longer than `max` characters.
pub fn required(field: &'static str, label: &str, value: &str, max: usize) -> Result<String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(Error::validation(field, format!("{label}不能为空")));
    }
    at_most(field, label, value, max)
}

/// Trims `value`; refuses it when longer than `max` characters. Empty is allowed.
pub fn optional(field: &'static str, label: &str, value: &str, max: usize) -> Result<String> {
    at_most(field, label, value.trim(), max)
}

fn at_most(field: &'static str, label: &str, value: &str, max: usize) -> Result<String> {
    if value.chars().count() > max {
        return Err(Error::validation(field, format!("{label}不能超过{max}个字")));
    }
    if value.chars().any(|c| c.is_control()) {
        return Err(Error::validation(field, format!("{label}不能包含控制字符")));
    }
    Ok(value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_trims_and_names_the_field() {
        assert_eq!(required("name", "名称", "  售后 ", 10).unwrap(), "售后");
        let err = required("name", "名称", "   ", 10).unwrap_err();
        assert_eq!(err.field(), Some("name"));
        assert_eq!(err.user_message(), "名称不能为空");
    }

    #[test]
    fn length_counts_characters_not_bytes() {
        assert!(required("name", "名称", "售后服务部", 5).is_ok());
        let err = required("name", "名称", "售后服务部门", 5).unwrap_err();
        assert_eq!(err.user_message(), "名称不能超过5个字");
    }

    #[test]
    fn optional_allows_empty_but_not_control_characters() {
        assert_eq!(optional("phone", "电话", "", 20).unwrap(), "");
        assert!(optional("phone", "电话", "12\u{0007}3", 20).is_err());
    }
}
