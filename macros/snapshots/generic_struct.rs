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
            ::apierror::__private::status_at(&__API, 0)
        }
        #[inline]
        fn code(&self) -> &'static str {
            __API.codes[0]
        }
        fn message(
            &self,
            __api_out: &mut ::apierror::Message<'_>,
        ) -> ::core::fmt::Result {
            match self {
                Self { kind: __api_f_kind, id: __api_f_id, .. } => {
                    use ::apierror::__private::{ArgDisplay as _, ArgIsStr as _};
                    ::apierror::__private::write_template(
                        __api_out,
                        __API_TEXT,
                        0,
                        &[
                            (&&::apierror::__private::ArgProbe(__api_f_kind))
                                .__api_arg(),
                            (&&::apierror::__private::ArgProbe(__api_f_id)).__api_arg(),
                        ],
                    )
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
                    )
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
    impl<K: Clone> ::apierror::__private::CodeItems<1usize, 1usize> for NotFound<K>
    where
        K: core::fmt::Debug,
        K: ::core::fmt::Display,
        K: ::apierror::__private::Serialize,
    {
        const TABLE: ::apierror::__private::Table = __API;
        const FIELDS: [::apierror::__private::Field; 1usize] = ::apierror::__private::fields::<
            1usize,
        >(&["id"], &["K"], &[0]);
        const ITEMS: [::apierror::Item; 1usize] = ::apierror::__private::items::<
            Self,
            1usize,
            1usize,
        >();
    }
    #[automatically_derived]
    impl<K: Clone> ::apierror::ErrorCodes for NotFound<K>
    where
        K: core::fmt::Debug,
        K: ::core::fmt::Display,
        K: ::apierror::__private::Serialize,
    {
        const CODES: ::apierror::Codes = ::apierror::Codes::new(
            ::apierror::__private::code_items::<Self, 1usize, 1usize>(),
        );
    }
    ::apierror::__private::client_glue!(
        [< K : Clone >] [NotFound < K >] [where K : core::fmt::Debug, K :
        ::core::fmt::Display, K : ::apierror::__private::Serialize,] [] { fn
        decode(__api_response : & ::apierror::client::ErrorResponse,) ->
        ::core::option::Option < Self > { ::core::option::Option::None } }
    );
    const __API_TEXT: &[::apierror::__private::Literal] = &[
        ::apierror::__private::Literal::new("no "),
        ::apierror::__private::Literal::new(" with id "),
        ::apierror::__private::Literal::new(""),
    ];
    const __API: ::apierror::__private::Table = ::apierror::__private::Table {
        codes: &["NOT_FOUND"],
        statuses: &[404],
        retryable: &[],
        messages: &["no {kind} with id {id}"],
        unread: &[],
        summaries: &[],
        descriptions: &[],
        helps: &[],
        retry_after: &[],
        descriptors: &[],
        field_ends: &[1],
    };
};
