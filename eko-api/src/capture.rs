//! A request's top-level fields as the JSON text its `Serialize` writes, one field
//! at a time.
//!
//! Preparing a call needs each field on its own (to validate it and to place it in
//! the path, the query or the body) and the body as JSON bytes. Going through a
//! `serde_json::Value` map gave both, but re-spelled numbers (`110.00` became
//! `110.0`, and digits past an `f64`'s precision were lost) and cost an allocation
//! per key and per value. Here each value is written once, by `serde_json` itself,
//! into one buffer, and the body is put together from those slices.

use serde::ser::{self, Impossible, Serialize, SerializeMap, SerializeStruct, Serializer};
use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

/// The fields of one request: names, and the JSON text of each value.
#[derive(Debug, Default)]
pub(crate) struct Captured {
    /// Every value's JSON text, back to back.
    text: String,
    fields: Vec<Field>,
}

#[derive(Debug)]
struct Field {
    name: Cow<'static, str>,
    value: Range<usize>,
}

/// Why a request could not be read: which field, when one is to blame, and what
/// went wrong.
#[derive(Debug)]
pub(crate) struct CaptureError {
    pub(crate) field: Option<String>,
    pub(crate) problem: String,
}

impl Captured {
    /// Writes each top-level field of `request`, which must serialize as a JSON
    /// object (a struct or a map with text keys).
    pub(crate) fn of<T: Serialize + ?Sized>(request: &T) -> Result<Self, CaptureError> {
        let mut writer = Writer {
            // Room for a typical request, so writing it rarely reallocates.
            bytes: Vec::with_capacity(256),
            fields: Vec::with_capacity(8),
        };
        request.serialize(&mut writer)?;
        Ok(Captured {
            // serde_json writes UTF-8 only; this checks it once for all fields.
            text: String::from_utf8(writer.bytes).map_err(|_| CaptureError {
                field: None,
                problem: "could not be serialized as UTF-8 text".to_owned(),
            })?,
            fields: writer.fields,
        })
    }

    /// The JSON text of the field `name`; `None` when it is absent or `null`.
    pub(crate) fn json(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|field| field.name == name)
            .map(|field| &self.text[field.value.clone()])
            .filter(|json| *json != "null")
    }

    /// The fields that hold a value (not `null`), in the order they were written.
    pub(crate) fn present(&self) -> impl Iterator<Item = (&str, &str)> {
        self.fields
            .iter()
            .map(|field| (field.name.as_ref(), &self.text[field.value.clone()]))
            .filter(|(_, json)| *json != "null")
    }

    /// The length of all the fields' JSON text together.
    pub(crate) fn text_len(&self) -> usize {
        self.text.len()
    }

    /// Sets the field `name` to the text `value`, in place of what the request held.
    pub(crate) fn set_text(&mut self, name: &'static str, value: &str) {
        self.fields.retain(|field| field.name != name);
        let start = self.text.len();
        write_json(&mut self.text, value);
        self.fields.push(Field {
            name: Cow::Borrowed(name),
            value: start..self.text.len(),
        });
    }
}

/// Writes the fields' JSON; [`Captured::of`] checks the bytes are text once, at the end.
struct Writer {
    bytes: Vec<u8>,
    fields: Vec<Field>,
}

impl Writer {
    fn push<V: Serialize + ?Sized>(
        &mut self,
        name: Cow<'static, str>,
        value: &V,
    ) -> Result<(), CaptureError> {
        let start = self.bytes.len();
        serde_json::to_writer(&mut self.bytes, value).map_err(|error| CaptureError {
            problem: format!("could not be serialized: {error}"),
            field: Some(name.clone().into_owned()),
        })?;
        self.fields.push(Field {
            name,
            value: start..self.bytes.len(),
        });
        Ok(())
    }
}

/// The text a JSON value stands for in a URL or a signed hash: a string's
/// characters (unescaped), anything else as its JSON text (`110.00`, `true`, `[1]`).
pub(crate) fn json_text(json: &str) -> Cow<'_, str> {
    if !json.starts_with('"') {
        return Cow::Borrowed(json);
    }
    // The JSON was written by serde_json: a string without a backslash is its
    // characters between the quotes.
    if let Some(inner) = json.get(1..json.len() - 1)
        && json.ends_with('"')
        && memchr::memchr(b'\\', inner.as_bytes()).is_none()
    {
        return Cow::Borrowed(inner);
    }
    match serde_json::from_str::<&str>(json) {
        Ok(text) => Cow::Borrowed(text),
        // Escapes in the string: it must be unescaped into a copy.
        Err(_) => Cow::Owned(serde_json::from_str::<String>(json).unwrap_or_default()),
    }
}

/// Appends `text` as a JSON string. Text with nothing to escape (the usual field
/// name, id or reference) is copied between quotes; anything else is escaped by
/// serde_json.
pub(crate) fn write_json(out: &mut String, text: &str) {
    if text
        .bytes()
        .any(|byte| byte == b'"' || byte == b'\\' || byte < b' ')
    {
        // Serializing a `str` cannot fail.
        out.push_str(&serde_json::to_string(text).unwrap_or_default());
    } else {
        out.push('"');
        out.push_str(text);
        out.push('"');
    }
}

impl fmt::Display for CaptureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.problem)
    }
}

impl std::error::Error for CaptureError {}

impl ser::Error for CaptureError {
    fn custom<M: fmt::Display>(message: M) -> Self {
        CaptureError {
            field: None,
            problem: format!("could not be serialized: {message}"),
        }
    }
}

fn not_an_object() -> CaptureError {
    CaptureError {
        field: None,
        problem: "must serialize to a JSON object".to_owned(),
    }
}

/// A request value that is not an object is refused without looking further.
macro_rules! refuse {
    ($($method:ident($($arg:ty),*)),* $(,)?) => {
        $(fn $method(self, $(_: $arg),*) -> Result<(), CaptureError> {
            Err(not_an_object())
        })*
    };
}

impl<'a> Serializer for &'a mut Writer {
    type Ok = ();
    type Error = CaptureError;
    type SerializeSeq = Impossible<(), CaptureError>;
    type SerializeTuple = Impossible<(), CaptureError>;
    type SerializeTupleStruct = Impossible<(), CaptureError>;
    type SerializeTupleVariant = Impossible<(), CaptureError>;
    type SerializeMap = MapFields<'a>;
    type SerializeStruct = Self;
    type SerializeStructVariant = Impossible<(), CaptureError>;

    refuse!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_str(&str),
        serialize_bytes(&[u8]),
        serialize_none(),
        serialize_unit(),
        serialize_unit_struct(&'static str),
        serialize_unit_variant(&'static str, u32, &'static str),
    );

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), CaptureError> {
        value.serialize(self)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), CaptureError> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), CaptureError> {
        Err(not_an_object())
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, CaptureError> {
        Err(not_an_object())
    }

    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, CaptureError> {
        Err(not_an_object())
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, CaptureError> {
        Err(not_an_object())
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, CaptureError> {
        Err(not_an_object())
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, CaptureError> {
        Ok(MapFields {
            writer: self,
            key: None,
        })
    }

    fn serialize_struct(
        self,
        _: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStruct, CaptureError> {
        self.fields.reserve(len);
        Ok(self)
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, CaptureError> {
        Err(not_an_object())
    }
}

impl SerializeStruct for &mut Writer {
    type Ok = ();
    type Error = CaptureError;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), CaptureError> {
        self.push(Cow::Borrowed(key), value)
    }

    fn end(self) -> Result<(), CaptureError> {
        Ok(())
    }
}

/// The fields of a request written as a map (hand-written requests may be).
pub(crate) struct MapFields<'a> {
    writer: &'a mut Writer,
    key: Option<String>,
}

impl SerializeMap for MapFields<'_> {
    type Ok = ();
    type Error = CaptureError;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), CaptureError> {
        // As serde_json writes map keys: text as is, numbers and booleans as text.
        match serde_json::to_value(key) {
            Ok(serde_json::Value::String(key)) => {
                self.key = Some(key);
                Ok(())
            }
            Ok(key @ (serde_json::Value::Number(_) | serde_json::Value::Bool(_))) => {
                self.key = Some(key.to_string());
                Ok(())
            }
            _ => Err(CaptureError {
                field: None,
                problem: "must serialize to a JSON object with text keys".to_owned(),
            }),
        }
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), CaptureError> {
        let key = self.key.take().unwrap_or_default();
        // As in a JSON object read by a parser, the last value of a repeated key wins.
        self.writer
            .fields
            .retain(|field| field.name != key.as_str());
        self.writer.push(Cow::Owned(key), value)
    }

    fn end(self) -> Result<(), CaptureError> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::{Captured, json_text};
    use crate::Number;
    use serde::Serialize;
    use std::collections::BTreeMap;

    #[derive(Serialize)]
    struct Payment {
        amount: Number,
        #[serde(skip_serializing_if = "Option::is_none")]
        note: Option<String>,
        remark: Option<String>,
        tags: Vec<&'static str>,
    }

    #[test]
    fn fields_keep_their_order_and_their_exact_json() {
        let payment = Payment {
            amount: "110.00".parse().unwrap(),
            note: None,
            remark: None,
            tags: vec!["a\"b"],
        };
        let captured = Captured::of(&payment).unwrap();
        let present: Vec<_> = captured.present().collect();
        assert_eq!(present, [("amount", "110.00"), ("tags", r#"["a\"b"]"#)]);
        assert_eq!(captured.json("remark"), None, "null counts as absent");
        assert_eq!(captured.json("note"), None);
        let digits = "12345678901234567890.123456789";
        let long = Payment {
            amount: digits.parse().unwrap(),
            ..payment
        };
        assert_eq!(Captured::of(&long).unwrap().json("amount"), Some(digits));
    }

    #[test]
    fn set_text_replaces_a_field() {
        let mut captured = Captured::of(&BTreeMap::from([("a", "1"), ("b", "2")])).unwrap();
        captured.set_text("a", "x\"y");
        let present: Vec<_> = captured.present().collect();
        assert_eq!(present, [("b", "\"2\""), ("a", r#""x\"y""#)]);
    }

    #[test]
    fn anything_but_an_object_is_refused() {
        assert!(Captured::of(&"text").is_err());
        assert!(Captured::of(&[1, 2]).is_err());
        assert!(
            Captured::of(&BTreeMap::from([(1, 2)])).is_ok(),
            "numeric keys are text in JSON"
        );
        assert!(Captured::of(&BTreeMap::from([((1, 2), 3)])).is_err());
        assert!(Captured::of(&Some(BTreeMap::from([("a", 1)]))).is_ok());
    }

    #[test]
    fn a_field_that_cannot_be_written_is_named() {
        struct Broken;
        impl Serialize for Broken {
            fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
                Err(serde::ser::Error::custom("broken on purpose"))
            }
        }
        #[derive(Serialize)]
        struct Request {
            fine: u8,
            broken: Broken,
        }
        let error = Captured::of(&Request {
            fine: 1,
            broken: Broken,
        })
        .unwrap_err();
        assert_eq!(error.field.as_deref(), Some("broken"));
        assert!(error.problem.contains("broken on purpose"), "{error}");
    }

    #[test]
    fn write_json_escapes_as_serde_json_does() {
        for text in [
            "plain",
            "",
            "quote \" and \\",
            "line\nbreak\u{1}",
            "é ✓ \u{7f}",
        ] {
            let mut out = String::from("x");
            super::write_json(&mut out, text);
            assert_eq!(
                out,
                format!("x{}", serde_json::to_string(text).unwrap()),
                "{text:?}"
            );
        }
    }

    #[test]
    fn json_text_is_what_a_url_carries() {
        assert_eq!(json_text(r#""plain""#), "plain");
        assert_eq!(json_text(r#""a\"b\u00e9""#), "a\"bé");
        assert_eq!(json_text("110.00"), "110.00");
        assert_eq!(json_text("true"), "true");
        assert_eq!(json_text("[1,2]"), "[1,2]");
    }
}
