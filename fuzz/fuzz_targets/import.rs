//! An article → `import`'s blocks → a definition: must refuse or succeed, never panic, and what
//! it writes must render (the CLI refuses to write a definition that does not parse, so a
//! refusal there, or at rendering, is an article the import cannot express: a bug).
//!
//! The first byte chooses the reader. Markdown takes the rest as text. Word takes the rest as
//! the XML parts of a .docx, split at `\0\0` (document, styles, numbering, relations), and the
//! target packs them into a zip archive itself: mutating a zip's bytes would mostly break its
//! checksums and never reach the XML walker.
#![no_main]

mod common;

use jianbao::import;
use libfuzzer_sys::fuzz_target;
use std::io::Write;

/// A 1×1 grey PNG, the picture every relation and every Markdown image resolves to.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x00, 0x00, 0x00, 0x00, 0x3A, 0x7E, 0x9B,
    0x55, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x68, 0x00, 0x00, 0x00,
    0x82, 0x00, 0x81, 0x77, 0xCD, 0x72, 0xB6, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
    0x42, 0x60, 0x82,
];

const PARTS: &[&str] = &[
    "word/document.xml",
    "word/styles.xml",
    "word/numbering.xml",
    "word/_rels/document.xml.rels",
];

fn docx(data: &[u8]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut rest = data;
    for name in PARTS {
        let (part, next) = match rest.windows(2).position(|w| w == b"\0\0") {
            Some(i) => (&rest[..i], &rest[i + 2..]),
            None => (rest, &[][..]),
        };
        zip.start_file(*name, options).unwrap();
        zip.write_all(part).unwrap();
        rest = next;
        if rest.is_empty() {
            break;
        }
    }
    zip.start_file("word/media/image1.png", options).unwrap();
    zip.write_all(PNG).unwrap();
    zip.finish().unwrap().into_inner()
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let article = if mode & 1 == 0 {
        let Ok(text) = std::str::from_utf8(rest) else {
            return;
        };
        import::markdown::read(text, &mut |name| {
            if name.ends_with(".png") {
                Ok(PNG.to_vec())
            } else {
                Err(format!("no such image: {name}"))
            }
        })
    } else {
        import::docx::read(&docx(rest))
    };
    let Ok(article) = article else {
        return;
    };
    // The seed's figure, so a picture's block resolves as the CLI's saved copy would.
    let blocks = import::blocks_toml(&article, &|_, _| "cqa-2020-03-10/fig2.png".to_string());
    let text = format!(
        "layout = 'newsletter'\n\n[bulletin]\npublisher = '中国质量协会'\ndate = 2020-03-10\n{blocks}"
    );
    if text.len() as u64 > jianbao::assets::MAX_DEFINITION_BYTES {
        return;
    }
    if let Err(e) = common::try_render(&text) {
        panic!("the import wrote a definition render refuses: {e}\n{text}");
    }
});
