//! `Deserialize` and `Serialize` of the generated response payloads, written once.
//!
//! A payload is a struct of optional fields read leniently (see [`crate::lenient`]) plus
//! a map keeping the keys the docs do not list. serde's derive would write a visitor,
//! a field enum and a wrapper type per `deserialize_with` for every one of them, and
//! that code dominated the crate's compile time (a third of `cargo check` at 1,000
//! endpoints). Here each payload only lists its fields by index and wire name
//! ([`impl_payload!`]); the one generic visitor below does the rest, reaching each
//! field through the object-safe [`Slot`], so no per-payload code is generic. `Clone`
//! and `PartialEq` go the same way (derived, they too were compiled per payload); only
//! `Default` is still derived.
//!
//! The field's type chooses its lenient reading ([`Lenient`]): text also from numbers,
//! numbers also from text, objects also from `[]` and `""`, and so on. A key given
//! twice keeps its last value.

use crate::Number;
use crate::field_value::FieldValue;
use serde::de::{self, DeserializeOwned, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::any::Any;
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

/// A generated payload: its fields by wire name, and the map of undocumented keys.
pub(crate) trait Payload: Default {
    /// The struct's name, as `Debug` shows it.
    const NAME: &'static str;
    /// Wire names of the documented fields, in doc order.
    const WIRE: &'static [&'static str];
    /// Wire names of the fields `Debug` must not show (personal or secret data): none
    /// unless the struct names some (an item less to compile for most structs).
    const SENSITIVE: &'static [&'static str] = &[];
    /// The field at `index` of [`Payload::WIRE`].
    fn slot(&self, index: usize) -> Option<&dyn Slot>;
    /// The field at `index` of [`Payload::WIRE`], to fill.
    fn slot_mut(&mut self, index: usize) -> Option<&mut dyn Slot>;
    /// Keys the docs do not list.
    fn extra(&self) -> &Map<String, Value>;
    /// Keys the docs do not list, to add to.
    fn extra_mut(&mut self) -> &mut Map<String, Value>;
}

/// One optional field of a payload, read, written, shown, compared and copied without
/// knowing its type.
pub(crate) trait Slot: FieldValue {
    /// Reads the field's value leniently.
    fn decode<'de>(
        &mut self,
        value: &mut dyn erased_serde::Deserializer<'de>,
    ) -> Result<(), erased_serde::Error>;
    /// The value to write, or `None` to leave the key out.
    fn encoded(&self) -> Option<&dyn erased_serde::Serialize>;
    /// Whether the field holds a value.
    fn present(&self) -> bool;
    /// Where a value goes: the common scalars directly, the rest through `decode`.
    fn target(&mut self) -> Target<'_>;
    /// Makes this field a copy of `other`, if it is the same type.
    fn copy_from(&mut self, other: &dyn Slot);
}

/// A field's storage, by kind. Text, numbers and booleans are read straight from the
/// deserializer; type erasure would hand each value back boxed, one allocation per
/// field.
pub(crate) enum Target<'a> {
    Text(&'a mut Option<String>),
    Number(&'a mut Option<Number>),
    Integer(&'a mut Option<i64>),
    Boolean(&'a mut Option<bool>),
    Erased(&'a mut dyn Slot),
}

impl<T: Lenient + Serialize + fmt::Debug + Clone + PartialEq + 'static> Slot for Option<T> {
    fn decode<'de>(
        &mut self,
        value: &mut dyn erased_serde::Deserializer<'de>,
    ) -> Result<(), erased_serde::Error> {
        *self = T::lenient(value)?;
        Ok(())
    }

    fn encoded(&self) -> Option<&dyn erased_serde::Serialize> {
        self.as_ref()
            .map(|value| value as &dyn erased_serde::Serialize)
    }

    fn present(&self) -> bool {
        self.is_some()
    }

    fn target(&mut self) -> Target<'_> {
        T::target(self)
    }

    fn copy_from(&mut self, other: &dyn Slot) {
        if let Some(other) = (other as &dyn Any).downcast_ref::<Self>() {
            self.clone_from(other);
        }
    }
}

/// How a field of this type is read from what Eko sends: `None` for `null` and for the
/// empty values Eko uses to mean "absent".
pub(crate) trait Lenient: Sized {
    /// Reads a value leniently.
    fn lenient<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Self>, D::Error>;
    /// The field's storage, by kind (see [`Target`]).
    fn target(slot: &mut Option<Self>) -> Target<'_>;
}

impl Lenient for String {
    fn lenient<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Self>, D::Error> {
        crate::lenient::string(deserializer)
    }

    fn target(slot: &mut Option<Self>) -> Target<'_> {
        Target::Text(slot)
    }
}

impl Lenient for Number {
    fn lenient<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Self>, D::Error> {
        crate::lenient::number(deserializer)
    }

    fn target(slot: &mut Option<Self>) -> Target<'_> {
        Target::Number(slot)
    }
}

impl Lenient for i64 {
    fn lenient<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Self>, D::Error> {
        crate::lenient::integer(deserializer)
    }

    fn target(slot: &mut Option<Self>) -> Target<'_> {
        Target::Integer(slot)
    }
}

impl Lenient for bool {
    fn lenient<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Self>, D::Error> {
        crate::lenient::boolean(deserializer)
    }

    fn target(slot: &mut Option<Self>) -> Target<'_> {
        Target::Boolean(slot)
    }
}

impl<T: DeserializeOwned + Serialize + fmt::Debug + Clone + PartialEq + 'static> Lenient
    for Vec<T>
{
    fn lenient<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Self>, D::Error> {
        crate::lenient::list(deserializer)
    }

    fn target(slot: &mut Option<Self>) -> Target<'_> {
        Target::Erased(slot)
    }
}

impl Lenient for Map<String, Value> {
    fn lenient<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Self>, D::Error> {
        crate::lenient::object(deserializer)
    }

    fn target(slot: &mut Option<Self>) -> Target<'_> {
        Target::Erased(slot)
    }
}

impl Lenient for Value {
    fn lenient<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Self>, D::Error> {
        Option::<Value>::deserialize(deserializer)
    }

    fn target(slot: &mut Option<Self>) -> Target<'_> {
        Target::Erased(slot)
    }
}

/// A payload nested in another is an object that may arrive as `[]` or `""`. (One
/// implementation for every payload: the trait is the crate's own, so it may be
/// implemented for all of them at once, beside the types above.)
impl<T: Payload + DeserializeOwned + Serialize + fmt::Debug + Clone + PartialEq + 'static> Lenient
    for T
{
    fn lenient<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Self>, D::Error> {
        crate::lenient::object(deserializer)
    }

    fn target(slot: &mut Option<Self>) -> Target<'_> {
        Target::Erased(slot)
    }
}

/// `Deserialize` of a payload: fills the field each key names, keeps the other keys.
pub(crate) fn deserialize<'de, T: Payload, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_map(PayloadVisitor(PhantomData))
}

struct PayloadVisitor<T>(PhantomData<T>);

impl<'de, T: Payload> Visitor<'de> for PayloadVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut payload = T::default();
        while let Some(key) = map.next_key_seed(Key)? {
            let index = T::WIRE.iter().position(|wire| *wire == key);
            match index.and_then(|index| payload.slot_mut(index)) {
                Some(slot) => map.next_value_seed(SlotSeed(slot))?,
                None => {
                    let value: Value = map.next_value()?;
                    payload.extra_mut().insert(key.into_owned(), value);
                }
            }
        }
        Ok(payload)
    }
}

/// A key, borrowed from the input where it has no escapes.
struct Key;

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }

    fn visit_borrowed_str<E: de::Error>(self, key: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(key))
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(key.to_owned()))
    }

    fn visit_string<E: de::Error>(self, key: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(key))
    }
}

/// Reads one value into a field.
struct SlotSeed<'a>(&'a mut dyn Slot);

impl<'de> DeserializeSeed<'de> for SlotSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        match self.0.target() {
            Target::Text(slot) => *slot = String::lenient(deserializer)?,
            Target::Number(slot) => *slot = Number::lenient(deserializer)?,
            Target::Integer(slot) => *slot = i64::lenient(deserializer)?,
            Target::Boolean(slot) => *slot = bool::lenient(deserializer)?,
            Target::Erased(slot) => {
                let mut erased = <dyn erased_serde::Deserializer>::erase(deserializer);
                slot.decode(&mut erased).map_err(de::Error::custom)?;
            }
        }
        Ok(())
    }
}

/// `Serialize` of a payload: the fields that have a value, then the undocumented keys.
pub(crate) fn serialize<T: Payload, S: Serializer>(
    payload: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(None)?;
    for (index, wire) in T::WIRE.iter().enumerate() {
        if let Some(value) = payload.slot(index).and_then(Slot::encoded) {
            map.serialize_entry(wire, value)?;
        }
    }
    for (key, value) in payload.extra() {
        map.serialize_entry(key, value)?;
    }
    map.end()
}

/// `Debug` of a payload: its fields by wire name, sensitive ones shown only as there
/// or not, then the undocumented keys.
pub(crate) fn debug<T: Payload>(payload: &T, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let mut out = f.debug_struct(T::NAME);
    for (index, wire) in T::WIRE.iter().enumerate() {
        let Some(slot) = payload.slot(index) else {
            continue;
        };
        if T::SENSITIVE.contains(wire) {
            out.field(wire, &crate::sensitive::Hidden::new(slot.present()));
        } else {
            out.field(wire, slot.debug());
        }
    }
    out.field("extra", payload.extra()).finish()
}

/// `PartialEq` of a payload: field by field, then the undocumented keys.
pub(crate) fn eq<T: Payload>(payload: &T, other: &T) -> bool {
    (0..T::WIRE.len()).all(|index| match (payload.slot(index), other.slot(index)) {
        (Some(slot), Some(other)) => slot.same(other as &dyn Any),
        _ => false,
    }) && payload.extra() == other.extra()
}

/// `Clone` of a payload: its fields and undocumented keys copied into a default one.
pub(crate) fn clone<T: Payload>(payload: &T) -> T {
    let mut copy = T::default();
    for index in 0..T::WIRE.len() {
        if let (Some(slot), Some(from)) = (copy.slot_mut(index), payload.slot(index)) {
            slot.copy_from(from);
        }
    }
    copy.extra_mut().clone_from(payload.extra());
    copy
}

/// [`Payload`], `Clone`, `Debug`, `Deserialize`, `PartialEq` and `Serialize` of a
/// generated payload struct (which derives `Default`): its documented fields as
/// `index => field: "wire"`, the field holding the other keys, and the wire names of
/// its sensitive fields.
macro_rules! impl_payload {
    ($name:ident, $extra:ident, { $($index:literal => $field:ident: $wire:literal),* $(,)? }, sensitive: [$($sensitive:literal),* $(,)?]) => {
        impl crate::payload::Payload for $name {
            const NAME: &'static str = stringify!($name);
            const WIRE: &'static [&'static str] = &[$($wire),*];
            crate::payload::impl_payload!(@sensitive $($sensitive),*);

            fn slot(&self, index: usize) -> Option<&dyn crate::payload::Slot> {
                crate::payload::impl_payload!(@slot index, $(&self.$field => $index),*)
            }

            fn slot_mut(&mut self, index: usize) -> Option<&mut dyn crate::payload::Slot> {
                crate::payload::impl_payload!(@slot index, $(&mut self.$field => $index),*)
            }

            fn extra(&self) -> &serde_json::Map<String, serde_json::Value> {
                &self.$extra
            }

            fn extra_mut(&mut self) -> &mut serde_json::Map<String, serde_json::Value> {
                &mut self.$extra
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                crate::payload::debug(self, f)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                crate::payload::deserialize(deserializer)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                crate::payload::serialize(self, serializer)
            }
        }

        impl Clone for $name {
            fn clone(&self) -> Self {
                crate::payload::clone(self)
            }
        }

        impl PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                crate::payload::eq(self, other)
            }
        }
    };
    (@sensitive) => {};
    (@sensitive $($sensitive:literal),+) => {
        const SENSITIVE: &'static [&'static str] = &[$($sensitive),+];
    };
    // The field at an index: one `match`, the cheapest listing to type-check.
    (@slot $at:ident,) => {{
        let _ = $at;
        None
    }};
    (@slot $at:ident, $($field:expr => $index:literal),+) => {
        Some(match $at {
            $($index => $field,)+
            _ => return None,
        })
    };
}

pub(crate) use impl_payload;

#[cfg(test)]
mod tests {
    use serde_json::{Map, Value, json};

    #[derive(Default)]
    struct Inner {
        id: Option<i64>,
        extra: Map<String, Value>,
    }
    impl_payload!(Inner, extra, { 0 => id: "id" }, sensitive: []);

    #[derive(Default)]
    struct Sample {
        r#type: Option<String>,
        amount: Option<crate::Number>,
        active: Option<bool>,
        inner: Option<Inner>,
        items: Option<Vec<Inner>>,
        extra: Map<String, Value>,
    }
    impl_payload!(Sample, extra, {
        0 => r#type: "type", 1 => amount: "amount", 2 => active: "active", 3 => inner: "inner",
        4 => items: "items"
    }, sensitive: ["amount"]);

    #[derive(Default)]
    struct Empty {
        extra: Map<String, Value>,
    }
    impl_payload!(Empty, extra, {}, sensitive: []);

    #[test]
    fn each_field_is_read_leniently_and_other_keys_are_kept() {
        let sample: Sample = serde_json::from_value(json!({
            "type": 42,
            "amount": "110.00",
            "active": "1",
            "inner": [],
            "items": [{"id": "7", "note": "kept"}],
            "unlisted": {"deep": [1, 2]},
        }))
        .unwrap();
        assert_eq!(sample.r#type.as_deref(), Some("42"));
        assert_eq!(sample.amount.as_ref().map(|a| a.as_str()), Some("110.00"));
        assert_eq!(sample.active, Some(true));
        assert_eq!(sample.inner, None, "`[]` stands for an absent object");
        let item = &sample.items.as_ref().unwrap()[0];
        assert_eq!(item.id, Some(7));
        assert_eq!(item.extra["note"], "kept");
        assert_eq!(sample.extra["unlisted"], json!({"deep": [1, 2]}));
    }

    #[test]
    fn writes_present_fields_and_other_keys_and_reads_back_the_same() {
        let text = r#"{"type":"A","amount":"110","inner":{"id":3},"zz":null}"#;
        let sample: Sample = serde_json::from_str(text).unwrap();
        // Fields in doc order, then the other keys.
        let written = serde_json::to_string(&sample).unwrap();
        assert_eq!(
            written,
            r#"{"type":"A","amount":110,"inner":{"id":3},"zz":null}"#
        );
        assert_eq!(serde_json::from_str::<Sample>(&written).unwrap(), sample);
    }

    #[test]
    fn a_bad_value_is_an_error_naming_its_path() {
        let text = r#"{"items": [{"id": 1}, {"id": "seven"}]}"#;
        let error = serde_path_to_error::deserialize::<_, Sample>(
            &mut serde_json::Deserializer::from_str(text),
        )
        .unwrap_err();
        assert_eq!(error.path().to_string(), "items[1].id");
        assert!(error.inner().to_string().contains("seven"), "{error}");
    }

    #[test]
    fn debug_hides_sensitive_fields_but_says_whether_they_are_there() {
        let sample: Sample =
            serde_json::from_str(r#"{"type": "A", "amount": "987654.32", "zz": 1}"#).unwrap();
        let shown = format!("{sample:?}");
        assert!(!shown.contains("987654"), "{shown}");
        assert!(
            shown.starts_with(r#"Sample { type: Some("A"), amount: [redacted], active: None"#),
            "{shown}"
        );
        assert!(shown.ends_with(r#"extra: {"zz": Number(1)} }"#), "{shown}");
        let empty = format!("{:?}", Sample::default());
        assert!(empty.contains("amount: None"), "{empty}");
    }

    #[test]
    fn a_key_given_twice_keeps_its_last_value() {
        let sample: Sample = serde_json::from_str(r#"{"type": "a", "type": "b"}"#).unwrap();
        assert_eq!(sample.r#type.as_deref(), Some("b"));
    }

    #[test]
    fn a_payload_must_be_an_object() {
        assert!(serde_json::from_str::<Sample>("[1]").is_err());
        assert!(serde_json::from_str::<Sample>("\"text\"").is_err());
    }

    #[test]
    fn clones_and_compares_every_field_and_the_other_keys() {
        let text = r#"{"type": "A", "amount": "110.00", "active": true, "inner": {"id": 3, "x": 1},
            "items": [{"id": 1}, {"id": 2, "y": [true]}], "zz": {"deep": null}}"#;
        let sample: Sample = serde_json::from_str(text).unwrap();
        let copy = sample.clone();
        assert!(copy == sample);
        assert_eq!(
            serde_json::to_value(&copy).unwrap(),
            serde_json::to_value(&sample).unwrap()
        );
        assert_eq!(copy.amount.as_ref().map(|a| a.as_str()), Some("110.00"));
        for changed in [
            r#"{"type": "B"}"#,
            r#"{"amount": "110.0"}"#,
            r#"{"inner": {"id": 3, "x": 2}}"#,
            r#"{"items": [{"id": 1}]}"#,
            r#"{"zz": 1}"#,
        ] {
            let mut other: Value = serde_json::from_str(text).unwrap();
            let change: Value = serde_json::from_str(changed).unwrap();
            for (key, value) in change.as_object().unwrap() {
                other[key] = value.clone();
            }
            let other: Sample = serde_json::from_value(other).unwrap();
            assert!(other != sample, "{changed}");
        }
        assert!(Sample::default() == Sample::default().clone());
        let empty: Empty = serde_json::from_str(r#"{"a": 1}"#).unwrap();
        assert!(empty.clone() == empty && empty != Empty::default());
        assert_eq!(format!("{empty:?}"), r#"Empty { extra: {"a": Number(1)} }"#);
    }
}
