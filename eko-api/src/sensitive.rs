//! How generated `Debug` implementations show a personal or secret field (PAN,
//! Aadhaar, OTP, account number, biometric data): whether it is there, never what it is.

use std::fmt;

/// Shows `[redacted]` for a present value and `None` for an absent one.
pub(crate) struct Hidden(bool);

impl fmt::Debug for Hidden {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0 { "[redacted]" } else { "None" })
    }
}

/// Whether a field holds a value, for [`Hidden`].
pub(crate) trait Presence {
    fn present(&self) -> bool;
}

impl<T> Presence for Option<T> {
    fn present(&self) -> bool {
        self.is_some()
    }
}

macro_rules! always_present {
    ($($ty:ty),*) => {$(
        impl Presence for $ty {
            fn present(&self) -> bool {
                true
            }
        }
    )*};
}
always_present!(
    String,
    crate::Number,
    i64,
    bool,
    serde_json::Value,
    crate::FilePart,
    crate::Mobile,
    crate::Pan,
    crate::Aadhaar,
    crate::Ifsc,
    crate::Pincode,
    crate::Email,
    crate::Date
);

/// The stand-in `Debug` shows for `value`.
#[allow(
    dead_code,
    reason = "unused when no enabled product group has a sensitive field"
)]
pub(crate) fn hidden<T: Presence>(value: &T) -> Hidden {
    Hidden(value.present())
}
