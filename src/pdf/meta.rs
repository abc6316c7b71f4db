//! What the document says about itself: the Info dictionary, the same facts as XMP metadata
//! (PDF 2.0 and PDF/A read the XMP; older readers the Info), and a file ID derived from the
//! file's own bytes. Dates are the bulletin's date, never the clock, so that the same input
//! always gives the same bytes.

use super::fnv::{Fnv, BASIS};
use crate::model::Date;
use crate::resolve::Metadata;
use pdf_writer::types::TrappingStatus;
use pdf_writer::{Pdf, Ref, TextStr};
use xmp_writer::pdfa::PdfUAIdDescriptionMode;
use xmp_writer::{DateTime, LangId, Timezone, XmpWriter};

/// The tool named as creator and producer.
fn producer() -> String {
    format!("jianbao {}", env!("CARGO_PKG_VERSION"))
}

/// Writes the Info dictionary as object `id`.
pub fn info(pdf: &mut Pdf, id: Ref, meta: &Metadata) {
    let when = pdf_date(meta.date);
    let keywords = meta.keywords.join(",");
    let producer = producer();
    let mut info = pdf.document_info(id);
    info.title(TextStr(&meta.title));
    info.author(TextStr(&meta.author));
    if !meta.subject.is_empty() {
        info.subject(TextStr(&meta.subject));
    }
    if !keywords.is_empty() {
        info.keywords(TextStr(&keywords));
    }
    info.creator(TextStr("jianbao"));
    info.producer(TextStr(&producer));
    info.creation_date(when);
    info.modified_date(when);
    info.trapped(TrappingStatus::NotTrapped);
}

/// The XMP packet: the Info's facts again, the PDF/A identification when `pdfa`, and the
/// PDF/UA-1 identification (`pdfuaid:part 1`) when `ua`: every page's content is tagged (a
/// print run's copies are not, see [`super::tags`]). PDF/A-2 knows only its predefined
/// schemas, so a PDF/A file describes `pdfuaid` in an extension schema (ISO 19005-2 6.6.2.3).
pub fn xmp(meta: &Metadata, pdfa: bool, ua: bool) -> Vec<u8> {
    let when = xmp_date(meta.date);
    let keywords = meta.keywords.join(",");
    let producer = producer();
    let mut x = XmpWriter::new();
    x.format("application/pdf");
    x.title([(Some(LangId("x-default")), meta.title.as_str())]);
    if !meta.author.is_empty() {
        x.creator([meta.author.as_str()]);
    }
    if !meta.subject.is_empty() {
        x.description([(Some(LangId("x-default")), meta.subject.as_str())]);
    }
    if !meta.keywords.is_empty() {
        x.subject(meta.keywords.iter().map(String::as_str));
        x.pdf_keywords(&keywords);
    }
    x.language([LangId("zh-CN")]);
    x.creator_tool("jianbao");
    x.producer(&producer);
    x.create_date(when);
    x.modify_date(when);
    x.metadata_date(when);
    x.trapped(false);
    if pdfa {
        x.pdfa_part(2);
        x.pdfa_conformance("B");
    }
    if ua {
        x.pdfua_part(1);
        if pdfa {
            x.extension_schemas()
                .pdfua_id()
                .properties()
                .describe_all(PdfUAIdDescriptionMode::UA1);
        }
    }
    x.finish(None).into_bytes()
}

fn pdf_date(d: Date) -> pdf_writer::Date {
    pdf_writer::Date::new(d.year as u16)
        .month(d.month as u8)
        .day(d.day as u8)
        .hour(0)
        .minute(0)
        .second(0)
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}

fn xmp_date(d: Date) -> DateTime {
    DateTime::new(
        d.year as u16,
        d.month as u8,
        d.day as u8,
        0,
        0,
        0,
        Timezone::Utc,
    )
}

/// A 16-byte identifier from the file's bytes before the trailer (two FNV-1a hashes, fed
/// eight bytes at a time: a 100 MB print file is hashed in well under a second).
pub fn file_id(bytes: &[u8]) -> Vec<u8> {
    let hash = |seed: u64| {
        let mut h = Fnv(seed);
        let mut words = bytes.chunks_exact(8);
        for w in &mut words {
            h.word(u64::from_le_bytes(w.try_into().expect("eight bytes")));
        }
        h.write(words.remainder());
        h.field(&(bytes.len() as u64).to_le_bytes());
        h.0
    };
    let mut id = hash(BASIS).to_be_bytes().to_vec();
    id.extend_from_slice(&hash(0x6c62_272e_07bb_0142).to_be_bytes());
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_the_bulletins_own() {
        let d = Date {
            year: 2020,
            month: 3,
            day: 10,
        };
        let mut chunk = pdf_writer::Chunk::new();
        chunk.indirect(Ref::new(1)).primitive(pdf_date(d));
        let text = String::from_utf8_lossy(chunk.as_bytes()).into_owned();
        assert!(text.contains("(D:20200310000000Z)"), "{text}");
    }

    #[test]
    fn file_ids_depend_on_every_byte() {
        let a = file_id(b"%PDF-1.7 one two three four");
        let b = file_id(b"%PDF-1.7 one two three fous");
        assert_eq!(a.len(), 16);
        assert_ne!(a, b);
        assert_eq!(a, file_id(b"%PDF-1.7 one two three four"));
    }
}
