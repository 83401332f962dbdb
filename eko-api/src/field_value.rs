//! A field of a generated struct seen without its type, as the generic `Debug` and
//! `PartialEq` of requests ([`crate::request_fields`]) and payloads
//! ([`crate::payload`]) see it.

use std::any::Any;
use std::fmt;

/// Shows and compares a field whatever its type; every field type has it.
pub(crate) trait FieldValue: Any {
    /// The field as `Debug` shows it.
    fn debug(&self) -> &dyn fmt::Debug;
    /// Whether `other` is a field of the same type and value.
    fn same(&self, other: &dyn Any) -> bool;
}

impl<T: fmt::Debug + PartialEq + 'static> FieldValue for T {
    fn debug(&self) -> &dyn fmt::Debug {
        self
    }

    fn same(&self, other: &dyn Any) -> bool {
        other.downcast_ref::<T>().is_some_and(|other| self == other)
    }
}
