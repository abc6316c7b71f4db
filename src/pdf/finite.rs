//! The last line of defence against a non-finite number in the file.
//!
//! Layouts and definitions are validated when they are read (no NaN, no infinity, nothing past
//! PDF's largest page), so nothing should reach the writer that PDF cannot express. If a bug
//! lets one through anyway, printpdf and lopdf would write `NaN` or `inf` as they are — a file
//! viewers reject or draw wrongly — so the writer checks every number once more and refuses.

use lopdf::{Document, Object};

/// The first non-finite number in the document's objects or its (not yet compressed) content
/// streams, described for an error message; `None` when every number is finite.
pub fn first_non_finite(doc: &Document) -> Option<String> {
    doc.objects.iter().find_map(|(id, object)| {
        non_finite_in(object).map(|what| format!("object {} {}: {what}", id.0, id.1))
    })
}

fn non_finite_in(object: &Object) -> Option<String> {
    match object {
        Object::Real(r) if !r.is_finite() => Some(format!("the number {r}")),
        Object::Array(items) => items.iter().find_map(non_finite_in),
        Object::Dictionary(dict) => dict.iter().find_map(|(_, v)| non_finite_in(v)),
        Object::Stream(stream) => dict_or_content(stream),
        _ => None,
    }
}

fn dict_or_content(stream: &lopdf::Stream) -> Option<String> {
    if let Some(found) = stream.dict.iter().find_map(|(_, v)| non_finite_in(v)) {
        return Some(found);
    }
    // Only uncompressed streams are content jianbao wrote as text; fonts and images carry a
    // filter and are binary.
    if stream.dict.get(b"Filter").is_ok() {
        return None;
    }
    non_finite_token(&stream.content).map(|t| format!("`{t}` in a content stream"))
}

/// The first token of a content stream that is a non-finite number as Rust prints one (`NaN`,
/// `inf`, `-inf`), skipping strings, whose bytes are glyph ids rather than syntax.
fn non_finite_token(content: &[u8]) -> Option<String> {
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
    fn finds_a_non_finite_real_in_a_dictionary() {
        let mut doc = Document::with_version("1.7");
        let mut dict = lopdf::Dictionary::new();
        dict.set(
            "MediaBox",
            Object::Array(vec![0.into(), 0.into(), Object::Real(f32::NAN), 10.into()]),
        );
        doc.add_object(dict);
        assert!(first_non_finite(&doc).unwrap().contains("NaN"));
    }
}
