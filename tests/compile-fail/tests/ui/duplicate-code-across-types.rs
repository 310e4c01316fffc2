use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum BillingError {
    #[error("not found")]
    #[api(status = 404)]
    NotFound,
}

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("not found")]
    #[api(status = 404)]
    NotFound,
    #[error(transparent)]
    #[api(transparent)]
    Billing(#[from] BillingError),
}

const _: () = apierror::assert_unique_codes::<AppError>();

fn main() {}
