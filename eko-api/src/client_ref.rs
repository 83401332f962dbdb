//! Generated `client_ref_id`s.
//!
//! Eko uses `client_ref_id` to reconcile and de-duplicate calls, so every non-GET
//! call carries one. Generated ids are 20 characters of `[0-9A-Za-z]`: 8 base-36
//! digits of the millisecond clock (ids sort by creation time, which helps when
//! searching logs) followed by 12 random alphanumerics (62^12 ≈ 3·10^21 values per
//! millisecond, so collisions are not a practical concern).

const TIME_DIGITS: usize = 8;
const RANDOM_CHARS: usize = 12;
const BASE36: &[u8; 36] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const ALPHANUMERIC: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// A new reference for a call made at `now_ms`.
pub(crate) fn generate(now_ms: u64) -> String {
    let mut id = String::with_capacity(TIME_DIGITS + RANDOM_CHARS);
    let mut time_digits = [b'0'; TIME_DIGITS];
    let mut rest = now_ms;
    for slot in time_digits.iter_mut().rev() {
        *slot = BASE36[(rest % 36) as usize];
        rest /= 36;
    }
    id.extend(time_digits.iter().map(|&byte| char::from(byte)));
    for _ in 0..RANDOM_CHARS {
        id.push(char::from(
            ALPHANUMERIC[rand::random_range(0..ALPHANUMERIC.len())],
        ));
    }
    id
}

#[cfg(test)]
mod tests {
    use super::generate;
    use crate::Format;
    use std::collections::HashSet;

    #[test]
    fn ids_are_valid_unique_and_time_ordered() {
        let ids: HashSet<String> = (0..10_000).map(|_| generate(1_700_000_000_000)).collect();
        assert_eq!(ids.len(), 10_000);
        assert!(
            ids.iter()
                .all(|id| id.len() == 20 && Format::ClientRefId.accepts(id))
        );
        assert!(generate(1_700_000_000_000)[..8] < generate(1_700_000_000_001)[..8]);
    }
}
