//! Name lists shipped with the crate (given names, surnames, common words).

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};

use once_cell::sync::Lazy;

const GIVEN: &str = include_str!("../data/given_names.txt");
const SURNAMES: &str = include_str!("../data/surnames.txt");
const GIVEN_CENSUS: &str = include_str!("../data/given_names_census.txt");
const SURNAMES_CENSUS: &str = include_str!("../data/surnames_census.txt");
const GIVEN_FAKER: &str = include_str!("../data/given_names_faker.txt");
const SURNAMES_FAKER: &str = include_str!("../data/surnames_faker.txt");
const COMMON: &str = include_str!("../data/common_words.txt");
const ENGLISH: &str = include_str!("../data/english_words.txt");

/// A fast non-cryptographic hasher (the Fx hash of rustc) for the word tables: the keys are
/// our own data, so SipHash's flooding resistance buys nothing and costs a lot per token.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

const FX_SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        self.hash = (self.hash.rotate_left(5) ^ w).wrapping_mul(FX_SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.add(u64::from_le_bytes(b));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

pub(crate) type FxBuild = BuildHasherDefault<FxHasher>;
pub(crate) type FxSet<T> = HashSet<T, FxBuild>;
pub(crate) type FxMap<K, V> = std::collections::HashMap<K, V, FxBuild>;

pub(crate) struct Lists {
    pub given: FxSet<String>,
    /// Given names that are also ordinary words ("grace", "jordan", "will"): names only in a
    /// strong context (before a listed surname, after a title or cue, as a chat speaker).
    pub given_common: FxSet<String>,
    pub surnames: FxSet<String>,
    pub common: FxSet<String>,
    /// Names known only from the Faker lists: names, but too many to read a login as an
    /// initial and one of them ("cabina" is no "c" + "Abina")
    pub extended: FxSet<String>,
}

fn words(src: &str) -> impl Iterator<Item = &str> {
    src.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .flat_map(str::split_whitespace)
}

pub(crate) static LISTS: Lazy<Lists> = Lazy::new(|| {
    let common: FxSet<String> = words(COMMON).map(str::to_lowercase).collect();
    let lower = |src: &'static str| words(src).map(str::to_lowercase);
    let mut surnames: FxSet<String> = lower(SURNAMES).chain(lower(SURNAMES_CENSUS)).collect();
    let curated_given: FxSet<String> = lower(GIVEN).chain(lower(GIVEN_CENSUS)).collect();
    // the Faker lists hold no name of the curated lists of their own kind, but may hold one of
    // the other kind ("Karimi" is a listed surname and a Faker given name)
    let extended: FxSet<String> = lower(GIVEN_FAKER)
        .chain(lower(SURNAMES_FAKER))
        .filter(|w| !curated_given.contains(w) && !surnames.contains(w))
        .collect();
    surnames.extend(lower(SURNAMES_FAKER));
    let (given, given_common): (FxSet<String>, FxSet<String>) = curated_given
        .into_iter()
        .chain(lower(GIVEN_FAKER))
        .partition(|w| !common.contains(w));
    Lists {
        given,
        given_common,
        surnames,
        common,
        extended,
    }
});

/// The words of the English dictionary (SCOWL, lowercase entries only). They are stored once,
/// as a flag of the token pass's word table (`person::is_english_word`).
pub(crate) fn english_words() -> impl Iterator<Item = &'static str> {
    words(ENGLISH)
}

/// `lower` must already be lowercase.
pub(crate) fn is_common_word(lower: &str) -> bool {
    LISTS.common.contains(lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_large_and_clean() {
        assert!(LISTS.given.len() >= 2500, "{}", LISTS.given.len());
        assert!(LISTS.surnames.len() >= 2500, "{}", LISTS.surnames.len());
        for w in [
            "will", "may", "grant", "chase", "rust", "ruby", "bill", "pat", "mark", "june",
        ] {
            assert!(!LISTS.given.contains(w), "{w} must not be a given name");
        }
        for w in [
            "alice",
            "jose",
            "oluwaseun",
            "hiroshi",
            "priya",
            "xiaoming",
            "mehmet",
            // from the Faker lists
            "petros",
            "olof",
            "abdirahman",
            "walburga",
        ] {
            assert!(LISTS.given.contains(w), "{w} missing");
        }
        // words of other languages and places are left out of the Faker lists
        for w in ["domani", "cabina", "manila", "bergen", "zona", "alta"] {
            assert!(
                !LISTS.given.contains(w) && !LISTS.surnames.contains(w),
                "{w} must be no name"
            );
        }
        assert!(LISTS.extended.contains("petros") && !LISTS.extended.contains("karimi"));
    }
}
