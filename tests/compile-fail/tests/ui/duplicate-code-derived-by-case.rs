use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[api(code_case = "snake_case")]
pub enum AppError {
    #[error("HTTP client failed")]
    #[api(status = 502)]
    HttpClient,

    #[error("HTTP client failed")]
    #[api(status = 502)]
    HTTPClient,
}

fn main() {}
