//! Format rules from `shared.formats`, compiled once.

use eko_spec::{Format, FormatDef};
use regex::Regex;
use std::collections::HashMap;

/// A compiled format: its rule and the phrase error messages use.
struct Rule {
    pattern: Regex,
    description: String,
}

/// Every format the spec defines, ready to check values against.
pub(crate) struct FormatRules {
    rules: HashMap<Format, Rule>,
}

impl FormatRules {
    /// Compiles the spec's formats. A pattern that does not compile is left out (and
    /// logged) rather than taking the whole mock down; values of that format then pass.
    pub(crate) fn new(definitions: &[FormatDef]) -> FormatRules {
        let mut rules = HashMap::new();
        for definition in definitions {
            match Regex::new(&definition.pattern) {
                Ok(pattern) => {
                    rules.insert(
                        definition.name,
                        Rule {
                            pattern,
                            description: definition.description.clone(),
                        },
                    );
                }
                Err(error) => {
                    tracing::warn!(format = ?definition.name, %error, "format pattern does not compile")
                }
            }
        }
        FormatRules { rules }
    }

    /// `None` when `value` satisfies `format`, else the message for `invalid_params`.
    pub(crate) fn check(&self, format: Format, value: &str) -> Option<String> {
        let rule = self.rules.get(&format)?;
        let matches =
            rule.pattern.is_match(value) && (format != Format::Date || is_calendar_date(value));
        (!matches).then(|| format!("must be {}", rule.description))
    }
}

/// Whether `value` is `YYYY-MM-DD` naming a day that exists (leap years included).
pub(crate) fn is_calendar_date(value: &str) -> bool {
    let mut parts = value.split('-');
    let (Some(year), Some(month), Some(day), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    let digits = |text: &str, len: usize| {
        text.len() == len && text.bytes().all(|byte| byte.is_ascii_digit())
    };
    if !digits(year, 4) || !digits(month, 2) || !digits(day, 2) {
        return false;
    }
    let (Ok(year), Ok(month), Ok(day)) = (
        year.parse::<u32>(),
        month.parse::<u32>(),
        day.parse::<u32>(),
    ) else {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_dates() {
        for good in ["1990-05-15", "2024-02-29", "2000-02-29", "1999-12-31"] {
            assert!(is_calendar_date(good), "{good}");
        }
        for bad in [
            "2023-02-29",
            "1900-02-29",
            "1990-13-01",
            "1990-00-10",
            "1990-04-31",
            "1990-5-15",
            "1990-05-15-1",
            "",
        ] {
            assert!(!is_calendar_date(bad), "{bad}");
        }
    }

    #[test]
    fn every_sample_in_the_spec_behaves() {
        let formats = &crate::bundle().shared.formats;
        let rules = FormatRules::new(formats);
        for definition in formats {
            for valid in &definition.valid {
                assert_eq!(
                    rules.check(definition.name, valid),
                    None,
                    "{:?} {valid}",
                    definition.name
                );
            }
            for invalid in &definition.invalid {
                assert!(
                    rules.check(definition.name, invalid).is_some(),
                    "{:?} {invalid}",
                    definition.name
                );
            }
        }
    }

    #[test]
    fn message_uses_the_description() {
        let formats = &crate::bundle().shared.formats;
        let rules = FormatRules::new(formats);
        let pincode = formats
            .iter()
            .find(|definition| definition.name == Format::Pincode)
            .unwrap();
        assert_eq!(
            rules.check(Format::Pincode, "1"),
            Some(format!("must be {}", pincode.description))
        );
    }
}
