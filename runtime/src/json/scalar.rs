//! Details that are scalars (strings, integers, booleans), written without `serde_json`.

use super::buf::Buf;
use super::escape::{string_into, u64_into};

/// Writes `value` as JSON if it is a string, a boolean, an integer, a unit or a newtype or
/// `Some` of one (every `#[api(detail)]` of such a type, the common case), escaping strings as
/// [`string_into`] does; returns `false`, having written nothing, for anything else (numbers
/// with a fraction, sequences, maps, structs…), which the caller hands to `serde_json`.
///
/// A `Serialize` impl makes exactly one call on its serializer, so whatever this one refuses
/// is refused before anything is written; an error the impl returns itself is refused too, and
/// `serde_json` then reports it with its own error type. What is written is byte for byte what
/// `serde_json` writes for the same value.
#[inline]
pub(crate) fn scalar_into<T: serde::Serialize + ?Sized>(buf: &mut Buf, value: &T) -> bool {
    value.serialize(Scalar { buf }).is_ok()
}

/// The serializer of [`scalar_into`]: the scalars, and [`Refused`] for everything else.
struct Scalar<'a> {
    buf: &'a mut Buf,
}

/// Why [`Scalar`] did not write a value: it is not a scalar, or its `Serialize` impl failed.
#[derive(Debug)]
struct Refused;

impl core::fmt::Display for Refused {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("not a scalar")
    }
}

impl std::error::Error for Refused {}

impl serde::ser::Error for Refused {
    fn custom<T: core::fmt::Display>(_: T) -> Self {
        Refused
    }
}

type Compound = serde::ser::Impossible<(), Refused>;

impl serde::Serializer for Scalar<'_> {
    type Ok = ();
    type Error = Refused;
    type SerializeSeq = Compound;
    type SerializeTuple = Compound;
    type SerializeTupleStruct = Compound;
    type SerializeTupleVariant = Compound;
    type SerializeMap = Compound;
    type SerializeStruct = Compound;
    type SerializeStructVariant = Compound;

    #[inline]
    fn serialize_str(self, text: &str) -> Result<(), Refused> {
        string_into(self.buf, text);
        Ok(())
    }

    #[inline]
    fn serialize_bool(self, value: bool) -> Result<(), Refused> {
        self.buf
            .extend_from_slice(if value { b"true" } else { b"false" });
        Ok(())
    }

    fn serialize_i8(self, n: i8) -> Result<(), Refused> {
        self.serialize_i64(n.into())
    }

    fn serialize_i16(self, n: i16) -> Result<(), Refused> {
        self.serialize_i64(n.into())
    }

    fn serialize_i32(self, n: i32) -> Result<(), Refused> {
        self.serialize_i64(n.into())
    }

    fn serialize_i64(self, n: i64) -> Result<(), Refused> {
        self.buf
            .extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
        Ok(())
    }

    fn serialize_u8(self, n: u8) -> Result<(), Refused> {
        self.serialize_u64(n.into())
    }

    fn serialize_u16(self, n: u16) -> Result<(), Refused> {
        self.serialize_u64(n.into())
    }

    fn serialize_u32(self, n: u32) -> Result<(), Refused> {
        self.serialize_u64(n.into())
    }

    fn serialize_u64(self, n: u64) -> Result<(), Refused> {
        u64_into(self.buf, n);
        Ok(())
    }

    fn serialize_f32(self, _: f32) -> Result<(), Refused> {
        Err(Refused)
    }

    fn serialize_f64(self, _: f64) -> Result<(), Refused> {
        Err(Refused)
    }

    fn serialize_char(self, c: char) -> Result<(), Refused> {
        self.serialize_str(c.encode_utf8(&mut [0; 4]))
    }

    fn serialize_bytes(self, _: &[u8]) -> Result<(), Refused> {
        Err(Refused)
    }

    fn serialize_none(self) -> Result<(), Refused> {
        self.serialize_unit()
    }

    #[inline]
    fn serialize_some<T: serde::Serialize + ?Sized>(self, value: &T) -> Result<(), Refused> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Refused> {
        self.buf.extend_from_slice(b"null");
        Ok(())
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Refused> {
        self.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Refused> {
        self.serialize_str(variant)
    }

    #[inline]
    fn serialize_newtype_struct<T: serde::Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Refused> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: serde::Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Refused> {
        Err(Refused)
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Compound, Refused> {
        Err(Refused)
    }

    fn serialize_tuple(self, _: usize) -> Result<Compound, Refused> {
        Err(Refused)
    }

    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Compound, Refused> {
        Err(Refused)
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Compound, Refused> {
        Err(Refused)
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Compound, Refused> {
        Err(Refused)
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound, Refused> {
        Err(Refused)
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Compound, Refused> {
        Err(Refused)
    }

    fn collect_str<T: core::fmt::Display + ?Sized>(self, _: &T) -> Result<(), Refused> {
        Err(Refused)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_are_written_like_serde_json() {
        fn check<T: serde::Serialize + ?Sized>(value: &T, scalar: bool) {
            let mut buf = Buf::new();
            assert_eq!(scalar_into(&mut buf, value), scalar);
            if scalar {
                assert_eq!(buf.as_slice(), serde_json::to_vec(value).unwrap());
            } else {
                assert_eq!(buf.as_slice(), b"");
            }
        }
        check("a\"b\n", true);
        check(&String::from("role_id"), true);
        check(&true, true);
        check(&false, true);
        check(&-42_i32, true);
        check(&i64::MIN, true);
        check(&u64::MAX, true);
        check(&7_u8, true);
        check(&'"', true);
        check(&(), true);
        check(&None::<u8>, true);
        check(&Some("x"), true);
        check(&Some(Some(3_u16)), true);
        check(&std::borrow::Cow::Borrowed("c"), true);
        check(&1.5_f64, false);
        check(&[1, 2], false);
        check(&vec!["a"], false);
        check(&serde_json::json!({"a": 1}), false);
        check(&serde_json::json!("v"), true);
        check(&serde_json::json!(null), true);
        check(&1_u128, false);
        check(b"bytes".as_slice(), false);
    }
}
