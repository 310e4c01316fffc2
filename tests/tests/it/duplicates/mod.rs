//! No envelope ever writes a member name twice in any JSON object, at any level.
//!
//! A detail named like a member the envelope itself writes in the same object (its reserved
//! names), or like a detail already written, is skipped: the envelope's own member wins, so a
//! last-value-wins parser (JavaScript, `serde_json::Value`) still reads the envelope's value.
//!
//! The bodies are checked with a strict parser ([`Strict`]) that rejects a repeated member name
//! at any depth, then with `serde_json::Value`, and the main ones byte for byte against bodies
//! written by hand from the envelopes' documented member order. The bug report's scenario (a
//! derived, negotiated type whose details are named `status`, `code`, `type` and `title`, one
//! of them behind a `transparent` variant) runs through real axum and actix-web servers.

use crate::servers;

use std::collections::HashSet;
use std::fmt;
use std::time::Duration;

use apierror::envelope::{
    DataErrorMeta, Envelope, ErrorCode, ErrorFlag, ErrorMessage, ErrorObject, Google, JsonApi,
    OData, Problem, RequestInfo,
};
use apierror::{ApiError, Details, StatusCode, Violation, WriteError};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{json, Value};
use servers::{client, ActixServer, AxumServer, Received};

// ---------------------------------------------------------------------------------------------
// The strict JSON check
// ---------------------------------------------------------------------------------------------

/// Any JSON value, read only if no object in it, at any depth, names a member twice.
///
/// Names are compared as decoded, so `"a"` and `"\u0061"` are the same name.
struct Strict;

impl<'de> Deserialize<'de> for Strict {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(StrictVisitor)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Strict;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value without repeated member names")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Strict, E> {
        Ok(Strict)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Strict, E> {
        Ok(Strict)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Strict, E> {
        Ok(Strict)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Strict, E> {
        Ok(Strict)
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Strict, E> {
        Ok(Strict)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Strict, E> {
        Ok(Strict)
    }

    fn visit_none<E: de::Error>(self) -> Result<Strict, E> {
        Ok(Strict)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Strict, A::Error> {
        while seq.next_element::<Strict>()?.is_some() {}
        Ok(Strict)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Strict, A::Error> {
        let mut names = HashSet::new();
        while let Some(name) = map.next_key::<String>()? {
            if !names.insert(name.clone()) {
                return Err(de::Error::custom(format_args!(
                    "member name {name:?} appears twice in one object"
                )));
            }
            map.next_value::<Strict>()?;
        }
        Ok(Strict)
    }
}

/// Status `status`, code `CROWDED`, a 1.5 s retry delay, two violations, and the details
/// `a` (1), each of [`RESERVED_NAMES`] (`"d-<name>"`), `a` again (2) and `ordinary` (`"kept"`).
#[derive(Debug)]
struct Crowded {
    status: StatusCode,
    violations: Vec<Violation>,
}

impl Crowded {
    fn new(status: u16) -> Self {
        Crowded {
            status: StatusCode::from_u16(status).unwrap(),
            violations: vec![
                Violation::field("user.name", "is required").with_code("REQUIRED"),
                Violation::field("emails[0]", "is not an email"),
            ],
        }
    }
}

impl ApiError for Crowded {
    fn status(&self) -> StatusCode {
        self.status
    }

    fn code(&self) -> &'static str {
        "CROWDED"
    }

    fn retry_after(&self) -> Option<Duration> {
        Some(Duration::from_millis(1500))
    }

    fn violations(&self) -> &[Violation] {
        &self.violations
    }

    fn details(&self, out: &mut Details<'_>) -> Result<(), WriteError> {
        out.field("a", &1)?;
        for name in RESERVED_NAMES {
            out.field(name, &format!("d-{name}"))?;
        }
        out.field("a", &2)?; // already written: skipped
        out.field("ordinary", "kept")
    }
}
// ---------------------------------------------------------------------------------------------
// The bug report: a negotiated derived type, through real servers
// ---------------------------------------------------------------------------------------------

/// The inner type: its `status` detail is invisible to the outer type's derive.
#[derive(Debug, thiserror::Error, apierror::ApiError)]
#[error("inner failed")]
#[api(status = 422, code = "INNER_FAILED")]
struct Inner {
    #[api(detail)]
    status: &'static str,
    #[api(detail)]
    depth: u32,
}

#[derive(Debug, thiserror::Error, apierror::ApiError)]
#[api(negotiate)]
enum Names {
    #[error("names clash")]
    #[api(status = 409)]
    Clash {
        #[api(detail)]
        status: &'static str,
        #[api(detail)]
        code: &'static str,
        #[api(detail)]
        r#type: &'static str,
        #[api(detail)]
        title: &'static str,
        #[api(detail)]
        ordinary: &'static str,
    },
    #[error(transparent)]
    #[api(transparent)]
    Wrapped(#[from] Inner),
}

mod bug_report;
mod reserved_names;
mod strict_json;

use reserved_names::{assert_body, RESERVED_NAMES};
use strict_json::{rejected_as_duplicate, strict};
