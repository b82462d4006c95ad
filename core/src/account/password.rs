//! Password rules and argon2id hashing (run off the async threads: hashing is deliberately slow).

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng};

use crate::error::{Error, Result};

pub const MIN_LENGTH: usize = 8;

/// At least 8 characters with a letter and a digit; no leading or trailing spaces.
pub fn check_rules(field: &'static str, password: &str) -> Result<()> {
    let len = password.chars().count();
    if len < MIN_LENGTH {
        return Err(Error::validation(field, format!("密码至少需要{MIN_LENGTH}位")));
    }
    if len > 128 {
        return Err(Error::validation(field, "密码不能超过128位"));
    }
    if password.trim() != password {
        return Err(Error::validation(field, "密码首尾不能有空格"));
    }
    let has_letter = password.chars().any(|c| c.is_alphabetic());
    let has_digit = password.chars().any(|c| c.is_ascii_digit());
    if !(has_letter && has_digit) {
        return Err(Error::validation(field, "密码需同时包含字母和数字"));
    }
    Ok(())
}

pub async fn hash(password: String) -> Result<String> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| Error::Internal(format!("argon2 hash: {e}")))
    })
    .await
    .map_err(|e| Error::Internal(format!("hash task: {e}")))?
}

pub async fn verify(password: String, stored_hash: String) -> Result<bool> {
    tokio::task::spawn_blocking(move || {
        let parsed =
            PasswordHash::new(&stored_hash).map_err(|e| Error::Internal(format!("stored hash unreadable: {e}")))?;
        Ok(Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
    })
    .await
    .map_err(|e| Error::Internal(format!("verify task: {e}")))?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules() {
        assert!(check_rules("password", "abc12345").is_ok());
        assert!(check_rules("password", "售后服务管理2026").is_ok());
        assert_eq!(check_rules("password", "abc123").unwrap_err().user_message(), "密码至少需要8位");
        assert_eq!(check_rules("password", "abcdefgh").unwrap_err().user_message(), "密码需同时包含字母和数字");
        assert!(check_rules("password", " abc12345").is_err());
    }

    #[tokio::test]
    async fn hashes_are_argon2id_salted_and_verify() {
        let a = hash("abc12345".into()).await.unwrap();
        let b = hash("abc12345".into()).await.unwrap();
        assert!(a.starts_with("$argon2id$"));
        assert_ne!(a, b, "each hash has its own salt");
        assert!(verify("abc12345".into(), a.clone()).await.unwrap());
        assert!(!verify("abc12346".into(), a).await.unwrap());
    }
}
