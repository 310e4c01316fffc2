//! The derive's client glue: `client::Decode` for every derived type, whose body the derive
//! writes.
//!
//! The derive always calls the macro, since the macros crate has no features to ask; so this
//! file is compiled with and without the `client` feature (as a module of `client` with it, as
//! a private module of the crate root without it) and the macro is defined both ways, beside
//! each other: without the feature it drops the body unread.

/// `Decode` for a derived type:
/// `client_glue!([impl generics] [type] [where clause] [bounds] { body })`.
#[cfg(feature = "client")]
#[doc(hidden)]
#[macro_export]
macro_rules! __apierror_client_glue {
    ([$($impl:tt)*] [$($ty:tt)*] [$($where:tt)*] [$($bounds:tt)*] { $($body:tt)* }) => {
        #[automatically_derived]
        impl $($impl)* $crate::client::Decode for $($ty)* $($where)* $($bounds)* {
            $($body)*
        }
    };
}

/// Without the `client` feature: nothing.
#[cfg(not(feature = "client"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __apierror_client_glue {
    ($($tt:tt)*) => {};
}
