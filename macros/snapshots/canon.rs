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
            match self {
                Self::RateLimited { .. } => ::apierror::__private::status(429u16),
                Self::InvalidParameters { .. } => ::apierror::__private::status(400u16),
                Self::Internal { .. } => ::apierror::__private::status(500u16),
            }
        }
        #[inline]
        fn code(&self) -> &'static str {
            match self {
                Self::RateLimited { .. } => "RATE_LIMITED",
                Self::InvalidParameters { .. } => "INVALID_PARAMETERS",
                Self::Internal { .. } => "INTERNAL_ERROR",
            }
        }
        fn message(
            &self,
            __api_out: &mut ::apierror::Message<'_>,
        ) -> ::core::fmt::Result {
            match self {
                Self::InvalidParameters { field: __api_f_field, .. } => {
                    ::apierror::__private::write_literal(
                        __api_out,
                        const { ::apierror::__private::Literal::new("The '") },
                    )?;
                    ::core::fmt::Write::write_fmt(
                        __api_out,
                        ::core::format_args!("{}", __api_f_field),
                    )?;
                    ::apierror::__private::write_literal(
                        __api_out,
                        const {
                            ::apierror::__private::Literal::new("' field is required")
                        },
                    )?;
                    ::core::result::Result::Ok(())
                }
                Self::RateLimited { .. } => {
                    ::apierror::__private::write_literal(
                        __api_out,
                        const {
                            ::apierror::__private::Literal::new(
                                "Rate limit exceeded. Please retry after the specified period.",
                            )
                        },
                    )?;
                    ::core::result::Result::Ok(())
                }
                Self::Internal { .. } => {
                    ::apierror::__private::write_literal(
                        __api_out,
                        const {
                            ::apierror::__private::Literal::new("Internal Server Error")
                        },
                    )?;
                    ::core::result::Result::Ok(())
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
                Self::InvalidParameters { .. } | Self::Internal { .. } => {
                    ::core::option::Option::None
                }
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
                    )?;
                    ::core::result::Result::Ok(())
                }
                Self::RateLimited { .. } | Self::Internal { .. } => {
                    ::core::result::Result::Ok(())
                }
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
    impl ::apierror::ErrorCodes for Canon {
        const CODES: ::apierror::Codes = ::apierror::Codes::new(
            &[
                ::apierror::Item::Code(
                    ::apierror::__private::entry("RATE_LIMITED", 429u16)
                        .with_message(
                            "Rate limit exceeded. Please retry after the specified period.",
                        )
                        .with_fields(
                            &[
                                ::apierror::__private::field(
                                    "wait",
                                    "std::time::Duration",
                                    ::apierror::catalog::FieldRole::RetryAfter,
                                ),
                            ],
                        ),
                ),
                ::apierror::Item::Code(
                    ::apierror::__private::entry("INVALID_PARAMETERS", 400u16)
                        .with_message("The '{field}' field is required")
                        .with_fields(
                            &[
                                ::apierror::__private::field(
                                    "field",
                                    "String",
                                    ::apierror::catalog::FieldRole::Detail,
                                ),
                                ::apierror::__private::field(
                                    "requirement",
                                    "String",
                                    ::apierror::catalog::FieldRole::Detail,
                                ),
                            ],
                        ),
                ),
                ::apierror::Item::Code(
                    ::apierror::__private::entry("INTERNAL_ERROR", 500u16)
                        .with_message("Internal Server Error"),
                ),
            ],
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
};
