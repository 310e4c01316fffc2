use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("user not found")]
    #[api(status = 404)]
    UserNotFound,

    #[error("conflict")]
    #[api(statu = 409)]
    Conflict,
}

fn handle(error: &AppError) -> u16 {
    let rendered =
        apierror::render::<apierror::envelope::ErrorObject>(error, &Default::default());
    let _ = rendered.body();
    let _ = apierror::message(error).to_string();
    error.status().as_u16()
}

fn into_response(error: AppError) -> impl axum::response::IntoResponse {
    error
}

fn main() {
    let _ = handle(&AppError::UserNotFound);
    let _ = into_response(AppError::Conflict);
}
