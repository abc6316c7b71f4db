//! Metadata, and the last touches that make output deterministic.
//!
//! printpdf writes a random document ID and (for custom conformance) an empty
//! `/GTS_PDFXVersion`; we derive the ID from the content and drop the empty key, so that the
//! same input always gives the same bytes.

use super::fnv::{Fnv, BASIS};
use crate::resolve::Metadata;
use lopdf::{Document as LoDocument, Object, StringFormat};
use printpdf::{OffsetDateTime, PdfDocument};

pub fn metadata(pdf: &mut PdfDocument, meta: &Metadata) {
    let info = &mut pdf.metadata.info;
    info.document_title = meta.title.clone();
    info.author = meta.author.clone();
    info.subject = meta.subject.clone();
    info.keywords = meta.keywords.clone();
    info.creator = "jianbao".into();
    info.producer = format!("jianbao {}", env!("CARGO_PKG_VERSION"));
    // The bulletin's own date, not the clock: output must not change from run to run.
    let when = OffsetDateTime::from_unix_timestamp(unix_day(meta.date) * 86_400)
        .unwrap_or_else(|_| OffsetDateTime::from_unix_timestamp(0).unwrap());
    info.creation_date = when;
    info.modification_date = when;
    info.metadata_date = when;
}

/// Days since 1970-01-01 of a civil date (proleptic Gregorian).
fn unix_day(d: crate::model::Date) -> i64 {
    let (y, m, day) = (d.year as i64, d.month as i64, d.day as i64);
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Compresses, fixes the trailer and info dictionary, and writes the bytes.
pub fn serialize(mut doc: LoDocument) -> Result<Vec<u8>, String> {
    if let Ok(info) = doc.trailer.get(b"Info").and_then(Object::as_reference) {
        if let Ok(Object::Dictionary(dict)) = doc.get_object_mut(info) {
            for key in [
                b"GTS_PDFXVersion".as_slice(),
                b"Identifier",
                b"Subject",
                b"Keywords",
            ] {
                let empty = match dict.get(key) {
                    Ok(Object::String(s, _)) => s.is_empty() || s == &[0xFE, 0xFF],
                    _ => false,
                };
                if empty {
                    dict.remove(key);
                }
            }
        }
    }
    if let Some(what) = super::finite::first_non_finite(&doc) {
        return Err(format!(
            "refusing to write a number PDF cannot express ({what}); this is a bug in jianbao, please report it with the input"
        ));
    }
    super::dedupe::merge_identical(&mut doc);
    compress(&mut doc);
    // The ID is derived from the file's own bytes: write the file once with a placeholder ID of
    // the same length, hash it, and put the hash in the placeholder's place. The trailer comes
    // after the cross-reference table, so no offset moves.
    let placeholder = [0u8; 16];
    let id_string = || Object::String(placeholder.to_vec(), StringFormat::Hexadecimal);
    doc.trailer
        .set("ID", Object::Array(vec![id_string(), id_string()]));
    let mut out = Vec::new();
    doc.save_to(&mut out).map_err(|e| e.to_string())?;
    let id = content_id(&out);
    let hex_placeholder = format!("<{}>", "00".repeat(16));
    let hex_id: String = id.iter().map(|b| format!("{b:02X}")).collect();
    let trailer = out
        .windows(7)
        .rposition(|w| w == b"trailer")
        .ok_or("the PDF has no trailer")?;
    let mut replaced = 0;
    let mut i = trailer;
    while let Some(pos) = find(&out[i..], hex_placeholder.as_bytes()) {
        let at = i + pos + 1;
        out[at..at + 32].copy_from_slice(hex_id.as_bytes());
        i = at + 32;
        replaced += 1;
    }
    if replaced != 2 {
        return Err("could not set the document ID".into());
    }
    Ok(out)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Compresses every stream that is not compressed yet. lopdf's own `compress` uses the slowest
/// zlib level; the default level makes files a few percent larger at a fraction of the time.
fn compress(doc: &mut LoDocument) {
    use std::io::Write;
    for object in doc.objects.values_mut() {
        let Object::Stream(stream) = object else {
            continue;
        };
        if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        let mut enc = flate2::write::ZlibEncoder::new(
            Vec::with_capacity(stream.content.len() / 2),
            flate2::Compression::default(),
        );
        if enc.write_all(&stream.content).is_err() {
            continue;
        }
        let Ok(packed) = enc.finish() else { continue };
        if packed.len() + 19 < stream.content.len() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(packed);
        }
    }
}

/// A 16-byte identifier from the file's content (two FNV-1a hashes).
fn content_id(bytes: &[u8]) -> [u8; 16] {
    let hash = |seed: u64| {
        let mut h = Fnv(seed);
        h.write(bytes);
        h.0
    };
    let a = hash(BASIS);
    let b = hash(0x6c62_272e_07bb_0142);
    let mut id = [0u8; 16];
    id[..8].copy_from_slice(&a.to_be_bytes());
    id[8..].copy_from_slice(&b.to_be_bytes());
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_days() {
        let d = |y, m, day| {
            unix_day(crate::model::Date {
                year: y,
                month: m,
                day,
            })
        };
        assert_eq!(d(1970, 1, 1), 0);
        assert_eq!(d(2020, 3, 10), 18331);
        assert_eq!(d(2000, 2, 29), 11016);
    }
}
