//! The same responses as utoipa's types: `IntoResponses` for derived types and subsets,
//! `ToSchema` for the nine envelopes. utoipa's OpenAPI types deserialize from the JSON the
//! parent module writes, so there is one rendering and no second copy to drift.

use std::borrow::Cow;
use std::collections::BTreeMap;

use utoipa::openapi::response::Response;
use utoipa::openapi::schema::{Object, Schema};
use utoipa::openapi::RefOr;

use crate::catalog::Catalog;
use crate::envelope::Envelope;

/// The catalog's responses as utoipa's: what the derived `utoipa::IntoResponses` returns.
#[must_use]
pub fn responses(catalog: &Catalog) -> BTreeMap<String, RefOr<Response>> {
    let serde_json::Value::Object(responses) = catalog.openapi_responses() else {
        return BTreeMap::new();
    };
    responses
        .into_iter()
        .map(|(status, response)| {
            // The JSON is written by this crate to OpenAPI 3.1's shape, which utoipa reads; a
            // failure is a bug in one of the two, shown in the document rather than hidden.
            let response = serde_json::from_value::<Response>(response).unwrap_or_else(|error| {
                Response::new(format!(
                    "apierror could not describe this response: {error}"
                ))
            });
            (status, RefOr::T(response))
        })
        .collect()
}

/// An envelope's [`Envelope::schema`] as utoipa's schema.
fn schema_of<E: Envelope>() -> RefOr<Schema> {
    serde_json::from_value::<Schema>(E::schema())
        .map_or_else(|_| RefOr::T(Schema::Object(Object::new())), RefOr::T)
}

macro_rules! to_schema {
    ($($envelope:ident),* $(,)?) => {$(
        impl utoipa::PartialSchema for crate::envelope::$envelope {
            fn schema() -> RefOr<Schema> {
                schema_of::<Self>()
            }
        }

        impl utoipa::ToSchema for crate::envelope::$envelope {
            fn name() -> Cow<'static, str> {
                Cow::Borrowed(stringify!($envelope))
            }
        }
    )*};
}

to_schema!(
    DataErrorMeta,
    ErrorCode,
    ErrorFlag,
    ErrorMessage,
    ErrorObject,
    Google,
    JsonApi,
    OData,
    Problem,
);
