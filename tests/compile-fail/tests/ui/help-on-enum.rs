// `help` on the enum is rejected: it goes on each variant.
use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[api(help = "Contact support.")]
pub enum AppError {
    #[error("database failure")]
    #[api(status = 500)]
    Database,
}

fn main() {}
