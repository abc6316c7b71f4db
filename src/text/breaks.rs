//! Where a line may break.
//!
//! Latin text follows Unicode's line breaking algorithm (UAX #14, via the `unicode-linebreak`
//! crate): words stay whole, numbers stay whole, a break may follow a hyphen. Around Chinese text
//! UAX #14 is not enough — it treats “” as ambiguous quotes that forbid breaks on both sides —
//! so boundaries that touch Chinese characters follow the clreq/GB prohibition rules instead:
//! no closing mark or pause/stop mark at the start of a line, no opening mark at its end, and
//! (by strictness level) no solidus at line end, no ——/…… at line start.

use super::classify::Class;
use super::cluster::Cluster;
use crate::model::layout::Strictness;
use unicode_linebreak::{linebreaks, BreakOpportunity};

/// What may happen at the boundary before a cluster.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Break {
    /// No break here.
    Never,
    /// A break is allowed.
    Allowed,
    /// A break after a hyphen inside a Latin word (discouraged, flagged).
    Hyphen,
    /// A last-resort break inside a word longer than the line (reported as a warning).
    Emergency,
}

/// The break rule at each cluster boundary: entry `i` is the boundary before cluster `i`
/// (entry 0, the paragraph start, is `Never`).
pub fn opportunities(text: &str, clusters: &[Cluster], strictness: Strictness) -> Vec<Break> {
    let mut uax = vec![false; text.len() + 1];
    for (offset, kind) in linebreaks(text) {
        if matches!(
            kind,
            BreakOpportunity::Allowed | BreakOpportunity::Mandatory
        ) {
            uax[offset] = true;
        }
    }
    let mut out = Vec::with_capacity(clusters.len());
    out.push(Break::Never);
    for pair in clusters.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        out.push(boundary(a, b, &uax, strictness));
    }
    out
}

fn boundary(a: &Cluster, b: &Cluster, uax: &[bool], strictness: Strictness) -> Break {
    if no_line_start(b.class, strictness) || no_line_end(a, strictness) {
        return Break::Never;
    }
    let chinese = a.class.is_cjk() || b.class.is_cjk();
    if chinese || b.space_before {
        // Between Chinese characters (and wherever a space was typed) any remaining boundary
        // may break; a number or word next to Chinese text breaks off it.
        return Break::Allowed;
    }
    // Latin against Latin (and postfix/prefix marks against them): UAX #14 decides.
    if uax[b.text.start] {
        if matches!(a.last, '-' | '\u{2010}') {
            Break::Hyphen
        } else {
            Break::Allowed
        }
    } else {
        Break::Never
    }
}

/// Marks that may not begin a line.
fn no_line_start(class: Class, strictness: Strictness) -> bool {
    match class {
        Class::Close | Class::Pause | Class::Stop | Class::MiddleDot | Class::Postfix => true,
        Class::Dash | Class::Ellipsis => strictness == Strictness::Strict,
        _ => false,
    }
}

/// Marks that may not end a line.
fn no_line_end(a: &Cluster, strictness: Strictness) -> bool {
    match a.class {
        Class::Open | Class::Prefix => true,
        _ => {
            strictness != Strictness::Basic
                && matches!(a.last, '/' | '／')
                && a.class != Class::Space
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::classify::classify_text;

    /// Clusters without fonts: one per non-space character, enough for break rules.
    fn clusters(text: &str) -> Vec<Cluster> {
        let chars: Vec<char> = text.chars().collect();
        let classes = classify_text(&chars);
        let mut out: Vec<Cluster> = Vec::new();
        let mut space = false;
        for ((start, c), class) in text.char_indices().zip(classes) {
            if class == Class::Space {
                space = true;
                continue;
            }
            out.push(Cluster {
                text: start..start + c.len_utf8(),
                class,
                glyphs: vec![],
                advance: crate::units::Pt(10.0),
                blank: None,
                space_before: std::mem::take(&mut space),
                first: c,
                last: c,
            });
        }
        out
    }

    /// The text with `|` at every allowed break.
    fn marked(text: &str, strictness: Strictness) -> String {
        let cs = clusters(text);
        let ops = opportunities(text, &cs, strictness);
        let mut out = String::new();
        for (c, op) in cs.iter().zip(ops) {
            if op != Break::Never {
                out.push('|');
            }
            if c.space_before {
                out.push(' ');
            }
            out.push_str(&text[c.text.clone()]);
        }
        out
    }

    #[test]
    fn chinese_breaks_everywhere_but_before_closing_and_after_opening_marks() {
        assert_eq!(
            marked("以“吉林制造”助力，全国。", Strictness::Gb),
            "以|“吉|林|制|造”|助|力，|全|国。"
        );
        assert_eq!(marked("（简称）、", Strictness::Gb), "（简|称）、");
    }

    #[test]
    fn latin_words_and_numbers_stay_whole() {
        assert_eq!(
            marked("价值近15万元的ISO 9001认证", Strictness::Gb),
            "价|值|近|15|万|元|的|ISO| 9001|认|证"
        );
        assert_eq!(marked("增长10％。", Strictness::Gb), "增|长|10％。");
    }

    #[test]
    fn dashes_and_ellipses_follow_the_strictness_level() {
        assert_eq!(marked("医院——吉林", Strictness::Gb), "医|院|—|—|吉|林");
        assert_eq!(marked("医院——吉林", Strictness::Strict), "医|院——|吉|林");
    }

    #[test]
    fn solidus_may_not_end_a_line_in_gb_mode() {
        assert_eq!(marked("甲/乙", Strictness::Gb), "甲|/乙");
        assert_eq!(marked("甲/乙", Strictness::Basic), "甲|/|乙");
    }

    #[test]
    fn hyphen_breaks_are_marked() {
        let text = "well-known";
        let cs = clusters(text);
        let ops = opportunities(text, &cs, Strictness::Gb);
        assert_eq!(ops[5], Break::Hyphen);
        assert_eq!(ops.iter().filter(|o| **o != Break::Never).count(), 1);
    }
}
