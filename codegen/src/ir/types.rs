//! The one mapping from a spec type to a Rust type, for both sides of the wire.
//!
//! Request parameters and response fields are typed by the same rules; where the two
//! sides differ (formats, files, integers in lists) the difference is a case here, not
//! a second mapping.

use super::{RustType, Side};
use eko_spec::{Format, Semantic, Type};

/// What decides a value's Rust type besides its spec type.
pub(super) struct Typing<'a> {
    /// Which side of the wire the value is on.
    pub side: Side,
    /// The documented type.
    pub ty: Type,
    /// The documented type of an array's elements.
    pub items: Option<Type>,
    /// The validated format (request side only).
    pub format: Option<Format>,
    /// What the value is, beyond its wire shape.
    pub semantic: Option<Semantic>,
    /// The open enum of the value list documenting it, if one applies.
    pub value_enum: Option<&'a str>,
    /// The struct generated for an object (or an array's objects) whose keys are
    /// documented.
    pub generated: Option<String>,
}

/// The Rust type of a documented value.
pub(super) fn rust_type(typing: Typing<'_>) -> RustType {
    if let Some(name) = typing.value_enum.filter(|_| typing.ty.is_enumerable()) {
        return RustType::Enum(name.to_owned());
    }
    match typing.ty {
        Type::Object => typing.generated.map_or(RustType::JsonMap, RustType::Named),
        Type::Array => RustType::Vec(Box::new(match typing.generated {
            Some(name) => RustType::Named(name),
            None => element_type(typing.side, typing.items),
        })),
        Type::String => match typing.side {
            Side::Request => format_type(typing.format).unwrap_or(RustType::String),
            Side::Response => RustType::String,
        },
        // Only a request carries an upload; a response reports it as text.
        Type::File => match typing.side {
            Side::Request => RustType::File,
            Side::Response => RustType::String,
        },
        Type::Number => RustType::Number,
        // Money is an exact decimal even where the page says `integer`.
        Type::Integer if typing.semantic == Some(Semantic::Amount) => RustType::Number,
        Type::Integer => RustType::Integer,
        Type::Boolean => RustType::Boolean,
    }
}

/// The element type of an array whose elements have no struct of their own.
fn element_type(side: Side, items: Option<Type>) -> RustType {
    match items {
        Some(Type::Object) => RustType::JsonMap,
        Some(Type::String) => RustType::String,
        Some(Type::Number) => RustType::Number,
        // A response list's integers are read as decimals, which accept the quoted
        // numbers Eko sometimes sends.
        Some(Type::Integer) if side == Side::Response => RustType::Number,
        Some(Type::Integer) => RustType::Integer,
        Some(Type::Boolean) => RustType::Boolean,
        Some(Type::Array | Type::File) | None => RustType::JsonValue,
    }
}

/// The runtime type of a request string with a validated format, where one exists:
/// identifiers that recur across endpoints get types of their own, so that passing one
/// in another's place does not compile; dates are dates.
fn format_type(format: Option<Format>) -> Option<RustType> {
    Some(match format? {
        Format::Mobile => RustType::Identifier("Mobile"),
        Format::Pan => RustType::Identifier("Pan"),
        Format::Aadhaar => RustType::Identifier("Aadhaar"),
        Format::Ifsc => RustType::Identifier("Ifsc"),
        Format::Pincode => RustType::Identifier("Pincode"),
        Format::Email => RustType::Identifier("Email"),
        Format::Date => RustType::Date,
        Format::ClientRefId => return None,
    })
}
