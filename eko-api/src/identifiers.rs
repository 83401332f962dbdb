//! Types of their own for the identifiers that recur across endpoints, so that a
//! mobile number cannot be passed where a PAN goes: request constructors take these
//! rather than strings, and swapping two of them does not compile.
//!
//! They hold the text as given; whether it has the right shape is checked with the
//! rest of the request before anything is sent, naming the field. Dates are
//! [`Date`] (`jiff::civil::Date`), sent as `YYYY-MM-DD`.

use serde::{Serialize, Serializer};
use std::fmt;

/// A calendar date, sent as `YYYY-MM-DD` (the format Eko's docs state).
pub type Date = jiff::civil::Date;

macro_rules! identifier {
    ($(#[$doc:meta])* $name:ident, shown: $shown:expr) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            /// Wraps the text; its shape is checked before the request is sent.
            pub fn new(text: impl Into<String>) -> Self {
                $name(text.into())
            }

            /// The text as sent.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let show: fn(&str) -> String = $shown;
                write!(f, "{}({:?})", stringify!($name), show(&self.0))
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }
    };
}

/// Shown as it is.
fn plain(text: &str) -> String {
    text.to_owned()
}

/// Personal data: never shown.
fn redacted(_: &str) -> String {
    crate::redact::REDACTED.to_owned()
}

identifier!(
    /// An Indian mobile number, e.g. `9444444444` (`customer_id`, `mobile`, ...).
    Mobile,
    shown: plain
);
identifier!(
    /// A Permanent Account Number, e.g. `ABCDE1234F`; `Debug` hides it.
    Pan,
    shown: redacted
);
identifier!(
    /// A twelve-digit Aadhaar number; `Debug` hides it.
    Aadhaar,
    shown: redacted
);
identifier!(
    /// An IFSC bank branch code, e.g. `SBIN0001234`.
    Ifsc,
    shown: plain
);
identifier!(
    /// A six-digit postal code.
    Pincode,
    shown: plain
);
identifier!(
    /// An email address.
    Email,
    shown: plain
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialize_as_their_text_and_hide_personal_data() {
        assert_eq!(
            serde_json::to_string(&Mobile::new("9444444444")).unwrap(),
            "\"9444444444\""
        );
        assert_eq!(
            format!("{:?}", Pan::new("ABCDE1234F")),
            "Pan(\"[redacted]\")"
        );
        assert_eq!(
            format!("{:?}", Ifsc::new("SBIN0001234")),
            "Ifsc(\"SBIN0001234\")"
        );
        let date = Date::constant(1990, 5, 15);
        assert_eq!(serde_json::to_string(&date).unwrap(), "\"1990-05-15\"");
    }
}
