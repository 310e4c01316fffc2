use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[api(status = 500)]
pub enum AppError {
    #[error("database failure")]
    Database,

    #[error("cache failure")]
    Cache,
}

fn main() {}
