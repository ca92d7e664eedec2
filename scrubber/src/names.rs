//! Name lists shipped with the crate (given names, surnames, common words).

use std::collections::HashSet;

use once_cell::sync::Lazy;

const GIVEN: &str = include_str!("../data/given_names.txt");
const SURNAMES: &str = include_str!("../data/surnames.txt");
const COMMON: &str = include_str!("../data/common_words.txt");

pub(crate) struct Lists {
    pub given: HashSet<String>,
    pub surnames: HashSet<String>,
    pub common: HashSet<String>,
}

fn words(src: &str) -> impl Iterator<Item = &str> {
    src.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .flat_map(str::split_whitespace)
}

pub(crate) static LISTS: Lazy<Lists> = Lazy::new(|| {
    let common: HashSet<String> = words(COMMON).map(str::to_lowercase).collect();
    let given = words(GIVEN)
        .map(str::to_lowercase)
        .filter(|w| !common.contains(w))
        .collect();
    let surnames = words(SURNAMES).map(str::to_lowercase).collect();
    Lists {
        given,
        surnames,
        common,
    }
});

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
        ] {
            assert!(LISTS.given.contains(w), "{w} missing");
        }
    }
}
