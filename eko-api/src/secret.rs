//! A string that must never be shown: API keys and computed signatures.

use std::fmt;

/// Text that is redacted wherever it could be printed.
///
/// `Debug` and `Display` show `[redacted]`; the value is only reachable through
/// [`Secret::expose`], so every place that reads it is easy to find. The type has
/// no `Serialize` implementation, so it cannot leak into a request body or a log
/// record by accident either.
#[derive(Clone, Default)]
pub struct Secret(String);

impl Secret {
    /// Wraps a value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The value itself. Call only where it goes on the wire or into a MAC.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether the value is empty (or only whitespace).
    pub fn is_blank(&self) -> bool {
        self.0.trim().is_empty()
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret(value.to_owned())
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(crate::redact::REDACTED)
    }
}

#[cfg(test)]
mod tests {
    use super::Secret;

    #[test]
    fn never_prints_its_value() {
        let secret = Secret::new("d2fe1d99-6298-4af2-8cc5-d97dcf46df30");
        assert!(!format!("{secret:?}").contains("d2fe"));
        assert!(!secret.to_string().contains("d2fe"));
        assert!(!format!("{secret:#?}").contains("d2fe"));
        assert_eq!(secret.expose(), "d2fe1d99-6298-4af2-8cc5-d97dcf46df30");
    }

    #[test]
    fn blank_values_are_detected() {
        assert!(Secret::new("  ").is_blank());
        assert!(!Secret::new("k").is_blank());
    }
}
