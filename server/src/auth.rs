//! Analyst authentication and the guards around it: argon2id passwords, signed session
//! cookies whose tokens are stored only as hashes, CSRF tokens, and rate limits on failed
//! attempts keyed by a keyed hash held in memory only (reporters' addresses never reach
//! disk).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use hmac::{Hmac, Mac};
use rand::rngs::OsRng;
use rand::RngCore;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::util;

type HmacSha256 = Hmac<Sha256>;

pub const SESSION_COOKIE: &str = "registry_session";
pub const MIN_PASSWORD_LEN: usize = 12;

#[derive(Debug, thiserror::Error)]
#[error("could not hash the password: {0}")]
pub struct HashError(String);

/// argon2id with OWASP's recommended parameters (19 MiB, 2 passes, 1 lane).
fn argon2() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

pub fn hash_password(password: &str) -> Result<String, HashError> {
    let salt = SaltString::generate(&mut OsRng);
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| HashError(e.to_string()))
}

pub fn verify_password(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|hash| argon2().verify_password(password.as_bytes(), &hash).is_ok())
        .unwrap_or(false)
}

/// A hash to verify against when the account does not exist, so that a missing name takes
/// as long as a wrong password.
pub static DUMMY_HASH: once_cell::sync::Lazy<String> =
    once_cell::sync::Lazy::new(|| hash_password("not a password of anyone").unwrap_or_default());

/// Checks a new password against the minimum the registry accepts.
pub fn check_new_password(password: &str) -> Result<(), String> {
    if password.chars().count() < MIN_PASSWORD_LEN {
        return Err(format!(
            "The password must have at least {MIN_PASSWORD_LEN} characters."
        ));
    }
    Ok(())
}

/// Checks an analyst name: short, printable, no spaces at the ends.
pub fn check_name(name: &str) -> Result<(), String> {
    let valid = (2..=64).contains(&name.chars().count())
        && name.trim() == name
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if valid {
        Ok(())
    } else {
        Err("A name has 2 to 64 letters, digits, '-', '_' or '.'.".into())
    }
}

pub fn random_token() -> String {
    let mut raw = [0u8; 32];
    OsRng.fill_bytes(&mut raw);
    util::hex(&raw)
}

/// What the database keeps of a session token.
pub fn token_hash(token: &str) -> String {
    util::hex(&Sha256::digest(token.as_bytes()))
}

/// Compares two secrets in constant time.
pub fn secrets_match(a: &str, b: &str) -> bool {
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

/// Signs and checks cookie values and login-form tokens with the server's key.
#[derive(Clone)]
pub struct Signer {
    key: Vec<u8>,
}

impl Signer {
    /// From the configured secret, or a random key for this process.
    pub fn new(secret: Option<&str>) -> Signer {
        match secret.filter(|s| s.len() >= 32) {
            Some(secret) => Signer {
                key: secret.as_bytes().to_vec(),
            },
            None => {
                let mut key = vec![0u8; 32];
                OsRng.fill_bytes(&mut key);
                Signer { key }
            }
        }
    }

    fn mac(&self, purpose: &str, value: &str) -> HmacSha256 {
        let mut mac = HmacSha256::new_from_slice(&self.key)
            .unwrap_or_else(|_| unreachable!("HMAC accepts keys of any length"));
        mac.update(purpose.as_bytes());
        mac.update(b"\0");
        mac.update(value.as_bytes());
        mac
    }

    /// `value.signature`
    pub fn sign(&self, purpose: &str, value: &str) -> String {
        let signature = self.mac(purpose, value).finalize().into_bytes();
        format!("{value}.{}", util::hex(&signature))
    }

    /// The value of a signed string, if its signature is ours (checked in constant time).
    pub fn unsign<'a>(&self, purpose: &str, signed: &'a str) -> Option<&'a str> {
        let (value, signature) = signed.rsplit_once('.')?;
        let bytes = decode_hex(signature)?;
        self.mac(purpose, value).verify_slice(&bytes).ok()?;
        Some(value)
    }

    /// A token for the login form, valid for two hours: it proves the form came from us.
    pub fn login_form_token(&self) -> String {
        self.sign("login-form", &(util::unix_now() / 3600).to_string())
    }

    pub fn check_login_form_token(&self, token: &str) -> bool {
        let hour = util::unix_now() / 3600;
        self.unsign("login-form", token)
            .and_then(|v| v.parse::<i64>().ok())
            .is_some_and(|issued| issued == hour || issued == hour - 1)
    }
}

fn decode_hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

/// Counts failed attempts per key in a sliding window, in memory only. Keys are hashed with
/// a random secret that is replaced every day (and the counts with it), so even this memory
/// holds no address for longer than a day.
pub struct FailureLimiter {
    window: Duration,
    state: Mutex<LimiterState>,
}

struct LimiterState {
    day: i64,
    secret: [u8; 32],
    failures: HashMap<[u8; 32], Vec<Instant>>,
}

impl FailureLimiter {
    pub fn new(window: Duration) -> FailureLimiter {
        FailureLimiter {
            window,
            state: Mutex::new(LimiterState {
                day: util::today(),
                secret: fresh_secret(),
                failures: HashMap::new(),
            }),
        }
    }

    fn key(state: &mut LimiterState, scope: &str, value: &str) -> [u8; 32] {
        let today = util::today();
        if state.day != today {
            state.day = today;
            state.secret = fresh_secret();
            state.failures.clear();
        }
        let mut mac = HmacSha256::new_from_slice(&state.secret)
            .unwrap_or_else(|_| unreachable!("HMAC accepts keys of any length"));
        mac.update(scope.as_bytes());
        mac.update(b"\0");
        mac.update(value.as_bytes());
        mac.finalize().into_bytes().into()
    }

    /// Whether `value` has fewer than `max` failures in the window.
    pub fn allows(&self, scope: &str, value: &str, max: usize) -> bool {
        let Ok(mut state) = self.state.lock() else {
            return false;
        };
        let key = Self::key(&mut state, scope, value);
        let window = self.window;
        match state.failures.get_mut(&key) {
            Some(times) => {
                times.retain(|t| t.elapsed() < window);
                times.len() < max
            }
            None => true,
        }
    }

    pub fn record_failure(&self, scope: &str, value: &str) {
        if let Ok(mut state) = self.state.lock() {
            let key = Self::key(&mut state, scope, value);
            let window = self.window;
            let times = state.failures.entry(key).or_default();
            times.retain(|t| t.elapsed() < window);
            times.push(Instant::now());
            // Bound memory: forget keys whose failures have all aged out.
            if state.failures.len() > 100_000 {
                state
                    .failures
                    .retain(|_, times| times.iter().any(|t| t.elapsed() < window));
            }
        }
    }

    pub fn clear(&self, scope: &str, value: &str) {
        if let Ok(mut state) = self.state.lock() {
            let key = Self::key(&mut state, scope, value);
            state.failures.remove(&key);
        }
    }
}

fn fresh_secret() -> [u8; 32] {
    let mut secret = [0u8; 32];
    OsRng.fill_bytes(&mut secret);
    secret
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_hash_with_argon2id_and_verify() -> Result<(), HashError> {
        let hash = hash_password("correct horse battery")?;
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify_password("correct horse battery", &hash));
        assert!(!verify_password("correct horse batterz", &hash));
        assert!(!verify_password("x", "not a hash"));
        Ok(())
    }

    #[test]
    fn signatures_detect_tampering() {
        let signer = Signer::new(None);
        let signed = signer.sign("session", "abc123");
        assert_eq!(signer.unsign("session", &signed), Some("abc123"));
        assert_eq!(signer.unsign("other", &signed), None);
        assert_eq!(signer.unsign("session", "abc124.00"), None);
        let forged = signed.replace("abc123", "abc124");
        assert_eq!(signer.unsign("session", &forged), None);
        assert_eq!(Signer::new(None).unsign("session", &signed), None);
        assert!(signer.check_login_form_token(&signer.login_form_token()));
        assert!(!signer.check_login_form_token("1.00"));
    }

    #[test]
    fn limiter_counts_failures_per_key() {
        let limiter = FailureLimiter::new(Duration::from_secs(60));
        for _ in 0..3 {
            assert!(limiter.allows("login", "alice", 3));
            limiter.record_failure("login", "alice");
        }
        assert!(!limiter.allows("login", "alice", 3));
        assert!(limiter.allows("login", "bob", 3));
        assert!(limiter.allows("source", "alice", 3));
        limiter.clear("login", "alice");
        assert!(limiter.allows("login", "alice", 3));
    }

    #[test]
    fn names_and_passwords_are_checked() {
        assert!(check_name("ana.lyst-1").is_ok());
        assert!(check_name(" a").is_err());
        assert!(check_name("a b").is_err());
        assert!(check_new_password("short").is_err());
        assert!(check_new_password("long enough pass").is_ok());
        assert!(secrets_match("abc", "abc"));
        assert!(!secrets_match("abc", "abd"));
        assert!(!secrets_match("abc", "abcd"));
    }
}
