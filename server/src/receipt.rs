//! Receipt codes: shown once to the reporter, stored only as an argon2id hash plus a short
//! lookup prefix, like the identification strip of an ASRS form.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rand::rngs::OsRng;
use rand::RngCore;

use crate::db::reports::ReceiptRecord;

/// Crockford's base32 alphabet: no I, L, O or U, so a code read aloud or copied by hand
/// survives.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Characters of lookup prefix (20 bits, not secret) and of secret (100 bits).
const PREFIX_LEN: usize = 4;
const SECRET_LEN: usize = 20;

#[derive(Debug, thiserror::Error)]
#[error("could not hash the receipt code: {0}")]
pub struct ReceiptError(String);

/// A freshly issued receipt: the code for the reporter's eyes only, and what is stored.
pub struct IssuedReceipt {
    pub code: String,
    pub record: ReceiptRecord,
}

/// Issues a receipt code of 24 base32 characters, grouped by four for copying.
pub fn issue() -> Result<IssuedReceipt, ReceiptError> {
    let mut raw = [0u8; PREFIX_LEN + SECRET_LEN];
    OsRng.fill_bytes(&mut raw);
    let chars: String = raw
        .iter()
        .map(|b| ALPHABET[usize::from(b & 31)] as char)
        .collect();
    let salt = SaltString::generate(&mut OsRng);
    let code_hash = Argon2::default()
        .hash_password(chars.as_bytes(), &salt)
        .map_err(|e| ReceiptError(e.to_string()))?
        .to_string();
    let code = chars
        .as_bytes()
        .chunks(4)
        .map(|chunk| String::from_utf8_lossy(chunk).into_owned())
        .collect::<Vec<_>>()
        .join("-");
    Ok(IssuedReceipt {
        code,
        record: ReceiptRecord {
            lookup_prefix: chars[..PREFIX_LEN].to_string(),
            code_hash,
        },
    })
}

/// Normalises what a reporter typed: case, dashes, spaces, and the look-alike letters
/// Crockford's alphabet folds (O→0, I/L→1).
pub fn normalise(input: &str) -> Option<String> {
    let code: String = input
        .chars()
        .filter(|c| !matches!(c, '-' | ' ' | '\t'))
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            other => other,
        })
        .collect();
    let valid =
        code.len() == PREFIX_LEN + SECRET_LEN && code.bytes().all(|b| ALPHABET.contains(&b));
    valid.then_some(code)
}

/// The non-secret prefix of a normalised code.
pub fn lookup_prefix(normalised: &str) -> &str {
    &normalised[..PREFIX_LEN.min(normalised.len())]
}

/// Verifies a normalised code against a stored hash (argon2's comparison is constant-time).
pub fn verify(normalised: &str, code_hash: &str) -> bool {
    PasswordHash::new(code_hash)
        .map(|hash| {
            Argon2::default()
                .verify_password(normalised.as_bytes(), &hash)
                .is_ok()
        })
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issued_code_verifies_and_wrong_code_does_not() -> Result<(), ReceiptError> {
        let receipt = issue()?;
        assert_eq!(receipt.code.len(), 24 + 5, "six groups of four");
        assert!(receipt.record.code_hash.starts_with("$argon2id$"));
        let normalised = normalise(&receipt.code.to_lowercase()).unwrap_or_default();
        assert_eq!(lookup_prefix(&normalised), receipt.record.lookup_prefix);
        assert!(verify(&normalised, &receipt.record.code_hash));
        assert!(!receipt.record.code_hash.contains(&normalised));
        let mut wrong = normalised.clone().into_bytes();
        wrong[10] = if wrong[10] == b'A' { b'B' } else { b'A' };
        assert!(!verify(
            &String::from_utf8_lossy(&wrong),
            &receipt.record.code_hash
        ));
        Ok(())
    }

    #[test]
    fn malformed_codes_are_rejected() {
        assert_eq!(normalise("short"), None);
        assert_eq!(normalise("UUUU-UUUU-UUUU-UUUU-UUUU-UUUU"), None);
        assert!(normalise("o1il-0000-0000-0000-0000-0000").is_some());
    }
}
