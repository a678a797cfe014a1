//! The intermediate form of a call record, between JSON and [`Call`]: the
//! format's fields, each absent, of the expected JSON type, or of another
//! type (kept for the error message). Both ways in produce it and one
//! validator ([`super::validate`]) turns it into a [`Call`] or the field
//! errors, so the two cannot disagree:
//!
//! - the fast path derives it straight from the record's bytes, borrowing
//!   strings without escapes. It accepts only records where every field has
//!   its expected type (it never produces [`Slot::Bad`] or [`Elem::Bad`]);
//!   anything else (wrong type, duplicate key, a root that is not an object,
//!   bad JSON) fails it, and the record is read again through
//! - the `Value` path ([`RawCall::from_map`]), which sorts a parsed
//!   `serde_json::Value` into the same form, keeping wrongly typed values.
//!
//! Unknown fields are parsed as strictly as the `Value` path parses them
//! (see [`Unknown`]) so that a record that is not valid JSON never gets
//! through the fast path.
//!
//! [`Call`]: crate::call::Call

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize as DeriveDeserialize;
use serde_json::{Map, Number, Value};

/// An optional field: absent (or `null`), as expected, or of another type.
///
/// The wrongly typed JSON is boxed: only the `Value` path makes it, and a
/// `Value` inline would make every slot (and so every utterance of every
/// record the fast path builds and moves) several words larger.
#[derive(Debug, Default, PartialEq)]
pub(crate) enum Slot<T> {
    #[default]
    Absent,
    Ok(T),
    Bad(Box<Value>),
}

impl<T> Slot<T> {
    /// `None` when absent, else the value or the wrongly typed JSON.
    pub(crate) fn present(self) -> Option<Result<T, Value>> {
        match self {
            Slot::Absent => None,
            Slot::Ok(v) => Some(Ok(v)),
            Slot::Bad(v) => Some(Err(*v)),
        }
    }
}

/// An array element or a tag value (where `null` is a wrong type, not
/// absence).
#[derive(Debug, PartialEq)]
pub(crate) enum Elem<T> {
    Ok(T),
    Bad(Box<Value>),
}

impl<T> Elem<T> {
    pub(crate) fn into_result(self) -> Result<T, Value> {
        match self {
            Elem::Ok(v) => Ok(v),
            Elem::Bad(v) => Err(*v),
        }
    }
}

/// A JSON string, borrowed from the record when it has no escapes.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Text<'a>(pub(crate) Cow<'a, str>);

impl Text<'_> {
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }

    pub(crate) fn into_string(self) -> String {
        self.0.into_owned()
    }
}

/// An id: a string, or a JSON integer as its decimal text.
#[derive(Debug, PartialEq)]
pub(crate) enum Id<'a> {
    Text(Text<'a>),
    Int(String),
}

/// A tag value: a string, or a JSON number or boolean as its JSON text.
#[derive(Debug, PartialEq)]
pub(crate) enum TagValue<'a> {
    Text(Text<'a>),
    Scalar(String),
}

pub(crate) type Tags<'a> = BTreeMap<Text<'a>, Elem<TagValue<'a>>>;

#[derive(Debug, Default, PartialEq, DeriveDeserialize)]
pub(crate) struct RawCall<'a> {
    #[serde(default, borrow)]
    pub(crate) id: Slot<Id<'a>>,
    #[serde(default, borrow)]
    pub(crate) direction: Slot<Text<'a>>,
    #[serde(default, borrow)]
    pub(crate) started_at: Slot<Text<'a>>,
    #[serde(default, borrow)]
    pub(crate) language: Slot<Text<'a>>,
    #[serde(default, borrow)]
    pub(crate) company: Slot<Text<'a>>,
    #[serde(default, borrow)]
    pub(crate) department: Slot<Text<'a>>,
    #[serde(default, borrow)]
    pub(crate) operator: Slot<RawOperator<'a>>,
    #[serde(default, borrow)]
    pub(crate) client: Slot<RawClient<'a>>,
    #[serde(default, borrow)]
    pub(crate) tags: Slot<Tags<'a>>,
    #[serde(default, borrow)]
    pub(crate) events: Slot<Vec<Elem<RawEvent<'a>>>>,
    #[serde(default, borrow)]
    pub(crate) utterances: Slot<Vec<Elem<RawUtterance<'a>>>>,
    #[serde(flatten)]
    pub(crate) unknown: Unknown,
}

#[derive(Debug, Default, PartialEq, DeriveDeserialize)]
pub(crate) struct RawOperator<'a> {
    #[serde(default, borrow)]
    pub(crate) id: Slot<Id<'a>>,
    #[serde(default, borrow)]
    pub(crate) name: Slot<Text<'a>>,
    #[serde(flatten)]
    pub(crate) unknown: Unknown,
}

#[derive(Debug, Default, PartialEq, DeriveDeserialize)]
pub(crate) struct RawClient<'a> {
    #[serde(default, borrow)]
    pub(crate) id: Slot<Id<'a>>,
    #[serde(default, borrow)]
    pub(crate) name: Slot<Text<'a>>,
    #[serde(default, borrow)]
    pub(crate) number: Slot<Text<'a>>,
    #[serde(default)]
    pub(crate) third_party: Slot<bool>,
    #[serde(flatten)]
    pub(crate) unknown: Unknown,
}

#[derive(Debug, Default, PartialEq, DeriveDeserialize)]
pub(crate) struct RawEvent<'a> {
    #[serde(default)]
    pub(crate) at: Slot<f64>,
    #[serde(default, borrow, rename = "type")]
    pub(crate) kind: Slot<Text<'a>>,
    #[serde(default, borrow)]
    pub(crate) by: Slot<Text<'a>>,
    #[serde(default, borrow)]
    pub(crate) to: Slot<Text<'a>>,
    #[serde(flatten)]
    pub(crate) unknown: Unknown,
}

#[derive(Debug, Default, PartialEq, DeriveDeserialize)]
pub(crate) struct RawUtterance<'a> {
    #[serde(default, borrow)]
    pub(crate) speaker: Slot<Text<'a>>,
    #[serde(default)]
    pub(crate) start: Slot<f64>,
    #[serde(default)]
    pub(crate) end: Slot<f64>,
    /// Required: `null` is a wrong type here, not absence.
    #[serde(default, borrow, deserialize_with = "non_null")]
    pub(crate) text: Slot<Text<'a>>,
    #[serde(default, borrow)]
    pub(crate) words: Slot<Vec<Elem<RawWord<'a>>>>,
    #[serde(flatten)]
    pub(crate) unknown: Unknown,
}

#[derive(Debug, Default, PartialEq, DeriveDeserialize)]
pub(crate) struct RawWord<'a> {
    #[serde(default, borrow)]
    pub(crate) w: Slot<Text<'a>>,
    #[serde(default)]
    pub(crate) start: Slot<f64>,
    #[serde(default)]
    pub(crate) end: Slot<f64>,
    #[serde(default)]
    pub(crate) conf: Slot<f64>,
    #[serde(flatten)]
    pub(crate) unknown: Unknown,
}

// ---------------------------------------------------------------------------
// The fast path: straight from the bytes.

/// Parses a record into its intermediate form, or `None` when it needs the
/// `Value` path (see the module docs). The bytes must be UTF-8: the caller
/// checks (serde_json does not check strings it skips). The hand-written
/// reader of the common shape first ([`super::direct`]), then serde's.
pub(crate) fn from_str(text: &str) -> Option<RawCall<'_>> {
    super::direct::read(text).or_else(|| from_str_serde(text))
}

/// The derived serde reader alone: the reference the hand-written one is
/// held to.
pub(crate) fn from_str_serde(text: &str) -> Option<RawCall<'_>> {
    serde_json::from_str(text).ok()
}

/// Unknown fields, parsed as `Value` would parse them (every string and
/// number read, so bad escapes and out-of-range numbers are errors as they
/// are there) and dropped. Also what makes the derived structs accept only
/// JSON objects: a struct with a `flatten` field is read as a map only, never
/// from an array.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Unknown;

impl<'de> Deserialize<'de> for Unknown {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // `flatten` has buffered the unknown entries, fully parsed; drain.
        d.deserialize_map(UnknownVisitor)
    }
}

struct UnknownVisitor;

impl<'de> Visitor<'de> for UnknownVisitor {
    type Value = Unknown;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a map")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Unknown, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Unknown)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Slot<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match Option::<T>::deserialize(d)? {
            Some(v) => Slot::Ok(v),
            None => Slot::Absent,
        })
    }
}

fn non_null<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Slot<T>, D::Error> {
    T::deserialize(d).map(Slot::Ok)
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Elem<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::deserialize(d).map(Elem::Ok)
    }
}

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v))
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(TextVisitor).map(Text)
    }
}

/// Strings, integers, and (for tags) booleans and floats.
struct ScalarVisitor {
    tag: bool,
}

enum Scalar<'a> {
    Text(Cow<'a, str>),
    Other(String),
}

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string or a number")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Scalar::Text(Cow::Borrowed(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Scalar::Text(Cow::Owned(v.to_owned())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Scalar::Text(Cow::Owned(v)))
    }

    // The texts are those of `serde_json::Number` and `Value`, as in the
    // `Value` path.
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Scalar::Other(Number::from(v).to_string()))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Scalar::Other(Number::from(v).to_string()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        match Number::from_f64(v) {
            Some(n) if self.tag => Ok(Scalar::Other(n.to_string())),
            _ => Err(E::invalid_type(de::Unexpected::Float(v), &self)),
        }
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        if self.tag {
            Ok(Scalar::Other(v.to_string()))
        } else {
            Err(E::invalid_type(de::Unexpected::Bool(v), &self))
        }
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Id<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match d.deserialize_any(ScalarVisitor { tag: false })? {
            Scalar::Text(s) => Id::Text(Text(s)),
            Scalar::Other(s) => Id::Int(s),
        })
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for TagValue<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match d.deserialize_any(ScalarVisitor { tag: true })? {
            Scalar::Text(s) => TagValue::Text(Text(s)),
            Scalar::Other(s) => TagValue::Scalar(s),
        })
    }
}

// ---------------------------------------------------------------------------
// The `Value` path: sorting a parsed value into the same form.

impl RawCall<'static> {
    /// The record's fields, moved out of the map (no string copies).
    pub(crate) fn from_map(mut m: Map<String, Value>) -> RawCall<'static> {
        RawCall {
            id: slot(m.remove("id"), id),
            direction: slot(m.remove("direction"), text),
            started_at: slot(m.remove("started_at"), text),
            language: slot(m.remove("language"), text),
            company: slot(m.remove("company"), text),
            department: slot(m.remove("department"), text),
            operator: slot(m.remove("operator"), |v| {
                object(v, |mut m| RawOperator {
                    id: slot(m.remove("id"), id),
                    name: slot(m.remove("name"), text),
                    unknown: Unknown,
                })
            }),
            client: slot(m.remove("client"), |v| {
                object(v, |mut m| RawClient {
                    id: slot(m.remove("id"), id),
                    name: slot(m.remove("name"), text),
                    number: slot(m.remove("number"), text),
                    third_party: slot(m.remove("third_party"), |v| match v {
                        Value::Bool(b) => Ok(b),
                        other => Err(other),
                    }),
                    unknown: Unknown,
                })
            }),
            tags: slot(m.remove("tags"), |v| object(v, tags)),
            events: slot(m.remove("events"), |v| array(v, event)),
            utterances: slot(m.remove("utterances"), |v| array(v, utterance)),
            unknown: Unknown,
        }
    }
}

/// `null` counts as absent.
fn slot<T>(v: Option<Value>, f: impl FnOnce(Value) -> Result<T, Value>) -> Slot<T> {
    match v {
        None | Some(Value::Null) => Slot::Absent,
        Some(v) => match f(v) {
            Ok(x) => Slot::Ok(x),
            Err(v) => Slot::Bad(Box::new(v)),
        },
    }
}

fn elem<T>(r: Result<T, Value>) -> Elem<T> {
    match r {
        Ok(x) => Elem::Ok(x),
        Err(v) => Elem::Bad(Box::new(v)),
    }
}

fn text(v: Value) -> Result<Text<'static>, Value> {
    match v {
        Value::String(s) => Ok(Text(Cow::Owned(s))),
        other => Err(other),
    }
}

fn id(v: Value) -> Result<Id<'static>, Value> {
    match v {
        Value::String(s) => Ok(Id::Text(Text(Cow::Owned(s)))),
        Value::Number(n) if n.is_i64() || n.is_u64() => Ok(Id::Int(n.to_string())),
        other => Err(other),
    }
}

/// A finite number (JSON numbers always are).
fn number(v: Value) -> Result<f64, Value> {
    match v.as_f64() {
        Some(x) if x.is_finite() => Ok(x),
        _ => Err(v),
    }
}

fn object<T>(v: Value, f: impl FnOnce(Map<String, Value>) -> T) -> Result<T, Value> {
    match v {
        Value::Object(m) => Ok(f(m)),
        other => Err(other),
    }
}

fn array<T>(v: Value, f: impl Fn(Value) -> Result<T, Value>) -> Result<Vec<Elem<T>>, Value> {
    match v {
        Value::Array(items) => Ok(items.into_iter().map(|x| elem(f(x))).collect()),
        other => Err(other),
    }
}

fn tags(m: Map<String, Value>) -> Tags<'static> {
    m.into_iter()
        .map(|(k, v)| {
            let value = match v {
                Value::String(s) => Ok(TagValue::Text(Text(Cow::Owned(s)))),
                Value::Number(n) => Ok(TagValue::Scalar(n.to_string())),
                Value::Bool(b) => Ok(TagValue::Scalar(b.to_string())),
                other => Err(other),
            };
            (Text(Cow::Owned(k)), elem(value))
        })
        .collect()
}

fn event(v: Value) -> Result<RawEvent<'static>, Value> {
    object(v, |mut m| RawEvent {
        at: slot(m.remove("at"), number),
        kind: slot(m.remove("type"), text),
        by: slot(m.remove("by"), text),
        to: slot(m.remove("to"), text),
        unknown: Unknown,
    })
}

fn utterance(v: Value) -> Result<RawUtterance<'static>, Value> {
    object(v, |mut m| RawUtterance {
        speaker: slot(m.remove("speaker"), text),
        start: slot(m.remove("start"), number),
        end: slot(m.remove("end"), number),
        text: match m.remove("text") {
            None => Slot::Absent,
            Some(v) => match text(v) {
                Ok(t) => Slot::Ok(t),
                Err(v) => Slot::Bad(Box::new(v)),
            },
        },
        words: slot(m.remove("words"), |v| array(v, word)),
        unknown: Unknown,
    })
}

fn word(v: Value) -> Result<RawWord<'static>, Value> {
    object(v, |mut m| RawWord {
        w: slot(m.remove("w"), text),
        start: slot(m.remove("start"), number),
        end: slot(m.remove("end"), number),
        conf: slot(m.remove("conf"), number),
        unknown: Unknown,
    })
}
