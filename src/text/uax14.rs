//! UAX #14, the Unicode line breaking algorithm, as the base of every break rule.
//!
//! The clreq/GB rules are a tailoring on top of UAX #14, not a replacement: a character keeps
//! its Unicode line-break class whatever its neighbour is, except for the Chinese marks whose
//! class contradicts their role in Chinese text (see [`allowed`]). The algorithm itself comes
//! from the `unicode-linebreak` crate (Unicode 15.0); the three rules Unicode 15.1 added that
//! forbid breaks it would allow (LB15a, LB15b, LB20a) are applied here on top.

use super::classify::{is_quote, Class};
use super::cluster::Cluster;
use unicode_linebreak::{break_property, linebreaks, BreakClass, BreakOpportunity};

/// UAX #14's verdict at every byte offset of `text` (true where a line may break), with the
/// tailoring clreq needs: curly quotes settled as Chinese marks are opening and closing brackets
/// (UAX #14's QU forbids a break on either side of them), and an ellipsis after Chinese text may
/// start a line like an ideograph (IN forbids a break before it). Every other character keeps its
/// own class — brackets, `?`, `!`, `%`, `/`, ‼, ★, ① — whatever its neighbour is.
pub fn allowed(text: &str, clusters: &[Cluster]) -> Vec<bool> {
    let chars = tailored(text, clusters);
    let proxy: String = chars.iter().map(|&(_, c)| c).collect();
    // From the proxy string's byte offsets back to the paragraph's.
    let mut back = vec![text.len(); proxy.len() + 1];
    let mut at = 0;
    for &(offset, c) in &chars {
        back[at] = offset;
        at += c.len_utf8();
    }
    let mut uax = vec![false; text.len() + 1];
    for (offset, kind) in linebreaks(&proxy) {
        if matches!(
            kind,
            BreakOpportunity::Allowed | BreakOpportunity::Mandatory
        ) {
            uax[back[offset]] = true;
        }
    }
    unicode_15_1(&chars, text.len(), &mut uax);
    uax
}

/// The paragraph's characters with their byte offsets, the Chinese curly quotes and ellipses
/// replaced by a character of the class of their role (（ ） 中).
fn tailored(text: &str, clusters: &[Cluster]) -> Vec<(usize, char)> {
    let mut chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut k = 0;
    for (n, c) in clusters.iter().enumerate() {
        let after_cjk = n > 0 && clusters[n - 1].class.is_cjk();
        let proxy = match c.class {
            Class::Open if is_quote(c.first) => '（',
            Class::Close if is_quote(c.first) => '）',
            Class::Ellipsis if after_cjk => '中',
            _ => continue,
        };
        while chars[k].0 < c.text.start {
            k += 1;
        }
        while k < chars.len() && chars[k].0 < c.text.end {
            if chars[k].1 == c.first {
                chars[k].1 = proxy;
            }
            k += 1;
        }
    }
    chars
}

/// The rules of Unicode 15.1 that forbid breaks Unicode 15.0 allowed: no break after an
/// initial quote at the start of a text or after a space or opening mark, even after spaces
/// (LB15a: ` « x`); no break before a final quote followed by a space, a closing mark or the end
/// (LB15b: `x »`); no break after a hyphen that starts a word (LB20a: ` -x`).
fn unicode_15_1(chars: &[(usize, char)], len: usize, uax: &mut [bool]) {
    use BreakClass::*;
    let class = |k: usize| break_property(chars[k].1 as u32);
    let offset = |k: usize| chars.get(k).map_or(len, |c| c.0);
    // LB9: combining marks and joiners take the class of the character before them.
    let attached = |k: usize| matches!(class(k), CombiningMark | ZeroWidthJoiner);
    let base_before = |k: usize| {
        let mut j = k;
        while j > 0 && attached(j - 1) {
            j -= 1;
        }
        j.checked_sub(1).map(class)
    };
    let after = |k: usize| {
        let mut j = k + 1;
        while j < chars.len() && attached(j) {
            j += 1;
        }
        j
    };
    for k in 0..chars.len() {
        let c = chars[k].1;
        // HY is U+002D alone; U+2010 is the hyphen LB20a names besides it.
        let hyphen = matches!(c, '-' | '\u{2010}');
        if !hyphen && !is_initial_quote(c) && !is_final_quote(c) {
            continue;
        }
        let before = base_before(k);
        let at_start = matches!(
            before,
            None | Some(Mandatory | CarriageReturn | LineFeed | NextLine | Space | ZeroWidthSpace)
        );
        if is_initial_quote(c)
            && (at_start || matches!(before, Some(OpenPunctuation | Quotation | NonBreakingGlue)))
        {
            let mut j = after(k);
            uax[offset(j)] = false;
            while j < chars.len() && class(j) == Space {
                j += 1;
                uax[offset(j)] = false;
            }
        }
        if is_final_quote(c) {
            let j = after(k);
            let closes = j == chars.len()
                || matches!(
                    class(j),
                    Space
                        | NonBreakingGlue
                        | WordJoiner
                        | ClosePunctuation
                        | Quotation
                        | CloseParenthesis
                        | Exclamation
                        | InfixSeparator
                        | Symbol
                        | Mandatory
                        | CarriageReturn
                        | LineFeed
                        | NextLine
                        | ZeroWidthSpace
                );
            if closes {
                uax[offset(k)] = false;
            }
        }
        let word_start = at_start || matches!(before, Some(Contingent | NonBreakingGlue));
        if hyphen && word_start {
            let j = after(k);
            if j < chars.len() && matches!(class(j), Alphabetic | HebrewLetter) {
                uax[offset(j)] = false;
            }
        }
    }
}

/// Quotation marks of general category Pi (initial punctuation).
fn is_initial_quote(c: char) -> bool {
    matches!(
        c,
        '«' | '‘' | '‛' | '“' | '‟' | '‹' | '⸂' | '⸄' | '⸉' | '⸌' | '⸜' | '⸠'
    )
}

/// Quotation marks of general category Pf (final punctuation).
fn is_final_quote(c: char) -> bool {
    matches!(c, '»' | '’' | '”' | '›' | '⸃' | '⸅' | '⸊' | '⸍' | '⸝' | '⸡')
}
