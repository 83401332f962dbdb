//! The input formats of the spec, checked by hand-written matchers.
//!
//! Each matcher implements the pattern that `spec/shared.toml` gives for the format
//! (a test runs every valid/invalid sample listed there), without pulling a regex
//! engine into the client.

use crate::Format;

impl Format {
    /// Whether `value` has this format.
    pub fn accepts(self, value: &str) -> bool {
        match self {
            Format::Mobile => {
                value.len() == 10 && matches!(value.as_bytes()[0], b'6'..=b'9') && all_digits(value)
            }
            Format::Date => is_calendar_date(value),
            Format::Pan => shaped(
                value,
                &[(5, Class::Upper), (4, Class::Digit), (1, Class::Upper)],
            ),
            Format::Email => is_email(value),
            Format::Pincode => value.len() == 6 && all_digits(value),
            Format::Ifsc => {
                let bytes = value.as_bytes();
                bytes.len() == 11
                    && bytes[..4].iter().all(u8::is_ascii_uppercase)
                    && bytes[4] == b'0'
                    && bytes[5..]
                        .iter()
                        .all(|byte| byte.is_ascii_uppercase() || byte.is_ascii_digit())
            }
            Format::Aadhaar => value.len() == 12 && all_digits(value),
            Format::ClientRefId => {
                (1..=20).contains(&value.len())
                    && value
                        .bytes()
                        .all(|byte| byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'-')
            }
        }
    }

    /// What a valid value looks like, as used in error messages.
    pub fn description(self) -> &'static str {
        match self {
            Format::Mobile => "a 10-digit mobile number starting with 6-9",
            Format::Date => "a real calendar date as YYYY-MM-DD",
            Format::Pan => "a PAN such as ABCDE1234F",
            Format::Email => "an email address",
            Format::Pincode => "a 6-digit pincode",
            Format::Ifsc => "an IFSC such as SBIN0001234",
            Format::Aadhaar => "a 12-digit Aadhaar number",
            Format::ClientRefId => "1 to 20 characters of A-Z, a-z, 0-9, '_' or '-'",
        }
    }
}

#[derive(Clone, Copy)]
enum Class {
    Upper,
    Digit,
}

fn all_digits(value: &str) -> bool {
    value.bytes().all(|byte| byte.is_ascii_digit())
}

/// Whether `value` is exactly the given runs of character classes.
fn shaped(value: &str, runs: &[(usize, Class)]) -> bool {
    let mut bytes = value.bytes();
    for &(count, class) in runs {
        for _ in 0..count {
            let ok = match (bytes.next(), class) {
                (Some(byte), Class::Upper) => byte.is_ascii_uppercase(),
                (Some(byte), Class::Digit) => byte.is_ascii_digit(),
                (None, _) => false,
            };
            if !ok {
                return false;
            }
        }
    }
    bytes.next().is_none()
}

fn is_calendar_date(value: &str) -> bool {
    let bytes = value.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return false;
    }
    let number = |range: std::ops::Range<usize>| {
        let part = &value[range];
        if all_digits(part) {
            part.parse::<u32>().ok()
        } else {
            None
        }
    };
    let (Some(year), Some(month), Some(day)) = (number(0..4), number(5..7), number(8..10)) else {
        return false;
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days_in_month).contains(&day)
}

/// One `@`, something without `@` or whitespace on each side, and a dot inside the
/// domain with text on both sides of it.
fn is_email(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else {
        return false;
    };
    // The characters spec/shared.toml's pattern spells out: control characters,
    // whitespace, and the invisible U+200B and U+FEFF.
    let blocked = |ch: char| {
        ch <= ' '
            || ('\u{7f}'..='\u{a0}').contains(&ch)
            || ch.is_whitespace()
            || ch == '\u{200b}'
            || ch == '\u{feff}'
    };
    let clean = |part: &str| !part.is_empty() && !part.contains('@') && !part.chars().any(blocked);
    if !clean(local) || !clean(domain) {
        return false;
    }
    domain
        .char_indices()
        .any(|(at, ch)| ch == '.' && at > 0 && at + 1 < domain.len())
}

#[cfg(test)]
mod tests {
    use crate::Format;

    #[test]
    fn dates_must_exist() {
        assert!(Format::Date.accepts("2000-02-29"));
        assert!(!Format::Date.accepts("1900-02-29"));
        assert!(Format::Date.accepts("2024-12-31"));
        assert!(!Format::Date.accepts("2024-12-32"));
        assert!(!Format::Date.accepts("２０２４-01-01"));
        assert!(!Format::Date.accepts("+024-01-01"));
    }

    #[test]
    fn non_ascii_input_never_panics() {
        for format in [
            Format::Mobile,
            Format::Pan,
            Format::Ifsc,
            Format::Pincode,
            Format::Aadhaar,
            Format::Email,
            Format::ClientRefId,
        ] {
            for value in [
                "é",
                "éééééééééééé",
                "ABCDé",
                "SBIN0é",
                "९४४४४४४४४४",
                "a@é.",
                "",
            ] {
                let _ = format.accepts(value);
            }
        }
        assert!(!Format::Ifsc.accepts("SBIé0001234"));
        assert!(!Format::Ifsc.accepts("SBIé000123"));
    }

    #[test]
    fn email_needs_a_dot_inside_the_domain() {
        assert!(Format::Email.accepts("a@b.c"));
        assert!(!Format::Email.accepts("a@.bc"));
        assert!(!Format::Email.accepts("a@bc."));
        assert!(!Format::Email.accepts("a@b@c.d"));
    }
}
