//! Common grams: phrases that contain very frequent words stay fast at a million reports.
//!
//! A phrase query checks word positions in every report that holds all of its words. With a
//! word like "the" or "on" that is nearly every report, and each of them holds the word dozens
//! of times. So, as Lucene's `CommonGramsFilter` does, the index also holds a *gram* for every
//! pair of adjacent words of which at least one is common ("the step", "lag in", "of the"),
//! at the position of the pair's first word, beside the single words. At query time the
//! phrase's words are replaced by the grams that cover them, so `"the steps"` becomes one
//! term lookup and `"on call sre"` a phrase of the rarer `on call` and `sre`. Matches are
//! exactly those of the plain phrase: each gram stands for its two words at their positions.
//!
//! The filter runs after stemming, so grams join stemmed words (`"the steps"` → `the step`).
//! Grams hold a space, which the word tokenizer never puts inside a token, so no query word
//! can collide with a gram.

use std::collections::VecDeque;
use std::sync::Arc;

use rustc_hash::FxHashSet;
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Very frequent English words: the words phrases are slow on. Short on purpose, since every
/// pair with one of them costs one more posting per occurrence at indexing.
const COMMON_WORDS: [&str; 32] = [
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "had", "has", "have",
    "in", "is", "it", "its", "no", "not", "of", "on", "or", "our", "that", "the", "this", "to",
    "was", "we", "were", "with",
];

/// Which side of the index a filter serves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Documents: every word, plus a gram for every pair with a common word.
    Index,
    /// Queries: the grams, plus only the words no gram covers.
    Query,
}

/// The token filter. `common` holds the common words as the stemmer outputs them.
#[derive(Clone, Debug)]
pub struct CommonGrams {
    common: Arc<CommonSet>,
    mode: Mode,
}

#[derive(Debug)]
struct CommonSet {
    words: FxHashSet<String>,
    /// Longer tokens are never common: most tokens are answered without hashing.
    longest: usize,
}

impl CommonGrams {
    /// `stem` maps a lower-case word to the form the tokens reaching the filter have.
    pub fn new(mode: Mode, stem: impl Fn(&str) -> String) -> CommonGrams {
        let words: FxHashSet<String> = COMMON_WORDS.iter().map(|w| stem(w)).collect();
        let longest = words.iter().map(String::len).max().unwrap_or(0);
        CommonGrams {
            common: Arc::new(CommonSet { words, longest }),
            mode,
        }
    }
}

impl TokenFilter for CommonGrams {
    type Tokenizer<T: Tokenizer> = CommonGramsTokenizer<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CommonGramsTokenizer<T> {
        CommonGramsTokenizer {
            inner: tokenizer,
            common: self.common,
            mode: self.mode,
            spare: Vec::new(),
        }
    }
}

#[derive(Clone)]
pub struct CommonGramsTokenizer<T> {
    inner: T,
    common: Arc<CommonSet>,
    mode: Mode,
    /// Emptied token texts, reused so that copying a word rarely allocates.
    spare: Vec<String>,
}

impl<T: Tokenizer> Tokenizer for CommonGramsTokenizer<T> {
    type TokenStream<'a> = CommonGramsStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        let mut stream = CommonGramsStream {
            tail: self.inner.token_stream(text),
            common: &self.common,
            lookahead: None,
            out: VecDeque::new(),
            current: Token::default(),
            spare: &mut self.spare,
        };
        if self.mode == Mode::Query {
            stream.plan_query();
        }
        stream
    }
}

pub struct CommonGramsStream<'a, S> {
    tail: S,
    common: &'a CommonSet,
    /// The word after the one last emitted, read ahead to decide on its gram.
    lookahead: Option<Token>,
    /// Tokens ready to be handed out, in order.
    out: VecDeque<Token>,
    current: Token,
    spare: &'a mut Vec<String>,
}

impl<S: TokenStream> CommonGramsStream<'_, S> {
    fn next_word(&mut self) -> Option<Token> {
        if let Some(word) = self.lookahead.take() {
            return Some(word);
        }
        if !self.tail.advance() {
            return None;
        }
        let word = self.tail.token();
        let mut text = self.spare.pop().unwrap_or_default();
        text.push_str(&word.text);
        Some(Token { text, ..*word })
    }

    fn is_common(&self, token: &Token) -> bool {
        token.text.len() <= self.common.longest && self.common.words.contains(&token.text)
    }

    /// The gram of two adjacent words, when one of them is common.
    fn gram(&mut self, first: &Token, second: &Token) -> Option<Token> {
        let adjacent = second.position == first.position + 1;
        if !(adjacent && (self.is_common(first) || self.is_common(second))) {
            return None;
        }
        let mut text = self.spare.pop().unwrap_or_default();
        text.push_str(&first.text);
        text.push(' ');
        text.push_str(&second.text);
        Some(Token {
            offset_from: first.offset_from,
            offset_to: second.offset_to,
            position: first.position,
            text,
            position_length: 2,
        })
    }

    /// Query side: reads the whole (short) query text and keeps the grams and the words no
    /// gram covers, at their positions.
    fn plan_query(&mut self) {
        let mut words = Vec::new();
        while let Some(word) = self.next_word() {
            words.push(word);
        }
        let mut covered = vec![false; words.len()];
        let mut grams = Vec::new();
        for i in 1..words.len() {
            if let (Some(first), Some(second)) = (words.get(i - 1), words.get(i)) {
                let (first, second) = (first.clone(), second.clone());
                if let Some(gram) = self.gram(&first, &second) {
                    grams.push((i - 1, gram));
                    covered[i - 1] = true;
                    covered[i] = true;
                }
            }
        }
        let mut grams = grams.into_iter().peekable();
        for (i, word) in words.into_iter().enumerate() {
            if !covered[i] {
                self.out.push_back(word);
            }
            while let Some((_, gram)) = grams.next_if(|(at, _)| *at == i) {
                self.out.push_back(gram);
            }
        }
        // nothing is left to read: `advance` only drains `out`
    }
}

impl<S: TokenStream> TokenStream for CommonGramsStream<'_, S> {
    fn advance(&mut self) -> bool {
        if self.out.is_empty() {
            let Some(word) = self.next_word() else {
                return false;
            };
            let next = self.next_word();
            let gram = next.as_ref().and_then(|next| self.gram(&word, next));
            self.lookahead = next;
            self.out.push_back(word);
            if let Some(gram) = gram {
                self.out.push_back(gram);
            }
        }
        match self.out.pop_front() {
            Some(token) => {
                let mut used = std::mem::replace(&mut self.current, token).text;
                used.clear();
                if self.spare.len() < 8 {
                    self.spare.push(used);
                }
                true
            }
            None => false,
        }
    }

    fn token(&self) -> &Token {
        &self.current
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.current
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::schema::{stem, stemmed_analyzer};

    fn tokens(mode: Mode, text: &str) -> Vec<(usize, String)> {
        let mut analyzer = stemmed_analyzer(Some(mode));
        let mut out = Vec::new();
        analyzer
            .token_stream(text)
            .process(&mut |t| out.push((t.position, t.text.clone())));
        out
    }

    #[test]
    fn index_side_keeps_every_word_and_adds_grams_of_common_pairs() {
        assert_eq!(
            tokens(Mode::Index, "The steps of the on-call SRE"),
            vec![
                (0, "the".to_string()),
                (0, "the step".to_string()),
                (1, "step".to_string()),
                (1, "step of".to_string()),
                (2, "of".to_string()),
                (2, "of the".to_string()),
                (3, "the".to_string()),
                (3, "the on".to_string()),
                (4, "on".to_string()),
                (4, "on call".to_string()),
                (5, "call".to_string()),
                (6, "sre".to_string()),
            ]
        );
        assert_eq!(
            tokens(Mode::Index, "replication lag"),
            vec![(0, "replic".to_string()), (1, "lag".to_string())]
        );
    }

    #[test]
    fn query_side_keeps_grams_and_uncovered_words() {
        assert_eq!(
            tokens(Mode::Query, "the steps"),
            vec![(0, "the step".to_string())]
        );
        assert_eq!(
            tokens(Mode::Query, "on call sre"),
            vec![(0, "on call".to_string()), (2, "sre".to_string())]
        );
        assert_eq!(
            tokens(Mode::Query, "disk full in the primary"),
            vec![
                (0, "disk".to_string()),
                (1, "full in".to_string()),
                (2, "in the".to_string()),
                (3, "the primari".to_string()),
            ]
        );
        // no common word: the words themselves
        assert_eq!(
            tokens(Mode::Query, "replication lag"),
            vec![(0, "replic".to_string()), (1, "lag".to_string())]
        );
        // one word, common or not, stays itself
        assert_eq!(tokens(Mode::Query, "the"), vec![(0, "the".to_string())]);
        assert_eq!(tokens(Mode::Query, ""), Vec::<(usize, String)>::new());
    }

    #[test]
    fn common_words_survive_stemming_as_themselves_or_their_stem() {
        let filter = CommonGrams::new(Mode::Index, stem);
        for word in COMMON_WORDS {
            assert!(filter.common.words.contains(&stem(word)), "{word}");
            assert!(stem(word).len() <= filter.common.longest);
        }
    }
}
