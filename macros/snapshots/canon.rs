// Expansion of the `canon` snapshot input (see macros/src/snapshot.rs).
#[allow(deprecated, unused_qualifications)]
const _: () = {
    #[automatically_derived]
    impl ::apierror::ApiError for Canon {
        const API: ::apierror::Api = ::apierror::__private::api(
            ::core::option::Option::Some("api.example.com"),
            ::core::option::Option::Some("1.0.0"),
        );
        #[inline]
        fn status(&self) -> ::apierror::StatusCode {
            ::apierror::__private::status_at(&__API, __api_index(self))
        }
        #[inline]
        fn code(&self) -> &'static str {
            __API.codes[__api_index(self)]
        }
        fn message(
            &self,
            __api_out: &mut ::apierror::Message<'_>,
        ) -> ::core::fmt::Result {
            match self {
                Self::RateLimited { .. } => {
                    ::apierror::__private::write_literal(__api_out, __API_TEXT[0])
                }
                Self::InvalidParameters { field: __api_f_field, .. } => {
                    use ::apierror::__private::{ArgDisplay as _, ArgIsStr as _};
                    ::apierror::__private::write_template(
                        __api_out,
                        __API_TEXT,
                        1,
                        &[(&&::apierror::__private::ArgProbe(__api_f_field)).__api_arg()],
                    )
                }
                Self::Internal { .. } => {
                    ::apierror::__private::write_literal(__api_out, __API_TEXT[3])
                }
            }
        }
        #[inline]
        fn retry_after(&self) -> ::core::option::Option<::core::time::Duration> {
            match self {
                Self::RateLimited { wait: __api_f_wait, .. } => {
                    <std::time::Duration as ::apierror::__private::RetryAfterField>::retry_after(
                        __api_f_wait,
                    )
                }
                _ => ::core::option::Option::None,
            }
        }
        fn details(
            &self,
            __api_out: &mut ::apierror::Details<'_>,
        ) -> ::core::result::Result<(), ::apierror::WriteError> {
            match self {
                Self::InvalidParameters {
                    field: __api_f_field,
                    requirement: __api_f_requirement,
                    ..
                } => {
                    <String as ::apierror::__private::Detail>::write(
                        __api_f_field,
                        "field",
                        __api_out,
                    )?;
                    <String as ::apierror::__private::Detail>::write(
                        __api_f_requirement,
                        "requirement",
                        __api_out,
                    )
                }
                _ => ::core::result::Result::Ok(()),
            }
        }
    }
    #[automatically_derived]
    impl ::apierror::__private::UsesEnvelope for Canon {
        type Envelope = ::apierror::envelope::ErrorObject;
        #[inline]
        fn as_error(&self) -> ::core::option::Option<&dyn ::std::error::Error> {
            #[allow(unused_imports)]
            use ::apierror::__private::{ProbeIsError as _, ProbeNotError as _};
            (&&::apierror::__private::ErrorProbe(self)).__api_as_error()
        }
    }
    ::apierror::__private::glue!([] [Canon] [where]);
    #[automatically_derived]
    impl ::apierror::__private::CodeItems<3usize, 3usize> for Canon {
        const TABLE: ::apierror::__private::Table = __API;
        const FIELDS: [::apierror::__private::Field; 3usize] = ::apierror::__private::fields::<
            3usize,
        >(
            &["wait", "field", "requirement"],
            &["std::time::Duration", "String", "String"],
            &[1, 0, 0],
        );
        const ITEMS: [::apierror::Item; 3usize] = ::apierror::__private::items::<
            Self,
            3usize,
            3usize,
        >();
    }
    #[automatically_derived]
    impl ::apierror::ErrorCodes for Canon {
        const CODES: ::apierror::Codes = ::apierror::Codes::new(
            ::apierror::__private::code_items::<Self, 3usize, 3usize>(),
        );
    }
    ::apierror::__private::client_glue!(
        [] [Canon] [where] [] { fn decode(__api_response : &
        ::apierror::client::ErrorResponse,) -> ::core::option::Option < Self > {
        #[allow(unused_imports)] use ::apierror::__private:: { DelayDecodes as _,
        DelayOpaque as _, DetailDecodes as _, DetailOpaque as _, RateLimitDecodes as _,
        RateLimitOpaque as _, ViolationsDecodes as _, ViolationsOpaque as _, }; if let
        ::core::option::Option::Some(__api_index) =
        ::apierror::__private::code_index(__api_response, & ["RATE_LIMITED",
        "INVALID_PARAMETERS"]) { return match __api_index { 0 =>
        ::core::option::Option::Some(Self::RateLimited { wait : (&&
        ::apierror::__private::FieldProbe:: < std::time::Duration > ::new())
        .__api_delay(__api_response) ?, }), 1 =>
        ::core::option::Option::Some(Self::InvalidParameters { field : (&&
        ::apierror::__private::FieldProbe:: < String > ::new())
        .__api_detail(__api_response, "field") ?, requirement : (&&
        ::apierror::__private::FieldProbe:: < String > ::new())
        .__api_detail(__api_response, "requirement") ?, }), _ =>
        ::core::option::Option::None, }; } ::core::option::Option::None } }
    );
    const __API_TEXT: &[::apierror::__private::Literal] = &[
        ::apierror::__private::Literal::new(
            "Rate limit exceeded. Please retry after the specified period.",
        ),
        ::apierror::__private::Literal::new("The '"),
        ::apierror::__private::Literal::new("' field is required"),
        ::apierror::__private::Literal::new("Internal Server Error"),
    ];
    const __API: ::apierror::__private::Table = ::apierror::__private::Table {
        codes: &["RATE_LIMITED", "INVALID_PARAMETERS", "INTERNAL_ERROR"],
        statuses: &[429, 400, 500],
        retryable: &[],
        messages: &[
            "Rate limit exceeded. Please retry after the specified period.",
            "The '{field}' field is required",
            "Internal Server Error",
        ],
        unread: &[],
        summaries: &[],
        descriptions: &[],
        helps: &[],
        retry_after: &[],
        descriptors: &[],
        field_ends: &[1, 3, 3],
    };
    #[inline]
    #[allow(clippy::trivially_copy_pass_by_ref)]
    fn __api_index(__api_self: &Canon) -> usize {
        match __api_self {
            Canon::RateLimited { .. } => 0,
            Canon::InvalidParameters { .. } => 1,
            Canon::Internal { .. } => 2,
        }
    }
};
