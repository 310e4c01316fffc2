use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum BillingError {
    #[error("card declined")]
    #[api(status = 402)]
    CardDeclined,
}

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error(transparent)]
    #[api(transparent = true)]
    Billing(#[from] BillingError),
}

fn main() {}
