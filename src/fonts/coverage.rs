//! How much of the Chinese national character sets a face covers, so that a clerk sees before
//! printing whether a rare character in a name (䶮, 堃, 喆) will be a box, and which installed
//! font has it.
//!
//! The sets are enumerated from the encodings themselves (encoding_rs decodes every byte pair),
//! not from tables copied into the source:
//! - GB 2312 level 1: the 3,755 common Han characters (rows 16–55);
//! - GB 2312 level 2: the 3,008 further Han characters (rows 56–87);
//! - GBK: every Han ideograph of its two-byte code space (20,983 with the above);
//! - GB 18030: the Han characters GB 18030-2005 requires — GBK's, all of CJK Unified
//!   Ideographs U+4E00–U+9FA5 and Extension A U+3400–U+4DB5 (27,513).

use std::sync::OnceLock;

/// Numbers of characters of each set a face has.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Coverage {
    pub gb2312_level1: usize,
    pub gb2312_level2: usize,
    pub gbk: usize,
    pub gb18030: usize,
}

/// The sets themselves, each sorted.
pub struct CharSets {
    pub gb2312_level1: Vec<char>,
    pub gb2312_level2: Vec<char>,
    pub gbk: Vec<char>,
    pub gb18030: Vec<char>,
}

/// The character sets (built once, in about a millisecond).
pub fn sets() -> &'static CharSets {
    static SETS: OnceLock<CharSets> = OnceLock::new();
    SETS.get_or_init(|| {
        let level1 = han_in(0xB0..=0xD7, 0xA1..=0xFE);
        let level2 = han_in(0xD8..=0xF7, 0xA1..=0xFE);
        let gbk = han_in(0x81..=0xFE, 0x40..=0xFE);
        let mut gb18030 = gbk.clone();
        gb18030.extend(
            (0x3400..=0x4DB5)
                .chain(0x4E00..=0x9FA5)
                .filter_map(char::from_u32),
        );
        gb18030.sort_unstable();
        gb18030.dedup();
        CharSets {
            gb2312_level1: level1,
            gb2312_level2: level2,
            gbk,
            gb18030,
        }
    })
}

impl CharSets {
    /// The sizes of the sets (what full coverage is).
    pub fn totals(&self) -> Coverage {
        Coverage {
            gb2312_level1: self.gb2312_level1.len(),
            gb2312_level2: self.gb2312_level2.len(),
            gbk: self.gbk.len(),
            gb18030: self.gb18030.len(),
        }
    }

    /// How many characters of each set `has` accepts.
    pub fn count(&self, has: impl Fn(char) -> bool) -> Coverage {
        let n = |set: &[char]| set.iter().filter(|&&c| has(c)).count();
        Coverage {
            gb2312_level1: n(&self.gb2312_level1),
            gb2312_level2: n(&self.gb2312_level2),
            gbk: n(&self.gbk),
            gb18030: n(&self.gb18030),
        }
    }
}

/// The Han characters that the byte pairs `lead` × `trail` decode to in GBK/GB 18030 (pairs
/// that are unassigned or private use are left out).
fn han_in(lead: std::ops::RangeInclusive<u8>, trail: std::ops::RangeInclusive<u8>) -> Vec<char> {
    let mut out = Vec::new();
    for l in lead {
        for t in trail.clone().filter(|&t| t != 0x7F) {
            let pair = [l, t];
            let (text, had_errors) = encoding_rs::GBK.decode_without_bom_handling(&pair);
            let mut chars = text.chars();
            if let (Some(c), None, false) = (chars.next(), chars.next(), had_errors) {
                if is_han(c) {
                    out.push(c);
                }
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// CJK unified and compatibility ideographs (private-use code points are not Han).
fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sets_have_their_published_sizes() {
        let t = sets().totals();
        assert_eq!((t.gb2312_level1, t.gb2312_level2), (3755, 3008));
        // 20,902 unified ideographs U+4E00–U+9FA5 and 81 more (compatibility ideographs, the
        // GB 18030 additions); GBK's radicals are not ideographs.
        assert_eq!(t.gbk, 20983, "GBK Han characters");
        // 27,484 unified and Extension A ideographs and 29 of GBK's extra ones.
        assert_eq!(t.gb18030, 27513);
        let s = sets();
        assert!(s.gb2312_level1.binary_search(&'啊').is_ok());
        assert!(s.gbk.binary_search(&'堃').is_ok() && s.gbk.binary_search(&'喆').is_ok());
        assert!(s.gb2312_level1.binary_search(&'堃').is_err());
        assert!(s.gb2312_level2.binary_search(&'䶮').is_err());
        assert!(s.gb18030.binary_search(&'䶮').is_ok());
        // Extension A beyond GBK's two-byte space.
        assert!(s.gbk.binary_search(&'㐀').is_err() && s.gb18030.binary_search(&'㐀').is_ok());
    }
}
