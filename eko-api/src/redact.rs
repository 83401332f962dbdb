//! Keeping keys and signatures out of what a server sent back, and server text
//! safe to print.
//!
//! A server may echo a request's headers. It may also echo them JSON-escaped
//! (`\u0062ecb…`, `\/`), which a plain text search misses but a JSON decoder
//! turns back into the key. [`Redactor::text`] therefore looks for each secret in
//! the text as a JSON decoder would read it, and replaces the raw text that spells
//! it, whatever mix of literal characters and escapes that is. The client applies
//! it to a body before decoding and, when the body held a secret, again to every
//! decoded string (a clean body cannot decode to one: see `MAX_LEVELS`).
//!
//! [`printable`] makes server text safe for `Display` and logs: control and
//! bidirectional-formatting characters are shown escaped, so a body cannot forge a
//! log line or recolour a terminal.

use serde_json::{Map, Value};
use std::borrow::Cow;
use std::fmt::Write as _;

/// What a secret is replaced with.
pub(crate) const REDACTED: &str = "[redacted]";

/// Secrets shorter than this are not searched for: they would match ordinary text.
const MIN_SECRET_BYTES: usize = 4;

/// How many levels of JSON escaping are undone when searching. A string decoded
/// from a body is one level below it, so a body found clean at these levels has
/// decoded strings clean at three levels — what a search of the string would cover.
const MAX_LEVELS: usize = 4;

/// The secrets of one call, ready to be searched for. Deliberately not `Debug`.
///
/// The client's keys are prepared once per client and shared by its calls
/// ([`Redactor::over`]); a call adds only its own signatures.
pub(crate) struct Redactor<'a> {
    /// Secrets shared with other calls, without duplicates.
    shared: &'a [Sought],
    /// Secrets of this redactor only, without duplicates.
    own: Vec<Sought>,
}

/// One secret, ASCII-lowercased, with the offset of its rarest byte (in JSON
/// text, by [`RARITY`]) and of a neighbour. A search scans (vectorized) for the
/// rarest byte in either case and compares the rest only there: a body costs one
/// fast pass per secret, and preparing a secret little, which matters because every
/// call adds signatures made for it.
struct Sought {
    lowered: String,
    anchor: usize,
    second: usize,
}

impl Sought {
    fn new(secret: &str) -> Self {
        let lowered = secret.to_ascii_lowercase();
        // From the end, stopping at the first byte of the rarest kind: a signature's
        // base64 padding `=` is its last byte, so a call's own secrets cost a glance.
        let mut anchor = 0;
        let mut best = u8::MAX;
        for (at, byte) in lowered.bytes().enumerate().rev() {
            let rank = RARITY[usize::from(byte)];
            if rank < best {
                best = rank;
                anchor = at;
                if rank == 0 {
                    break;
                }
            }
        }
        Sought {
            // A neighbour of the anchor, compared before the whole secret.
            second: if anchor == 0 { 1 } else { anchor - 1 },
            lowered,
            anchor,
        }
    }

    /// Where the secret occurs in `haystack`, ignoring ASCII case, as byte ranges.
    fn occurrences<'h>(&'h self, haystack: &'h [u8]) -> impl Iterator<Item = (usize, usize)> + 'h {
        let needle = self.lowered.as_bytes();
        let rare = needle.get(self.anchor).copied().unwrap_or_default();
        memchr::memchr2_iter(rare, rare.to_ascii_uppercase(), haystack)
            .filter_map(move |at| at.checked_sub(self.anchor))
            .filter(move |&start| {
                let Some(found) = haystack.get(start..start + needle.len()) else {
                    return false;
                };
                found[self.second].eq_ignore_ascii_case(&needle[self.second])
                    && found.eq_ignore_ascii_case(needle)
            })
            .map(move |start| (start, start + needle.len()))
    }
}

impl Redactor<'static> {
    /// A redactor that knows no secret.
    pub(crate) const fn empty() -> Self {
        Redactor {
            shared: &[],
            own: Vec::new(),
        }
    }

    /// A redactor for `secrets`; blank and very short values are ignored.
    pub(crate) fn new<S: AsRef<str>>(secrets: impl IntoIterator<Item = S>) -> Self {
        let mut redactor = Redactor::empty();
        redactor.extend(secrets);
        redactor
    }
}

impl<'a> Redactor<'a> {
    /// A redactor that knows the secrets of `shared` without copying them.
    pub(crate) fn over(shared: &'a Redactor<'static>) -> Self {
        Redactor {
            shared: &shared.own,
            own: Vec::new(),
        }
    }

    /// Adds more secrets.
    pub(crate) fn extend<S: AsRef<str>>(&mut self, secrets: impl IntoIterator<Item = S>) {
        for secret in secrets {
            let secret = secret.as_ref().trim();
            if secret.len() < MIN_SECRET_BYTES
                || self
                    .secrets()
                    .any(|known| known.lowered.eq_ignore_ascii_case(secret))
            {
                continue;
            }
            self.own.push(Sought::new(secret));
        }
    }

    fn secrets(&self) -> impl Iterator<Item = &Sought> {
        self.shared.iter().chain(&self.own)
    }

    fn is_empty(&self) -> bool {
        self.shared.is_empty() && self.own.is_empty()
    }

    /// `text` with every occurrence of a secret replaced by `[redacted]`, whether the
    /// secret appears literally, JSON-escaped (`\uXXXX` in either case, `\/`, `\\`,
    /// surrogate pairs) or in a mix of both. ASCII case is ignored: a hex key in
    /// capitals is still the key.
    pub(crate) fn text<'t>(&self, text: &'t str) -> Cow<'t, str> {
        if self.is_empty() || text.len() < MIN_SECRET_BYTES {
            return Cow::Borrowed(text);
        }
        if memchr::memchr(b'\\', text.as_bytes()).is_none() {
            // Nothing is escaped, so the text is its only reading.
            let ranges = self
                .secrets()
                .flat_map(|secret| secret.occurrences(text.as_bytes()))
                .collect();
            return replace_ranges(text, ranges);
        }
        // Text escaped twice (a JSON string holding JSON) decodes to the secret in
        // two steps, so each level of decoding is searched, a few levels deep.
        let mut views = vec![DecodedView::new(text)];
        while views.len() < MAX_LEVELS {
            let last = &views[views.len() - 1];
            if !last.decoded.contains('\\') {
                break;
            }
            let next = DecodedView::new(&last.decoded);
            if next.escapes.is_empty() {
                break;
            }
            views.push(next);
        }
        let to_raw = |level: usize, offset: usize| {
            views[..=level]
                .iter()
                .rev()
                .fold(offset, |offset, view| view.raw_offset(offset))
        };
        // The raw text is searched too: `\becb…` decodes to a backspace and `ecb…`,
        // yet shown as it is, it spells the key.
        let mut ranges: Vec<(usize, usize)> = self
            .secrets()
            .flat_map(|secret| secret.occurrences(text.as_bytes()))
            .collect();
        for (level, view) in views.iter().enumerate() {
            for secret in self.secrets() {
                for (start, end) in secret.occurrences(view.decoded.as_bytes()) {
                    ranges.push((to_raw(level, start), to_raw(level, end)));
                }
            }
        }
        replace_ranges(text, ranges)
    }

    /// Redacts `text` in place.
    pub(crate) fn string(&self, text: &mut String) {
        if let Cow::Owned(clean) = self.text(text) {
            *text = clean;
        }
    }

    /// Redacts every string and every object key of a decoded JSON value.
    pub(crate) fn value(&self, value: &mut Value) {
        if self.is_empty() {
            return;
        }
        match value {
            Value::String(text) => self.string(text),
            Value::Array(items) => items.iter_mut().for_each(|item| self.value(item)),
            Value::Object(fields) => self.map(fields),
            Value::Null | Value::Bool(_) | Value::Number(_) => {}
        }
    }

    /// Redacts the keys and values of a decoded JSON object.
    pub(crate) fn map(&self, fields: &mut Map<String, Value>) {
        if self.is_empty() {
            return;
        }
        if fields
            .keys()
            .any(|key| matches!(self.text(key), Cow::Owned(_)))
        {
            *fields = std::mem::take(fields)
                .into_iter()
                .map(|(key, value)| (self.text(&key).into_owned(), value))
                .collect();
        }
        fields.values_mut().for_each(|value| self.value(value));
    }
}

/// How common a (lowered) byte is in JSON answers: lower is rarer. Punctuation
/// that JSON and prose seldom use comes first, then rare letters, then digits
/// (numbers and dates are everywhere), then the rest. A table, since every call
/// ranks the bytes of its signatures.
const RARITY: [u8; 256] = {
    let mut table = [0_u8; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = match byte as u8 {
            b'=' | b'+' | b'~' | b'^' | b'|' | b'`' | b'<' | b'>' => 0,
            b'/' | b'%' | b'#' | b'*' | b'!' | b'$' | b'&' | b';' | b'?' | b'@' => 10,
            b'q' | b'z' | b'x' | b'j' | b'k' | b'v' | b'w' | b'y' | b'f' | b'b' | b'g' => 20,
            b'5'..=b'9' => 40,
            b'0'..=b'4' => 60,
            b'-' | b'_' | b'.' | b',' | b':' => 70,
            b'a'..=b'z' | b'A'..=b'Z' => 80,
            0..=127 => 100,
            // Bytes of non-ASCII characters: rare in Eko's answers.
            _ => 30,
        };
        byte += 1;
    }
    table
};

/// `text` with each of the raw byte `ranges` (in any order, possibly overlapping)
/// replaced by `[redacted]`; borrowed when there are none.
fn replace_ranges(text: &str, mut ranges: Vec<(usize, usize)>) -> Cow<'_, str> {
    if ranges.is_empty() {
        return Cow::Borrowed(text);
    }
    ranges.sort_unstable();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for (start, end) in ranges {
        if end <= copied {
            continue; // inside a range already replaced
        }
        if start >= copied {
            out.push_str(&text[copied..start]);
            out.push_str(REDACTED);
        }
        copied = end;
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

/// A text with its JSON escapes decoded, and where each escape came from.
struct DecodedView {
    decoded: String,
    /// `(decoded end, raw end)` of each decoded escape, in order. Between escapes
    /// decoded and raw text are the same bytes.
    escapes: Vec<(usize, usize)>,
}

impl DecodedView {
    fn new(raw: &str) -> Self {
        let mut view = DecodedView {
            decoded: String::with_capacity(raw.len()),
            escapes: Vec::new(),
        };
        let bytes = raw.as_bytes();
        let mut at = 0;
        while let Some(found) = raw[at..].find('\\') {
            let slash = at + found;
            view.decoded.push_str(&raw[at..slash]);
            match decode_escape(bytes, slash) {
                Some((decoded, length)) => {
                    view.decoded.push(decoded);
                    view.escapes.push((view.decoded.len(), slash + length));
                    at = slash + length;
                }
                None => {
                    view.decoded.push('\\');
                    at = slash + 1;
                }
            }
        }
        view.decoded.push_str(&raw[at..]);
        view
    }

    /// The raw offset of a decoded offset that lies on a character boundary.
    fn raw_offset(&self, decoded: usize) -> usize {
        let before = self.escapes.partition_point(|(end, _)| *end <= decoded);
        match before.checked_sub(1).map(|index| self.escapes[index]) {
            Some((decoded_end, raw_end)) => raw_end + (decoded - decoded_end),
            None => decoded,
        }
    }
}

/// The character a JSON escape at `bytes[at]` (a backslash) stands for, and the
/// escape's length; `None` when it is not a valid escape.
fn decode_escape(bytes: &[u8], at: usize) -> Option<(char, usize)> {
    let simple = match *bytes.get(at + 1)? {
        b'"' => '"',
        b'\\' => '\\',
        b'/' => '/',
        b'b' => '\u{8}',
        b'f' => '\u{c}',
        b'n' => '\n',
        b'r' => '\r',
        b't' => '\t',
        b'u' => {
            let unit = hex4(bytes, at + 2)?;
            if (0xD800..0xDC00).contains(&unit) {
                if bytes.get(at + 6) != Some(&b'\\') || bytes.get(at + 7) != Some(&b'u') {
                    return None;
                }
                let low = hex4(bytes, at + 8)?;
                if !(0xDC00..0xE000).contains(&low) {
                    return None;
                }
                let code = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                return char::from_u32(code).map(|decoded| (decoded, 12));
            }
            return char::from_u32(unit).map(|decoded| (decoded, 6));
        }
        _ => return None,
    };
    Some((simple, 2))
}

fn hex4(bytes: &[u8], at: usize) -> Option<u32> {
    let digits = bytes.get(at..at + 4)?;
    digits.iter().try_fold(0_u32, |value, digit| {
        Some(value * 16 + char::from(*digit).to_digit(16)?)
    })
}

/// `text` with every character that could break or disguise a line of output shown
/// escaped: `\n`, `\r`, `\t`, other control characters (ANSI escape sequences start
/// with one) and bidirectional-formatting or line-separator characters as `\u{..}`.
pub(crate) fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for character in text.chars() {
        match character {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            other if needs_escape(other) => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(other));
            }
            other => out.push(other),
        }
    }
    Cow::Owned(out)
}

fn needs_escape(character: char) -> bool {
    character.is_control()
        || matches!(
            character,
            '\u{061C}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "becbbce45f79c6f5109f848acd540567";
    const SIGNATURE: &str = "u30ak/iOGwKCaspqCeiYng8fd98QDx7kF3DBBOadQHk=";

    fn escaped_every_char(secret: &str, upper: bool) -> String {
        secret
            .chars()
            .map(|character| {
                if upper {
                    format!("\\u{:04X}", u32::from(character))
                } else {
                    format!("\\u{:04x}", u32::from(character))
                }
            })
            .collect()
    }

    proptest::proptest! {
        /// Wherever a secret is echoed, in whatever ASCII case, in whatever text
        /// around it (any Unicode), it is gone afterwards, and text without it is
        /// left as it was.
        #[test]
        fn an_echoed_secret_never_survives(
            before in "\\PC{0,40}",
            after in "\\PC{0,40}",
            upper in proptest::collection::vec(proptest::bool::ANY, SIGNATURE.len()),
            which in 0..2_usize,
        ) {
            let secret = [KEY, SIGNATURE][which];
            let echoed: String = secret
                .chars()
                .zip(&upper)
                .map(|(c, &up)| if up { c.to_ascii_uppercase() } else { c })
                .collect();
            let redactor = Redactor::new([KEY, SIGNATURE]);
            let clean = redactor.text(&format!("{before}{echoed}{after}")).into_owned();
            proptest::prop_assert!(!clean.to_ascii_lowercase().contains(&secret.to_ascii_lowercase()));
            proptest::prop_assert!(clean.contains(REDACTED));
            let plain = format!("{before}{after}");
            if !plain.to_ascii_lowercase().contains(&KEY.to_ascii_lowercase())
                && !plain.to_ascii_lowercase().contains(&SIGNATURE.to_ascii_lowercase())
                && !plain.contains('\\')
            {
                proptest::prop_assert_eq!(redactor.text(&plain), plain.as_str());
            }
        }
    }

    #[test]
    fn finds_secrets_literal_escaped_and_mixed() {
        let redactor = Redactor::new([KEY, SIGNATURE]);
        let mixed: String = KEY
            .chars()
            .enumerate()
            .map(|(index, character)| {
                if index % 3 == 0 {
                    format!("\\u{:04x}", u32::from(character))
                } else {
                    character.to_string()
                }
            })
            .collect();
        for echoed in [
            KEY.to_owned(),
            KEY.to_ascii_uppercase(),
            escaped_every_char(KEY, false),
            escaped_every_char(KEY, true),
            mixed,
            SIGNATURE.replace('/', "\\/"),
            escaped_every_char(SIGNATURE, true),
            // Escaped twice: a JSON string whose text is JSON-escaped.
            escaped_every_char(KEY, false).replace('\\', "\\\\"),
        ] {
            let body = format!(r#"{{"message":"echo {echoed} end","n":1}}"#);
            let clean = redactor.text(&body);
            assert_eq!(
                clean, r#"{"message":"echo [redacted] end","n":1}"#,
                "{echoed}"
            );
            let decoded: Value = serde_json::from_str(&clean).unwrap();
            assert_eq!(decoded["message"], "echo [redacted] end");
        }
    }

    #[test]
    fn leaves_other_text_alone_and_handles_broken_escapes() {
        let redactor = Redactor::new([KEY, "", "ab"]);
        for text in [
            "plain text",
            r"\u12 \x \ud800 \udc00 trailing \",
            "é\\u00e9 😀 \\ud83d\\ude00",
        ] {
            assert!(matches!(redactor.text(text), Cow::Borrowed(_)), "{text}");
        }
        assert_eq!(
            redactor.text(&format!("\\ud83d\\ude00{KEY}\\ud83d\\ude00")),
            "\\ud83d\\ude00[redacted]\\ud83d\\ude00"
        );
        assert_eq!(
            redactor.text(&format!("{KEY}{KEY}")),
            "[redacted][redacted]"
        );
        // Overlapping secrets are replaced once.
        let overlapping = Redactor::new(["abcdef", "cdefgh"]);
        assert_eq!(overlapping.text("xxabcdefghyy"), "xx[redacted]yy");
    }

    #[test]
    fn values_and_keys_are_redacted() {
        let redactor = Redactor::new([KEY]);
        let mut value = serde_json::json!({
            KEY: [format!("a{KEY}"), {"nested": format!("\\u0062{}", &KEY[1..])}],
            "n": 5,
        });
        redactor.value(&mut value);
        let shown = value.to_string();
        assert!(!shown.contains(&KEY[1..]), "{shown}");
        assert_eq!(value["[redacted]"][0], "a[redacted]");
        assert_eq!(value["[redacted]"][1]["nested"], "[redacted]");
    }

    #[test]
    fn printable_escapes_what_breaks_lines() {
        assert!(matches!(printable("plain: text é"), Cow::Borrowed(_)));
        assert_eq!(
            printable("ok\r\n2026 INFO forged\u{1b}[31m\u{202e}x\\y\u{7f}\u{2028}"),
            "ok\\r\\n2026 INFO forged\\u{1b}[31m\\u{202e}x\\y\\u{7f}\\u{2028}"
        );
    }
}
