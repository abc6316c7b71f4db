//! Text files in the encodings Chinese Windows saves them in.
//!
//! Notepad and WPS on a Chinese Windows save "ANSI" text as GBK (GB18030's two-byte part), and
//! "Unicode" as UTF-16 with a byte-order mark. jianbao reads UTF-8; a file that is not UTF-8 but
//! decodes without a single error as GB18030 (a superset of GBK and GB2312), or carries a
//! UTF-16 byte-order mark, is **read, with a warning**: the decoding is unambiguous, so the clerk
//! gets the right PDF at once, is told how to make the warning go away, and `--strict` still
//! refuses. Bytes that are neither are refused, with the advice in the language of the run.

use crate::messages::msg;
/// Text decoded from a file's bytes, and the encoding it was in when that was not UTF-8.
#[derive(Clone, Debug, PartialEq)]
pub struct Decoded {
    pub text: String,
    /// `GB18030` or `UTF-16LE`/`UTF-16BE`; `None` for UTF-8.
    pub encoding: Option<&'static str>,
}

impl Decoded {
    /// The warning a file read from another encoding gets.
    pub fn warning(&self) -> Option<String> {
        self.encoding.map(|name| {
            let saved = if name == "GB18030" {
                "GBK/GB18030"
            } else {
                name
            };
            msg::saved_as_encoding(saved, name).text
        })
    }
}

/// Decodes a text file: UTF-8 (a byte-order mark is dropped), UTF-16 with a byte-order mark,
/// or GB18030.
pub fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom..]);
        if had_errors {
            return Err(msg::bom_mismatch(encoding.name(), encoding.name()).text);
        }
        let name = (encoding != encoding_rs::UTF_8).then(|| encoding.name());
        return Ok(Decoded {
            text: text.into_owned(),
            encoding: name,
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text: text.to_string(),
            encoding: None,
        }),
        Err(e) => {
            let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
            if had_errors {
                return Err(match binary_kind(bytes) {
                    Some(kind) => msg::binary_not_text(kind).text,
                    None => msg::not_utf8_nor_gbk(e.valid_up_to()).text,
                });
            }
            Ok(Decoded {
                text: text.into_owned(),
                encoding: Some("GB18030"),
            })
        }
    }
}

/// What a file that is not text is, by its signature, when it is something a clerk may name
/// by mistake where text belongs (a Word article as a `text-file`, a photo).
fn binary_kind(bytes: &[u8]) -> Option<String> {
    let kind = if bytes.starts_with(b"PK\x03\x04") {
        msg::kind_zip().text
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        msg::kind_ole().text
    } else if bytes.starts_with(b"\x89PNG") {
        msg::kind_image("PNG").text
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        msg::kind_image("JPEG").text
    } else {
        msg::kind_image(crate::images::other_format(bytes)?).text
    };
    Some(kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_gbk_utf16_and_garbage() {
        let plain = decode("简报".as_bytes()).unwrap();
        assert_eq!((plain.text.as_str(), plain.encoding), ("简报", None));
        assert_eq!(plain.warning(), None);
        let bom = decode("\u{FEFF}简报".as_bytes()).unwrap();
        assert_eq!(bom.text, "简报");
        let (gbk, _, _) = encoding_rs::GBK.encode("中国质量协会");
        let read = decode(&gbk).unwrap();
        assert_eq!(read.text, "中国质量协会");
        assert!(read.warning().unwrap().contains("save it as UTF-8"));
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("简报".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&utf16).unwrap().encoding, Some("UTF-16LE"));
        let err = decode(&[b'a', 0xFF, b'b']).unwrap_err();
        assert!(err.contains("save it as UTF-8"), "{err}");
    }

    /// A Word file, a photo or an old Office file named where text belongs is named as what it
    /// is, with what to do; other bytes keep the encoding advice.
    #[test]
    fn binary_files_are_named() {
        let zip = decode(b"PK\x03\x04\x14\0\x06\0\x08\0\0\0\x21\0\xff\xfe").unwrap_err();
        assert!(zip.starts_with("a Word document (.docx)"), "{zip}");
        let ole = decode(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\xff\xfe").unwrap_err();
        assert!(
            ole.starts_with("an old Word, WPS or Excel document"),
            "{ole}"
        );
        let jpeg = decode(b"\xFF\xD8\xFF\xE0\0\x10JFIF\xff").unwrap_err();
        assert!(jpeg.starts_with("a JPEG image, not a text file"), "{jpeg}");
        let other = decode(b"\x80\x81\xff\xfe").unwrap_err();
        assert!(other.contains("nor GBK/GB18030"), "{other}");
    }
}
