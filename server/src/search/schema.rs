//! The index schema: text fields with English stemming for the narrative parts, keyword
//! fields for `field:term` queries, one facet field for counts, fast fields for sorting.

use tantivy::schema::{
    FacetOptions, Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions,
    STORED, STRING,
};
use tantivy::tokenizer::{
    Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer,
    TokenizerManager,
};
use tantivy::Index;

use super::common_grams::{self, CommonGrams};
use super::stem_cache::CachedEnglishStemmer;

/// Tokenizer for keyword fields: the whole value, lower-cased, so `technology:PostgreSQL`
/// and `technology:postgresql` match alike.
pub const KEYWORD_TOKENIZER: &str = "keyword";
/// English stemming plus common grams (see [`common_grams`]). A new name whenever the
/// analysis changes: an index built with another one no longer matches the schema and is
/// rebuilt from the database.
const STEMMED_TOKENIZER: &str = "en_stem_grams";

#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub id: Field,
    pub seq: Field,
    pub title: Field,
    pub narrative: Field,
    pub impact: Field,
    pub detection: Field,
    pub lessons: Field,
    pub action_items: Field,
    pub technology: Field,
    pub pattern: Field,
    pub factor: Field,
    pub industry: Field,
    pub severity: Field,
    pub year: Field,
    pub occurred: Field,
    pub facets: Field,
    pub technology_names: Field,
    pub demo: Field,
}

pub fn build() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let stemmed = TextFieldIndexing::default()
        .set_tokenizer(STEMMED_TOKENIZER)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    let text_stored = TextOptions::default()
        .set_indexing_options(stemmed.clone())
        .set_stored();
    let keyword = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(KEYWORD_TOKENIZER)
            .set_index_option(IndexRecordOption::Basic),
    );
    let fields = Fields {
        id: builder.add_text_field("id", STRING | STORED),
        seq: builder.add_i64_field(
            "seq",
            NumericOptions::default()
                .set_indexed()
                .set_fast()
                .set_stored(),
        ),
        title: builder.add_text_field("title", text_stored.clone()),
        narrative: builder.add_text_field("narrative", text_stored.clone()),
        impact: builder.add_text_field(
            "impact",
            TextOptions::default().set_indexing_options(stemmed.clone()),
        ),
        detection: builder.add_text_field(
            "detection",
            TextOptions::default().set_indexing_options(stemmed.clone()),
        ),
        lessons: builder.add_text_field("lessons", text_stored),
        action_items: builder.add_text_field(
            "action_items",
            TextOptions::default().set_indexing_options(stemmed),
        ),
        technology: builder.add_text_field("technology", keyword.clone()),
        pattern: builder.add_text_field("pattern", keyword.clone()),
        factor: builder.add_text_field("factor", keyword.clone()),
        industry: builder.add_text_field("industry", keyword.clone().set_stored()),
        severity: builder.add_text_field("severity", keyword),
        year: builder.add_u64_field("year", NumericOptions::default().set_indexed().set_fast()),
        occurred: builder.add_u64_field(
            "occurred",
            NumericOptions::default()
                .set_indexed()
                .set_fast()
                .set_stored(),
        ),
        facets: builder.add_facet_field("facets", FacetOptions::default().set_stored()),
        technology_names: builder.add_text_field("technology_names", STORED),
        demo: builder.add_bool_field("demo", NumericOptions::default().set_indexed().set_stored()),
    };
    (builder.build(), fields)
}

pub fn register_tokenizers(index: &Index) {
    register(index.tokenizers(), common_grams::Mode::Index);
}

/// The analyzers the query parser uses: the same, except that phrases are turned into the
/// grams that cover them.
pub fn query_tokenizers() -> TokenizerManager {
    let manager = TokenizerManager::default();
    register(&manager, common_grams::Mode::Query);
    manager
}

fn register(manager: &TokenizerManager, mode: common_grams::Mode) {
    manager.register(
        KEYWORD_TOKENIZER,
        TextAnalyzer::builder(RawTokenizer::default())
            .filter(LowerCaser)
            .build(),
    );
    manager.register(STEMMED_TOKENIZER, stemmed_analyzer(Some(mode)));
}

/// The text fields' analysis: words, lower-cased, stemmed; with common grams for `Some`.
pub fn stemmed_analyzer(grams: Option<common_grams::Mode>) -> TextAnalyzer {
    let words = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(CachedEnglishStemmer);
    match grams {
        Some(mode) => words.filter(CommonGrams::new(mode, stem)).build(),
        None => words.build(),
    }
}

/// A word as the English stemmer leaves it.
pub(crate) fn stem(word: &str) -> String {
    let mut analyzer = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(LowerCaser)
        .filter(Stemmer::new(Language::English))
        .build();
    let mut stemmed = word.to_string();
    analyzer
        .token_stream(word)
        .process(&mut |token| stemmed = token.text.clone());
    stemmed
}

/// "2024-03" → 202403, the sortable form of a month.
pub fn month_number(month: &str) -> u64 {
    month.replace('-', "").parse().unwrap_or(0)
}

/// 202403 → "2024-03".
pub fn month_text(number: u64) -> String {
    format!("{:04}-{:02}", number / 100, number % 100)
}
