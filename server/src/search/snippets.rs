//! Highlighted snippets for search hits: the same choice as tantivy's `SnippetGenerator` (the
//! fragment of at most N bytes whose matched terms weigh most, the earliest on a tie, terms
//! weighted by rarity), made cheaper for the search page. Analysing each hit's narrative was
//! the largest part of an uncached search: tantivy's generator lower-cases every token into a
//! new string and keeps every candidate fragment. Here tokens come out of our analyzer already
//! lower-cased, only the best fragment is kept, and a query without grams is matched with the
//! analyzer without grams.

use std::collections::BTreeSet;

use rustc_hash::FxHashMap;
use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Searcher, Term};

/// The matched terms of one field and how much each weighs.
pub struct SnippetMaker {
    weights: FxHashMap<String, f32>,
    analyzer: TextAnalyzer,
    max_bytes: usize,
}

/// The best fragment: its byte range in the text and the matched ranges in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Fragment {
    pub start: usize,
    pub end: usize,
    pub highlights: Vec<(usize, usize)>,
}

impl SnippetMaker {
    /// For the terms of `query` in `field`. `plain` analyses like the field's analyzer but
    /// without common grams; `with_grams` is the field's analyzer.
    pub fn new(
        searcher: &Searcher,
        query: &dyn Query,
        field: Field,
        plain: &TextAnalyzer,
        with_grams: &TextAnalyzer,
        max_bytes: usize,
    ) -> tantivy::Result<SnippetMaker> {
        let mut terms: BTreeSet<&Term> = BTreeSet::new();
        query.query_terms(&mut |term, _| {
            if term.field() == field {
                terms.insert(term);
            }
        });
        let mut weights = FxHashMap::default();
        for term in terms {
            let value = term.value();
            let Some(text) = value.as_str() else {
                continue;
            };
            let doc_freq = searcher.doc_freq(term)?;
            if doc_freq > 0 {
                weights.insert(text.to_string(), 1.0 / (1.0 + doc_freq as f32));
            }
        }
        let grams = weights.keys().any(|t| t.contains(' '));
        Ok(SnippetMaker {
            weights,
            analyzer: if grams { with_grams } else { plain }.clone(),
            max_bytes,
        })
    }

    /// The best fragment of `text`, or `None` when no term occurs in it.
    pub fn fragment(&mut self, text: &str) -> Option<Fragment> {
        if self.weights.is_empty() {
            return None;
        }
        let mut best: Option<(f32, Fragment)> = None;
        let mut current = (0.0f32, Fragment::at(0));
        let mut stream = self.analyzer.token_stream(text);
        while let Some(token) = stream.next() {
            if token.offset_to - current.1.start > self.max_bytes {
                keep_better(&mut best, &mut current);
                current = (0.0, Fragment::at(token.offset_from));
            }
            current.1.end = token.offset_to;
            // a gram never starts before the fragment, but a highlight must not either
            let inside = token.offset_from >= current.1.start;
            if let Some(weight) = self.weights.get(&token.text).filter(|_| inside) {
                current.0 += weight;
                current
                    .1
                    .highlights
                    .push((token.offset_from, token.offset_to));
            }
        }
        keep_better(&mut best, &mut current);
        best.map(|(_, mut fragment)| {
            fragment.highlights = collapse(fragment.highlights);
            fragment
        })
    }
}

impl Fragment {
    fn at(start: usize) -> Fragment {
        Fragment {
            start,
            end: start,
            highlights: Vec::new(),
        }
    }
}

/// The earlier fragment wins a tie, as in tantivy.
fn keep_better(best: &mut Option<(f32, Fragment)>, candidate: &mut (f32, Fragment)) {
    if candidate.0 > 0.0 && best.as_ref().is_none_or(|(score, _)| candidate.0 > *score) {
        *best = Some(std::mem::replace(candidate, (0.0, Fragment::at(0))));
    }
}

/// Sorted ranges with overlaps merged: a phrase's grams ("on a", "a Sunday") overlap.
fn collapse(mut ranges: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    ranges.sort_unstable();
    ranges.dedup();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (start, end) in ranges {
        match out.last_mut() {
            Some(last) if last.1 > start => last.1 = last.1.max(end),
            _ => out.push((start, end)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlapping_ranges_merge_and_touching_ones_stay_apart() {
        assert_eq!(
            collapse(vec![(5, 13), (0, 4), (2, 8), (0, 4), (13, 15)]),
            vec![(0, 13), (13, 15)]
        );
    }
}
