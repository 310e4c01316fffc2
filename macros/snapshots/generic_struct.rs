// Expansion of the `generic_struct` snapshot input (see macros/src/snapshot.rs).
#[allow(deprecated, unused_qualifications)]
const _: () = {
    #[automatically_derived]
    impl<K: Clone> ::apierror::ApiError for NotFound<K>
    where
        K: core::fmt::Debug,
        K: ::core::fmt::Display,
        K: ::apierror::__private::Serialize,
    {
        const API: ::apierror::Api = ::apierror::__private::api(
            ::core::option_env!("CARGO_PKG_NAME"),
            ::core::option_env!("CARGO_PKG_VERSION"),
        );
        #[inline]
        fn status(&self) -> ::apierror::StatusCode {
            match self {
                Self { .. } => ::apierror::__private::status(404u16),
            }
        }
        #[inline]
        fn code(&self) -> &'static str {
            match self {
                Self { .. } => "NOT_FOUND",
            }
        }
        fn message(
            &self,
            __api_out: &mut ::apierror::Message<'_>,
        ) -> ::core::fmt::Result {
            match self {
                Self { kind: __api_f_kind, id: __api_f_id, .. } => {
                    ::apierror::__private::write_literal(
                        __api_out,
                        const { ::apierror::__private::Literal::new("no ") },
                    )?;
                    ::core::fmt::Write::write_fmt(
                        __api_out,
                        ::core::format_args!("{}", __api_f_kind),
                    )?;
                    ::apierror::__private::write_literal(
                        __api_out,
                        const { ::apierror::__private::Literal::new(" with id ") },
                    )?;
                    ::core::fmt::Write::write_fmt(
                        __api_out,
                        ::core::format_args!("{}", __api_f_id),
                    )?;
                    ::core::result::Result::Ok(())
                }
            }
        }
        fn details(
            &self,
            __api_out: &mut ::apierror::Details<'_>,
        ) -> ::core::result::Result<(), ::apierror::WriteError> {
            match self {
                Self { id: __api_f_id, .. } => {
                    <K as ::apierror::__private::Detail>::write(
                        __api_f_id,
                        "id",
                        __api_out,
                    )?;
                    ::core::result::Result::Ok(())
                }
            }
        }
    }
    #[automatically_derived]
    impl<K: Clone> ::apierror::__private::UsesEnvelope for NotFound<K>
    where
        K: core::fmt::Debug,
        K: ::core::fmt::Display,
        K: ::apierror::__private::Serialize,
    {
        type Envelope = ::apierror::envelope::ErrorObject;
        #[inline]
        fn as_error(&self) -> ::core::option::Option<&dyn ::std::error::Error> {
            #[allow(unused_imports)]
            use ::apierror::__private::{ProbeIsError as _, ProbeNotError as _};
            (&&::apierror::__private::ErrorProbe(self)).__api_as_error()
        }
    }
    ::apierror::__private::glue!(
        [< K : Clone >] [NotFound < K >] [where K : core::fmt::Debug, K :
        ::core::fmt::Display, K : ::apierror::__private::Serialize,]
    );
    #[automatically_derived]
    impl<K: Clone> ::apierror::ErrorCodes for NotFound<K>
    where
        K: core::fmt::Debug,
        K: ::core::fmt::Display,
        K: ::apierror::__private::Serialize,
    {
        const CODES: ::apierror::Codes = ::apierror::Codes::new(
            &[
                ::apierror::Item::Code(
                    ::apierror::__private::entry("NOT_FOUND", 404u16)
                        .with_message("no {kind} with id {id}")
                        .with_fields(
                            &[
                                ::apierror::__private::field(
                                    "id",
                                    "K",
                                    ::apierror::catalog::FieldRole::Detail,
                                ),
                            ],
                        ),
                ),
            ],
        );
    }
    ::apierror::__private::client_glue!(
        [< K : Clone >] [NotFound < K >] [where K : core::fmt::Debug, K :
        ::core::fmt::Display, K : ::apierror::__private::Serialize,] [] { fn
        decode(__api_response : & ::apierror::client::ErrorResponse,) ->
        ::core::option::Option < Self > { ::core::option::Option::None } }
    );
};
