// Expansion of the `standard_keys` snapshot input (see macros/src/snapshot.rs).
#[allow(deprecated, unused_qualifications)]
const _: () = {
    #[automatically_derived]
    impl ::apierror::ApiError for Shop {
        const API: ::apierror::Api = ::apierror::__private::api(
                ::core::option_env!("CARGO_PKG_NAME"),
                ::core::option_env!("CARGO_PKG_VERSION"),
            )
            .with_rate_limit_headers(::apierror::RateLimitHeaders::Ietf)
            .with_log(::apierror::LogLevel::Info);
        #[inline]
        fn status(&self) -> ::apierror::StatusCode {
            match self {
                Self::Billing { 0: __api_f_0, .. } => {
                    <BillingError as ::apierror::ApiError>::status(__api_f_0)
                }
                _ => ::apierror::__private::status_at(&__API, __api_index(self)),
            }
        }
        #[inline]
        fn code(&self) -> &'static str {
            match self {
                Self::Billing { 0: __api_f_0, .. } => {
                    <BillingError as ::apierror::ApiError>::code(__api_f_0)
                }
                _ => __API.codes[__api_index(self)],
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
                _ => {
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
                _ => ::apierror::__private::retryable_at(&__API, __api_index(self)),
            }
        }
        #[inline]
        fn retry_after(&self) -> ::core::option::Option<::core::time::Duration> {
            match self {
                Self::Billing { 0: __api_f_0, .. } => {
                    <BillingError as ::apierror::ApiError>::retry_after(__api_f_0)
                }
                _ => ::core::option::Option::None,
            }
        }
        fn details(
            &self,
            __api_out: &mut ::apierror::Details<'_>,
        ) -> ::core::result::Result<(), ::apierror::WriteError> {
            match self {
                Self::Billing { 0: __api_f_0, .. } => {
                    <BillingError as ::apierror::ApiError>::details(__api_f_0, __api_out)
                }
                _ => ::core::result::Result::Ok(()),
            }
        }
        #[inline]
        fn descriptor(&self) -> &'static ::apierror::Descriptor {
            match self {
                Self::Billing { 0: __api_f_0, .. } => {
                    <BillingError as ::apierror::ApiError>::descriptor(__api_f_0)
                }
                _ => ::apierror::__private::descriptor_at(&__API, __api_index(self)),
            }
        }
        #[inline]
        fn rate_limit(&self) -> ::core::option::Option<::apierror::RateLimit> {
            match self {
                Self::RateLimited { limit: __api_f_limit, .. } => {
                    <apierror::RateLimit as ::apierror::__private::RateLimitField>::rate_limit(
                        __api_f_limit,
                    )
                }
                Self::InvalidOrder { .. } => ::core::option::Option::None,
                Self::Billing { 0: __api_f_0, .. } => {
                    <BillingError as ::apierror::ApiError>::rate_limit(__api_f_0)
                }
            }
        }
        #[inline]
        fn violations(&self) -> &[::apierror::Violation] {
            match self {
                Self::RateLimited { .. } => &[],
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
            }
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
    impl ::apierror::__private::CodeItems<3usize, 2usize> for Shop
    where
        for<'__api> BillingError: ::apierror::ErrorCodes,
    {
        const TABLE: ::apierror::__private::Table = __API;
        const FIELDS: [::apierror::__private::Field; 2usize] = ::apierror::__private::fields::<
            2usize,
        >(
            &["limit", "violations"],
            &["apierror::RateLimit", "Vec<apierror::Violation>"],
            &[2, 3],
        );
        const ITEMS: [::apierror::Item; 3usize] = [
            ::apierror::__private::item::<Self, 3usize, 2usize>(0),
            ::apierror::__private::item::<Self, 3usize, 2usize>(1),
            ::apierror::Item::Transparent(
                &<BillingError as ::apierror::ErrorCodes>::CODES,
            ),
        ];
    }
    #[automatically_derived]
    impl ::apierror::ErrorCodes for Shop
    where
        for<'__api> BillingError: ::apierror::ErrorCodes,
    {
        const CODES: ::apierror::Codes = ::apierror::Codes::new(
            ::apierror::__private::code_items::<Self, 3usize, 2usize>(),
        );
    }
    ::apierror::__private::client_glue!(
        [] [Shop] [where] [for < '__api > BillingError : ::apierror::client::Decode,] {
        fn decode(__api_response : & ::apierror::client::ErrorResponse,) ->
        ::core::option::Option < Self > { #[allow(unused_imports)] use
        ::apierror::__private:: { DelayDecodes as _, DelayOpaque as _, DetailDecodes as
        _, DetailOpaque as _, RateLimitDecodes as _, RateLimitOpaque as _,
        ViolationsDecodes as _, ViolationsOpaque as _, }; if let
        ::core::option::Option::Some(__api_index) =
        ::apierror::__private::code_index(__api_response, & ["RATE_LIMITED",
        "INVALID_ORDER"]) { return match __api_index { 0 =>
        ::core::option::Option::Some(Self::RateLimited { limit : (&&
        ::apierror::__private::FieldProbe:: < apierror::RateLimit > ::new())
        .__api_rate_limit(__api_response) ?, }), 1 =>
        ::core::option::Option::Some(Self::InvalidOrder { violations : (&&
        ::apierror::__private::FieldProbe:: < Vec < apierror::Violation > > ::new())
        .__api_violations(__api_response, "INVALID_ORDER") ?, }), _ =>
        ::core::option::Option::None, }; } if let
        ::core::option::Option::Some(__api_inner) = < BillingError as
        ::apierror::client::Decode > ::decode(__api_response) { return
        ::core::option::Option::Some(Self::Billing { 0 : __api_inner }); }
        ::core::option::Option::None } }
    );
    const __API: ::apierror::__private::Table = ::apierror::__private::Table {
        codes: &["RATE_LIMITED", "INVALID_ORDER"],
        statuses: &[429, 422],
        retryable: &[],
        messages: &["", ""],
        unread: &[0, 1],
        summaries: &[],
        descriptions: &[],
        helps: &[],
        retry_after: &[],
        descriptors: &[
            ::apierror::Descriptor::new()
                .with_type_uri("https://errors.example.com/rate-limited")
                .with_title("Slow down")
                .with_grpc("UNAVAILABLE")
                .with_log(::apierror::LogLevel::Warn),
            ::apierror::Descriptor::new()
                .with_type_uri("https://errors.example.com/invalid-order"),
        ],
        field_ends: &[1, 2],
    };
    #[inline]
    #[allow(clippy::trivially_copy_pass_by_ref)]
    fn __api_index(__api_self: &Shop) -> usize {
        match __api_self {
            Shop::RateLimited { .. } => 0,
            Shop::InvalidOrder { .. } => 1,
            Shop::Billing { .. } => usize::MAX,
        }
    }
};
