//! Markdown rendering for report fields: pulldown-cmark, then ammonia sanitising. Images are
//! dropped so that a public page never loads anything from another host.

use once_cell::sync::Lazy;
use pulldown_cmark::{html, Options, Parser};

static SANITIZER: Lazy<ammonia::Builder<'static>> = Lazy::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .rm_tags(["img"])
        .link_rel(Some("nofollow noopener noreferrer"))
        .url_schemes(["http", "https", "mailto"].into_iter().collect());
    builder
});

/// Renders Markdown to HTML that is safe to embed in a page.
pub fn render(markdown: &str) -> String {
    let parser = Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    );
    let mut unsafe_html = String::with_capacity(markdown.len() * 5 / 4);
    html::push_html(&mut unsafe_html, parser);
    SANITIZER.clean(&unsafe_html).to_string()
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn renders_markdown_and_strips_dangerous_html() {
        let html = render("**bold** <script>alert(1)</script> <img src=https://x.test/p.png> [l](javascript:alert(1))");
        assert!(html.contains("<strong>bold</strong>"));
        assert!(!html.contains("<script"));
        assert!(!html.contains("<img"));
        assert!(!html.contains("javascript:"));
    }
}
