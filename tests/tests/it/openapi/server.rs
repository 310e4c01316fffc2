//! A real axum server serves the document and the Markdown catalog byte for byte.

use super::*;

const MARKDOWN: &str = "text/markdown; charset=utf-8";

fn docs_app() -> axum::Router {
    use axum::http::header::CONTENT_TYPE;
    axum::Router::new()
        .route(
            "/openapi.json",
            axum::routing::get(|| async {
                ([(CONTENT_TYPE, "application/json")], app_openapi::json())
            }),
        )
        .route(
            "/errors",
            axum::routing::get(|| async {
                (
                    [(CONTENT_TYPE, MARKDOWN)],
                    apierror::catalog::<AppError>().markdown(),
                )
            }),
        )
}

#[tokio::test]
async fn a_server_serves_the_document_and_the_catalog() {
    let server = AxumServer::start(docs_app()).await;
    let client = client();

    let document = Received::of(client.get(format!("{}/openapi.json", server.base()))).await;
    assert_eq!(document.status, 200, "{document:?}");
    assert_eq!(document.header("content-type"), "application/json");
    assert_eq!(document.body, app_openapi::json().into_bytes());
    let served = document.json();
    assert_eq!(served, app_document());
    expect_valid("the served document", validate_document(&served));
    assert_eq!(
        expect_valid("the served examples", validate_examples(&served)),
        31
    );

    let errors = Received::of(client.get(format!("{}/errors", server.base()))).await;
    assert_eq!(errors.status, 200, "{errors:?}");
    assert_eq!(errors.header("content-type"), MARKDOWN);
    let markdown = apierror::catalog::<AppError>().markdown();
    assert_eq!(errors.body, markdown.as_bytes());
    // The page names every code of the tree.
    for code in apierror::all_codes::<AppError>() {
        assert!(errors.text().contains(&format!("`{code}`")), "{code}");
    }
}
