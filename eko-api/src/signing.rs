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

/// Length of a signature's base64 text: 32 MAC bytes, padded.
pub const SIGNATURE_LEN: usize = 44;

/// The `secret-key` for a request signed at `timestamp_ms`.
///
/// Keys a MAC for this one signature; a client signs through a [`Signer`] made once.
pub fn secret_key(access_key: &Secret, timestamp_ms: u64) -> Secret {
    Signer::new(access_key).secret_key(timestamp_ms).to_secret()
}

/// The `request_hash` for a request signed at `timestamp_ms`: the MAC over the
/// timestamp followed directly (no separator) by each value, in order.
pub fn request_hash(access_key: &Secret, timestamp_ms: u64, values: &[&str]) -> Secret {
    Signer::new(access_key)
        .request_hash(timestamp_ms, values)
        .to_secret()
}

/// Signs requests with one access key: the MAC is keyed with the key's base64 text
/// once, and each signature starts from a copy of that keyed state.
///
/// `Debug` shows no key material.
#[derive(Clone)]
pub struct Signer {
    keyed: Hmac<Sha256>,
}

impl Signer {
    /// A signer for `access_key`.
    pub fn new(access_key: &Secret) -> Self {
        let encoded_key = STANDARD.encode(access_key.expose());
        // HMAC accepts keys of any length, so this cannot fail.
        let keyed = <Hmac<Sha256> as KeyInit>::new_from_slice(encoded_key.as_bytes())
            .expect("HMAC-SHA256 takes keys of any length");
        Signer { keyed }
    }

    /// The `secret-key` for a request signed at `timestamp_ms`.
    pub fn secret_key(&self, timestamp_ms: u64) -> Signature {
        self.request_hash(timestamp_ms, &[])
    }

    /// The `request_hash` for a request signed at `timestamp_ms` over `values`.
    pub fn request_hash(&self, timestamp_ms: u64, values: &[&str]) -> Signature {
        let mut mac = self.keyed.clone();
        mac.update(Timestamp::new(timestamp_ms).as_str().as_bytes());
        for value in values {
            mac.update(value.as_bytes());
        }
        let mut text = [0_u8; SIGNATURE_LEN];
        // 32 bytes always encode to exactly SIGNATURE_LEN characters.
        let written = STANDARD
            .encode_slice(mac.finalize().into_bytes(), &mut text)
            .unwrap_or_default();
        debug_assert_eq!(written, SIGNATURE_LEN);
        Signature { text }
    }
}

impl std::fmt::Debug for Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Signer([redacted])")
    }
}

/// A signature's base64 text, kept on the stack. `Debug` redacts it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Signature {
    text: [u8; SIGNATURE_LEN],
}

impl Signature {
    /// The text. Call only where it goes on the wire.
    pub fn expose(&self) -> &str {
        // Only base64 characters are ever written into it.
        std::str::from_utf8(&self.text).unwrap_or_default()
    }

    /// The text as a [`Secret`].
    pub fn to_secret(&self) -> Secret {
        Secret::new(self.expose())
    }
}

impl std::fmt::Debug for Signature {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Signature([redacted])")
    }
}

/// A millisecond timestamp's decimal text, without an allocation.
#[derive(Clone, Copy)]
pub(crate) struct Timestamp {
    digits: [u8; 20],
    start: usize,
}

impl Timestamp {
    pub(crate) fn new(mut value: u64) -> Self {
        let mut digits = [b'0'; 20];
        let mut start = digits.len();
        loop {
            start -= 1;
            digits[start] = b'0' + (value % 10) as u8;
            value /= 10;
            if value == 0 {
                break;
            }
        }
        Timestamp { digits, start }
    }

    pub(crate) fn as_str(&self) -> &str {
        // Only ASCII digits are ever written into it.
        std::str::from_utf8(&self.digits[self.start..]).unwrap_or_default()
    }
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
    fn timestamps_and_signers_match_the_one_shot_functions() {
        for value in [0, 7, 1_700_000_000_000, u64::MAX] {
            assert_eq!(Timestamp::new(value).as_str(), value.to_string());
        }
        let key = Secret::new("TEST_ACCESS_KEY_DO_NOT_USE");
        let signer = Signer::new(&key);
        assert_eq!(
            signer.secret_key(1_700_000_000_000).expose(),
            "u30ak/iOGwKCaspqCeiYng8fd98QDx7kF3DBBOadQHk="
        );
        assert!(!format!("{signer:?} {:?}", signer.secret_key(1)).contains("u30ak"));
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
