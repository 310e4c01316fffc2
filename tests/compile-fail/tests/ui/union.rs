use apierror::ApiError;

#[derive(ApiError)]
#[api(status = 500)]
pub union AppError {
    code: u32,
    flags: f32,
}

fn main() {}
