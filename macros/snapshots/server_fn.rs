// Expansion of the `server_fn` snapshot input (see macros/src/snapshot.rs).
#[allow(deprecated, unused_qualifications)]
const _: () = {
    #[automatically_derived]
    impl ::apierror::ApiError for AppError {
        const API: ::apierror::Api = ::apierror::__private::api(
            ::core::option_env!("CARGO_PKG_NAME"),
            ::core::option_env!("CARGO_PKG_VERSION"),
        );
        #[inline]
        fn status(&self) -> ::apierror::StatusCode {
            match self {
                Self::ServerFn { 0: __api_f_0, .. } => {
                    <apierror::server_fn::Failure as ::apierror::ApiError>::status(
                        __api_f_0,
                    )
                }
                Self::UserNotFound { .. } => {
                    ::apierror::__private::status_at(&__API, __api_index(self))
                }
            }
        }
        #[inline]
        fn code(&self) -> &'static str {
            match self {
                Self::ServerFn { 0: __api_f_0, .. } => {
                    <apierror::server_fn::Failure as ::apierror::ApiError>::code(
                        __api_f_0,
                    )
                }
                Self::UserNotFound { .. } => __API.codes[__api_index(self)],
            }
        }
        fn message(
            &self,
            __api_out: &mut ::apierror::Message<'_>,
        ) -> ::core::fmt::Result {
            match self {
                Self::UserNotFound { .. } => {
                    <Self as ::apierror::__private::DisplayMessage>::write_display_message(
                        self,
                        __api_out,
                    )
                }
                Self::ServerFn { 0: __api_f_0, .. } => {
                    <apierror::server_fn::Failure as ::apierror::ApiError>::message(
                        __api_f_0,
                        __api_out,
                    )
                }
            }
        }
        #[inline]
        fn retryable(&self) -> bool {
            match self {
                Self::ServerFn { 0: __api_f_0, .. } => {
                    <apierror::server_fn::Failure as ::apierror::ApiError>::retryable(
                        __api_f_0,
                    )
                }
                Self::UserNotFound { .. } => {
                    ::apierror::__private::retryable_at(&__API, __api_index(self))
                }
            }
        }
        #[inline]
        fn retry_after(&self) -> ::core::option::Option<::core::time::Duration> {
            match self {
                Self::UserNotFound { .. } => ::core::option::Option::None,
                Self::ServerFn { 0: __api_f_0, .. } => {
                    <apierror::server_fn::Failure as ::apierror::ApiError>::retry_after(
                        __api_f_0,
                    )
                }
            }
        }
        fn details(
            &self,
            __api_out: &mut ::apierror::Details<'_>,
        ) -> ::core::result::Result<(), ::apierror::WriteError> {
            match self {
                Self::UserNotFound { id: __api_f_id, .. } => {
                    <u64 as ::apierror::__private::Detail>::write(
                        __api_f_id,
                        "id",
                        __api_out,
                    )
                }
                Self::ServerFn { 0: __api_f_0, .. } => {
                    <apierror::server_fn::Failure as ::apierror::ApiError>::details(
                        __api_f_0,
                        __api_out,
                    )
                }
            }
        }
        #[inline]
        fn descriptor(&self) -> &'static ::apierror::Descriptor {
            match self {
                Self::ServerFn { 0: __api_f_0, .. } => {
                    <apierror::server_fn::Failure as ::apierror::ApiError>::descriptor(
                        __api_f_0,
                    )
                }
                Self::UserNotFound { .. } => {
                    ::apierror::__private::descriptor_at(&__API, __api_index(self))
                }
            }
        }
        #[inline]
        fn rate_limit(&self) -> ::core::option::Option<::apierror::RateLimit> {
            match self {
                Self::UserNotFound { .. } => ::core::option::Option::None,
                Self::ServerFn { 0: __api_f_0, .. } => {
                    <apierror::server_fn::Failure as ::apierror::ApiError>::rate_limit(
                        __api_f_0,
                    )
                }
            }
        }
        #[inline]
        fn violations(&self) -> &[::apierror::Violation] {
            match self {
                Self::UserNotFound { .. } => &[],
                Self::ServerFn { 0: __api_f_0, .. } => {
                    <apierror::server_fn::Failure as ::apierror::ApiError>::violations(
                        __api_f_0,
                    )
                }
            }
        }
    }
    #[automatically_derived]
    impl ::apierror::__private::UsesEnvelope for AppError {
        type Envelope = ::apierror::envelope::ErrorObject;
        #[inline]
        fn as_error(&self) -> ::core::option::Option<&dyn ::std::error::Error> {
            #[allow(unused_imports)]
            use ::apierror::__private::{ProbeIsError as _, ProbeNotError as _};
            (&&::apierror::__private::ErrorProbe(self)).__api_as_error()
        }
    }
    ::apierror::__private::glue!(
        [] [AppError] [where] server_fn[Self::ServerFn] [0] [__api_failure_field]
    );
    #[automatically_derived]
    impl ::apierror::__private::CodeItems<2usize, 1usize> for AppError
    where
        for<'__api> apierror::server_fn::Failure: ::apierror::ErrorCodes,
    {
        const TABLE: ::apierror::__private::Table = __API;
        const FIELDS: [::apierror::__private::Field; 1usize] = ::apierror::__private::fields::<
            1usize,
        >(&["id"], &["u64"], &[0]);
        const ITEMS: [::apierror::Item; 2usize] = [
            ::apierror::__private::item::<Self, 2usize, 1usize>(0),
            ::apierror::Item::Transparent(
                &<apierror::server_fn::Failure as ::apierror::ErrorCodes>::CODES,
            ),
        ];
    }
    #[automatically_derived]
    impl ::apierror::ErrorCodes for AppError
    where
        for<'__api> apierror::server_fn::Failure: ::apierror::ErrorCodes,
    {
        const CODES: ::apierror::Codes = ::apierror::Codes::new(
            ::apierror::__private::code_items::<Self, 2usize, 1usize>(),
        );
    }
    ::apierror::__private::client_glue!(
        [] [AppError] [where] [for < '__api > apierror::server_fn::Failure :
        ::apierror::client::Decode,] { fn decode(__api_response : &
        ::apierror::client::ErrorResponse,) -> ::core::option::Option < Self > {
        #[allow(unused_imports)] use ::apierror::__private:: { DelayDecodes as _,
        DelayOpaque as _, DetailDecodes as _, DetailOpaque as _, RateLimitDecodes as _,
        RateLimitOpaque as _, ViolationsDecodes as _, ViolationsOpaque as _, }; if let
        ::core::option::Option::Some(__api_index) =
        ::apierror::__private::code_index(__api_response, & ["USER_NOT_FOUND"]) { return
        match __api_index { 0 => ::core::option::Option::Some(Self::UserNotFound { id :
        (&& ::apierror::__private::FieldProbe:: < u64 > ::new())
        .__api_detail(__api_response, "id") ?, }), _ => ::core::option::Option::None, };
        } if let ::core::option::Option::Some(__api_inner) = <
        apierror::server_fn::Failure as ::apierror::client::Decode >
        ::decode(__api_response) { return ::core::option::Option::Some(Self::ServerFn { 0
        : __api_inner }); } ::core::option::Option::None } }
    );
    const __API: ::apierror::__private::Table = ::apierror::__private::Table {
        codes: &["USER_NOT_FOUND"],
        statuses: &[404],
        retryable: &[],
        messages: &[""],
        unread: &[0],
        summaries: &[],
        descriptions: &[],
        helps: &[],
        retry_after: &[],
        descriptors: &[],
        field_ends: &[1],
    };
    #[inline]
    #[allow(clippy::trivially_copy_pass_by_ref)]
    fn __api_index(__api_self: &AppError) -> usize {
        match __api_self {
            AppError::UserNotFound { .. } => 0,
            AppError::ServerFn { .. } => usize::MAX,
        }
    }
    #[inline]
    fn __api_failure_field(
        __api_failure: ::apierror::server_fn::Failure,
    ) -> apierror::server_fn::Failure {
        __api_failure
    }
};
