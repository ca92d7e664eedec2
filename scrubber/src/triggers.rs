//! The trigger prefilter: one scan of a text with every detector's cheap trigger pattern tells
//! which detectors need to run at all and, for detectors whose matches never cross a line,
//! on which lines.
//!
//! Word-list triggers ("AKIA|ASIA", "(?i)phone|tel", "患者ID|등록번호": words of other scripts
//! only when case-sensitive) go through two Aho-Corasick automata; the
//! others through multi-pattern lazy DFAs searched in overlapping mode, which (unlike
//! `regex::RegexSet`) report where each trigger matched: two for the triggers of every text
//! (see [`TRIGGER_SETS`]) and one for the triggers of detectors that find nothing outside
//! aviation texts, read only in those.
//!
//! Case-insensitive word-list triggers are kept to ASCII: three words with an accented letter
//! (`numéro`, `patiënt`, `fødselsnummer`) under `(?i)` cost 5% more instructions over the real
//! postmortems (callgrind, rules 2026.12.7); an ASCII part of the word triggers as well
//! (`dselsnummer`, `ntnummer`, or a cue word that comes with it, `client` in `référence client`).

use std::panic::{RefUnwindSafe, UnwindSafe};
use std::sync::Arc;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind};
use regex_automata::hybrid::dfa::{Cache, OverlappingState, DFA};
use regex_automata::util::pool::Pool;
use regex_automata::{Input, MatchKind};

/// Lazy DFAs the regex triggers are split into. One automaton of all ~110 triggers builds a
/// state for every combination of partial matches it meets, and new text keeps meeting new
/// ones (25 MB of cache after 7 MB of text, never settling); two halves build far fewer states
/// at the price of a second pass over the text. Callgrind, same code otherwise: one pass over
/// the real postmortems in a new process −19%, the same pass after the generated corpus
/// (a server that has seen other reports) −22%, a repeat pass over texts already seen +5%;
/// three sets saved little more cold and cost +10% warm.
const TRIGGER_SETS: usize = 2;

/// Cache memory per lazy DFA (a limit: the cache grows as states are built): Unicode classes
/// make many states, and a cache that fills up is cleared and rebuilt over and over. Dense
/// identifier-laden text needs more than 8 MB: on the evaluation texts scrubbed three times, a
/// pass after the first took 2.7 G instructions with 8 MB and 0.4 G with 16 or 32 MB; real
/// postmortems measured the same with 8 and 256 MB.
const CACHE_CAPACITY: usize = 32 << 20;

type CacheFn = Box<dyn Fn() -> Cache + Send + Sync + UnwindSafe + RefUnwindSafe>;

/// One multi-pattern lazy DFA with a cache per thread.
struct TriggerSet {
    /// `None` if the lazy DFA could not be built: the fallback answers alone
    lazy: Option<(Arc<DFA>, Pool<Cache, CacheFn>)>,
    /// read only when the text passes the gate
    gated: bool,
    /// detector index of each pattern
    ids: Vec<usize>,
    /// the same patterns as a `RegexSet`, built only if the lazy DFA fails
    fallback: std::sync::OnceLock<Option<regex::RegexSet>>,
    patterns: Vec<String>,
}

/// Where the triggers of one text occur.
#[derive(Debug, Default)]
pub(crate) struct Hits {
    /// per detector: its trigger occurs somewhere in the text
    pub fired: Vec<bool>,
    /// per line-local detector: the byte ranges of the whole lines (with their line break)
    /// where its trigger occurs, merged and in text order; `None` where the detector must look
    /// at the whole text
    pub lines: Vec<Option<Vec<(usize, usize)>>>,
}

pub(crate) struct Triggers {
    sets: Vec<TriggerSet>,
    literal: Option<(AhoCorasick, Vec<usize>)>,
    literal_ci: Option<(AhoCorasick, Vec<usize>)>,
    /// per detector: its matches never contain a line break and always contain a match of its
    /// trigger, so it can run on the lines where its trigger occurs only
    line_local: Vec<bool>,
    detectors: usize,
}

/// A trigger that is a plain alternation of words (optionally `(?i)`): (case-insensitive, words).
fn literal_trigger(t: &str) -> Option<(bool, Vec<String>)> {
    let (ci, body) = match t.strip_prefix("(?i)") {
        Some(b) => (true, b),
        None => (false, t),
    };
    // letters of other scripts are plain too, matched exactly ("患者ID|등록번호")
    if body.is_empty()
        || !body.bytes().all(|b| {
            b.is_ascii_alphanumeric()
                || (!ci && b >= 0x80)
                || matches!(b, b'|' | b' ' | b'_' | b'-' | b'/' | b'@' | b':' | b'\'')
        })
    {
        return None;
    }
    let words: Vec<String> = body.split('|').map(str::to_string).collect();
    if words.iter().any(String::is_empty) {
        return None;
    }
    Some((ci, words))
}

/// No match of `pattern` can contain a line break: no literal or class in it holds `\n`.
/// (Look-around assertions are zero-width, and searches keep the whole text as context.)
pub(crate) fn never_crosses_lines(pattern: &str) -> bool {
    use regex_syntax::hir::{Class, HirKind};
    fn walk(h: &regex_syntax::hir::Hir) -> bool {
        match h.kind() {
            HirKind::Empty | HirKind::Look(_) => true,
            HirKind::Literal(l) => !l.0.contains(&b'\n'),
            HirKind::Class(Class::Unicode(c)) => !c
                .ranges()
                .iter()
                .any(|r| r.start() <= '\n' && '\n' <= r.end()),
            HirKind::Class(Class::Bytes(c)) => !c
                .ranges()
                .iter()
                .any(|r| r.start() <= b'\n' && b'\n' <= r.end()),
            HirKind::Repetition(r) => walk(&r.sub),
            HirKind::Capture(c) => walk(&c.sub),
            HirKind::Concat(hs) | HirKind::Alternation(hs) => hs.iter().all(walk),
        }
    }
    regex_syntax::parse(pattern).is_ok_and(|h| walk(&h))
}

impl Triggers {
    /// `triggers[i]` is the trigger of detector `i`; `line_local[i]` says whether detector `i`
    /// may run on its trigger's lines only; `gated[i]` that it finds nothing unless the text
    /// passes the gate (aviation vocabulary), so its trigger is read only then.
    pub(crate) fn new(triggers: &[&str], line_local: Vec<bool>, gated: &[bool]) -> Triggers {
        let mut set_ids: Vec<usize> = Vec::new();
        let mut gated_ids: Vec<usize> = Vec::new();
        let (mut lit, mut lit_ids, mut lit_ci, mut lit_ci_ids) = (vec![], vec![], vec![], vec![]);
        for (i, trigger) in triggers.iter().enumerate() {
            match literal_trigger(trigger) {
                Some((false, words)) => {
                    for w in words {
                        lit.push(w);
                        lit_ids.push(i);
                    }
                }
                Some((true, words)) => {
                    for w in words {
                        lit_ci.push(w);
                        lit_ci_ids.push(i);
                    }
                }
                None if gated.get(i).copied().unwrap_or(false) => gated_ids.push(i),
                None => set_ids.push(i),
            }
        }
        let build_ac = |words: &[String], ci: bool| {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(ci)
                .kind(Some(AhoCorasickKind::DFA))
                .build(words)
                .map_err(|e| eprintln!("scrubber: literal prefilter failed to build: {e}"))
                .ok()
        };
        let literal = build_ac(&lit, false).map(|ac| (ac, lit_ids));
        let literal_ci = build_ac(&lit_ci, true).map(|ac| (ac, lit_ci_ids));
        let mut line_local = line_local;
        line_local.resize(triggers.len(), false);
        let mut sets = Vec::new();
        // the gated triggers (a handful) make one set of their own
        let chunks: Vec<(bool, &[usize])> = set_ids
            .chunks(set_ids.len().div_ceil(TRIGGER_SETS).max(1))
            .map(|c| (false, c))
            .chain(gated_ids.chunks(gated_ids.len().max(1)).map(|c| (true, c)))
            .collect();
        for (gated, ids) in chunks {
            let patterns: Vec<String> = ids
                .iter()
                .filter_map(|&i| triggers.get(i).map(|t| t.to_string()))
                .collect();
            let lazy = DFA::builder()
                .configure(
                    DFA::config()
                        .match_kind(MatchKind::All)
                        .cache_capacity(CACHE_CAPACITY),
                )
                .build_many(&patterns)
                .map_err(|e| eprintln!("scrubber: trigger automaton failed to build: {e}"))
                .ok()
                .map(|dfa| {
                    let dfa = Arc::new(dfa);
                    let for_cache = Arc::clone(&dfa);
                    let create: CacheFn = Box::new(move || Cache::new(&for_cache));
                    (dfa, Pool::new(create))
                });
            sets.push(TriggerSet {
                lazy,
                gated,
                ids: ids.to_vec(),
                fallback: std::sync::OnceLock::new(),
                patterns,
            });
        }
        Triggers {
            sets,
            literal,
            literal_ci,
            line_local,
            detectors: triggers.len(),
        }
    }

    #[cfg(test)]
    pub(crate) fn all_built(&self) -> bool {
        self.sets.iter().all(|s| s.lazy.is_some())
            && self.literal.is_some()
            && self.literal_ci.is_some()
    }

    pub(crate) fn is_line_local(&self, detector: usize) -> bool {
        self.line_local.get(detector).copied().unwrap_or(false)
    }

    /// Which detectors fire in `text`, and on which lines the line-local ones do.
    pub(crate) fn scan(&self, text: &str, gate_open: bool) -> Hits {
        let mut fired = vec![false; self.detectors];
        let mut lines = LineRanges::new(text, self.detectors);
        let mut hit = |ri: usize, end: usize| {
            if let Some(f) = fired.get_mut(ri) {
                *f = true;
            }
            if self.is_line_local(ri) {
                lines.add(ri, end);
            }
        };
        for set in self.sets.iter().filter(|s| gate_open || !s.gated) {
            if !set.scan(text, &mut hit) {
                // no positions: every detector the set fires looks at the whole text
                for ri in set.fallback_matches(text) {
                    hit(ri, usize::MAX);
                }
            }
        }
        for (ac, ids) in [&self.literal, &self.literal_ci].into_iter().flatten() {
            for m in ac.find_overlapping_iter(text) {
                if let Some(&ri) = ids.get(m.pattern().as_usize()) {
                    hit(ri, m.end());
                }
            }
        }
        let lines = lines.finish();
        Hits { fired, lines }
    }
}

/// Whole-line ranges per detector, built from the end offsets of its trigger matches.
struct LineRanges<'t> {
    bytes: &'t [u8],
    /// start offset of every line, found on the first hit
    starts: Vec<usize>,
    ranges: Vec<Option<Vec<(usize, usize)>>>,
    whole: Vec<bool>,
    /// some hit came before an earlier one of the same detector: sort and merge at the end
    unsorted: bool,
}

impl<'t> LineRanges<'t> {
    fn new(text: &'t str, detectors: usize) -> LineRanges<'t> {
        LineRanges {
            bytes: text.as_bytes(),
            starts: Vec::new(),
            ranges: vec![None; detectors],
            whole: vec![false; detectors],
            unsorted: false,
        }
    }

    /// A trigger match of detector `ri` ended at `end` (`usize::MAX`: somewhere unknown).
    fn add(&mut self, ri: usize, end: usize) {
        if end == usize::MAX {
            if let Some(w) = self.whole.get_mut(ri) {
                *w = true;
            }
            return;
        }
        let Some(slot) = self.ranges.get_mut(ri) else {
            return;
        };
        let ranges = slot.get_or_insert_with(Vec::new);
        // a match ending right after a line break ends on the line before it
        let probe = end.saturating_sub(1).min(self.bytes.len());
        if ranges.last().is_some_and(|&(a, z)| a <= probe && probe < z) {
            return;
        }
        if self.starts.is_empty() {
            self.starts.push(0);
            self.starts.extend(
                self.bytes
                    .iter()
                    .enumerate()
                    .filter(|(_, &b)| b == b'\n')
                    .map(|(i, _)| i + 1),
            );
        }
        let k = self
            .starts
            .partition_point(|&st| st <= probe)
            .saturating_sub(1);
        let a = self.starts.get(k).copied().unwrap_or(0);
        let z = self.starts.get(k + 1).copied().unwrap_or(self.bytes.len());
        match ranges.last_mut() {
            Some(last) if a < last.0 => {
                self.unsorted = true;
                ranges.push((a, z));
            }
            Some(last) if a <= last.1 => last.1 = last.1.max(z),
            _ => ranges.push((a, z)),
        }
    }

    fn finish(mut self) -> Vec<Option<Vec<(usize, usize)>>> {
        for (slot, whole) in self.ranges.iter_mut().zip(&self.whole) {
            if *whole {
                *slot = None;
            } else if let (true, Some(ranges)) = (self.unsorted, slot.as_mut()) {
                ranges.sort_unstable();
                let mut merged: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
                for &(a, z) in ranges.iter() {
                    match merged.last_mut() {
                        Some(last) if a <= last.1 => last.1 = last.1.max(z),
                        _ => merged.push((a, z)),
                    }
                }
                *ranges = merged;
            }
        }
        self.ranges
    }
}

impl TriggerSet {
    /// Report (detector, end offset) of every trigger match, overlapping ones included.
    /// False when the set could not search (then nothing was reported).
    fn scan(&self, text: &str, report: &mut impl FnMut(usize, usize)) -> bool {
        let Some((dfa, caches)) = &self.lazy else {
            return false;
        };
        let mut cache = caches.get();
        let input = Input::new(text);
        let mut state = OverlappingState::start();
        let mut found: Vec<(usize, usize)> = Vec::new();
        loop {
            if dfa
                .try_search_overlapping_fwd(&mut cache, &input, &mut state)
                .is_err()
            {
                return false;
            }
            let Some(m) = state.get_match() else { break };
            if let Some(&ri) = self.ids.get(m.pattern().as_usize()) {
                found.push((ri, m.offset()));
            }
        }
        for (ri, end) in found {
            report(ri, end);
        }
        true
    }

    /// Detectors whose trigger occurs in `text`, by the `RegexSet` fallback.
    fn fallback_matches(&self, text: &str) -> Vec<usize> {
        let set = self.fallback.get_or_init(|| {
            regex::RegexSetBuilder::new(&self.patterns)
                .dfa_size_limit(CACHE_CAPACITY)
                .build()
                .map_err(|e| eprintln!("scrubber: prefilter failed to compile: {e}"))
                .ok()
        });
        match set {
            Some(set) => set
                .matches(text)
                .iter()
                .filter_map(|si| self.ids.get(si).copied())
                .collect(),
            None => Vec::new(),
        }
    }
}
