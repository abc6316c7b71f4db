//! `--merge`: one print-ready PDF with every bulletin of the run, in order, each repeated for its
//! copies, and — for double-sided printing — a blank page after every copy that ends on an odd
//! page, so that each copy starts on the front of a new sheet and no sheet carries two
//! bulletins. All of it goes through one [`crate::pdf::write_sequence`] call, so a font face the
//! bulletins share is embedded once, with the union of the glyphs they use.

use crate::error::Result;
use crate::page::{Layout, Page};
use crate::pdf::Part;
use crate::resolve::{Document, Metadata};

/// A bulletin in the print file.
pub struct Bulletin<'a> {
    pub doc: &'a Document,
    pub layout: &'a Layout,
    pub copies: u32,
}

/// One run of pages in the print file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    /// A copy of bulletin `n`.
    Copy(usize),
    /// A blank page the size of bulletin `n`'s pages.
    Blank(usize),
}

/// The print file's order for bulletins of the given page counts and copies.
pub fn plan(bulletins: &[(usize, u32)], duplex: bool) -> Vec<Slot> {
    let mut slots = Vec::new();
    let mut pages = 0usize;
    for (n, &(count, copies)) in bulletins.iter().enumerate() {
        for _ in 0..copies {
            if duplex && pages % 2 == 1 {
                // The previous copy ended on a front: fill its back.
                let previous = match slots.last() {
                    Some(Slot::Copy(p)) => *p,
                    _ => n,
                };
                slots.push(Slot::Blank(previous));
                pages += 1;
            }
            slots.push(Slot::Copy(n));
            pages += count;
        }
    }
    slots
}

/// The merged PDF and what is in it.
pub struct Merged {
    pub pdf: Vec<u8>,
    pub pages: usize,
    pub blanks: usize,
    pub copies: u64,
}

/// The most pages a print file may have, counting every copy: 100,000 pages is some 200 reams,
/// more than one print job should be. Checked before the sequence is built, so that
/// `copies = 4294967295` is an error, not an allocation of gigabytes.
pub const MAX_PRINT_PAGES: u64 = 100_000;

fn check_size(counts: &[(usize, u32)]) -> Result<()> {
    let total: u64 = counts
        .iter()
        .map(|&(pages, copies)| pages as u64 * copies as u64)
        .sum();
    if total <= MAX_PRINT_PAGES {
        return Ok(());
    }
    Err(crate::error::Error::new(
        crate::error::ErrorKind::Invalid,
        crate::messages::msg::print_too_many_pages(total, MAX_PRINT_PAGES),
    ))
}

/// Writes the bulletins as one PDF titled `title`. Each bulletin (and each blank page size) is
/// drawn once; the PDF writer repeats pages by reference, so copies cost almost nothing.
pub fn merge(bulletins: &[Bulletin], duplex: bool, title: &str) -> Result<Merged> {
    let counts: Vec<(usize, u32)> = bulletins
        .iter()
        .map(|b| (b.layout.pages.len(), b.copies))
        .collect();
    check_size(&counts)?;
    let slots = plan(&counts, duplex);
    let blank = Layout {
        pages: vec![Page {
            number: 0,
            items: Vec::new(),
            numbered: true,
        }],
        count: 1,
        warnings: Vec::new(),
        missing: Vec::new(),
        lines: Vec::new(),
        overflowed: false,
        cells: Vec::new(),
    };
    // Parts: every bulletin, then one blank page for each bulletin a blank follows.
    let mut parts: Vec<Part> = bulletins
        .iter()
        .map(|b| Part {
            doc: b.doc,
            layout: b.layout,
        })
        .collect();
    let mut blank_part: Vec<Option<usize>> = vec![None; bulletins.len()];
    let mut sequence = Vec::with_capacity(slots.len());
    for slot in &slots {
        sequence.push(match *slot {
            Slot::Copy(n) => n,
            Slot::Blank(n) => *blank_part[n].get_or_insert_with(|| {
                parts.push(Part {
                    doc: bulletins[n].doc,
                    layout: &blank,
                });
                parts.len() - 1
            }),
        });
    }
    let pdf = crate::pdf::write_sequence(&parts, &sequence, &metadata(bulletins, title))?;
    Ok(Merged {
        pdf,
        pages: sequence.iter().map(|&p| parts[p].layout.pages.len()).sum(),
        blanks: slots.iter().filter(|s| matches!(s, Slot::Blank(_))).count(),
        copies: bulletins.iter().map(|b| b.copies as u64).sum(),
    })
}

/// The print file's metadata: its own title, the author the bulletins share (if they do), the
/// latest bulletin's date (never the clock: output stays deterministic).
fn metadata(bulletins: &[Bulletin], title: &str) -> Metadata {
    let mut meta = bulletins[0].doc.meta.clone();
    let first_author = meta.author.clone();
    meta.title = title.to_string();
    if bulletins.iter().any(|b| b.doc.meta.author != first_author) {
        meta.author.clear();
    }
    meta.date = bulletins
        .iter()
        .map(|b| b.doc.meta.date)
        .max_by_key(|d| (d.year, d.month, d.day))
        .unwrap_or(meta.date);
    meta.subject = format!(
        "{} bulletin{}",
        bulletins.len(),
        if bulletins.len() == 1 { "" } else { "s" }
    );
    meta.keywords.clear();
    meta
}

#[cfg(test)]
mod tests {
    use super::*;
    use Slot::*;

    #[test]
    fn one_sided_is_copies_in_order() {
        assert_eq!(plan(&[(3, 2), (2, 1)], false), [Copy(0), Copy(0), Copy(1)]);
    }

    #[test]
    fn duplex_starts_every_copy_on_a_front() {
        // 3 pages, twice: blank after each odd copy but the last.
        assert_eq!(
            plan(&[(3, 2), (2, 1), (1, 1), (4, 1)], true),
            [
                Copy(0),
                Blank(0),
                Copy(0),
                Blank(0),
                Copy(1),
                Copy(2),
                Blank(2),
                Copy(3)
            ]
        );
        // Even page counts need no blanks.
        assert_eq!(plan(&[(2, 3)], true), [Copy(0), Copy(0), Copy(0)]);
    }

    #[test]
    fn every_copy_starts_on_an_odd_page() {
        let counts = [(5, 3), (1, 2), (2, 1), (7, 2)];
        let slots = plan(&counts, true);
        let mut page = 1;
        for s in slots {
            match s {
                Copy(n) => {
                    assert_eq!(page % 2, 1, "copy of {n} starts on page {page}");
                    page += counts[n].0;
                }
                Blank(_) => page += 1,
            }
        }
    }
}
