//! What the font catalog knows about a face without touching its glyphs: every name its `name`
//! table carries, in every language and legacy encoding, its weight and slant, and whether its
//! licence lets a PDF embed it.
//!
//! Offices name fonts the way their Windows shows them — `仿宋_GB2312`, `方正小标宋简体` — which
//! is the zh-CN record of the name table; the English record (`FangSong_GB2312`,
//! `FZXiaoBiaoSong-B05S`) is what other tools show. Both, and the typographic (IDs 16/17) as
//! well as the legacy (IDs 1/2) family and style, must find the face.

use ttf_parser::name::Name;
use ttf_parser::name_id;
use ttf_parser::PlatformId;

/// The names and properties of one face.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FaceInfo {
    /// Family names (typographic first, then legacy), English first, each once.
    pub families: Vec<String>,
    /// The family's English name (or the first there is): what listings show first.
    pub family: String,
    /// The family's Chinese name, when the table has one.
    pub family_zh: Option<String>,
    /// The style (subfamily) in English, e.g. `Regular`, `Bold`.
    pub style: String,
    /// Names that mean this face and no other of its family: full names, the PostScript name,
    /// and each family name followed by each style name.
    pub face_names: Vec<String>,
    pub postscript_name: String,
    /// OS/2 usWeightClass (400 regular, 700 bold).
    pub weight: u16,
    pub italic: bool,
    /// OS/2 fsType: the embedding licence bits.
    pub fs_type: u16,
}

/// Windows language IDs of Chinese name records (PRC, Taiwan, Hong Kong, Singapore, Macao).
const WINDOWS_CHINESE: [u16; 5] = [0x0804, 0x0404, 0x0C04, 0x1004, 0x1404];
const WINDOWS_ENGLISH_US: u16 = 0x0409;

impl FaceInfo {
    /// Reads the names and properties of a face from its `name` and `OS/2` tables alone (no
    /// other table is parsed: this is what indexing hundreds of installed fonts costs).
    pub fn read(face: &ttf_parser::RawFace) -> FaceInfo {
        let table = |t: &[u8; 4]| face.table(ttf_parser::Tag::from_bytes(t));
        FaceInfo::from_tables(table(b"name"), table(b"OS/2"))
    }

    /// [`read`](Self::read) from the bytes of the `name` and `OS/2` tables.
    pub fn from_tables(name: Option<&[u8]>, os2_data: Option<&[u8]>) -> FaceInfo {
        let records: Vec<Record> = name
            .and_then(ttf_parser::name::Table::parse)
            .map(|t| t.names.into_iter().filter_map(Record::new).collect())
            .unwrap_or_default();
        let os2 = os2_data.and_then(ttf_parser::os2::Table::parse);
        let all = |id: u16| -> Vec<String> {
            let mut found: Vec<&Record> = records.iter().filter(|r| r.id == id).collect();
            // English first, then Chinese (simplified first), then the rest in table order.
            found.sort_by_key(|r| r.rank());
            let mut names: Vec<String> = Vec::new();
            for r in found {
                if !names.contains(&r.text) {
                    names.push(r.text.clone());
                }
            }
            names
        };
        let typographic = all(name_id::TYPOGRAPHIC_FAMILY);
        let legacy = all(name_id::FAMILY);
        let sub_typographic = all(name_id::TYPOGRAPHIC_SUBFAMILY);
        let sub_legacy = all(name_id::SUBFAMILY);
        let mut families = typographic.clone();
        for f in &legacy {
            if !families.contains(f) {
                families.push(f.clone());
            }
        }
        let family = families.first().cloned().unwrap_or_default();
        let family_zh = families.iter().find(|f| has_han(f)).cloned();
        let style = sub_typographic
            .first()
            .or(sub_legacy.first())
            .cloned()
            .unwrap_or_else(|| "Regular".into());
        let postscript_name = all(name_id::POST_SCRIPT_NAME)
            .into_iter()
            .next()
            .unwrap_or_default();
        let mut face_names = all(name_id::FULL_NAME);
        face_names.push(postscript_name.clone());
        for (fams, styles) in [(&typographic, &sub_typographic), (&legacy, &sub_legacy)] {
            for f in fams {
                for s in styles {
                    face_names.push(format!("{f} {s}"));
                }
            }
        }
        face_names.retain(|n| !n.is_empty());
        face_names.dedup();
        let lower_style = style.to_lowercase();
        FaceInfo {
            families,
            family,
            family_zh,
            style,
            face_names,
            postscript_name,
            weight: os2.map_or(400, |t| t.weight().to_number()),
            italic: os2.is_some_and(|t| t.style() != ttf_parser::Style::Normal)
                || lower_style.contains("italic")
                || lower_style.contains("oblique"),
            fs_type: os2_data
                .and_then(|t| t.get(8..10))
                .map_or(0, |b| u16::from_be_bytes([b[0], b[1]])),
        }
    }

    /// Why the licence forbids embedding this face in a PDF, if it does. jianbao embeds a
    /// subset of the outlines, so it needs installable, editable or preview-and-print
    /// embedding, with subsetting and outlines allowed.
    pub fn embedding_forbidden(&self) -> Option<String> {
        use crate::messages::msg;
        if self.fs_type & 0x000F == 0x0002 {
            Some(msg::licence_restricted().text)
        } else if self.fs_type & 0x0200 != 0 {
            Some(msg::licence_bitmaps_only().text)
        } else if self.fs_type & 0x0100 != 0 {
            Some(msg::licence_no_subset().text)
        } else {
            None
        }
    }

    /// How far the face is from the regular upright face of its family: a family name alone
    /// means the face with the smallest distance.
    pub fn distance_from_regular(&self) -> u32 {
        u32::from(self.italic) * 1000 + u32::from(self.weight.abs_diff(400))
    }
}

/// One decoded name record.
struct Record {
    id: u16,
    platform: PlatformId,
    language: u16,
    text: String,
}

impl Record {
    fn new(name: Name) -> Option<Record> {
        let wanted = [
            name_id::FAMILY,
            name_id::SUBFAMILY,
            name_id::FULL_NAME,
            name_id::POST_SCRIPT_NAME,
            name_id::TYPOGRAPHIC_FAMILY,
            name_id::TYPOGRAPHIC_SUBFAMILY,
        ];
        if !wanted.contains(&name.name_id) {
            return None;
        }
        let text = decode(&name)?;
        let text = text.trim_matches(|c: char| c.is_whitespace() || c == '\0');
        if text.is_empty() {
            return None;
        }
        Some(Record {
            id: name.name_id,
            platform: name.platform_id,
            language: name.language_id,
            text: text.to_string(),
        })
    }

    /// Sort key: English, then Chinese (PRC first), then everything else.
    fn rank(&self) -> u8 {
        match self.platform {
            PlatformId::Windows if self.language == WINDOWS_ENGLISH_US => 0,
            PlatformId::Macintosh if self.language == 0 => 1,
            PlatformId::Windows if self.language == 0x0804 => 2,
            PlatformId::Windows if WINDOWS_CHINESE.contains(&self.language) => 3,
            _ if has_han(&self.text) => 4,
            _ => 5,
        }
    }
}

/// The text of a name record. Besides UTF-16, old Chinese fonts store names in GBK or Big5:
/// on the Windows platform as 16-bit units holding one or two bytes (encodings 3 and 4), on the
/// Macintosh platform as plain bytes (encodings 25 and 2).
fn decode(name: &Name) -> Option<String> {
    let bytes = name.name;
    match (name.platform_id, name.encoding_id) {
        (PlatformId::Unicode, _) | (PlatformId::Windows, 0 | 1 | 10) => {
            let units: Vec<u16> = bytes
                .chunks_exact(2)
                .map(|p| u16::from_be_bytes([p[0], p[1]]))
                .collect();
            String::from_utf16(&units).ok()
        }
        (PlatformId::Windows, 3 | 4) => {
            let mut packed = Vec::with_capacity(bytes.len());
            for pair in bytes.chunks_exact(2) {
                if pair[0] != 0 {
                    packed.push(pair[0]);
                }
                packed.push(pair[1]);
            }
            legacy(&packed, name.encoding_id == 3)
        }
        (PlatformId::Macintosh, 25) => legacy(bytes, true),
        (PlatformId::Macintosh, 2) => legacy(bytes, false),
        // Mac Roman: only its ASCII half is taken (names of Chinese fonts are ASCII there).
        (PlatformId::Macintosh, 0) if bytes.is_ascii() => {
            Some(String::from_utf8_lossy(bytes).into_owned())
        }
        _ => None,
    }
}

/// GBK (`gbk`) or Big5 bytes as text, if they decode without error.
fn legacy(bytes: &[u8], gbk: bool) -> Option<String> {
    let encoding = if gbk {
        encoding_rs::GBK
    } else {
        encoding_rs::BIG5
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    (!had_errors).then(|| text.into_owned())
}

/// Whether a name has a Han character (a Chinese name).
pub fn has_han(s: &str) -> bool {
    s.chars()
        .any(|c| matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0x20000..=0x3FFFF))
}
