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
///
/// One draw of 128 random bits gives all 12 characters: 62^12 < 2^72, so the bits
/// left over make the bias of taking remainders negligible (below 2^-56).
pub(crate) fn generate(now_ms: u64) -> String {
    let mut id = [b'0'; TIME_DIGITS + RANDOM_CHARS];
    let mut rest = now_ms;
    for slot in id[..TIME_DIGITS].iter_mut().rev() {
        *slot = BASE36[(rest % 36) as usize];
        rest /= 36;
    }
    let mut random: u128 = rand::random();
    for slot in &mut id[TIME_DIGITS..] {
        *slot = ALPHANUMERIC[(random % ALPHANUMERIC.len() as u128) as usize];
        random /= ALPHANUMERIC.len() as u128;
    }
    // Only ASCII alphanumerics are ever written into it.
    String::from_utf8_lossy(&id).into_owned()
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
