//! Tolerant decoders for response fields.
//!
//! Eko's responses do not always match their documented types: numbers arrive as
//! strings (`"110.00"`), ids documented as strings arrive as numbers, and empty
//! strings stand for "no value". Generated response types use these through
//! `#[serde(default, deserialize_with = "...")]`; every field is optional, so a
//! missing or `null` field is `None` rather than an error. Anything that cannot be
//! read as the documented type is still an error, reported with its JSON path.

use crate::Number;
use serde::Deserialize;
use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;
use std::marker::PhantomData;

/// Text; also accepts numbers and booleans (as their JSON text).
pub fn string<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    deserializer.deserialize_any(StringVisitor)
}

/// A decimal number; also accepts a string holding one. `""` is `None`.
pub fn number<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Number>, D::Error> {
    deserializer.deserialize_any(NumberVisitor)
}

/// A whole number; also accepts a string holding one, or a whole decimal (`"5.00"`). `""` is `None`.
pub fn integer<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<i64>, D::Error> {
    deserializer.deserialize_any(IntegerVisitor)
}

/// A boolean; also accepts `"true"`/`"false"`, `"1"`/`"0"`, `1`/`0`. `""` is `None`.
pub fn boolean<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<bool>, D::Error> {
    deserializer.deserialize_any(BooleanVisitor)
}

/// An object (a nested payload or a map). `[]` — which PHP back ends send for an
/// empty object — and `""` are `None`.
pub fn object<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Option<T>, D::Error> {
    deserializer.deserialize_any(ObjectVisitor(PhantomData))
}

/// A list. `""` is `None`; `{}` (an empty object standing for an empty list) is empty.
pub fn list<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Option<Vec<T>>, D::Error> {
    deserializer.deserialize_any(ListVisitor(PhantomData))
}

macro_rules! accept_null {
    () => {
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(
            self,
            deserializer: D,
        ) -> Result<Self::Value, D::Error> {
            deserializer.deserialize_any(self)
        }
    };
}

struct StringVisitor;

impl<'de> Visitor<'de> for StringVisitor {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    accept_null!();

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
        Ok(Some(value.to_owned()))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<Self::Value, E> {
        Ok(Some(value))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
        Ok(Some(value.to_string()))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
        Ok(Some(value.to_string()))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Self::Value, E> {
        Ok(Some(value.to_string()))
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Self::Value, E> {
        Ok(Some(value.to_string()))
    }
}

struct NumberVisitor;

impl<'de> Visitor<'de> for NumberVisitor {
    type Value = Option<Number>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number or a string holding a decimal number")
    }

    accept_null!();

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
        Ok(Some(Number::from(value)))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
        Ok(Some(Number::from(value)))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Self::Value, E> {
        Number::try_from(value).map(Some).map_err(E::custom)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
        if value.trim().is_empty() {
            return Ok(None);
        }
        value.parse().map(Some).map_err(E::custom)
    }
}

struct IntegerVisitor;

impl<'de> Visitor<'de> for IntegerVisitor {
    type Value = Option<i64>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a whole number or a string holding one")
    }

    accept_null!();

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
        Ok(Some(value))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
        i64::try_from(value)
            .map(Some)
            .map_err(|_| E::custom(format!("{value} does not fit in i64")))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Self::Value, E> {
        let whole = Number::try_from(value)
            .ok()
            .and_then(|number| number.to_i64());
        whole
            .map(Some)
            .ok_or_else(|| E::custom(format!("{value} is not a whole number")))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
        if value.trim().is_empty() {
            return Ok(None);
        }
        let number: Number = value.parse().map_err(E::custom)?;
        number
            .to_i64()
            .map(Some)
            .ok_or_else(|| E::custom(format!("`{value}` is not a whole number")))
    }
}

struct BooleanVisitor;

impl<'de> Visitor<'de> for BooleanVisitor {
    type Value = Option<bool>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a boolean")
    }

    accept_null!();

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Self::Value, E> {
        Ok(Some(value))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
        match value {
            0 => Ok(Some(false)),
            1 => Ok(Some(true)),
            other => Err(E::custom(format!("{other} is not a boolean"))),
        }
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
        self.visit_i64(i64::try_from(value).unwrap_or(i64::MAX))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
        match value.trim().to_ascii_lowercase().as_str() {
            "" => Ok(None),
            "true" | "1" | "yes" => Ok(Some(true)),
            "false" | "0" | "no" => Ok(Some(false)),
            _ => Err(E::custom(format!("`{value}` is not a boolean"))),
        }
    }
}

struct ObjectVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjectVisitor<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }

    accept_null!();

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        T::deserialize(MapAccessDeserializer::new(map)).map(Some)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        match seq.next_element::<IgnoredAny>()? {
            None => Ok(None),
            Some(_) => Err(de::Error::custom(
                "expected an object, found a non-empty list",
            )),
        }
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
        if value.trim().is_empty() {
            Ok(None)
        } else {
            Err(E::custom(format!(
                "expected an object, found the text `{value}`"
            )))
        }
    }
}

struct ListVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for ListVisitor<T> {
    type Value = Option<Vec<T>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list")
    }

    accept_null!();

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        Vec::<T>::deserialize(SeqAccessDeserializer::new(seq)).map(Some)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        match map.next_key::<IgnoredAny>()? {
            None => Ok(Some(Vec::new())),
            Some(_) => Err(de::Error::custom(
                "expected a list, found a non-empty object",
            )),
        }
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
        if value.trim().is_empty() {
            Ok(None)
        } else {
            Err(E::custom(format!(
                "expected a list, found the text `{value}`"
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    #[derive(Debug, Default, Deserialize)]
    struct Sample {
        #[serde(default, deserialize_with = "super::string")]
        text: Option<String>,
        #[serde(default, deserialize_with = "super::number")]
        amount: Option<crate::Number>,
        #[serde(default, deserialize_with = "super::integer")]
        count: Option<i64>,
        #[serde(default, deserialize_with = "super::boolean")]
        flag: Option<bool>,
    }

    #[derive(Debug, Default, Deserialize, PartialEq)]
    struct Inner {
        #[serde(default, deserialize_with = "super::integer")]
        id: Option<i64>,
    }

    #[derive(Debug, Default, Deserialize)]
    struct Nested {
        #[serde(default, deserialize_with = "super::object")]
        profile: Option<Inner>,
        #[serde(default, deserialize_with = "super::list")]
        items: Option<Vec<Inner>>,
    }

    #[test]
    fn php_style_empty_containers_are_accepted() {
        let nested: Nested = serde_json::from_str(r#"{"profile": [], "items": {}}"#).unwrap();
        assert_eq!((nested.profile, nested.items), (None, Some(Vec::new())));
        let nested: Nested = serde_json::from_str(r#"{"profile": "", "items": ""}"#).unwrap();
        assert_eq!((nested.profile, nested.items), (None, None));
        let nested: Nested =
            serde_json::from_str(r#"{"profile": {"id": "4"}, "items": [{"id": 5}]}"#).unwrap();
        assert_eq!(nested.profile, Some(Inner { id: Some(4) }));
        assert_eq!(nested.items, Some(vec![Inner { id: Some(5) }]));
    }

    #[test]
    fn non_empty_wrong_containers_are_errors_with_their_path() {
        assert!(serde_json::from_str::<Nested>(r#"{"profile": [1]}"#).is_err());
        assert!(serde_json::from_str::<Nested>(r#"{"items": {"a": 1}}"#).is_err());
        let json = r#"{"items": [{"id": 1}, {"id": "x"}]}"#;
        let error = serde_path_to_error::deserialize::<_, Nested>(
            &mut serde_json::Deserializer::from_str(json),
        )
        .unwrap_err();
        assert_eq!(error.path().to_string(), "items[1].id");
    }

    fn parse(json: &str) -> Result<Sample, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn accepts_documented_and_stringly_values() {
        let sample =
            parse(r#"{"text": 42, "amount": "110.00", "count": "7", "flag": "true"}"#).unwrap();
        assert_eq!(sample.text.as_deref(), Some("42"));
        assert_eq!(sample.amount.unwrap().as_str(), "110.00");
        assert_eq!(sample.count, Some(7));
        assert_eq!(sample.flag, Some(true));
    }

    #[test]
    fn missing_null_and_empty_are_none() {
        let sample = parse(r#"{"text": null, "amount": "", "count": null}"#).unwrap();
        assert!(
            sample.text.is_none()
                && sample.amount.is_none()
                && sample.count.is_none()
                && sample.flag.is_none()
        );
    }

    #[test]
    fn wrong_shapes_are_errors() {
        assert!(parse(r#"{"amount": "12abc"}"#).is_err());
        assert!(parse(r#"{"count": 1.5}"#).is_err());
        assert!(parse(r#"{"text": {"a": 1}}"#).is_err());
        assert!(parse(r#"{"flag": "maybe"}"#).is_err());
    }
}
