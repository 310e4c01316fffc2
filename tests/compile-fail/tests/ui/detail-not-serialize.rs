use apierror::ApiError;

#[derive(Debug)]
pub struct Quota {
    pub used: u64,
    pub limit: u64,
}

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("quota exceeded")]
    #[api(status = 403)]
    QuotaExceeded {
        #[api(detail)]
        quota: Quota,
    },
}

fn main() {}
