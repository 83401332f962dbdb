//! Request signatures.
//!
//! Eko authenticates each request with an HMAC-SHA256 whose key is the *base64
//! text* of the access key — the bytes of the string `base64(access_key)`, not the
//! decoded key — and whose message is the decimal millisecond timestamp sent
//! alongside it. The result travels base64-encoded in the `secret-key` header.
//! Some older financial calls also ask for a `request_hash`: the same MAC over the
//! timestamp followed by selected request fields.

use crate::Secret;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

/// Header carrying the static developer key.
pub const DEVELOPER_KEY_HEADER: &str = "developer_key";
/// Header carrying the per-request signature.
pub const SECRET_KEY_HEADER: &str = "secret-key";
/// Header carrying the signing time in milliseconds.
pub const TIMESTAMP_HEADER: &str = "secret-key-timestamp";
/// Header carrying the optional hash over selected request fields.
pub const REQUEST_HASH_HEADER: &str = "request_hash";

/// The `secret-key` for a request signed at `timestamp_ms`.
pub fn secret_key(access_key: &Secret, timestamp_ms: u64) -> Secret {
    mac_base64(access_key, &[timestamp_ms.to_string().as_bytes()])
}

/// The `request_hash` for a request signed at `timestamp_ms`: the MAC over the
/// timestamp followed directly (no separator) by each value, in order.
pub fn request_hash(access_key: &Secret, timestamp_ms: u64, values: &[&str]) -> Secret {
    let timestamp = timestamp_ms.to_string();
    let mut parts: Vec<&[u8]> = vec![timestamp.as_bytes()];
    parts.extend(values.iter().map(|value| value.as_bytes()));
    mac_base64(access_key, &parts)
}

fn mac_base64(access_key: &Secret, message: &[&[u8]]) -> Secret {
    let encoded_key = STANDARD.encode(access_key.expose());
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(encoded_key.as_bytes())
        .expect("HMAC-SHA256 takes keys of any length");
    for part in message {
        mac.update(part);
    }
    Secret::new(STANDARD.encode(mac.finalize().into_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw_mac(key: &[u8], message: &[u8]) -> String {
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).unwrap();
        mac.update(message);
        STANDARD.encode(mac.finalize().into_bytes())
    }

    #[test]
    fn matches_published_vectors() {
        let first = secret_key(
            &Secret::new("TEST_ACCESS_KEY_DO_NOT_USE"),
            1_700_000_000_000,
        );
        assert_eq!(
            first.expose(),
            "u30ak/iOGwKCaspqCeiYng8fd98QDx7kF3DBBOadQHk="
        );
        let second = secret_key(
            &Secret::new("f74c50a1-f705-4634-9cda-30a477df91b7"),
            1_516_705_204_593,
        );
        assert_eq!(
            second.expose(),
            "MC6dKW278tBef+AuqL/5rW2K3WgOegF0ZHLW/FriZQw="
        );
    }

    #[test]
    fn common_mistakes_give_other_values() {
        let access_key = "TEST_ACCESS_KEY_DO_NOT_USE";
        let timestamp = "1700000000000";
        let expected = "u30ak/iOGwKCaspqCeiYng8fd98QDx7kF3DBBOadQHk=";
        let encoded_key = STANDARD.encode(access_key);
        assert_eq!(
            raw_mac(encoded_key.as_bytes(), timestamp.as_bytes()),
            expected
        );
        // Key and message swapped.
        assert_ne!(
            raw_mac(timestamp.as_bytes(), encoded_key.as_bytes()),
            expected
        );
        // The base64 key decoded to bytes before use, which is the raw access key:
        // the MAC key must be the base64 *text*.
        let decoded = STANDARD.decode(&encoded_key).unwrap();
        assert_eq!(decoded, access_key.as_bytes());
        assert_ne!(raw_mac(&decoded, timestamp.as_bytes()), expected);
    }

    #[test]
    fn request_hash_appends_values_to_the_timestamp() {
        let key = Secret::new("TEST_ACCESS_KEY_DO_NOT_USE");
        let hash = request_hash(&key, 1_700_000_000_000, &["9999", "110.00", "20810200"]);
        let encoded_key = STANDARD.encode("TEST_ACCESS_KEY_DO_NOT_USE");
        let expected = raw_mac(encoded_key.as_bytes(), b"17000000000009999110.0020810200");
        assert_eq!(hash.expose(), expected);
        let with_separators = raw_mac(
            encoded_key.as_bytes(),
            b"1700000000000|9999|110.00|20810200",
        );
        assert_ne!(hash.expose(), with_separators);
        assert_eq!(
            request_hash(&key, 1_700_000_000_000, &[]).expose(),
            secret_key(&key, 1_700_000_000_000).expose()
        );
    }
}
