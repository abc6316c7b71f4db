//! The last line of defence against a non-finite number in the file.
//!
//! Layouts and definitions are validated when they are read (no NaN, no infinity, nothing past
//! PDF's largest page), so nothing should reach the writer that PDF cannot express. If a bug
//! lets one through anyway, the writer would print `NaN` or `inf` as they are — a file
//! viewers reject or draw wrongly — so the writer checks every content stream (and the page size) once more and refuses.

/// Refuses a page size PDF cannot express (the page dictionary's numbers).
pub fn check_size(width: f64, height: f64) -> Result<(), String> {
    if width.is_finite() && height.is_finite() {
        Ok(())
    } else {
        Err(crate::messages::msg::pdf_what_page(width, height).text)
    }
}

/// The first token of a content stream that is a non-finite number as Rust prints one (`NaN`,
/// `inf`, `-inf`), skipping strings, whose bytes are glyph ids rather than syntax.
pub fn non_finite_token(content: &[u8]) -> Option<String> {
    let mut i = 0;
    let mut token = Vec::new();
    let check = |token: &mut Vec<u8>| {
        let t = std::mem::take(token);
        matches!(t.as_slice(), b"NaN" | b"-NaN" | b"inf" | b"-inf" | b"+inf")
            .then(|| String::from_utf8_lossy(&t).into_owned())
    };
    while i < content.len() {
        let b = content[i];
        match b {
            b'(' => {
                if let Some(t) = check(&mut token) {
                    return Some(t);
                }
                i = skip_literal(content, i);
                continue;
            }
            b'<' if content.get(i + 1) != Some(&b'<') => {
                if let Some(t) = check(&mut token) {
                    return Some(t);
                }
                i += content[i..]
                    .iter()
                    .position(|&c| c == b'>')
                    .unwrap_or(content.len() - i);
            }
            b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0' | b'[' | b']' | b'<' | b'>' | b'/'
            | b'{' | b'}' | b'%' => {
                if let Some(t) = check(&mut token) {
                    return Some(t);
                }
            }
            _ => token.push(b),
        }
        i += 1;
    }
    check(&mut token)
}

/// The index after the literal string that opens at `start` (balanced parentheses, `\` escapes).
fn skip_literal(content: &[u8], start: usize) -> usize {
    let mut depth = 0usize;
    let mut i = start;
    while i < content.len() {
        match content[i] {
            b'\\' => i += 1,
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    content.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nan_and_infinity_outside_strings() {
        assert_eq!(non_finite_token(b"1 0 0 1 NaN 5 cm"), Some("NaN".into()));
        assert_eq!(
            non_finite_token(b"BT /F1 12 Tf -inf 3 Td ET"),
            Some("-inf".into())
        );
        assert_eq!(non_finite_token(b"[1 inf]"), Some("inf".into()));
        assert_eq!(non_finite_token(b"(NaN inf) Tj <4E614E> Tj 1.5 2 Td"), None);
        assert_eq!(non_finite_token(b"(a\\) NaN) Tj /Info 2 0 R"), None);
        assert_eq!(non_finite_token(b"q 1 0 0 1 10 20 cm Q"), None);
    }

    #[test]
    fn refuses_a_non_finite_page() {
        assert!(check_size(595.0, 842.0).is_ok());
        assert!(check_size(f64::NAN, 842.0).unwrap_err().contains("NaN"));
        assert!(check_size(595.0, f64::INFINITY).is_err());
    }
}
