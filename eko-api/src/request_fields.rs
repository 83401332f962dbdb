//! `Serialize`, `Debug` and `PartialEq` of the generated request structs, written once.
//!
//! As for response payloads ([`crate::payload`]), serde's and std's derives would write
//! these three for every request struct and every object nested in one, and at a
//! thousand endpoints that code was a large part of the crate's compile time. Here each
//! struct only lists its fields by index, Rust name and wire name, and names its
//! sensitive ones ([`impl_request!`]); the generic functions below do the rest,
//! reaching each field through the object-safe [`Field`], so nothing per struct is
//! generic.
//!
//! What they produce is what the derives produced: `Serialize` writes the fields in
//! struct order under their wire names, leaving out an optional field that is `None`
//! (serde's `skip_serializing_if = "Option::is_none"`) and a file (sent as its own
//! multipart part); `Debug` shows every field by its Rust name, a sensitive one as
//! whether it is there (see [`crate::sensitive`]); `PartialEq` compares field by field.

use crate::field_value::FieldValue;
use crate::{Aadhaar, Date, Email, FilePart, Ifsc, Mobile, Number, Pan, Pincode};
use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};
use serde_json::{Map, Value};
use std::any::Any;
use std::fmt;

/// A generated request struct, or an object nested in one: its fields in struct order.
#[allow(
    dead_code,
    reason = "used by generated code only: unused when every product group feature is off"
)]
pub(crate) trait RequestFields: 'static {
    /// The struct's name, as `Debug` shows it.
    const NAME: &'static str;
    /// Each field's Rust name (raw ones as written, `r#type`) and wire name, in struct
    /// order.
    const FIELDS: &'static [(&'static str, &'static str)];
    /// Wire names of the fields `Debug` must not show (personal or secret data): none
    /// unless the struct names some (an item less to compile for most structs).
    const SENSITIVE: &'static [&'static str] = &[];
    /// The field at `index` of [`RequestFields::FIELDS`].
    fn field(&self, index: usize) -> Option<&dyn Field>;
}

/// One field of a request struct, written, shown and compared without knowing its type.
#[allow(
    dead_code,
    reason = "used by generated code only: unused when every product group feature is off"
)]
pub(crate) trait Field: FieldValue {
    /// The value to write, or `None` to leave the key out: an optional field that is
    /// not set, or a file.
    fn encoded(&self) -> Option<Encoded<'_>>;
    /// Whether the field holds a value (what `Debug` shows of a sensitive one).
    fn present(&self) -> bool {
        true
    }
}

/// A field's value as written: text, numbers, booleans, dates and lists of text
/// directly; the rest through type erasure (slower: a virtual call per value written).
#[allow(
    dead_code,
    reason = "used by generated code only: unused when every product group feature is off"
)]
pub(crate) enum Encoded<'a> {
    Text(&'a str),
    Integer(i64),
    Boolean(bool),
    Number(&'a Number),
    Date(&'a Date),
    Texts(&'a [String]),
    Erased(&'a dyn erased_serde::Serialize),
}

impl Serialize for Encoded<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match *self {
            Encoded::Text(text) => serializer.serialize_str(text),
            Encoded::Integer(value) => serializer.serialize_i64(value),
            Encoded::Boolean(value) => serializer.serialize_bool(value),
            Encoded::Number(number) => number.serialize(serializer),
            Encoded::Date(date) => date.serialize(serializer),
            Encoded::Texts(texts) => texts.serialize(serializer),
            Encoded::Erased(value) => value.serialize(serializer),
        }
    }
}

/// [`Field`] of types always present, by how each is written.
macro_rules! field {
    ($($ty:ty => |$value:ident| $encoded:expr),* $(,)?) => {$(
        impl Field for $ty {
            fn encoded(&self) -> Option<Encoded<'_>> {
                let $value = self;
                Some($encoded)
            }
        }
    )*};
}
field! {
    String => |value| Encoded::Text(value),
    i64 => |value| Encoded::Integer(*value),
    bool => |value| Encoded::Boolean(*value),
    Number => |value| Encoded::Number(value),
    Date => |value| Encoded::Date(value),
    Mobile => |value| Encoded::Text(value.as_str()),
    Pan => |value| Encoded::Text(value.as_str()),
    Aadhaar => |value| Encoded::Text(value.as_str()),
    Ifsc => |value| Encoded::Text(value.as_str()),
    Pincode => |value| Encoded::Text(value.as_str()),
    Email => |value| Encoded::Text(value.as_str()),
    Value => |value| Encoded::Erased(value),
    Map<String, Value> => |value| Encoded::Erased(value),
}

/// A list is written whole.
impl<T: Serialize + fmt::Debug + PartialEq + 'static> Field for Vec<T> {
    fn encoded(&self) -> Option<Encoded<'_>> {
        match (self as &dyn Any).downcast_ref::<Vec<String>>() {
            Some(texts) => Some(Encoded::Texts(texts)),
            None => Some(Encoded::Erased(self)),
        }
    }
}

/// A file travels as its own multipart part, never inside the JSON.
impl Field for FilePart {
    fn encoded(&self) -> Option<Encoded<'_>> {
        None
    }
}

/// An optional field: written as its value when set, left out when not.
impl<T: Field + fmt::Debug + PartialEq> Field for Option<T> {
    fn encoded(&self) -> Option<Encoded<'_>> {
        self.as_ref()?.encoded()
    }

    fn present(&self) -> bool {
        self.is_some()
    }
}

/// An object nested in a request is written whole, with its own `Serialize`.
impl<T: RequestFields + Serialize + fmt::Debug + PartialEq> Field for T {
    fn encoded(&self) -> Option<Encoded<'_>> {
        Some(Encoded::Erased(self))
    }
}

/// `Serialize` of a request: the fields that are written, in struct order, by wire name.
#[allow(
    dead_code,
    reason = "used by generated code only: unused when every product group feature is off"
)]
pub(crate) fn serialize<T: RequestFields, S: Serializer>(
    request: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let encoded = |index| request.field(index).and_then(Field::encoded);
    let len = (0..T::FIELDS.len())
        .filter(|&index| encoded(index).is_some())
        .count();
    let mut out = serializer.serialize_struct(T::NAME, len)?;
    for (index, &(_, wire)) in T::FIELDS.iter().enumerate() {
        match encoded(index) {
            Some(value) => out.serialize_field(wire, &value)?,
            None => out.skip_field(wire)?,
        }
    }
    out.end()
}

/// `Debug` of a request: every field by its Rust name, sensitive ones shown only as
/// there or not.
#[allow(
    dead_code,
    reason = "used by generated code only: unused when every product group feature is off"
)]
pub(crate) fn debug<T: RequestFields>(request: &T, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let mut out = f.debug_struct(T::NAME);
    for (index, &(name, wire)) in T::FIELDS.iter().enumerate() {
        let Some(field) = request.field(index) else {
            continue;
        };
        let name = name.strip_prefix("r#").unwrap_or(name);
        if T::SENSITIVE.contains(&wire) {
            out.field(name, &crate::sensitive::Hidden::new(field.present()));
        } else {
            out.field(name, field.debug());
        }
    }
    out.finish()
}

/// `PartialEq` of a request: field by field.
#[allow(
    dead_code,
    reason = "used by generated code only: unused when every product group feature is off"
)]
pub(crate) fn eq<T: RequestFields>(request: &T, other: &T) -> bool {
    (0..T::FIELDS.len()).all(|index| match (request.field(index), other.field(index)) {
        (Some(field), Some(other)) => field.same(other as &dyn Any),
        _ => false,
    })
}

/// [`RequestFields`], `Debug`, `PartialEq` and `Serialize` of a generated request
/// struct: its fields in struct order as `index => field: "wire"`, and the wire names
/// of its sensitive fields.
#[allow(
    unused_macros,
    reason = "nothing uses it when every product group feature is off"
)]
macro_rules! impl_request {
    ($name:ident, { $($index:literal => $field:ident: $wire:literal),* $(,)? }, sensitive: [$($sensitive:literal),* $(,)?]) => {
        impl crate::request_fields::RequestFields for $name {
            const NAME: &'static str = stringify!($name);
            const FIELDS: &'static [(&'static str, &'static str)] = &[$((stringify!($field), $wire)),*];
            crate::request_fields::impl_request!(@sensitive $($sensitive),*);

            fn field(&self, index: usize) -> Option<&dyn crate::request_fields::Field> {
                crate::request_fields::impl_request!(@field self, index, $($index => $field),*)
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                crate::request_fields::debug(self, f)
            }
        }

        impl PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                crate::request_fields::eq(self, other)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                crate::request_fields::serialize(self, serializer)
            }
        }
    };
    (@sensitive) => {};
    (@sensitive $($sensitive:literal),+) => {
        const SENSITIVE: &'static [&'static str] = &[$($sensitive),+];
    };
    (@field $self:ident, $index:ident,) => {{
        let _ = ($self, $index);
        None
    }};
    (@field $self:ident, $at:ident, $($index:literal => $field:ident),+) => {
        Some(match $at {
            $($index => &$self.$field,)+
            _ => return None,
        })
    };
}
#[allow(
    unused_imports,
    reason = "nothing uses it when every product group feature is off"
)]
pub(crate) use impl_request;

#[cfg(test)]
mod tests {
    use crate::{Date, FilePart, Mobile, Number, Pan};
    use serde_json::{Value, json};

    #[derive(Clone)]
    struct Inner {
        id: i64,
        note: Option<String>,
    }
    impl_request!(Inner, { 0 => id: "id", 1 => note: "note" }, sensitive: []);

    #[derive(Clone)]
    struct Sample {
        mobile: Mobile,
        r#type: Option<String>,
        amount: Number,
        pan: Option<Pan>,
        when: Option<Date>,
        active: Option<bool>,
        photo: Option<FilePart>,
        inner: Option<Inner>,
        items: Vec<Inner>,
        extra: Option<Value>,
        kind: String,
        tags: Vec<String>,
    }
    impl_request!(Sample, {
        0 => mobile: "mobile", 1 => r#type: "type", 2 => amount: "txn_amount", 3 => pan: "pan",
        4 => when: "when", 5 => active: "active", 6 => photo: "photo", 7 => inner: "inner",
        8 => items: "items", 9 => extra: "extra", 10 => kind: "kind", 11 => tags: "tags",
    }, sensitive: ["pan"]);

    #[derive(Clone, Default)]
    struct Empty {}
    impl_request!(Empty, {}, sensitive: []);

    fn sample() -> Sample {
        Sample {
            mobile: Mobile::new("9444444444"),
            r#type: None,
            amount: "110.00".parse().unwrap(),
            pan: None,
            when: None,
            active: None,
            photo: None,
            inner: None,
            items: Vec::new(),
            extra: None,
            kind: "fixed".to_owned(),
            tags: Vec::new(),
        }
    }

    #[test]
    fn writes_set_fields_in_struct_order_and_leaves_out_unset_ones_and_files() {
        let mut full = sample();
        full.r#type = Some("A".to_owned());
        full.pan = Some(Pan::new("ABCDE1234F"));
        full.when = Some(Date::constant(1990, 5, 15));
        full.active = Some(false);
        full.photo = Some(FilePart::new("a.jpg", "image/jpeg", vec![1, 2]));
        full.inner = Some(Inner { id: 7, note: None });
        full.items = vec![
            Inner {
                id: 1,
                note: Some("n".to_owned()),
            },
            Inner { id: 2, note: None },
        ];
        full.extra = Some(json!({"k": [1, null]}));
        full.tags = vec!["a".to_owned(), "b\"c".to_owned()];
        assert_eq!(
            serde_json::to_string(&full).unwrap(),
            r#"{"mobile":"9444444444","type":"A","txn_amount":110.00,"pan":"ABCDE1234F","when":"1990-05-15","active":false,"inner":{"id":7},"items":[{"id":1,"note":"n"},{"id":2}],"extra":{"k":[1,null]},"kind":"fixed","tags":["a","b\"c"]}"#
        );
        assert_eq!(
            serde_json::to_string(&sample()).unwrap(),
            r#"{"mobile":"9444444444","txn_amount":110.00,"items":[],"kind":"fixed","tags":[]}"#
        );
        assert_eq!(serde_json::to_string(&Empty {}).unwrap(), "{}");
        // Through a JSON value too (the number keeps its value there, not its digits).
        let value = serde_json::to_value(sample()).unwrap();
        assert_eq!(value["txn_amount"].as_f64(), Some(110.0));
        assert!(value.get("type").is_none());
    }

    #[test]
    fn debug_shows_every_field_by_rust_name_and_hides_sensitive_ones() {
        let mut shown = sample();
        shown.pan = Some(Pan::new("ABCDE1234F"));
        shown.r#type = Some("A".to_owned());
        let text = format!("{shown:?}");
        assert!(!text.contains("ABCDE1234F"), "{text}");
        assert_eq!(
            text,
            r#"Sample { mobile: Mobile("9444444444"), type: Some("A"), amount: 110.00, pan: [redacted], when: None, active: None, photo: None, inner: None, items: [], extra: None, kind: "fixed", tags: [] }"#
        );
        assert!(format!("{:?}", sample()).contains("pan: None"));
        assert_eq!(format!("{:?}", Empty {}), "Empty");
        // Pretty printing goes through the same formatter.
        assert!(
            format!("{:#?}", sample())
                .starts_with("Sample {\n    mobile: Mobile(\"9444444444\"),\n    type: None,\n")
        );
    }

    #[test]
    fn equal_when_every_field_is() {
        let mut other = sample();
        assert!(sample() == other);
        other.items.push(Inner { id: 1, note: None });
        assert!(sample() != other);
        let mut nested = sample();
        nested.inner = Some(Inner { id: 1, note: None });
        let mut changed = nested.clone();
        assert!(nested == changed);
        changed.inner = Some(Inner {
            id: 1,
            note: Some("x".to_owned()),
        });
        assert!(nested != changed);
        assert!(Empty {} == Empty::default());
    }
}
