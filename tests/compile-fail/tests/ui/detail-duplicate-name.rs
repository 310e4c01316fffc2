use apierror::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
pub enum AppError {
    #[error("order {order_id} of user {user_id} not found")]
    #[api(status = 404)]
    OrderNotFound {
        #[api(detail = "id")]
        user_id: u64,
        #[api(detail = "id")]
        order_id: u64,
    },
}

fn main() {}
