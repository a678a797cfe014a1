//! Compact JSON straight into a byte buffer, with fast string escaping.
//!
//! Owns [`to_compact`]: a `serde::Serializer` that writes exactly the bytes
//! of `serde_json::to_vec` (same escapes, same number formatting, fields in
//! the same order; numbers by serde_json's own formatter) but escapes strings by scanning eight bytes at a time for
//! `"`, `\` and control characters and copying clean runs whole, where
//! serde_json looks every byte up in a table. Audit lines are mostly
//! verdict messages and evidence text with nothing to escape, so this is
//! the cost that matters for `--format jsonl`.

use serde::ser::{self, Impossible, Serialize};
use serde_json::ser::{CompactFormatter, Formatter};

/// Appends the compact JSON of `value` to `out` (what
/// `serde_json::to_writer(out, value)` appends, byte for byte).
pub(crate) fn to_compact<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) -> Result<(), Error> {
    value.serialize(&mut Compact { out })
}

/// Why a value could not be written: a map key that is not a string, or
/// an error raised by a `Serialize` implementation.
#[derive(Debug)]
pub(crate) struct Error(String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

impl From<Error> for std::io::Error {
    fn from(e: Error) -> Self {
        std::io::Error::new(std::io::ErrorKind::InvalidData, e)
    }
}

struct Compact<'a> {
    out: &'a mut Vec<u8>,
}

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

/// Whether any byte of `x` is `"`, `\` or below 0x20 (SWAR: a byte is
/// flagged exactly when it is one of those; bytes ≥ 0x80 never are).
#[inline]
fn needs_escape(x: u64) -> bool {
    let below_space = x.wrapping_sub(LO * 0x20);
    let quote = x ^ (LO * b'"' as u64);
    let backslash = x ^ (LO * b'\\' as u64);
    let zero_q = quote.wrapping_sub(LO) & !quote;
    let zero_b = backslash.wrapping_sub(LO) & !backslash;
    ((below_space & !x) | zero_q | zero_b) & HI != 0
}

/// Whether any byte of `bytes` (at most 8) needs an escape.
#[inline]
fn block_needs_escape(bytes: &[u8]) -> bool {
    let mut word = [b'a'; 8];
    word[..bytes.len()].copy_from_slice(bytes);
    needs_escape(u64::from_le_bytes(word))
}

/// Appends `s` as a JSON string (quotes included), escaping like serde_json.
#[inline]
pub(crate) fn write_str(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    let clean = if bytes.len() <= 8 {
        !block_needs_escape(bytes)
    } else {
        let chunks = bytes.chunks_exact(8);
        let tail = chunks.remainder();
        let mut dirty = false;
        for chunk in chunks {
            let word: [u8; 8] = chunk.try_into().unwrap_or([0; 8]);
            dirty |= needs_escape(u64::from_le_bytes(word));
        }
        !(dirty || block_needs_escape(tail))
    };
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    if clean {
        out.extend_from_slice(bytes);
    } else {
        write_escaped(out, bytes);
    }
    out.push(b'"');
}

/// `"key":` — [`write_str`] and the colon, always inlined (see
/// [`Seq::field`]).
#[inline(always)]
fn write_key(out: &mut Vec<u8>, key: &str) {
    let bytes = key.as_bytes();
    if bytes.len() <= 8 && !block_needs_escape(bytes) {
        out.reserve(bytes.len() + 3);
        out.push(b'"');
        out.extend_from_slice(bytes);
        out.extend_from_slice(b"\":");
    } else {
        write_str(out, key);
        out.push(b':');
    }
}

/// The escaped contents of a string that has something to escape.
#[cold]
fn write_escaped(out: &mut Vec<u8>, bytes: &[u8]) {
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let escape: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0C => b"\\f",
            0x00..=0x1F => &[],
            _ => continue,
        };
        out.extend_from_slice(&bytes[start..i]);
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(b >> 4)],
                HEX[usize::from(b & 0xF)],
            ]);
        } else {
            out.extend_from_slice(escape);
        }
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
}

/// Numbers: formatted by serde_json's own `CompactFormatter`, so they are
/// its bytes exactly (non-finite floats are `null`, as serde_json writes).
macro_rules! numbers {
    ($($name:ident: $ty:ty => $write:ident),*) => {
        $(fn $name(self, v: $ty) -> Result<(), Error> {
            CompactFormatter.$write(&mut *self.out, v).map_err(|e| Error(e.to_string()))
        })*
    };
}

macro_rules! floats {
    ($($name:ident: $ty:ty => $write:ident),*) => {
        $(fn $name(self, v: $ty) -> Result<(), Error> {
            if !v.is_finite() {
                return self.serialize_unit();
            }
            CompactFormatter.$write(&mut *self.out, v).map_err(|e| Error(e.to_string()))
        })*
    };
}

impl<'a, 'b> ser::Serializer for &'a mut Compact<'b> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Seq<'a, 'b>;
    type SerializeTuple = Seq<'a, 'b>;
    type SerializeTupleStruct = Seq<'a, 'b>;
    type SerializeTupleVariant = Seq<'a, 'b>;
    type SerializeMap = Seq<'a, 'b>;
    type SerializeStruct = Seq<'a, 'b>;
    type SerializeStructVariant = Seq<'a, 'b>;

    numbers!(serialize_i8: i8 => write_i8, serialize_i16: i16 => write_i16,
        serialize_i32: i32 => write_i32, serialize_i64: i64 => write_i64,
        serialize_i128: i128 => write_i128, serialize_u8: u8 => write_u8,
        serialize_u16: u16 => write_u16, serialize_u32: u32 => write_u32,
        serialize_u64: u64 => write_u64, serialize_u128: u128 => write_u128);
    floats!(serialize_f32: f32 => write_f32, serialize_f64: f64 => write_f64);

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.out
            .extend_from_slice(if v { b"true" } else { b"false" });
        Ok(())
    }

    fn serialize_char(self, v: char) -> Result<(), Error> {
        write_str(self.out, v.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        write_str(self.out, v);
        Ok(())
    }

    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        use ser::SerializeSeq;
        let mut seq = self.serialize_seq(Some(v.len()))?;
        for b in v {
            seq.serialize_element(b)?;
        }
        seq.end()
    }

    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Error> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.out.push(b'{');
        write_str(self.out, variant);
        self.out.push(b':');
        value.serialize(&mut *self)?;
        self.out.push(b'}');
        Ok(())
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Seq<'a, 'b>, Error> {
        self.out.push(b'[');
        Ok(Seq {
            c: self,
            first: true,
            close: b"]",
        })
    }

    fn serialize_tuple(self, len: usize) -> Result<Seq<'a, 'b>, Error> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Seq<'a, 'b>, Error> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Seq<'a, 'b>, Error> {
        self.out.push(b'{');
        write_str(self.out, variant);
        self.out.extend_from_slice(b":[");
        Ok(Seq {
            c: self,
            first: true,
            close: b"]}",
        })
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Seq<'a, 'b>, Error> {
        self.out.push(b'{');
        Ok(Seq {
            c: self,
            first: true,
            close: b"}",
        })
    }

    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Seq<'a, 'b>, Error> {
        self.serialize_map(Some(len))
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Seq<'a, 'b>, Error> {
        self.out.push(b'{');
        write_str(self.out, variant);
        self.out.extend_from_slice(b":{");
        Ok(Seq {
            c: self,
            first: true,
            close: b"}}",
        })
    }
}

/// An open array or object.
pub(crate) struct Seq<'a, 'b> {
    c: &'a mut Compact<'b>,
    first: bool,
    close: &'static [u8],
}

impl Seq<'_, '_> {
    #[inline(always)]
    fn comma(&mut self) {
        if !self.first {
            self.c.out.push(b',');
        }
        self.first = false;
    }

    /// A struct's field. Inlined into each derived `serialize` (with
    /// `serialize_field` and [`write_key`]), where the name is a constant:
    /// its scan folds away and its copy is a few moves instead of a
    /// `memcpy` call; an audit line has some 400 field names.
    #[inline(always)]
    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), Error> {
        self.comma();
        write_key(self.c.out, key);
        value.serialize(&mut *self.c)
    }

    fn close(self) -> Result<(), Error> {
        self.c.out.extend_from_slice(self.close);
        Ok(())
    }
}

macro_rules! seq_like {
    ($($tr:ident :: $method:ident),*) => {
        $(impl ser::$tr for Seq<'_, '_> {
            type Ok = ();
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                self.comma();
                value.serialize(&mut *self.c)
            }
            fn end(self) -> Result<(), Error> {
                self.close()
            }
        })*
    };
}

seq_like!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeStruct for Seq<'_, '_> {
    type Ok = ();
    type Error = Error;
    #[inline(always)]
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.field(key, value)
    }
    fn end(self) -> Result<(), Error> {
        self.close()
    }
}

impl ser::SerializeStructVariant for Seq<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.field(key, value)
    }
    fn end(self) -> Result<(), Error> {
        self.close()
    }
}

impl ser::SerializeMap for Seq<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.comma();
        key.serialize(MapKey {
            out: &mut *self.c.out,
        })?;
        self.c.out.push(b':');
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut *self.c)
    }
    fn end(self) -> Result<(), Error> {
        self.close()
    }
}

/// A map key: strings as they are, integers, chars and bools quoted (as
/// serde_json does); anything else is an error.
struct MapKey<'a> {
    out: &'a mut Vec<u8>,
}

impl MapKey<'_> {
    fn quoted<T: std::fmt::Display>(self, v: T) -> Result<(), Error> {
        write_str(self.out, &v.to_string());
        Ok(())
    }
}

fn key_must_be_a_string() -> Error {
    Error("key must be a string".into())
}

macro_rules! quoted_keys {
    ($($name:ident: $ty:ty),*) => {
        $(fn $name(self, v: $ty) -> Result<(), Error> {
            self.quoted(v)
        })*
    };
}

impl ser::Serializer for MapKey<'_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Impossible<(), Error>;
    type SerializeStructVariant = Impossible<(), Error>;

    quoted_keys!(serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_i128: i128, serialize_u8: u8, serialize_u16: u16, serialize_u32: u32,
        serialize_u64: u64, serialize_u128: u128, serialize_bool: bool, serialize_char: char);

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        write_str(self.out, v);
        Ok(())
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_f32(self, _: f32) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_f64(self, _: f64) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_none(self) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_unit(self) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Error> {
        Err(key_must_be_a_string())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(key_must_be_a_string())
    }
}
