//! Turning spec prose into rustdoc that renders cleanly and raises no rustdoc lints.

/// Escapes text so rustdoc shows it literally: `<binary file>` is not an HTML tag,
/// `[object Object]` is not a link, and bare URLs become autolinks.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        if let Some(url_len) = url_at(rest) {
            let url = &rest[..url_len];
            out.push('<');
            out.push_str(url);
            out.push('>');
            rest = &rest[url_len..];
            continue;
        }
        let Some(c) = rest.chars().next() else { break };
        match c {
            '<' | '>' | '[' | ']' | '*' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '`' if rest[1..].contains('`') => {
                // Keep a complete code span as is: its contents are shown verbatim.
                let end = rest[1..].find('`').map(|at| at + 2).unwrap_or(1);
                out.push_str(&rest[..end]);
                rest = &rest[end..];
                continue;
            }
            '`' => out.push_str("\\`"),
            _ => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The length of a URL starting at the beginning of `text`, if one does.
fn url_at(text: &str) -> Option<usize> {
    if !(text.starts_with("https://") || text.starts_with("http://")) {
        return None;
    }
    let len = text
        .find(|c: char| c.is_whitespace() || matches!(c, ')' | '>' | '"' | '\'' | '`'))
        .unwrap_or(text.len());
    // A sentence's full stop or comma is not part of the URL.
    let trimmed = text[..len].trim_end_matches(['.', ',', ';', ':']);
    Some(trimmed.len())
}

/// Doc lines for `#[doc]` attributes: each paragraph escaped, paragraphs separated by blank lines.
pub fn lines<'a>(paragraphs: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut out = Vec::new();
    for paragraph in paragraphs {
        let paragraph = paragraph.trim();
        if paragraph.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(String::new());
        }
        out.extend(
            paragraph
                .lines()
                .map(|line| format!(" {}", escape(line.trim_end()))),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markdown_and_html() {
        assert_eq!(escape("e.g. <binary file>"), "e.g. \\<binary file\\>");
        assert_eq!(escape("e.g. [object Object]"), "e.g. \\[object Object\\]");
        assert_eq!(
            escape("see https://eps.eko.in/docs/x."),
            "see <https://eps.eko.in/docs/x>."
        );
        assert_eq!(escape("pass `otp_ref_id` on"), "pass `otp_ref_id` on");
        assert_eq!(escape("user_code *x*"), "user_code \\*x\\*");
        assert_eq!(escape("a ` b"), "a \\` b");
    }
}
