//! A lossless decimal number for fields Eko documents as `number`.
//!
//! Eko sends amounts both as JSON numbers (`110`) and as strings (`"110.00"`); keeping
//! the decimal text avoids rounding money through `f64` and preserves what was sent.

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A decimal number kept as its text, e.g. `110.00` or `-3` or `2.5e3`.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Number(String);

/// The text was not a decimal number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseNumberError {
    text: String,
}

impl fmt::Display for ParseNumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a decimal number", self.text)
    }
}

impl std::error::Error for ParseNumberError {}

impl Number {
    /// The decimal text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The value as `f64` (may round).
    pub fn to_f64(&self) -> f64 {
        // The text was validated on construction, so it always parses.
        self.0.parse().unwrap_or(f64::NAN)
    }

    /// The value as `i64`, when it is a whole number that fits (`"110.00"` gives 110).
    pub fn to_i64(&self) -> Option<i64> {
        if let Ok(value) = self.0.parse::<i64>() {
            return Some(value);
        }
        let (whole, fraction) = self.0.split_once('.')?;
        if fraction.bytes().all(|digit| digit == b'0') && !fraction.is_empty() {
            whole.parse().ok()
        } else {
            None
        }
    }
}

fn is_decimal(text: &str) -> bool {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => (&unsigned[..at], Some(&unsigned[at + 1..])),
        None => (unsigned, None),
    };
    let (whole, fraction) = match mantissa.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (mantissa, None),
    };
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|byte| byte.is_ascii_digit());
    let exponent_ok =
        exponent.is_none_or(|exp| digits(exp.strip_prefix(['+', '-']).unwrap_or(exp)));
    digits(whole) && fraction.is_none_or(digits) && exponent_ok
}

impl FromStr for Number {
    type Err = ParseNumberError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let trimmed = text.trim();
        if is_decimal(trimmed) {
            Ok(Number(trimmed.to_owned()))
        } else {
            Err(ParseNumberError {
                text: text.to_owned(),
            })
        }
    }
}

macro_rules! number_from_integer {
    ($($ty:ty),*) => {$(
        impl From<$ty> for Number {
            fn from(value: $ty) -> Self {
                Number(value.to_string())
            }
        }
    )*};
}
number_from_integer!(i8, i16, i32, i64, u8, u16, u32, u64);

impl TryFrom<f64> for Number {
    type Error = ParseNumberError;

    fn try_from(value: f64) -> Result<Self, Self::Error> {
        if value.is_finite() {
            Ok(Number(value.to_string()))
        } else {
            Err(ParseNumberError {
                text: value.to_string(),
            })
        }
    }
}

impl TryFrom<&str> for Number {
    type Error = ParseNumberError;

    fn try_from(value: &str) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Number {
    /// The text as a JSON number: the same digits, without leading zeros in the
    /// whole part (`007.50` → `7.50`), which JSON does not allow.
    fn json_text(&self) -> String {
        let (sign, unsigned) = match self.0.strip_prefix('-') {
            Some(rest) => ("-", rest),
            None => ("", self.0.as_str()),
        };
        let digits_end = unsigned
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(unsigned.len());
        let (whole, rest) = unsigned.split_at(digits_end);
        let whole = whole.trim_start_matches('0');
        let whole = if whole.is_empty() { "0" } else { whole };
        format!("{sign}{whole}{rest}")
    }
}

impl Serialize for Number {
    /// Serializes as a JSON number with exactly its digits (`110.00` stays `110.00`,
    /// `1e400` stays `1e400`): never through a float.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if let Ok(value) = self.0.parse::<i64>() {
            return serializer.serialize_i64(value);
        }
        match serde_json::value::RawValue::from_string(self.json_text()) {
            Ok(raw) => raw.serialize(serializer),
            // Unreachable for validated text; a string keeps the digits regardless.
            Err(_) => serializer.serialize_str(&self.0),
        }
    }
}

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NumberVisitor)
    }
}

struct NumberVisitor;

impl Visitor<'_> for NumberVisitor {
    type Value = Number;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number or a string holding a decimal number")
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Number, E> {
        Ok(Number::from(value))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Number, E> {
        Ok(Number::from(value))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Number, E> {
        Number::try_from(value).map_err(E::custom)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Number, E> {
        value.parse().map_err(E::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_text_of_strings_and_reads_numbers() {
        let from_string: Number = serde_json::from_str("\"110.00\"").unwrap();
        assert_eq!(from_string.as_str(), "110.00");
        assert_eq!(from_string.to_i64(), Some(110));
        let from_number: Number = serde_json::from_str("250").unwrap();
        assert_eq!(from_number.to_i64(), Some(250));
        let fractional: Number = serde_json::from_str("\"2.50\"").unwrap();
        assert_eq!(fractional.to_i64(), None);
        assert_eq!(fractional.to_f64(), 2.5);
    }

    #[test]
    fn rejects_text_that_is_not_a_number() {
        for bad in ["", "abc", "1.", ".5", "1e", "--1", "1.2.3", "NaN"] {
            assert!(bad.parse::<Number>().is_err(), "{bad:?} parsed");
        }
        assert!(serde_json::from_str::<Number>("\"12a\"").is_err());
        assert!(Number::try_from(f64::INFINITY).is_err());
    }

    #[test]
    fn serializes_its_exact_digits() {
        for (text, json) in [
            ("110.00", "110.00"),
            ("1e400", "1e400"),
            (
                "12345678901234567890.123456789",
                "12345678901234567890.123456789",
            ),
            ("-0.10", "-0.10"),
            ("007.5", "7.5"),
            ("18446744073709551616", "18446744073709551616"),
        ] {
            let number: Number = text.parse().unwrap();
            assert_eq!(serde_json::to_string(&number).unwrap(), json, "{text}");
        }
        // Inside a document as well as alone.
        #[derive(Serialize)]
        struct Payment {
            amount: Number,
        }
        let amount: Number = "110.00".parse().unwrap();
        assert_eq!(
            serde_json::to_string(&Payment { amount }).unwrap(),
            r#"{"amount":110.00}"#
        );
    }

    #[test]
    fn serializes_as_json_number() {
        assert_eq!(serde_json::to_string(&Number::from(250)).unwrap(), "250");
        assert_eq!(
            serde_json::to_string(&"2.5".parse::<Number>().unwrap()).unwrap(),
            "2.5"
        );
    }
}
