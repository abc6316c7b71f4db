//! Where a line may break.
//!
//! Every character follows Unicode's line breaking algorithm (UAX #14, via the
//! `unicode-linebreak` crate): words and numbers stay whole, a break may follow a hyphen, no line
//! starts with `?` `!` `)` `]` or ends with `(` `[`, even after a space. The clreq/GB rules are a
//! tailoring on top of it, not a replacement: the Chinese role of a curly quote or an ellipsis
//! replaces its Unicode class (see [`super::uax14`]), and the prohibition lists take away more breaks —
//! no closing mark or pause/stop mark at the start of a line, no opening mark at its end, and (by
//! strictness level) no connector or solidus between Chinese characters at a line's edge, no
//! ——/…… at line start.
//!
//! Two kinds of Latin text get breaks of their own: URLs and e-mail addresses break where
//! style manuals allow (after `//`, before `/ . ? # % ~ _ -`, on either side of `= &`, and never
//! with an added hyphen), and words may be hyphenated by the patterns of [`hypher`] (only those
//! longer than the measure, unless the layout hyphenates every word).

use super::classify::{is_no_start_letter, Class};
use super::cluster::Cluster;
use crate::model::layout::Strictness;
use std::ops::Range;

/// What may happen at the boundary before a cluster.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Break {
    /// No break here.
    Never,
    /// A break is allowed.
    Allowed,
    /// A break right after a hyphen or dash typed in Latin text (discouraged, flagged).
    Hyphen,
    /// A break inside a URL or e-mail address (discouraged a little; nothing is added).
    Url,
    /// A hyphenation point inside a word: a hyphen is added at the end of the line
    /// (discouraged, flagged).
    Hyphenate,
    /// A hyphenation point used only when the paragraph cannot be set well without
    /// hyphenation (the breaker's later passes).
    HyphenateIfLoose,
    /// A last-resort break inside a word longer than the line (reported as a warning).
    Emergency,
}

impl Break {
    /// Whether a line may end here in the line breaker's first pass.
    pub fn breaks_in_first_pass(self) -> bool {
        !matches!(self, Break::Never | Break::HyphenateIfLoose)
    }
}

/// The break rule at each cluster boundary: entry `i` is the boundary before cluster `i`
/// (entry 0, the paragraph start, is `Never`).
pub fn opportunities(text: &str, clusters: &[Cluster], strictness: Strictness) -> Vec<Break> {
    let uax = super::uax14::allowed(text, clusters);
    let mut out = Vec::with_capacity(clusters.len());
    out.push(Break::Never);
    for i in 1..clusters.len() {
        out.push(boundary(clusters, i, &uax, strictness));
    }
    for url in find_urls(text) {
        url_breaks(text, clusters, &url, &mut out);
    }
    out
}

/// The rule at the boundary before cluster `i`: UAX #14 (tailored, see [`super::uax14`]) decides
/// whether a break is possible at all; the clreq/GB prohibitions then take away more.
fn boundary(clusters: &[Cluster], i: usize, uax: &[bool], strictness: Strictness) -> Break {
    let (a, b) = (&clusters[i - 1], &clusters[i]);
    if !uax[b.text.start]
        || no_line_start(clusters, i, strictness)
        || no_line_end(clusters, i - 1, strictness)
    {
        return Break::Never;
    }
    let latin = !a.class.is_cjk() && !b.class.is_cjk() && !b.space_before;
    if b.soft_hyphen_before && latin {
        // The clerk's (or Word's) own hyphenation point: the hyphen appears only if the line
        // breaks here.
        Break::Hyphenate
    } else if latin && is_hyphen(a.last) {
        Break::Hyphen
    } else {
        Break::Allowed
    }
}

/// Whether a last-resort break before cluster `i` keeps the basic prohibitions (no opening mark
/// at a line's end, no closing, pause or stop mark at its start): the GB and UAX #14 rules may
/// give way when a run is wider than the line, these never do.
pub fn may_force(clusters: &[Cluster], i: usize) -> bool {
    !no_line_start(clusters, i, Strictness::Basic)
        && !no_line_end(clusters, i - 1, Strictness::Basic)
}

/// Hyphens and the dashes that join Latin words or numbers (`well-known`, `1990–2000`).
fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{2013}')
}

/// Marks that may not begin a line. At GB level (GB/T 15834) connector marks — a single dash
/// or wave dash joining two numbers or words (`2019—2020`, `3～5`) — and a solidus between
/// Chinese characters join them; a 破折号 (——) or 省略号 (……) keeps off line starts only at
/// the strict level.
fn no_line_start(clusters: &[Cluster], k: usize, strictness: Strictness) -> bool {
    let b = &clusters[k];
    let gb = strictness != Strictness::Basic;
    match b.class {
        Class::Close | Class::Pause | Class::Stop | Class::MiddleDot | Class::Postfix => true,
        // A closing quote never starts a line, in Latin text either (a ’ before a letter is an
        // apostrophe, as in ’tis, and may).
        _ if b.first == '”' => true,
        _ if b.first == '’' => !clusters
            .get(k + 1)
            .is_some_and(|n| !n.space_before && n.first.is_alphabetic()),
        Class::Dash if is_connector(b) => gb,
        Class::Dash | Class::Ellipsis => strictness == Strictness::Strict,
        Class::Ideograph => is_no_start_letter(b.first) || (gb && matches!(b.first, '～' | '／')),
        _ => gb && (b.first == '〜' || b.first == '/' && chinese_solidus(clusters, k)),
    }
}

/// Marks that may not end a line. The solidus rule (GB level) is for a solidus in Chinese text
/// (`元/人`, `２０２０／２１`); in Latin text (`and/or`) UAX #14 decides.
fn no_line_end(clusters: &[Cluster], k: usize, strictness: Strictness) -> bool {
    let a = &clusters[k];
    match a.class {
        Class::Open | Class::Prefix => true,
        // An opening curly quote never ends a line, in Latin text either.
        _ if matches!(a.last, '“' | '‘') => true,
        _ if strictness == Strictness::Basic => false,
        _ if a.last == '／' || is_connector(a) => true,
        _ if a.last == '/' => chinese_solidus(clusters, k),
        _ => false,
    }
}

/// A connector mark (连接号): a single dash or a wave dash.
fn is_connector(c: &Cluster) -> bool {
    (c.class == Class::Dash && c.text.len() <= '—'.len_utf8()) || matches!(c.first, '～' | '〜')
}

/// A solidus with Chinese text on either side.
fn chinese_solidus(clusters: &[Cluster], k: usize) -> bool {
    let cjk = |c: Option<&Cluster>| c.is_some_and(|c| c.class.is_cjk());
    cjk(k.checked_sub(1).and_then(|j| clusters.get(j))) || cjk(clusters.get(k + 1))
}

/// Byte ranges of the URLs and e-mail addresses in `text`.
pub fn find_urls(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let url_char = |c: u8| c.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=%".contains(&c);
    let word_char = |c: u8| c.is_ascii_alphanumeric() || b"._%+-".contains(&c);
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &text[i..];
        let boundary = i == 0 || !bytes[i - 1].is_ascii_alphanumeric();
        let scheme = ["https://", "http://", "ftp://", "www.", "mailto:"]
            .iter()
            .find(|p| {
                rest.len() >= p.len()
                    && rest.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes())
            });
        let start = if let (true, Some(p)) = (boundary, scheme) {
            Some((i, i + p.len()))
        } else if bytes[i] == b'@' && i > 0 && word_char(bytes[i - 1]) {
            // An e-mail address: back to the start of the local part.
            let mut s = i;
            while s > 0 && word_char(bytes[s - 1]) {
                s -= 1;
            }
            let overlaps = out.last().is_some_and(|r| r.end > s);
            (!overlaps && bytes.get(i + 1).is_some_and(|c| c.is_ascii_alphanumeric()))
                .then_some((s, i + 1))
        } else if boundary && bytes[i].is_ascii_alphanumeric() {
            bare_domain(&bytes[i..]).map(|n| (i, i + n))
        } else {
            None
        };
        let Some((s, mut e)) = start else {
            i += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        };
        while e < bytes.len() && url_char(bytes[e]) {
            e += 1;
        }
        // Sentence punctuation after a URL is not part of it.
        while e > s && b".,;:!?)'".contains(&bytes[e - 1]) {
            e -= 1;
        }
        // A bare `www.` or `x@` with nothing after it is not an address.
        if e > s + 4 && text[s..e].contains('.') {
            out.push(s..e);
            i = e;
        } else {
            i += 1;
        }
    }
    out
}

/// The length of a domain name at the start of `bytes` (`example.com`, `www.gov.cn`), which must
/// end in a common top-level domain; `None` if it is not one.
fn bare_domain(bytes: &[u8]) -> Option<usize> {
    const TLDS: [&str; 12] = [
        "com", "org", "net", "cn", "gov", "edu", "int", "info", "io", "hk", "tw", "mo",
    ];
    let label = |c: &u8| c.is_ascii_alphanumeric() || *c == b'-';
    let mut end = 0;
    let mut labels = 0;
    let mut last = 0..0;
    loop {
        let start = end;
        while end < bytes.len() && label(&bytes[end]) {
            end += 1;
        }
        if end == start {
            return None;
        }
        labels += 1;
        last = start..end;
        if end + 1 < bytes.len() && bytes[end] == b'.' && label(&bytes[end + 1]) {
            end += 1;
        } else {
            break;
        }
    }
    let tld = &bytes[last];
    let known = TLDS.iter().any(|t| tld.eq_ignore_ascii_case(t.as_bytes()));
    (labels >= 2 && known).then_some(end)
}

/// Replaces the break rules inside a URL: breaks after `//`, before `/ . , ? # % ~ _ -` and
/// `@`, and on either side of `=` and `&`; nowhere else.
fn url_breaks(text: &str, clusters: &[Cluster], url: &Range<usize>, rules: &mut [Break]) {
    let bytes = text.as_bytes();
    for i in 1..clusters.len() {
        let at = clusters[i].text.start;
        if at <= url.start || at >= url.end {
            continue;
        }
        let before = bytes[at - 1];
        let after = bytes[at];
        let double_slash = before == b'/' && at >= 2 && bytes[at - 2] == b'/';
        let allowed = match after {
            b'/' => before != b'/' && before != b':',
            b'.' | b',' | b'?' | b'#' | b'%' | b'~' | b'_' | b'-' | b'@' | b'=' | b'&' => {
                before != after
            }
            _ => double_slash || matches!(before, b'=' | b'&'),
        };
        rules[i] = match (allowed, after) {
            (false, _) => Break::Never,
            // Before a hyphen: as discouraged as a break after one.
            (true, b'-') => Break::Hyphen,
            (true, _) => Break::Url,
        };
    }
}

/// Adds hyphenation points of `kind` to the Latin words inside `range` (cluster indices):
/// boundaries the English patterns allow and no other rule allows already. Words in capitals
/// (acronyms), with digits, or inside URLs are left alone.
pub fn hyphenate(
    text: &str,
    clusters: &[Cluster],
    range: Range<usize>,
    rules: &mut [Break],
    kind: Break,
) {
    let urls = find_urls(text);
    let letter =
        |c: &Cluster| c.class == Class::Latin && c.first.is_alphabetic() && c.first == c.last;
    let mut i = range.start;
    while i < range.end {
        if !letter(&clusters[i]) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < range.end && letter(&clusters[j]) && !rules[j].breaks_in_first_pass() {
            j += 1;
        }
        let (s, e) = (clusters[i].text.start, clusters[j - 1].text.end);
        let word = &text[s..e];
        let in_url = urls.iter().any(|u| u.start <= s && e <= u.end);
        let acronym = word.chars().filter(|c| c.is_uppercase()).count() > 1;
        if !in_url && !acronym && j - i >= 5 {
            let mut offset = s;
            let syllables: Vec<&str> = hypher::hyphenate(word, hypher::Lang::English).collect();
            for syl in &syllables[..syllables.len().saturating_sub(1)] {
                offset += syl.len();
                if let Some(k) = (i + 1..j).find(|&k| clusters[k].text.start == offset) {
                    if !rules[k].breaks_in_first_pass() {
                        rules[k] = kind;
                    }
                }
            }
        }
        i = j;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::classify::classify_text;

    /// Clusters without fonts: one per non-space character, enough for break rules.
    pub(crate) fn clusters(text: &str) -> Vec<Cluster> {
        let chars: Vec<char> = text.chars().collect();
        let classes = classify_text(&chars);
        let mut out: Vec<Cluster> = Vec::new();
        let mut space = false;
        let mut shy = false;
        for ((start, c), class) in text.char_indices().zip(classes) {
            if class == Class::Space {
                space = true;
                continue;
            }
            if crate::text::classify::is_invisible(c) {
                shy |= c == crate::text::classify::SOFT_HYPHEN;
                continue;
            }
            // —— and …… are one cluster, as cluster::build makes them.
            if let Some(prev) = out.last_mut() {
                let pair = matches!(class, Class::Dash | Class::Ellipsis)
                    && prev.first == c
                    && prev.text.end == start
                    && prev.text.len() == c.len_utf8()
                    && !space;
                if pair {
                    prev.text.end += c.len_utf8();
                    continue;
                }
            }
            out.push(Cluster {
                text: start..start + c.len_utf8(),
                class,
                glyphs: vec![],
                advance: crate::units::Pt(10.0),
                blank: None,
                space_before: std::mem::take(&mut space),
                soft_hyphen_before: std::mem::take(&mut shy),
                first: c,
                last: c,
                style: 0,
                size: crate::units::Pt(10.0),
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
        assert_eq!(marked("医院——吉林", Strictness::Gb), "医|院|——|吉|林");
        assert_eq!(marked("医院——吉林", Strictness::Strict), "医|院——|吉|林");
    }

    #[test]
    fn solidus_may_not_end_a_line_in_gb_mode() {
        assert_eq!(marked("甲/乙", Strictness::Gb), "甲/乙");
        assert_eq!(marked("2800元/人", Strictness::Gb), "2800|元/人");
        // Without the GB rule UAX #14 still binds: no break before a solidus (SY).
        assert_eq!(marked("甲/乙", Strictness::Basic), "甲/|乙");
    }

    #[test]
    fn solidus_in_latin_text_follows_uax14() {
        assert_eq!(marked("and/or", Strictness::Gb), "and/|or");
        assert_eq!(marked("甲／乙", Strictness::Gb), "甲／乙");
    }

    #[test]
    fn connector_marks_do_not_start_lines_at_gb_level() {
        assert_eq!(marked("2019—2020年", Strictness::Gb), "2019—2020|年");
        assert_eq!(
            marked("参见GB/T 19001—2016", Strictness::Gb),
            "参|见|GB/|T| 19001—2016"
        );
        assert_eq!(marked("2019—2020年", Strictness::Basic), "2019|—|2020|年");
        assert_eq!(marked("3～5年", Strictness::Gb), "3～5|年");
        // A 破折号 may start a line at GB level.
        assert_eq!(marked("甲——乙", Strictness::Gb), "甲|——|乙");
    }

    #[test]
    fn iteration_marks_and_small_kana_do_not_start_lines() {
        assert_eq!(marked("人々ショック", Strictness::Basic), "人々|ショッ|ク");
    }

    #[test]
    fn urls_are_found_and_break_where_style_manuals_allow() {
        let text =
            "见https://www.example.org/a-b/c_d?x=1&y=2。邮箱 info@example.com，或www.example.cn";
        let urls: Vec<&str> = find_urls(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            urls,
            [
                "https://www.example.org/a-b/c_d?x=1&y=2",
                "info@example.com",
                "www.example.cn"
            ]
        );
        assert_eq!(
            marked(
                "见https://www.example.org/a-b/c_d?x=1&y=2。",
                Strictness::Gb
            ),
            "见|https://|www|.example|.org|/a|-b|/c|_d|?x|=|1|&|y|=|2。"
        );
        assert_eq!(
            marked("写信到 info@example.com 吧", Strictness::Gb),
            "写|信|到| info|@example|.com| 吧"
        );
    }

    #[test]
    fn long_words_get_hyphenation_points() {
        let text = "词extraordinary和ISO";
        let cs = clusters(text);
        let mut ops = opportunities(text, &cs, Strictness::Gb);
        hyphenate(text, &cs, 0..cs.len(), &mut ops, Break::Hyphenate);
        let mut out = String::new();
        for (c, op) in cs.iter().zip(ops) {
            match op {
                Break::Hyphenate => out.push('-'),
                Break::Never => {}
                _ => out.push('|'),
            }
            out.push_str(&text[c.text.clone()]);
        }
        assert_eq!(out, "词|ex-tra-or-di-nary|和|ISO");
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
