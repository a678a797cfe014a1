//! `/standard`: the active standard as the booklet operators read
//! (`callqa_booklet::render`, in the interface language), inside the
//! dashboard's chrome.

use std::sync::Arc;

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use callqa_booklet::{render, BookletFormat};

use super::PageRequest;
use super::{answer, Chrome, PageError};
use crate::App;

#[derive(Template)]
#[template(path = "standard.html")]
struct Page {
    c: Chrome,
    revision: i64,
    body: String,
}

/// The inside of the booklet's `<body>` (its own title included).
fn body_of(html: &str) -> &str {
    let start = html.find("<body>").map_or(0, |i| i + "<body>".len());
    let end = html.rfind("</body>").unwrap_or(html.len());
    html.get(start..end.max(start)).unwrap_or("")
}

/// `GET /standard`.
pub async fn page(State(app): State<Arc<App>>, PageRequest { ctx, .. }: PageRequest) -> Response {
    answer(ctx, move |ctx| {
        let active = app.active();
        let rev = app
            .store
            .get_standard(Some(active.revision))?
            .ok_or_else(|| {
                PageError::not_found(format!("no standard revision {}", active.revision))
            })?;
        let html = render(
            &active.standard,
            &rev.toml,
            BookletFormat::Html,
            ctx.ui.lang(),
        );
        let page = Page {
            c: ctx.chrome("standard", active.standard.title().to_string()),
            revision: active.revision,
            body: body_of(&html).to_string(),
        };
        ctx.render(&page)
    })
    .await
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_body_is_cut_out_of_the_page() {
        assert_eq!(
            super::body_of("<html><body>\n<h1>x</h1></body></html>"),
            "\n<h1>x</h1>"
        );
        assert_eq!(super::body_of("no body"), "no body");
    }
}
