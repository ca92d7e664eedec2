//! Searching: query syntax (terms, "phrases", AND/OR/NOT, `field:term`), facet filters and
//! counts, highlighted snippets, sorting, pagination, and "similar reports".

use std::sync::Arc;

use serde::Serialize;
use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, MoreLikeThisQuery, Occur, Query, QueryParser, TermQuery,
};
use tantivy::schema::{Facet, Field, IndexRecordOption, OwnedValue, Value};
use tantivy::{DocAddress, Order, Searcher, TantivyDocument, Term};

use super::schema::month_text;
use super::snippets::SnippetMaker;
use super::SearchIndex;

pub const MAX_PER_PAGE: usize = 100;
const MAX_PAGE: usize = 1_000;
const FACET_VALUES: usize = 15;
/// Longest fragment, in bytes (tantivy's snippet length counts bytes too).
const SNIPPET_BYTES: usize = 220;

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The reader's query could not be understood; the message says why.
    #[error("{0}")]
    Query(String),
    #[error("search failed: {0}")]
    Index(#[from] tantivy::TantivyError),
}

/// The dimensions a search can be narrowed by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FacetKind {
    Technology,
    Pattern,
    Factor,
    Industry,
    Year,
    Severity,
}

impl FacetKind {
    pub const ALL: [FacetKind; 6] = [
        FacetKind::Technology,
        FacetKind::Pattern,
        FacetKind::Factor,
        FacetKind::Industry,
        FacetKind::Year,
        FacetKind::Severity,
    ];

    /// The URL parameter and facet path segment.
    pub fn param(self) -> &'static str {
        match self {
            FacetKind::Technology => "technology",
            FacetKind::Pattern => "pattern",
            FacetKind::Factor => "factor",
            FacetKind::Industry => "industry",
            FacetKind::Year => "year",
            FacetKind::Severity => "severity",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            FacetKind::Technology => "Technology",
            FacetKind::Pattern => "Failure pattern",
            FacetKind::Factor => "Contributing factor",
            FacetKind::Industry => "Industry",
            FacetKind::Year => "Year",
            FacetKind::Severity => "Severity",
        }
    }

    pub fn from_param(param: &str) -> Option<FacetKind> {
        FacetKind::ALL.into_iter().find(|k| k.param() == param)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    #[default]
    Relevance,
    Newest,
    Oldest,
}

impl Sort {
    pub fn from_param(param: &str) -> Option<Sort> {
        match param {
            "" | "relevance" => Some(Sort::Relevance),
            "newest" | "date" => Some(Sort::Newest),
            "oldest" => Some(Sort::Oldest),
            _ => None,
        }
    }

    pub fn param(self) -> &'static str {
        match self {
            Sort::Relevance => "relevance",
            Sort::Newest => "newest",
            Sort::Oldest => "oldest",
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    pub q: String,
    pub filters: Vec<(FacetKind, String)>,
    pub sort: Sort,
    /// 1-based.
    pub page: usize,
    pub per_page: usize,
}

/// A fragment of a report with the byte ranges of the matched terms.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Snippet {
    /// `narrative` or `lessons`.
    #[schema(value_type = String)]
    pub field: &'static str,
    pub fragment: String,
    /// Byte ranges `[start, end]` of the matched terms in `fragment`.
    #[schema(value_type = Vec<Vec<u64>>)]
    pub highlights: Vec<(usize, usize)>,
}

impl Snippet {
    /// The fragment cut into (text, highlighted) pieces, for templates that escape.
    pub fn pieces(&self) -> Vec<(String, bool)> {
        let mut out = Vec::new();
        let mut last = 0;
        for &(start, end) in &self.highlights {
            if start < last || end > self.fragment.len() {
                continue;
            }
            if let (Some(plain), Some(marked)) = (
                self.fragment.get(last..start),
                self.fragment.get(start..end),
            ) {
                out.push((plain.to_string(), false));
                out.push((marked.to_string(), true));
                last = end;
            }
        }
        out.push((self.fragment.get(last..).unwrap_or("").to_string(), false));
        out
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Hit {
    pub id: String,
    pub title: String,
    pub occurred_month: String,
    pub industry: String,
    pub technologies: Vec<String>,
    pub snippet: Option<Snippet>,
    pub demo: bool,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FacetValue {
    pub value: String,
    pub count: u64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FacetGroup {
    pub kind: FacetKind,
    pub values: Vec<FacetValue>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    pub total: usize,
    pub hits: Vec<Hit>,
    pub facets: Vec<FacetGroup>,
}

impl SearchIndex {
    fn parser(&self) -> QueryParser {
        let f = self.fields();
        let mut parser = QueryParser::new(
            self.index().schema(),
            vec![
                f.title,
                f.narrative,
                f.impact,
                f.detection,
                f.lessons,
                f.action_items,
                // Technologies are searchable by slug and alias without `technology:`.
                f.technology,
            ],
            self.query_tokenizers().clone(),
        );
        parser.set_field_boost(f.title, 2.0);
        parser.set_field_boost(f.lessons, 1.2);
        parser.set_conjunction_by_default();
        parser
    }

    /// Parses the reader's query; an empty query matches every report.
    pub fn parse(&self, q: &str) -> Result<Box<dyn Query>, SearchError> {
        let q = q.trim();
        if q.is_empty() {
            return Ok(Box::new(AllQuery));
        }
        self.parser()
            .parse_query(&rewrite_and_not(q))
            .map_err(|err| SearchError::Query(explain(&err)))
    }

    /// Runs a search, from the result cache when the same request was answered since the
    /// last commit.
    pub fn search(&self, request: &SearchRequest) -> Result<Arc<SearchResults>, SearchError> {
        let searcher = self.reader().searcher();
        let generation = searcher.generation().generation_id();
        let key = format!("{request:?}");
        if let Some(found) = self.result_cache().get(generation, &key) {
            return Ok(found);
        }
        let results = Arc::new(self.search_with(&searcher, request)?);
        self.result_cache().put(generation, key, results.clone());
        Ok(results)
    }

    fn search_with(
        &self,
        searcher: &Searcher,
        request: &SearchRequest,
    ) -> Result<SearchResults, SearchError> {
        let f = *self.fields();
        let text_query = self.parse(&request.q)?;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, text_query.box_clone())];
        for (kind, value) in &request.filters {
            let facet = Facet::from_path([kind.param(), value.as_str()]);
            clauses.push((
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_facet(f.facets, &facet),
                    IndexRecordOption::Basic,
                )),
            ));
        }
        let query = BooleanQuery::new(clauses);
        let per_page = request.per_page.clamp(1, MAX_PER_PAGE);
        let offset = (request.page.clamp(1, MAX_PAGE) - 1) * per_page;
        let top = TopDocs::with_limit(per_page).and_offset(offset);
        let by_date = match request.sort {
            Sort::Relevance => None,
            Sort::Newest => Some(Order::Desc),
            Sort::Oldest => Some(Order::Asc),
        };
        let generation = searcher.generation().generation_id();
        let counts_key = format!("{:?} {:?}", request.q, request.filters);
        let known = self.counts_cache().get(generation, &counts_key);
        // Counting visits every match; the top hits alone can skip (block-max WAND). So the
        // counts are computed once per query and filters, and reused by its other pages/sorts.
        let (counts, addresses) = match known {
            Some(counts) => {
                let addresses = match by_date {
                    None => addresses(searcher.search(&query, &top)?),
                    Some(order) => addresses(
                        searcher
                            .search(&query, &top.order_by_fast_field::<u64>("occurred", order))?,
                    ),
                };
                (counts, addresses)
            }
            None => {
                let mut facets = FacetCollector::for_field("facets");
                for kind in FacetKind::ALL {
                    facets.add_facet(Facet::from_path([kind.param()]));
                }
                let (total, addresses, facet_counts) = match by_date {
                    None => {
                        let (total, docs, counts) =
                            searcher.search(&query, &(Count, top, facets))?;
                        (total, addresses(docs), counts)
                    }
                    Some(order) => {
                        let by_date = top.order_by_fast_field::<u64>("occurred", order);
                        let (total, docs, counts) =
                            searcher.search(&query, &(Count, by_date, facets))?;
                        (total, addresses(docs), counts)
                    }
                };
                let counts = Arc::new(Counts {
                    total,
                    facets: facet_groups(&facet_counts),
                });
                self.counts_cache()
                    .put(generation, counts_key, counts.clone());
                (counts, addresses)
            }
        };
        let [plain, with_grams] = self.snippet_analyzers();
        let mut snippets = [("narrative", f.narrative), ("lessons", f.lessons)]
            .into_iter()
            .map(|(name, field)| {
                let maker = SnippetMaker::new(
                    searcher,
                    &*text_query,
                    field,
                    plain,
                    with_grams,
                    SNIPPET_BYTES,
                )?;
                Ok((name, field, maker))
            })
            .collect::<Result<Vec<_>, tantivy::TantivyError>>()?;
        let hits = addresses
            .into_iter()
            .map(|address| self.hit(searcher, address, &mut snippets))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(SearchResults {
            total: counts.total,
            hits,
            facets: counts.facets.clone(),
        })
    }

    fn hit(
        &self,
        searcher: &Searcher,
        address: DocAddress,
        snippets: &mut [(&'static str, Field, SnippetMaker)],
    ) -> Result<Hit, SearchError> {
        let f = self.fields();
        let doc: TantivyDocument = searcher.doc(address)?;
        let text = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string()
        };
        let snippet = snippets
            .iter_mut()
            .find_map(|(name, field, maker)| {
                let text = doc.get_first(*field).and_then(|v| v.as_str())?;
                let found = maker.fragment(text)?;
                Some(Snippet {
                    field: name,
                    fragment: text.get(found.start..found.end)?.to_string(),
                    highlights: found
                        .highlights
                        .iter()
                        .map(|(start, end)| {
                            (
                                start.saturating_sub(found.start),
                                end.saturating_sub(found.start),
                            )
                        })
                        .collect(),
                })
            })
            .or_else(|| {
                let narrative = text(f.narrative);
                let cut = narrative
                    .char_indices()
                    .map(|(i, _)| i)
                    .take_while(|&i| i <= SNIPPET_BYTES)
                    .last()
                    .unwrap_or(0);
                let fragment = if cut < narrative.len() {
                    format!("{}…", &narrative[..cut])
                } else {
                    narrative
                };
                (!fragment.is_empty()).then_some(Snippet {
                    field: "narrative",
                    fragment,
                    highlights: Vec::new(),
                })
            });
        Ok(Hit {
            id: text(f.id),
            title: text(f.title),
            occurred_month: doc
                .get_first(f.occurred)
                .and_then(|v| v.as_u64())
                .map(month_text)
                .unwrap_or_default(),
            industry: text(f.industry),
            technologies: doc
                .get_all(f.technology_names)
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            snippet,
            demo: doc
                .get_first(f.demo)
                .and_then(|v| v.as_bool())
                .unwrap_or(false),
        })
    }

    /// Published reports that resemble report `id`: MoreLikeThis over its narrative and
    /// lessons, with a boost for sharing its technologies.
    pub fn similar(&self, id: &str, limit: usize) -> Result<Vec<Hit>, SearchError> {
        let f = *self.fields();
        let searcher = self.reader().searcher();
        let id_term = Term::from_field_text(f.id, id);
        let found = searcher.search(
            &TermQuery::new(id_term.clone(), IndexRecordOption::Basic),
            &TopDocs::with_limit(1),
        )?;
        let Some((_, address)) = found.first() else {
            return Ok(Vec::new());
        };
        let doc: TantivyDocument = searcher.doc(*address)?;
        let text = |field| {
            doc.get_all(field)
                .filter_map(|v| v.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        };
        let technologies: Vec<String> = doc
            .get_all(f.facets)
            .filter_map(|v| v.as_facet().and_then(stored_facet))
            .filter(|facet| facet.to_path().first() == Some(&"technology"))
            .filter_map(|facet| facet.to_path().get(1).map(|s| s.to_string()))
            .collect();
        self.similar_to_text(
            &text(f.narrative),
            &text(f.lessons),
            &technologies,
            Some(id),
            limit,
        )
    }

    /// Published reports resembling a text (a report being viewed, or a submission just
    /// made): MoreLikeThis over narrative and lessons, boosted for shared technologies.
    pub fn similar_to_text(
        &self,
        narrative: &str,
        lessons: &str,
        technologies: &[String],
        exclude_id: Option<&str>,
        limit: usize,
    ) -> Result<Vec<Hit>, SearchError> {
        let f = *self.fields();
        let searcher = self.reader().searcher();
        let like_this = MoreLikeThisQuery::builder()
            .with_min_doc_frequency(1)
            .with_max_doc_frequency(searcher.num_docs().max(2) / 2)
            .with_min_term_frequency(1)
            .with_min_word_length(3)
            .with_max_query_terms(30)
            .with_document_fields(vec![
                (f.narrative, vec![OwnedValue::Str(narrative.to_string())]),
                (f.lessons, vec![OwnedValue::Str(lessons.to_string())]),
            ]);
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Should, Box::new(like_this))];
        if let Some(id) = exclude_id {
            clauses.push((
                Occur::MustNot,
                Box::new(TermQuery::new(
                    Term::from_field_text(f.id, id),
                    IndexRecordOption::Basic,
                )),
            ));
        }
        for slug in technologies {
            let facet = Facet::from_path(["technology", slug.as_str()]);
            let same_tech =
                TermQuery::new(Term::from_facet(f.facets, &facet), IndexRecordOption::Basic);
            clauses.push((
                Occur::Should,
                Box::new(BoostQuery::new(Box::new(same_tech), 1.5)),
            ));
        }
        let query = BooleanQuery::new(clauses);
        let top = searcher.search(&query, &TopDocs::with_limit(limit))?;
        top.into_iter()
            .map(|(_, address)| self.hit(&searcher, address, &mut []))
            .collect()
    }
}

/// tantivy reads `a AND NOT b` as "a, and a clause that matches nothing"; `a AND -b` means
/// what readers expect. Quoted phrases are left alone.
fn rewrite_and_not(q: &str) -> String {
    // A constant pattern (the tests check it compiles); no request path may panic on it.
    static AND_NOT: once_cell::sync::Lazy<Option<regex::Regex>> =
        once_cell::sync::Lazy::new(|| regex::Regex::new(r"\bAND\s+NOT\s+").ok());
    let Some(and_not) = AND_NOT.as_ref() else {
        return q.to_string();
    };
    q.split('"')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 0 {
                and_not.replace_all(part, "AND -").into_owned()
            } else {
                part.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\"")
}

/// A facet read back from a stored document (tantivy stores the encoded form).
fn stored_facet(text: &str) -> Option<Facet> {
    if text.starts_with('/') {
        Facet::from_text(text).ok()
    } else {
        Facet::from_encoded(text.as_bytes().to_vec()).ok()
    }
}

/// A readable explanation of a query syntax error.
fn explain(err: &tantivy::query::QueryParserError) -> String {
    use tantivy::query::QueryParserError as E;
    match err {
        E::SyntaxError(_) => "The search could not be understood. Check quotes and parentheses; operators are AND, OR, NOT (or -term), and field:term.".into(),
        E::FieldDoesNotExist(field) => format!(
            "There is no field {field:?}. Fields: title, narrative, lessons, action_items, impact, detection, technology, pattern, factor, industry, severity, year."
        ),
        E::ExpectedInt(_) | E::ExpectedFloat(_) => "A year must be a number, such as year:2024.".into(),
        other => format!("The search could not be run: {other}."),
    }
}

/// The total and facet counts of a query with its filters.
#[derive(Debug)]
pub struct Counts {
    pub total: usize,
    pub facets: Vec<FacetGroup>,
}

fn addresses<S>(docs: Vec<(S, DocAddress)>) -> Vec<DocAddress> {
    docs.into_iter().map(|(_, address)| address).collect()
}

/// The most frequent values of each facet kind.
fn facet_groups(counts: &tantivy::collector::FacetCounts) -> Vec<FacetGroup> {
    FacetKind::ALL
        .into_iter()
        .map(|kind| FacetGroup {
            kind,
            values: counts
                .top_k(format!("/{}", kind.param()).as_str(), FACET_VALUES)
                .into_iter()
                .map(|(facet, count)| FacetValue {
                    value: facet
                        .to_path()
                        .last()
                        .map(|s| s.to_string())
                        .unwrap_or_default(),
                    count,
                })
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::rewrite_and_not;

    #[test]
    fn and_not_becomes_a_prohibited_clause_outside_phrases() {
        assert_eq!(rewrite_and_not("cache AND NOT redis"), "cache AND -redis");
        assert_eq!(
            rewrite_and_not("\"x AND NOT y\" AND NOT z"),
            "\"x AND NOT y\" AND -z"
        );
        assert_eq!(rewrite_and_not("BRAND NOTE"), "BRAND NOTE");
    }
}
