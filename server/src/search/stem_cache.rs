//! English stemming with a memo of recent words. The Snowball stemmer was the largest single
//! cost of bulk indexing (about a sixth of the CPU in a profile) and of snippets; words repeat
//! so much in running text that looking a word up costs far less than stemming it again.
//!
//! The memo is per thread, not per analyzer: tantivy clones an analyzer for every segment
//! writer, query and snippet, and a memo inside it would start empty every time.

use std::cell::RefCell;

use rustc_hash::FxHashMap;
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Words remembered per thread before the memo starts over (about 1 MB).
const MEMO_WORDS: usize = 20_000;

thread_local! {
    static MEMO: RefCell<FxHashMap<String, String>> = RefCell::new(FxHashMap::default());
}

/// Drop-in for tantivy's `Stemmer::new(Language::English)`, same output.
#[derive(Clone, Copy, Debug, Default)]
pub struct CachedEnglishStemmer;

impl TokenFilter for CachedEnglishStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter { inner: tokenizer }
    }
}

#[derive(Clone)]
pub struct CachedStemmerFilter<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedStemmerStream {
            tail: self.inner.token_stream(text),
            stemmer: rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English),
        }
    }
}

pub struct CachedStemmerStream<S> {
    tail: S,
    stemmer: rust_stemmers::Stemmer,
}

impl<S: TokenStream> TokenStream for CachedStemmerStream<S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        let stemmer = &self.stemmer;
        MEMO.with_borrow_mut(|memo| {
            if let Some(stem) = memo.get(&token.text) {
                token.text.clear();
                token.text.push_str(stem);
                return;
            }
            let stem = stemmer.stem(&token.text).into_owned();
            if memo.len() >= MEMO_WORDS {
                memo.clear();
            }
            let word = std::mem::replace(&mut token.text, stem.clone());
            memo.insert(word, stem);
        });
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{Language, LowerCaser, SimpleTokenizer, Stemmer, TextAnalyzer};

    fn words(mut analyzer: TextAnalyzer, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        analyzer
            .token_stream(text)
            .process(&mut |t| out.push(t.text.clone()));
        out
    }

    #[test]
    fn same_output_as_tantivys_stemmer_also_when_words_repeat() {
        let text = "Replication lagged; the replicas were lagging, replication LAGS again. \
                    Running runners ran; caches cached caching. Ünïcödé wörds stay wörds.";
        let cached = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(CachedEnglishStemmer)
            .build();
        let plain = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(Stemmer::new(Language::English))
            .build();
        let mut analyzer = cached.clone();
        let first = words(cached, text);
        assert_eq!(first, words(plain, text));
        // a second text through the same analyzer is served from the memo
        let mut again = Vec::new();
        analyzer
            .token_stream(text)
            .process(&mut |t| again.push(t.text.clone()));
        analyzer
            .token_stream(text)
            .process(&mut |t| again.push(t.text.clone()));
        assert_eq!(again, [first.clone(), first].concat());
    }
}
