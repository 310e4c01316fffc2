//! stub
use proc_macro::TokenStream;
/// stub
#[proc_macro_derive(ApiError, attributes(api))]
pub fn derive_api_error(_input: TokenStream) -> TokenStream {
    TokenStream::new()
}
