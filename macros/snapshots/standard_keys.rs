// Expansion of the `standard_keys` snapshot input (see macros/src/snapshot.rs).
#[allow(deprecated, unused_qualifications)]
const _: () = {
    #[automatically_derived]
    impl ::apierror::ApiError for Shop {
        #[inline]
        fn status(&self) -> ::apierror::StatusCode {
            match self {
                Self::Billing { 0: __api_f_0, .. } => {
                    <BillingError as ::apierror::ApiError>::status(__api_f_0)
                }
                Self::RateLimited { .. } => ::apierror::__private::status(429u16),
                Self::InvalidOrder { .. } => ::apierror::__private::status(422u16),
            }
        }
        #[inline]
        fn code(&self) -> &'static str {
            match self {
                Self::Billing { 0: __api_f_0, .. } => {
                    <BillingError as ::apierror::ApiError>::code(__api_f_0)
                }
                Self::RateLimited { .. } => "RATE_LIMITED",
                Self::InvalidOrder { .. } => "INVALID_ORDER",
            }
        }
        fn message(
            &self,
            __api_out: &mut ::apierror::Message<'_>,
        ) -> ::core::fmt::Result {
            match self {
                Self::Billing { 0: __api_f_0, .. } => {
                    <BillingError as ::apierror::ApiError>::message(__api_f_0, __api_out)
                }
                Self::RateLimited { .. } | Self::InvalidOrder { .. } => {
                    <Self as ::apierror::__private::DisplayMessage>::write_display_message(
                        self,
                        __api_out,
                    )
                }
            }
        }
        #[inline]
        fn retryable(&self) -> bool {
            match self {
                Self::Billing { 0: __api_f_0, .. } => {
                    <BillingError as ::apierror::ApiError>::retryable(__api_f_0)
                }
                Self::RateLimited { .. } => true,
                Self::InvalidOrder { .. } => false,
            }
        }
        #[inline]
        fn retry_after(&self) -> ::core::option::Option<::core::time::Duration> {
            match self {
                Self::Billing { 0: __api_f_0, .. } => {
                    <BillingError as ::apierror::ApiError>::retry_after(__api_f_0)
                }
                Self::RateLimited { .. } | Self::InvalidOrder { .. } => {
                    ::core::option::Option::None
                }
            }
        }
        fn details(
            &self,
            __api_out: &mut ::apierror::Details<'_>,
        ) -> ::core::result::Result<(), ::apierror::RenderError> {
            match self {
                Self::Billing { 0: __api_f_0, .. } => {
                    <BillingError as ::apierror::ApiError>::details(__api_f_0, __api_out)
                }
                Self::RateLimited { .. } | Self::InvalidOrder { .. } => {
                    ::core::result::Result::Ok(())
                }
            }
        }
        #[inline]
        fn type_uri(&self) -> ::core::option::Option<&'static str> {
            match self {
                Self::Billing { 0: __api_f_0, .. } => {
                    <BillingError as ::apierror::ApiError>::type_uri(__api_f_0)
                }
                Self::RateLimited { .. } => {
                    ::core::option::Option::Some(
                        "https://errors.example.com/rate-limited",
                    )
                }
                Self::InvalidOrder { .. } => {
                    ::core::option::Option::Some(
                        "https://errors.example.com/invalid-order",
                    )
                }
            }
        }
        #[inline]
        fn title(&self) -> ::core::option::Option<&'static str> {
            match self {
                Self::Billing { 0: __api_f_0, .. } => {
                    <BillingError as ::apierror::ApiError>::title(__api_f_0)
                }
                Self::RateLimited { .. } => ::core::option::Option::Some("Slow down"),
                Self::InvalidOrder { .. } => ::core::option::Option::None,
            }
        }
        #[inline]
        fn grpc_status(&self) -> ::core::option::Option<&'static str> {
            match self {
                Self::Billing { 0: __api_f_0, .. } => {
                    <BillingError as ::apierror::ApiError>::grpc_status(__api_f_0)
                }
                Self::RateLimited { .. } => ::core::option::Option::Some("UNAVAILABLE"),
                Self::InvalidOrder { .. } => ::core::option::Option::None,
            }
        }
        #[inline]
        fn rate_limit_headers(&self) -> ::apierror::RateLimitHeaders {
            ::apierror::RateLimitHeaders::Ietf
        }
        #[inline]
        fn rate_limit(&self) -> ::core::option::Option<::apierror::RateLimit> {
            match self {
                Self::RateLimited { limit: __api_f_limit, .. } => {
                    <apierror::RateLimit as ::apierror::__private::RateLimitField>::rate_limit(
                        __api_f_limit,
                    )
                }
                Self::Billing { 0: __api_f_0, .. } => {
                    <BillingError as ::apierror::ApiError>::rate_limit(__api_f_0)
                }
                Self::InvalidOrder { .. } => ::core::option::Option::None,
            }
        }
        #[inline]
        fn violations(&self) -> &[::apierror::Violation] {
            match self {
                Self::InvalidOrder { violations: __api_f_violations, .. } => {
                    <Vec<
                        apierror::Violation,
                    > as ::apierror::__private::ViolationsField>::violations(
                        __api_f_violations,
                    )
                }
                Self::Billing { 0: __api_f_0, .. } => {
                    <BillingError as ::apierror::ApiError>::violations(__api_f_0)
                }
                Self::RateLimited { .. } => &[],
            }
        }
        #[inline]
        fn domain(&self) -> ::core::option::Option<&'static str> {
            ::core::option::Option::Some(::core::env!("CARGO_PKG_NAME"))
        }
        #[inline]
        fn version(&self) -> ::core::option::Option<&'static str> {
            ::core::option::Option::Some(::core::env!("CARGO_PKG_VERSION"))
        }
    }
    #[automatically_derived]
    impl ::apierror::__private::UsesEnvelope for Shop {
        type Envelope = apierror::envelope::Problem;
        const NEGOTIATE: bool = true;
        #[inline]
        fn as_error(&self) -> ::core::option::Option<&dyn ::std::error::Error> {
            #[allow(unused_imports)]
            use ::apierror::__private::{ProbeIsError as _, ProbeNotError as _};
            (&&::apierror::__private::ErrorProbe(self)).__api_as_error()
        }
    }
    ::apierror::__private::glue!([] [Shop] [where]);
    #[automatically_derived]
    impl ::apierror::ErrorCodes for Shop
    where
        for<'__api> BillingError: ::apierror::ErrorCodes,
    {
        const CODES: ::apierror::Codes = ::apierror::Codes {
            own: &["RATE_LIMITED", "INVALID_ORDER"],
            inner: &[&<BillingError as ::apierror::ErrorCodes>::CODES],
        };
    }
};
