//! Curated guidance: Markdown that administrators write for a best-practice page. Reports
//! are cited by id, either as links to `/reports/ID` or with the shorthand `#ID`, which
//! becomes such a link. Every cited report must be published.

use once_cell::sync::Lazy;
use regex::Regex;

use crate::markdown;

/// The kinds of pages that carry guidance, with the path prefix of their public page.
pub const KINDS: &[(&str, &str)] = &[
    ("technology", "/technologies"),
    ("pattern", "/patterns"),
    ("factor", "/factors"),
];

pub const MAX_CHARS: usize = 20_000;

static SHORTHAND: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(^|[^\w/#\[])#([0-9a-hjkmnp-tv-z]{16})\b").unwrap_or_else(|_| unreachable!())
});
static CITATION: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"(?:/reports/|(?:^|[^\w/#\[])#)([0-9a-hjkmnp-tv-z]{16})\b")
        .unwrap_or_else(|_| unreachable!())
});

/// The public page of a subject, when the kind is one that carries guidance.
pub fn public_path(kind: &str, slug: &str) -> Option<String> {
    KINDS
        .iter()
        .find(|(k, _)| *k == kind)
        .map(|(_, prefix)| format!("{prefix}/{slug}"))
}

/// Every report id the text cites, once each, in order of first appearance.
pub fn cited_ids(markdown: &str) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for caps in CITATION.captures_iter(markdown) {
        if let Some(id) = caps.get(1).map(|m| m.as_str().to_string()) {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
    }
    ids
}

/// Renders guidance to safe HTML, turning `#ID` citations into links to the report.
pub fn render(markdown: &str) -> String {
    let expanded = SHORTHAND.replace_all(markdown, "$1[#$2](/reports/$2)");
    markdown::render(&expanded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citations_are_found_and_linked() {
        let text =
            "Watch disk growth (#abcdefgh12345678, see [this one](/reports/0123456789abcdef)); \
                    #abcdefgh12345678 again, not a#bcdefgh123456789 nor #short.";
        assert_eq!(
            cited_ids(text),
            vec!["abcdefgh12345678", "0123456789abcdef"]
        );
        let html = render(text);
        assert!(html.contains(r##"<a href="/reports/abcdefgh12345678" rel="nofollow noopener noreferrer">#abcdefgh12345678</a>"##), "{html}");
        assert!(html.contains(r#"href="/reports/0123456789abcdef""#));
        assert!(
            html.contains("a#bcdefgh123456789"),
            "no link inside a word: {html}"
        );
    }

    #[test]
    fn markup_is_sanitised() {
        let html = render("Hi <script>alert(1)</script> [x](javascript:alert(1))");
        assert!(!html.contains("<script") && !html.contains("javascript:"));
    }

    #[test]
    fn kinds_have_public_pages() {
        assert_eq!(
            public_path("technology", "redis").as_deref(),
            Some("/technologies/redis")
        );
        assert_eq!(public_path("industry", "x"), None);
    }
}
