//! What each character is, typographically.
//!
//! Chinese typesetting treats characters by their role, not their Unicode category: an opening
//! bracket may not end a line and loses half its width at the start of one, a pause mark (，、)
//! may not start a line, and so on (clreq §3, GB/T 15834). This module is the one place that
//! knows which character plays which role.

/// The typographic role of a character.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Class {
    /// Han ideographs, kana, hangul, full-width letters and digits: square, spaced evenly.
    Ideograph,
    /// Opening brackets and quotes （［｛〔〈《「『【〘〖“‘: never at line end; ink on the right half.
    Open,
    /// Closing brackets and quotes ）］｝〕〉》」』】〙〗”’: never at line start; ink on the left.
    Close,
    /// Pause marks ，、；： (顿号, 逗号, 分号, 冒号): never at line start; ink on the left.
    Pause,
    /// Stops 。．！？: never at line start; ink on the left; compressed last when shrinking.
    Stop,
    /// Middle dots ·・: never at line start, never compressed.
    MiddleDot,
    /// The dash — (破折号 is two of them, kept together).
    Dash,
    /// The ellipsis … (省略号 is two of them, kept together).
    Ellipsis,
    /// Postfix marks that cling to the number before them: ％‰℃°′″.
    Postfix,
    /// Prefix marks that cling to the number after them: ￥＄￡€$.
    Prefix,
    /// Latin letters, digits and the rest of non-CJK text (line breaks follow UAX #14 there).
    Latin,
    /// A space typed in the source.
    Space,
}

impl Class {
    /// Marks whose ink fills one half of a full-width cell, so the other half is space that
    /// punctuation compression may take away.
    pub fn is_compressible(self) -> bool {
        matches!(
            self,
            Class::Open | Class::Close | Class::Pause | Class::Stop
        )
    }

    /// Full-width punctuation of any kind (no Han–Latin space next to it).
    pub fn is_cjk_punct(self) -> bool {
        matches!(
            self,
            Class::Open
                | Class::Close
                | Class::Pause
                | Class::Stop
                | Class::MiddleDot
                | Class::Dash
                | Class::Ellipsis
        )
    }

    /// Characters of the Chinese side of the text (as opposed to Latin runs and spaces).
    pub fn is_cjk(self) -> bool {
        self == Class::Ideograph || self.is_cjk_punct()
    }
}

/// The class of one character, before context (quotes are settled by [`classify_text`]).
pub fn class_of(c: char) -> Class {
    match c {
        ' ' | '\t' | '\u{00A0}' | '\u{3000}' => Class::Space,
        '（' | '［' | '｛' | '〔' | '〈' | '《' | '「' | '『' | '【' | '〘' | '〖' | '“' | '‘'
        | '｟' => Class::Open,
        '）' | '］' | '｝' | '〕' | '〉' | '》' | '」' | '』' | '】' | '〙' | '〗' | '”' | '’'
        | '｠' => Class::Close,
        '，' | '、' | '；' | '：' => Class::Pause,
        '。' | '．' | '！' | '？' | '｡' => Class::Stop,
        '·' | '・' | '･' | '‧' => Class::MiddleDot,
        '—' | '⸺' | '―' => Class::Dash,
        '…' | '⋯' => Class::Ellipsis,
        '％' | '‰' | '℃' | '°' | '′' | '″' | '℉' => Class::Postfix,
        '￥' | '＄' | '￡' | '€' => Class::Prefix,
        _ if is_ideographic(c) => Class::Ideograph,
        _ => Class::Latin,
    }
}

/// Han, kana, hangul, CJK symbols and full-width forms (what sits in a square cell). Also the
/// East Asian ambiguous-width symbols that Chinese text uses as full-width characters — ①⑴⒈ⓐ,
/// ❶, Ⅻ, ■□▲○●◆, ★☆, ※ — so that they get no Han–Latin space (`①提高认识`).
pub fn is_ideographic(c: char) -> bool {
    matches!(c as u32,
        0x203B               // ※
        | 0x2160..=0x217F    // Roman numerals Ⅰ Ⅻ ⅰ
        | 0x2460..=0x24FF    // enclosed alphanumerics ① ⑴ ⒈ ⓐ
        | 0x25A0..=0x25FF    // geometric shapes ■ □ ▲ △ ○ ● ◆ ◇
        | 0x2605..=0x2606    // ★ ☆
        | 0x2776..=0x2793    // dingbat circled numbers ❶ ➀
        | 0x2E80..=0x2FFF      // radicals, ideographic description
        | 0x3005..=0x3007    // 々〆〇
        | 0x3012..=0x3013 | 0x3020..=0x303F
        | 0x3040..=0x30FF    // kana
        | 0x3100..=0x31FF    // bopomofo, kana extensions
        | 0x3200..=0x33FF    // enclosed, compatibility
        | 0x3400..=0x4DBF    // extension A
        | 0x4E00..=0x9FFF    // unified ideographs
        | 0xA960..=0xA97F | 0xAC00..=0xD7AF // hangul
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0xFE30..=0xFE4F    // CJK compatibility forms
        | 0xFF01..=0xFF60    // full-width ASCII variants (the marks among them are matched first)
        | 0xFFE0..=0xFFE6
        | 0x1F200..=0x1F2FF
        | 0x20000..=0x3FFFF) // extensions B and later
}

/// Classes for every character of a paragraph, with the ambiguous quotes settled by context:
/// “ ” ‘ ’ next to Chinese text are Chinese opening/closing marks; between Latin letters
/// (`it’s`, `“quoted” words`) they are Latin punctuation and follow Latin rules. The two quotes
/// of a pair are settled together — `“Hello”的` has Chinese text after its closing quote only,
/// and both of its quotes are Chinese — so that a pair is never set half Latin, half Chinese.
pub fn classify_text(chars: &[char]) -> Vec<Class> {
    let mut classes: Vec<Class> = chars.iter().map(|&c| class_of(c)).collect();
    let base = classes.clone();
    let mut settled = vec![false; chars.len()];
    for (open, close) in quote_pairs(chars) {
        let cjk = near_cjk(chars, &base, open) || near_cjk(chars, &base, close);
        if !cjk {
            classes[open] = Class::Latin;
            classes[close] = Class::Latin;
        }
        settled[open] = true;
        settled[close] = true;
    }
    for i in 0..chars.len() {
        if is_quote(chars[i]) && !settled[i] && !near_cjk(chars, &base, i) {
            classes[i] = Class::Latin;
        }
    }
    classes
}

/// The curly quotes, whose role (Chinese mark or Latin punctuation) depends on context.
/// The soft hyphen (U+00AD, Word's "optional hyphen" in pasted text): nothing where the line
/// goes on, a hyphen where it breaks.
pub const SOFT_HYPHEN: char = '\u{00AD}';

/// Characters with no visible form of their own: Unicode's Default_Ignorable_Code_Point
/// (DerivedCoreProperties.txt, unchanged in this range since Unicode 6.0). Text pasted from
/// Word, WPS or a web page brings them along: bidirectional controls (U+202A–202E, 2066–2069),
/// joiners (U+200C, 200D, 2060), variation selectors, the soft hyphen. They are never drawn,
/// so never a box or a "no font has" warning; the soft hyphen and variation selectors act on
/// their neighbours (see `cluster::build`).
pub fn is_invisible(c: char) -> bool {
    matches!(
        c as u32,
        0x00AD
            | 0x034F
            | 0x061C
            | 0x115F..=0x1160
            | 0x17B4..=0x17B5
            | 0x180B..=0x180F
            | 0x200B..=0x200F
            | 0x202A..=0x202E
            | 0x2060..=0x206F
            | 0x3164
            | 0xFE00..=0xFE0F
            | 0xFEFF
            | 0xFFA0
            | 0xFFF0..=0xFFF8
            | 0x1BCA0..=0x1BCA3
            | 0x1D173..=0x1D17A
            | 0xE0000..=0xE0FFF
    )
}

/// Variation selectors (U+FE00–FE0F, E0100–E01EF): they pick a form of the character before
/// them (an ideographic variation sequence such as 礼 U+FE00) where the font has one.
pub fn is_variation_selector(c: char) -> bool {
    matches!(c as u32, 0xFE00..=0xFE0F | 0xE0100..=0xE01EF)
}

pub fn is_quote(c: char) -> bool {
    matches!(c, '“' | '”' | '‘' | '’')
}

/// Matching “…” and ‘…’ pairs (nested pairs allowed). A ’ between two letters is an apostrophe
/// (`it’s`), not a closing quote.
fn quote_pairs(chars: &[char]) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    let mut open: Vec<(char, usize)> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '“' | '‘' => open.push((c, i)),
            '”' | '’' => {
                let latin_letter = |c: &char| c.is_alphanumeric() && class_of(*c) == Class::Latin;
                let apostrophe = c == '’'
                    && i > 0
                    && latin_letter(&chars[i - 1])
                    && chars.get(i + 1).is_some_and(latin_letter);
                if apostrophe {
                    continue;
                }
                let want = if c == '”' { '“' } else { '‘' };
                if let Some(k) = open.iter().rposition(|&(o, _)| o == want) {
                    pairs.push((open[k].1, i));
                    open.truncate(k);
                }
            }
            _ => {}
        }
    }
    pairs
}

/// Whether the nearest non-quote neighbour on either side is Chinese text. A quote at the very
/// start or end of a paragraph takes its side from the other neighbour.
fn near_cjk(chars: &[char], classes: &[Class], i: usize) -> bool {
    let before = (0..i)
        .rev()
        .find(|&j| !is_quote(chars[j]))
        .map(|j| classes[j]);
    let after = (i + 1..chars.len())
        .find(|&j| !is_quote(chars[j]))
        .map(|j| classes[j]);
    let cjk = |c: Option<Class>| c.is_some_and(|c| c.is_cjk());
    match (before, after) {
        (None, None) => true,
        _ => cjk(before) || cjk(after),
    }
}

/// Characters that may not begin a line although they are not punctuation: iteration marks,
/// the prolonged sound mark and small kana (clreq/JLREQ, all levels).
pub fn is_no_start_letter(c: char) -> bool {
    matches!(
        c,
        '々' | '〻'
            | 'ゝ'
            | 'ゞ'
            | 'ヽ'
            | 'ヾ'
            | 'ー'
            | 'ぁ'
            | 'ぃ'
            | 'ぅ'
            | 'ぇ'
            | 'ぉ'
            | 'っ'
            | 'ゃ'
            | 'ゅ'
            | 'ょ'
            | 'ゎ'
            | 'ゕ'
            | 'ゖ'
            | 'ァ'
            | 'ィ'
            | 'ゥ'
            | 'ェ'
            | 'ォ'
            | 'ッ'
            | 'ャ'
            | 'ュ'
            | 'ョ'
            | 'ヮ'
            | 'ヵ'
            | 'ヶ'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classes(s: &str) -> Vec<Class> {
        classify_text(&s.chars().collect::<Vec<_>>())
    }

    #[test]
    fn roles_of_common_marks() {
        assert_eq!(class_of('中'), Class::Ideograph);
        assert_eq!(class_of('，'), Class::Pause);
        assert_eq!(class_of('。'), Class::Stop);
        assert_eq!(class_of('（'), Class::Open);
        assert_eq!(class_of('》'), Class::Close);
        assert_eq!(class_of('—'), Class::Dash);
        assert_eq!(class_of('…'), Class::Ellipsis);
        assert_eq!(class_of('a'), Class::Latin);
        assert_eq!(class_of('7'), Class::Latin);
        assert_eq!(class_of('％'), Class::Postfix);
        for c in ['①', '⑴', '⒈', 'Ⅳ', '■', '○', '★', '※', '❶'] {
            assert_eq!(class_of(c), Class::Ideograph, "{c}");
        }
    }

    #[test]
    fn quotes_take_their_role_from_context() {
        let c = classes("以“吉林制造”助力");
        assert_eq!(c[1], Class::Open);
        assert_eq!(c[6], Class::Close);
        let c = classes("it’s “fine” here");
        assert_eq!(c[2], Class::Latin);
        assert_eq!(c[5], Class::Latin);
        assert_eq!(c[10], Class::Latin);
        // A quoted Latin word inside Chinese text: the quotes are Chinese.
        let c = classes("称为“ISO”标准");
        assert_eq!(c[2], Class::Open);
        assert_eq!(c[6], Class::Close);
    }

    #[test]
    fn a_quote_pair_is_settled_as_one() {
        // Chinese text follows the closing quote only: both quotes are Chinese.
        let c = classes("“Hello”的意思");
        assert_eq!((c[0], c[6]), (Class::Open, Class::Close));
        // Inside Latin text both are Latin, and an apostrophe does not close the pair.
        let c = classes("“it’s” is");
        assert_eq!(
            (c[0], c[3], c[5]),
            (Class::Latin, Class::Latin, Class::Latin)
        );
        // Nested pairs inside Chinese text.
        let c = classes("他说：“‘好’字”");
        assert_eq!(
            (c[3], c[4], c[6], c[8]),
            (Class::Open, Class::Open, Class::Close, Class::Close)
        );
    }
}
