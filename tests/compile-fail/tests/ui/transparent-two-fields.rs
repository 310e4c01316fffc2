use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum BillingError {
    #[error("card declined")]
    #[api(status = 402)]
    CardDeclined,
}

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("billing failed for account {1}: {0}")]
    #[api(transparent)]
    Billing(BillingError, u64),
}

fn main() {}
