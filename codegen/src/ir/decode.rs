//! How a response field is read: the runtime's lenient decoder for its type.

use super::RustType;

impl RustType {
    /// The path of the runtime's lenient decoder for a response field of this type
    /// (numbers may arrive as strings, objects as empty strings, ...), or `None` where
    /// the type's own `Deserialize` is already lenient.
    pub fn lenient_decoder(&self) -> Option<&'static str> {
        match self {
            RustType::String => Some("crate::lenient::string"),
            RustType::Number => Some("crate::lenient::number"),
            RustType::Integer => Some("crate::lenient::integer"),
            RustType::Boolean => Some("crate::lenient::boolean"),
            RustType::Vec(_) => Some("crate::lenient::list"),
            RustType::Named(_) | RustType::JsonMap => Some("crate::lenient::object"),
            // An open enum reads any value itself (unknown ones into `Other`).
            RustType::Enum(_) | RustType::JsonValue | RustType::File => None,
            // Request-side types only; responses keep identifiers and dates as text.
            RustType::Identifier(_) | RustType::Date => None,
        }
    }
}
