//! Open enums for the values a field's docs enumerate (a service's status, a transfer's
//! payment mode, a transaction state).
//!
//! Each generated enum has a variant per documented value and `Other` holding any
//! other value exactly as it arrived, so a value Eko adds later decodes (and encodes
//! back) unchanged instead of failing. A value decodes from its code, sent as a number
//! or as text (`1`, `"1"`), or from its label where the docs give one (`ACTIVATED`,
//! any case); a documented value encodes as its code, in the field's documented type.

use serde_json::Value;

/// Whether `value` is the documented value with `code` (and `label`, if any).
pub(crate) fn is_documented(value: &Value, code: &str, label: Option<&str>) -> bool {
    let text = match value {
        Value::Number(number) => number.to_string(),
        Value::String(text) => text.trim().to_owned(),
        _ => return false,
    };
    text == code || label.is_some_and(|label| text.eq_ignore_ascii_case(label))
}

/// A documented code as JSON: a number when the field is numeric and the code is one.
pub(crate) fn encode(code: &str, numeric: bool) -> Value {
    if numeric {
        if let Ok(whole) = code.parse::<i64>() {
            return Value::from(whole);
        }
        if let Some(number) = code
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
        {
            return Value::Number(number);
        }
    }
    Value::String(code.to_owned())
}

/// Serialize, Deserialize and accessors of a generated open enum: its documented
/// `Variant = "code"` pairs (with `/ "LABEL"` where the docs give a label), whether
/// the field is numeric, and the `Other` variant every such enum has.
macro_rules! impl_value_list {
    ($name:ident, numeric: $numeric:literal, { $($variant:ident = $code:literal $(/ $label:literal)?),* $(,)? }) => {
        impl $name {
            /// The documented code, e.g. `"1"`; `None` for a value the docs do not list.
            pub fn code(&self) -> Option<&'static str> {
                match self {
                    $(Self::$variant => Some($code),)*
                    Self::Other(_) => None,
                }
            }

            /// The documented label, where the docs give one (e.g. `"ACTIVATED"`).
            pub fn label(&self) -> Option<&'static str> {
                match self {
                    $(Self::$variant => crate::value_list::impl_value_list!(@label $($label)?),)*
                    Self::Other(_) => None,
                }
            }

            /// The value as it travels.
            pub fn to_json(&self) -> serde_json::Value {
                match self {
                    $(Self::$variant => crate::value_list::encode($code, $numeric),)*
                    Self::Other(value) => value.clone(),
                }
            }

            /// The value `value` stands for: a documented one by code or label, else `Other`.
            pub fn from_json(value: serde_json::Value) -> Self {
                $(
                    if crate::value_list::is_documented(
                        &value,
                        $code,
                        crate::value_list::impl_value_list!(@label $($label)?),
                    ) {
                        return Self::$variant;
                    }
                )*
                Self::Other(value)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                self.to_json().serialize(serializer)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                serde_json::Value::deserialize(deserializer).map(Self::from_json)
            }
        }

        impl crate::payload::Lenient for $name {
            fn lenient<'de, D: serde::Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Option<Self>, D::Error> {
                <Option<serde_json::Value> as serde::Deserialize>::deserialize(deserializer)
                    .map(|value| value.map(Self::from_json))
            }

            fn target(slot: &mut Option<Self>) -> crate::payload::Target<'_> {
                crate::payload::Target::Erased(slot)
            }
        }

        impl crate::request_fields::Field for $name {
            fn encoded(&self) -> Option<crate::request_fields::Encoded<'_>> {
                Some(crate::request_fields::Encoded::Erased(self))
            }
        }
    };
    (@label $label:literal) => { Some($label) };
    (@label) => { None };
}
pub(crate) use impl_value_list;
