//! Line breaker tests on real fonts (the project's Noto Serif SC) and tricky text.

use super::*;
use crate::assets::FontCatalog;
use crate::fonts::FontSet;
use std::sync::OnceLock;

const SIZE: Pt = Pt(10.0);

/// A font set holding one of the project's fonts (from fonts/), and a chain of just that font.
pub(super) fn project_font(name: &str) -> (FontSet, FontChain) {
    let catalog = FontCatalog::new(vec![concat!(env!("CARGO_MANIFEST_DIR"), "/fonts").into()]);
    let mut set = FontSet::default();
    let face = set.add(catalog.find(name).unwrap());
    let chain = FontChain {
        faces: vec![face],
        latin: None,
    };
    (set, chain)
}

thread_local! {
    /// How many times this thread's paragraphs were broken into lines (a centred one is broken
    /// again for each measure its balancing tries).
    pub(super) static BREAKINGS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// A centred title is balanced (broken again at narrower measures); a centred paragraph past
/// [`BALANCE_MAX_CHARS`] is broken once, as a left-aligned one is (a fuzzed 8,000-character
/// title was broken 13 times over, five times the cost of the same text as body).
#[test]
fn only_a_short_centred_paragraph_is_balanced() {
    let (set, chain) = fonts();
    let breakings = |text: &str| {
        let par = Paragraph {
            text,
            chain,
            runs: &[],
            size: SIZE,
            indent: Pt::ZERO,
            align: Align::Center,
            width: SIZE * 20.0,
        };
        BREAKINGS.with(|n| n.set(0));
        layout_paragraph(&par, &TextSettings::default(), set);
        BREAKINGS.with(|n| n.get())
    };
    let title = "关于开展二〇二〇年度全国质量管理小组活动优秀成果交流的通知";
    assert!(breakings(title) > 1, "a two-line title is balanced");
    let long: String = title
        .chars()
        .cycle()
        .take(BALANCE_MAX_CHARS + 200)
        .collect();
    assert_eq!(
        breakings(&long),
        1,
        "a long centred paragraph is broken once"
    );
}

fn fonts() -> &'static (FontSet, FontChain) {
    static FONTS: OnceLock<(FontSet, FontChain)> = OnceLock::new();
    FONTS.get_or_init(|| project_font("Noto Serif SC"))
}

fn set_with(text: &str, chars: f64, indent: f64, settings: &TextSettings) -> ParagraphLayout {
    let (set, chain) = fonts();
    let par = Paragraph {
        text,
        chain,
        runs: &[],
        size: SIZE,
        indent: SIZE * indent,
        align: Align::Justify,
        width: SIZE * chars,
    };
    layout_paragraph(&par, settings, set)
}

/// The paragraph's lines as text.
fn lines(text: &str, chars: f64, settings: &TextSettings) -> Vec<String> {
    set_with(text, chars, 0.0, settings)
        .lines
        .iter()
        .map(|l| text[l.text.clone()].to_string())
        .collect()
}

const NO_START: &str = "、，；：。！？）］｝〕〉》」』】”’·％";
const NO_END: &str = "（［｛〔〈《「『【“‘";

fn assert_prohibitions(lines: &[String]) {
    for (i, l) in lines.iter().enumerate() {
        let first = l.chars().next().unwrap();
        let last = l.chars().last().unwrap();
        assert!(
            !NO_START.contains(first),
            "line {i} starts with {first}: {lines:?}"
        );
        assert!(
            !NO_END.contains(last),
            "line {i} ends with {last}: {lines:?}"
        );
    }
}

#[test]
fn punctuation_runs_never_start_or_end_lines_wrongly() {
    let text = "他说：“今天下雨。”我们（大家）、老师——还有……同学们“都来了”，《简报》第五期。”再说一遍：“好！”（完）";
    let settings = TextSettings::default();
    for chars in [5.0, 6.0, 7.0, 8.0, 9.5, 11.0, 13.0] {
        for breaking in [LineBreaking::TotalFit, LineBreaking::Greedy] {
            let s = TextSettings {
                line_breaking: breaking,
                ..settings.clone()
            };
            let ls = lines(text, chars, &s);
            assert_prohibitions(&ls);
            assert_eq!(ls.concat(), text, "nothing dropped or repeated");
        }
    }
}

#[test]
fn dashes_and_ellipses_are_never_split() {
    let text = "医院——吉林省传染病医院……沈阳中心——沈阳市第六人民医院……大连";
    for chars in 3..14 {
        for l in lines(text, chars as f64, &TextSettings::default()) {
            assert!(!l.starts_with('—') || l.starts_with("——"), "{l}");
            assert!(!l.ends_with('—') || l.ends_with("——"), "{l}");
            assert!(!l.starts_with('…') || l.starts_with("……"), "{l}");
        }
    }
}

#[test]
fn strict_level_keeps_dashes_off_line_starts() {
    let text = "一二三四五六七八——九十";
    let strict = TextSettings {
        strictness: Strictness::Strict,
        ..TextSettings::default()
    };
    for chars in 4..12 {
        for l in lines(text, chars as f64, &strict) {
            assert!(!l.starts_with('—'), "{l}");
        }
    }
}

#[test]
fn latin_words_and_numbers_stay_whole() {
    let text = "筹集了价值近15万元的物资，通过ISO 9001认证，访问example.com获取2020年报告";
    // Words and numbers never break; the domain name breaks only before its dot (a URL break,
    // no hyphen added). From 5 em on, `example` fits on a line.
    for chars in 5..16 {
        let laid = set_with(text, chars as f64, 0.0, &TextSettings::default());
        let ls: Vec<&str> = laid.lines.iter().map(|l| &text[l.text.clone()]).collect();
        for w in ["15", "ISO", "9001", "2020"] {
            assert!(
                ls.iter().any(|l| l.contains(w)),
                "`{w}` split at {chars} chars: {ls:?}"
            );
        }
        let whole = ls.iter().any(|l| l.contains("example.com"));
        let at_dot =
            ls.iter().any(|l| l.ends_with("example")) && ls.iter().any(|l| l.starts_with(".com"));
        assert!(whole || at_dot, "{ls:?}");
        assert!(laid
            .lines
            .iter()
            .all(|l| l.end != LineEnd::Hyphenated && l.end != LineEnd::Emergency));
    }
}

#[test]
fn a_closing_mark_that_would_start_a_line_is_kept_back() {
    // Ten characters fill a 10-em line exactly; the comma after them may not start line two, so
    // the breaker either squeezes it onto line one or takes a character down with it.
    let text = "一二三四五六七八九十，甲乙丙丁。";
    for breaking in [LineBreaking::TotalFit, LineBreaking::Greedy] {
        let s = TextSettings {
            line_breaking: breaking,
            ..TextSettings::default()
        };
        let ls = lines(text, 10.0, &s);
        assert_prohibitions(&ls);
        assert_eq!(ls.concat(), text);
    }
}

#[test]
fn justified_lines_fill_the_measure() {
    let text = "面对突如其来的新型冠状病毒感染的肺炎疫情，吉林省质量管理协会（简称吉林质协）及其会员单位积极响应党中央、国务院的号召，严密防控疫情传播，积极履行社会责任。";
    let laid = set_with(text, 12.0, 2.0, &TextSettings::default());
    let n = laid.lines.len();
    assert!(n > 3);
    for line in &laid.lines[..n - 1] {
        assert!(
            (line.width.0 - 120.0).abs() < 0.01,
            "line `{}` is {} wide",
            &text[line.text.clone()],
            line.width
        );
    }
    // The first line starts after the two-character indent.
    assert!((laid.lines[0].glyphs[0].x.0 - 20.0).abs() < 1e-9);
}

#[test]
fn extra_space_is_spread_over_every_gap() {
    // A line that must stretch: no gap may take more than its share.
    let text = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥。";
    let laid = set_with(text, 9.6, 0.0, &TextSettings::default());
    let line = &laid.lines[0];
    let xs: Vec<f64> = line.glyphs.iter().map(|g| g.x.0).collect();
    let gaps: Vec<f64> = xs.windows(2).map(|w| w[1] - w[0]).collect();
    let (min, max) = gaps
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), &g| (a.min(g), b.max(g)));
    assert!(max - min < 1e-6, "uneven gaps {gaps:?}");
    assert!(line.ratio > 0.0);
}

#[test]
fn line_end_mark_is_half_width_and_line_start_bracket_loses_its_half() {
    // “甲乙丙丁，” then a bracketed word: at 5 em the comma ends line one half width.
    let text = "甲乙丙丁，（戊己）庚辛";
    let laid = set_with(text, 4.5, 0.0, &TextSettings::default());
    let first = &laid.lines[0];
    assert_eq!(&text[first.text.clone()], "甲乙丙丁，");
    assert!((first.width.0 - 45.0).abs() < 0.01, "{}", first.width);
    let second = &laid.lines[1];
    assert!(text[second.text.clone()].starts_with('（'));
    // The bracket's ink starts at the line's left edge: its glyph is drawn half an em left.
    assert!(
        (second.glyphs[0].x.0 + 5.0).abs() < 1e-6,
        "{}",
        second.glyphs[0].x
    );
}

#[test]
fn adjacent_marks_take_one_and_a_half_ems() {
    let text = "他说：“好。”然后";
    let laid = set_with(text, 40.0, 0.0, &TextSettings::default());
    let g = &laid.lines[0].glyphs;
    // 他说：“好。”然后 — 。” (glyphs 5, 6) take 1.5 em before 然 (glyph 7); ：“ (2, 3) likewise
    // before 好 (4). The opening quote's glyph is drawn half an em left of its ink box.
    assert!(((g[7].x - g[5].x).0 - 15.0).abs() < 1e-6, "{g:?}");
    assert!(((g[4].x - g[2].x).0 - 15.0).abs() < 1e-6, "{g:?}");
}

#[test]
fn han_latin_gap_is_a_quarter_em_and_typed_spaces_are_not_doubled() {
    let with_space = set_with("价值 15 万元", 40.0, 0.0, &TextSettings::default());
    let without = set_with("价值15万元", 40.0, 0.0, &TextSettings::default());
    let xs = |l: &ParagraphLayout| l.lines[0].glyphs.iter().map(|g| g.x.0).collect::<Vec<_>>();
    assert_eq!(xs(&with_space), xs(&without));
    let x = xs(&without);
    // 值 ends at 20; 1 starts a quarter em later.
    assert!((x[2] - 22.5).abs() < 1e-6, "{x:?}");
    let off = TextSettings {
        cjk_latin_spacing: false,
        ..TextSettings::default()
    };
    let x = xs(&set_with("价值15万元", 40.0, 0.0, &off));
    assert!((x[2] - 20.0).abs() < 1e-6, "{x:?}");
}

#[test]
fn circled_numbers_and_symbols_are_set_as_chinese_characters() {
    // ① is one full-width cell with no Han–Latin space on either side, like a Han character.
    let laid = set_with("要①提高★认识", 40.0, 0.0, &TextSettings::default());
    let x: Vec<f64> = laid.lines[0].glyphs.iter().map(|g| g.x.0).collect();
    for (i, x) in x.iter().enumerate() {
        assert!((x - 10.0 * i as f64).abs() < 1e-6, "{x:?}");
    }
}

#[test]
fn quanjiao_keeps_marks_full_width() {
    let s = TextSettings {
        punctuation: Punctuation::Quanjiao,
        ..TextSettings::default()
    };
    let laid = set_with("他说：“好。”然后", 40.0, 0.0, &s);
    let g = &laid.lines[0].glyphs;
    assert!(((g[7].x - g[5].x).0 - 20.0).abs() < 1e-6, "{g:?}");
    assert!(((g[4].x - g[2].x).0 - 20.0).abs() < 1e-6, "{g:?}");
}

#[test]
fn an_overlong_word_is_hyphenated_and_only_broken_by_force_without_hyphenation() {
    let word = "Pneumonoultramicroscopicsilicovolcanoconiosis";
    let text = format!("词语{word}很长");
    let laid = set_with(&text, 8.0, 0.0, &TextSettings::default());
    assert!(laid.broken_words.is_empty(), "{:?}", laid.broken_words);
    let n = laid.lines.len();
    let summary: Vec<String> = laid
        .lines
        .iter()
        .map(|l| format!("{} {}", &text[l.text.clone()], l.end.as_str()))
        .collect();
    for line in &laid.lines[..n - 1] {
        assert!(
            (line.width.0 - 80.0).abs() < 0.01,
            "{} is not flush",
            line.width
        );
    }
    assert!(
        laid.lines
            .iter()
            .filter(|l| l.end == LineEnd::Hyphenated)
            .count()
            >= 2,
        "{summary:?}"
    );
    assert!(laid.lines.iter().all(|l| l.end != LineEnd::Emergency));
    let joined: String = laid.lines.iter().map(|l| &text[l.text.clone()]).collect();
    assert_eq!(joined, text);

    let none = TextSettings {
        hyphenation: Hyphenation::None,
        ..TextSettings::default()
    };
    let laid = set_with(&text, 8.0, 0.0, &none);
    assert_eq!(laid.broken_words, vec![word.to_string()]);
    for line in &laid.lines {
        assert!(line.width.0 <= 80.0 + 0.01, "{} overflows", line.width);
    }
    assert!(laid.lines.iter().any(|l| l.end == LineEnd::Emergency));
}

#[test]
fn missing_characters_are_reported_not_dropped() {
    let laid = set_with("甲\u{E000}乙", 40.0, 0.0, &TextSettings::default());
    assert_eq!(laid.missing.len(), 1);
    assert_eq!(laid.missing[0].ch, '\u{E000}');
    assert_eq!(laid.lines[0].glyphs.len(), 3);
    assert_eq!(laid.lines[0].glyphs[1].glyph, 0);
}

#[test]
fn total_fit_avoids_a_runt_that_greedy_leaves() {
    // 41 characters and a stop on a 20-em measure: greedy leaves one character and the stop on
    // the last line; total fit stretches the line before a little so the last line is longer.
    let text =
        "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉一二三四五六七八九十天地玄黄宇宙洪荒日月盈。";
    let greedy = lines(
        text,
        20.0,
        &TextSettings {
            line_breaking: LineBreaking::Greedy,
            ..TextSettings::default()
        },
    );
    let fit = lines(text, 20.0, &TextSettings::default());
    assert_eq!(greedy.last().unwrap().chars().count(), 2, "{greedy:?}");
    assert!(fit.last().unwrap().chars().count() > 2, "{fit:?}");
}

/// Each line as `text ratio width end` (ratio to three places, width in points): the break
/// positions and the per-line adjustment in one string per line.
fn summary(text: &str, chars: f64, indent: f64, settings: &TextSettings) -> Vec<String> {
    set_with(text, chars, indent, settings)
        .lines
        .iter()
        .map(|l| {
            format!(
                "{} {:+.3} {:.2} {}{}",
                &text[l.text.clone()],
                l.ratio,
                l.width.0,
                l.end.as_str(),
                if l.hang.0 > 0.0 { "+hang" } else { "" }
            )
        })
        .collect()
}

fn with(f: impl FnOnce(&mut TextSettings)) -> TextSettings {
    let mut s = TextSettings::default();
    f(&mut s);
    s
}

#[test]
fn hand_made_line_end_mark() {
    // 5 characters and a comma whose blank half goes at the break: exactly 5.5 em.
    assert_eq!(
        summary(
            "甲乙丙丁戊，己庚辛壬癸。",
            5.5,
            0.0,
            &TextSettings::default()
        ),
        [
            "甲乙丙丁戊， +0.000 55.00 char",
            "己庚辛壬癸。 +0.000 55.00 end"
        ]
    );
}

#[test]
fn hand_made_mark_pairs_across_a_break() {
    // “，“” shares one blank, which goes at the break; “”。” takes 1 em (half + half).
    let text = "甲乙丙丁，“戊己”。";
    assert_eq!(
        summary(text, 4.5, 0.0, &TextSettings::default()),
        ["甲乙丙丁， +0.000 45.00 char", "“戊己”。 +0.000 35.00 end"]
    );
    let laid = set_with(text, 4.5, 0.0, &TextSettings::default());
    let xs: Vec<f64> = laid.lines[1].glyphs.iter().map(|g| g.x.0).collect();
    // The opening quote is drawn half an em left of the line so its ink starts at 0.
    assert_eq!(xs, [-5.0, 5.0, 15.0, 25.0, 30.0]);
}

#[test]
fn hand_made_opening_bracket_after_the_indent_and_shrink_before_push() {
    // The bracket's leading half goes after the indent; the closing bracket's blank shrinks so
    // that 戊 stays on the line (ratio −1) rather than going to the next one (ratio +1).
    let text = "（甲乙）丙丁戊己庚辛";
    assert_eq!(
        summary(text, 8.0, 2.0, &TextSettings::default()),
        [
            "（甲乙）丙丁戊 -1.000 80.00 char",
            "己庚辛 +0.000 30.00 end"
        ]
    );
    let laid = set_with(text, 8.0, 2.0, &TextSettings::default());
    assert_eq!(laid.lines[0].glyphs[0].x.0, 15.0);
    // Greedy does the same here: it takes as much as fits.
    assert_eq!(
        summary(
            text,
            8.0,
            2.0,
            &with(|s| s.line_breaking = LineBreaking::Greedy)
        ),
        [
            "（甲乙）丙丁戊 -1.000 80.00 char",
            "己庚辛 +0.000 30.00 end"
        ]
    );
}

#[test]
fn hand_made_han_latin_gap_vanishes_at_the_break() {
    let text = "甲乙丙丁戊己XYZ";
    let laid = set_with(text, 6.0, 0.0, &TextSettings::default());
    assert_eq!(&text[laid.lines[0].text.clone()], "甲乙丙丁戊己");
    assert_eq!(laid.lines[0].ratio, 0.0);
    assert_eq!(laid.lines[0].width.0, 60.0);
    assert_eq!(
        laid.lines[1].glyphs[0].x.0, 0.0,
        "no quarter em at line start"
    );
    // In a line, the gap is a quarter em on both sides of the Latin run.
    let laid = set_with("甲XYZ乙", 20.0, 0.0, &TextSettings::default());
    let g = &laid.lines[0].glyphs;
    let (set, chain) = fonts();
    let adv = |i: usize| SIZE.0 * set.get(chain.primary()).advance(g[i].glyph);
    assert_eq!(g[1].x.0, 12.5);
    assert!((g[4].x.0 - (g[3].x.0 + adv(3)) - 2.5).abs() < 1e-9);
}

#[test]
fn hand_made_long_url_breaks_at_url_points_only() {
    let text = "访问https://www.example.org/quality/management/system-review.html了解详情。";
    let settings = TextSettings::default();
    let laid = set_with(text, 12.0, 0.0, &settings);
    let ls: Vec<&str> = laid.lines.iter().map(|l| &text[l.text.clone()]).collect();
    assert_eq!(
        ls,
        [
            "访问https://www",
            ".example.org/quality",
            "/management/system",
            "-review.html了解详情。"
        ]
    );
    assert!(laid.broken_words.is_empty());
    let n = laid.lines.len();
    for l in &laid.lines[..n - 1] {
        assert!((l.width.0 - 120.0).abs() < 1e-6, "{}", l.width);
    }
    let ends: Vec<&str> = laid.lines.iter().map(|l| l.end.as_str()).collect();
    assert_eq!(ends, ["url", "url", "hyphen", "end"]);
}

#[test]
fn hand_made_runt_that_total_fit_avoids_and_greedy_leaves() {
    // 21 characters and a stop on a 10-em measure. Greedy: 10 + 10 + one character and the
    // stop. Total fit gives one line a character less (9 characters stretched over 8
    // gaps of 0.1 em each: ratio 1.25) so that the last line has two.
    let text = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌。";
    assert_eq!(
        summary(
            text,
            10.0,
            0.0,
            &with(|s| s.line_breaking = LineBreaking::Greedy)
        ),
        [
            "甲乙丙丁戊己庚辛壬癸 +0.000 100.00 char",
            "子丑寅卯辰巳午未申酉 +0.000 100.00 char",
            "戌。 +0.000 15.00 end"
        ]
    );
    assert_eq!(
        summary(text, 10.0, 0.0, &TextSettings::default()),
        [
            "甲乙丙丁戊己庚辛壬 +1.250 100.00 char",
            "癸子丑寅卯辰巳午未申 +0.000 100.00 char",
            "酉戌。 +0.000 25.00 end"
        ]
    );
}

#[test]
fn hand_made_hyphen_breaks() {
    // A typed hyphen may end a line (flagged, with a penalty); a break between Chinese
    // characters is preferred when one is as good.
    let text = "甲乙丙丁戊己well-known庚辛";
    for chars in 6..14 {
        let laid = set_with(text, chars as f64, 0.0, &TextSettings::default());
        for l in &laid.lines {
            let t = &text[l.text.clone()];
            if t.ends_with("well-") {
                assert_eq!(l.end, LineEnd::Hyphen);
            }
            assert!(!t.starts_with('-') && !t.ends_with("well"), "{t}");
        }
    }
}

#[test]
fn hand_made_hanging_punctuation_hangs_one_mark_where_it_helps() {
    let hang = with(|s| s.hanging_punctuation = true);
    // Without hanging, a 5-em line cannot hold 甲乙丙丁戊，; with it, the comma hangs.
    assert_eq!(
        summary("甲乙丙丁戊，己庚辛壬癸。", 5.0, 0.0, &hang),
        [
            "甲乙丙丁戊， +0.000 50.00 char+hang",
            "己庚辛壬癸。 +0.000 50.00 end+hang"
        ]
    );
    // Never two marks: the closing quote stays inside the measure, only the comma hangs.
    let text = "甲乙丙“丁”，戊己庚辛";
    let laid = set_with(text, 5.5, 0.0, &hang);
    let first = &laid.lines[0];
    assert_eq!(&text[first.text.clone()], "甲乙丙“丁”，");
    assert_eq!(first.hang.0, 5.0);
    let g = &first.glyphs;
    assert_eq!(
        g[g.len() - 1].x.0,
        55.0,
        "the comma starts at the measure's edge"
    );
    assert_eq!(g[g.len() - 2].x.0, 50.0, "the quote's ink ends at it");
    // Where the line is fine without hanging, nothing hangs.
    let laid = set_with("甲乙丙丁，戊己庚辛壬", 4.5, 0.0, &hang);
    assert_eq!(laid.lines[0].hang.0, 0.0);
}

#[test]
fn consecutive_compressed_line_ends_are_penalised() {
    // Over many measures, a large penalty leaves fewer pairs of consecutive lines ending in a
    // mark set half width than no penalty.
    let text = "甲乙，丙丁，戊己，庚辛，壬癸，子丑，寅卯，辰巳，午未，申酉，戌亥，天地，玄黄，宇宙，洪荒，日月，盈昃，辰宿，列张。";
    let items_for = |chars: f64, demerits: f64| {
        let (set, chain) = fonts();
        let built = cluster::build(text, chain, &[], set, SIZE);
        let rules = breaks::opportunities(text, &built.clusters, Strictness::Gb);
        let metrics = items::Metrics {
            size: SIZE,
            space_width: built.space_width,
            hyphen_width: Pt(3.0),
            indent: Pt::ZERO,
            in_url: vec![false; built.clusters.len()],
        };
        let items = items::build(&built.clusters, &rules, &TextSettings::default(), &metrics);
        let params = linebreak::Params {
            compressed_demerits: demerits,
            ..linebreak::Params::default()
        };
        let measure = linebreak::Measure::new(&items, Pt(0.5));
        let chosen = linebreak::total_fit(&measure, SIZE * chars, &params, &|_, _| 3);
        let ends: Vec<bool> = chosen.iter().map(|c| items[c.at].compressed_end).collect();
        ends.windows(2).filter(|w| w[0] && w[1]).count()
    };
    let (mut free, mut penalised) = (0, 0);
    for chars in 5..16 {
        free += items_for(chars as f64, 0.0);
        penalised += items_for(chars as f64, 1e6);
    }
    assert!(penalised < free, "{penalised} vs {free}");
}

#[test]
fn kaiming_keeps_stops_full_width_and_the_rest_half() {
    let laid = set_with(
        "甲，乙。丙",
        40.0,
        0.0,
        &with(|s| s.punctuation = Punctuation::Kaiming),
    );
    let xs: Vec<f64> = laid.lines[0].glyphs.iter().map(|g| g.x.0).collect();
    assert_eq!(xs, [0.0, 10.0, 15.0, 25.0, 35.0]);
}

#[test]
fn typed_space_next_to_full_width_punctuation_is_dropped() {
    let xs = |t: &str| {
        set_with(t, 40.0, 0.0, &TextSettings::default()).lines[0]
            .glyphs
            .iter()
            .map(|g| g.x.0)
            .collect::<Vec<_>>()
    };
    assert_eq!(xs("他说： Hello"), xs("他说：Hello"));
    assert_eq!(xs("（ 甲 ）"), xs("（甲）"));
}

#[test]
fn middle_dots_and_connectors_are_not_compressed() {
    let (set, chain) = fonts();
    for text in ["安娜·卡列", "2019—2020年", "3～5年"] {
        let laid = set_with(text, 40.0, 0.0, &TextSettings::default());
        let g = &laid.lines[0].glyphs;
        for pair in g.windows(2) {
            let adv = SIZE.0 * set.get(chain.primary()).advance(pair[0].glyph);
            let gap = pair[1].x.0 - pair[0].x.0;
            // Each glyph keeps its full advance (plus, between Han and digits, a quarter em).
            assert!(gap >= adv - 1e-9, "{text}: {gap} < {adv}");
        }
    }
}

/// Pseudo-random paragraphs (a fixed LCG, so the test is deterministic) of Han characters,
/// punctuation of every class, numbers, Latin words, URLs and spaces, set at many measures with
/// every setting: nothing panics, nothing is lost, no line starts or ends wrongly, no justified
/// line is short of the measure.
#[test]
fn random_paragraphs_keep_every_rule() {
    let pieces = [
        "质",
        "量",
        "管",
        "理",
        "体",
        "系",
        "认",
        "证",
        "，",
        "、",
        "。",
        "；",
        "：",
        "？",
        "！",
        "“",
        "”",
        "‘",
        "’",
        "（",
        "）",
        "《",
        "》",
        "【",
        "】",
        "——",
        "……",
        "·",
        "ISO",
        " 9001",
        "2024",
        "年",
        "12.5％",
        "Quality",
        " management",
        "well-known",
        "A/B",
        "元/人",
        "～",
        "https://www.example.org/a/b?c=d",
        "x@example.com",
        " ",
        "Donaudampfschifffahrt",
    ];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |n: usize| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        ((seed >> 33) as usize) % n
    };
    let variants = [
        TextSettings::default(),
        with(|s| s.line_breaking = LineBreaking::Greedy),
        with(|s| s.punctuation = Punctuation::Quanjiao),
        with(|s| s.punctuation = Punctuation::Kaiming),
        with(|s| s.hanging_punctuation = true),
        with(|s| s.strictness = Strictness::Strict),
        with(|s| s.hyphenation = Hyphenation::All),
    ];
    for round in 0..400 {
        let len = next(60);
        let text: String = (0..len).map(|_| pieces[next(pieces.len())]).collect();
        let text = text.trim().to_string();
        let settings = &variants[round % variants.len()];
        for chars in [1.5, 3.0, 7.0, 12.5, 28.0] {
            let laid = set_with(&text, chars, 2.0, settings);
            let width = SIZE.0 * chars;
            let joined: String = laid.lines.iter().map(|l| &text[l.text.clone()]).collect();
            let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            assert_eq!(squeeze(&joined), squeeze(&text), "{text:?} at {chars}");
            let n = laid.lines.len();
            for (i, l) in laid.lines.iter().enumerate() {
                let t = &text[l.text.clone()];
                let Some(first) = t.chars().next() else {
                    continue;
                };
                let last = t.chars().last().unwrap();
                // A ’ before a Latin letter may be an apostrophe (’tis), which may start a line.
                let apostrophe =
                    first == '’' && t.chars().nth(1).is_some_and(|c| c.is_ascii_alphabetic());
                if i > 0 && !apostrophe {
                    assert!(!NO_START.contains(first), "{t:?} starts a line in {text:?}");
                }
                if i + 1 < n {
                    assert!(!NO_END.contains(last), "{t:?} ends a line in {text:?}");
                    let one_cluster = l.glyphs.len() <= 2;
                    // Never short of the measure; longer only where the rules allow no break
                    // (a run such as `：～（（。～` is one unit).
                    if !one_cluster && chars >= 7.0 {
                        assert!(
                            l.width.0 > width - 0.01,
                            "{t:?} is {} wide, not {width}, in {text:?} at {chars}",
                            l.width.0
                        );
                    }
                }
            }
        }
    }
}

/// A justified line mixing Chinese and Latin spreads its extra space over all of its gaps: a
/// word space (also one next to a Chinese character) opens at most half as much again as the
/// gaps between Chinese characters, instead of taking most of it (issue 10: `区域 (GB/T` opened
/// to 0.75 em while the Chinese gaps beside it opened a quarter of that).
#[test]
fn word_spaces_take_a_share_of_the_stretch_not_all_of_it() {
    let text = "版心上沿至成品幅面上沿之间的空白区域 (GB/T 9704—2012) 称为天头，版心下沿至成品幅面下沿之间的空白区域称为地脚，两者之和约为七十毫米。";
    let laid = set_with(text, 28.0, 2.0, &TextSettings::default());
    let n = laid.lines.len();
    let even = SIZE * items::em::CJK_STRETCH;
    let mut stretched = 0;
    for line in &laid.lines[..n - 1] {
        if line.ratio > 0.0 {
            stretched += 1;
            let chinese_gap = even * line.ratio;
            assert!(
                line.max_gap.0 <= chinese_gap.0 * 1.5 + 1e-9,
                "widest gap {} against {} between Chinese characters: {:?}",
                line.max_gap.0,
                chinese_gap.0,
                &text[line.text.clone()]
            );
        }
    }
    assert!(stretched > 0, "no stretched line: {:?}", laid.lines);
}

/// Styled runs carry a style to every glyph but change no break rule: the same text cut into
/// runs at every character boundary (in the same face) sets exactly as the plain text —
/// prohibitions, compression of adjacent marks, CJK–Latin spacing and justification all work
/// across run boundaries.
#[test]
fn run_boundaries_change_no_break_rule() {
    let (set, chain) = fonts();
    let text = "他说：“质量是生命。”（见图1）Word与CJK间距、标点挤压，——都要遵守。行首不能是句号。";
    let ends: Vec<usize> = text.char_indices().map(|(i, c)| i + c.len_utf8()).collect();
    let runs: Vec<Run> = ends
        .iter()
        .enumerate()
        .map(|(k, &end)| Run {
            end,
            chain,
            style: (k % 3) as u16,
            size: SIZE,
        })
        .collect();
    for chars in [7.0, 9.0, 11.0, 13.0] {
        let plain = set_with(text, chars, 2.0, &TextSettings::default());
        let par = Paragraph {
            text,
            chain,
            runs: &runs,
            size: SIZE,
            indent: SIZE * 2.0,
            align: Align::Justify,
            width: SIZE * chars,
        };
        let styled = layout_paragraph(&par, &TextSettings::default(), set);
        assert_eq!(plain.lines.len(), styled.lines.len(), "{chars}");
        for (a, b) in plain.lines.iter().zip(&styled.lines) {
            assert_eq!(a.text, b.text);
            let xs = |l: &Line| l.glyphs.iter().map(|g| (g.glyph, g.x)).collect::<Vec<_>>();
            assert_eq!(xs(a), xs(b));
        }
        // Each glyph carries its run's style (a —— pair is one unit, in its first half's run).
        for line in &styled.lines {
            for g in &line.glyphs {
                let mut start = g.text.start as usize;
                if text[..start].ends_with('—') && text[start..].starts_with('—') {
                    start -= '—'.len_utf8();
                }
                let k = ends.iter().position(|&e| e > start).unwrap();
                assert_eq!(
                    g.style,
                    (k % 3) as u16,
                    "{:?}",
                    &text[g.text.start as usize..]
                );
            }
        }
    }
}

/// A run at another size (a superscript note number) is measured at its size and hugs the
/// character before it: no break before it, no Han–Latin gap, no stretch — the line before it
/// breaks elsewhere instead.
#[test]
fn a_resized_run_is_measured_at_its_size_and_hugs_what_precedes_it() {
    let (set, chain) = fonts();
    // 甲乙丙丁戊 then a superscript 12, then more text: at a measure of 6 characters a break
    // before the superscript would be free, but it must not happen.
    let text = "甲乙丙丁戊己12庚辛壬癸";
    let sup_start = text.find('1').unwrap();
    let runs = [
        Run {
            end: sup_start,
            chain,
            style: 0,
            size: SIZE,
        },
        Run {
            end: sup_start + 2,
            chain,
            style: 1,
            size: SIZE * 0.6,
        },
        Run {
            end: text.len(),
            chain,
            style: 0,
            size: SIZE,
        },
    ];
    let par = Paragraph {
        text,
        chain,
        runs: &runs,
        size: SIZE,
        indent: Pt::ZERO,
        align: Align::Justify,
        width: SIZE * 6.0,
    };
    let laid = layout_paragraph(&par, &TextSettings::default(), set);
    let first = &laid.lines[0];
    assert!(
        !text[first.text.clone()].ends_with('己'),
        "broke before the superscript: {:?}",
        laid.lines
            .iter()
            .map(|l| &text[l.text.clone()])
            .collect::<Vec<_>>()
    );
    let line = laid
        .lines
        .iter()
        .find(|l| l.glyphs.iter().any(|g| g.style == 1))
        .unwrap();
    let k = line.glyphs.iter().position(|g| g.style == 1).unwrap();
    let (ji, one, two) = (&line.glyphs[k - 1], &line.glyphs[k], &line.glyphs[k + 1]);
    let face = set.get(one.font);
    // 己 is followed directly by the superscript, and its digits are 0.6 as wide.
    let ji_width = SIZE * set.get(ji.font).advance(ji.glyph);
    assert!((one.x - (ji.x + ji_width)).0.abs() < 1e-6, "{ji:?} {one:?}");
    let one_width = SIZE * 0.6 * face.advance(one.glyph);
    assert!(
        (two.x - (one.x + one_width)).0.abs() < 1e-6,
        "{one:?} {two:?}"
    );
}

/// Format characters pasted text brings along (bidi controls, joiners, a word joiner, a soft
/// hyphen between Han characters) are drawn as nothing: no box, no "no font has" warning, no
/// width. They drew a .notdef box each, and the soft hyphen a visible hyphen mid-line.
#[test]
fn invisible_characters_draw_nothing() {
    let (set, chain) = fonts();
    let plain = cluster::build("甲乙丙丁戊", chain, &[], set, SIZE);
    let text = "甲\u{202E}乙\u{200D}丙\u{2060}丁\u{00AD}戊\u{E0001}\u{FEFF}";
    let built = cluster::build(text, chain, &[], set, SIZE);
    assert!(built.missing.is_empty(), "{:?}", built.missing);
    assert_eq!(built.clusters.len(), 5);
    let width = |c: &[cluster::Cluster]| c.iter().map(|c| c.advance.0).sum::<f64>();
    assert_eq!(width(&built.clusters), width(&plain.clusters));
    let laid = set_with(text, 10.0, 0.0, &TextSettings::default());
    assert_eq!(laid.lines.len(), 1);
    assert_eq!(
        laid.lines[0].glyphs.len(),
        5,
        "no hyphen between Han characters"
    );
    for c in classify_invisible_sample() {
        assert!(classify::is_invisible(c), "U+{:04X}", c as u32);
    }
    for c in [
        'a', '中', ' ', '\u{3000}', '-', '\u{2010}', '\u{2028}', '\u{E000}',
    ] {
        assert!(!classify::is_invisible(c), "U+{:04X}", c as u32);
    }
}

/// One character of each range of Default_Ignorable_Code_Point.
fn classify_invisible_sample() -> Vec<char> {
    [
        0xAD, 0x34F, 0x61C, 0x115F, 0x17B4, 0x180B, 0x180F, 0x200B, 0x200F, 0x202A, 0x202E, 0x2060,
        0x2066, 0x206F, 0x3164, 0xFE00, 0xFE0F, 0xFEFF, 0xFFA0, 0xFFF0, 0x1BCA0, 0x1D173, 0xE0001,
        0xE0100, 0xE0FFF,
    ]
    .iter()
    .map(|&u| char::from_u32(u).unwrap())
    .collect()
}

/// A soft hyphen in a Latin word is a hyphenation point of the clerk's own: where the line
/// breaks there a hyphen is drawn at its end; where it does not, nothing is.
#[test]
fn a_soft_hyphen_breaks_with_a_hyphen_or_draws_nothing() {
    let none = TextSettings {
        hyphenation: Hyphenation::None,
        ..TextSettings::default()
    };
    let text = "ab cd quality\u{00AD}management";
    let wide = set_with(text, 40.0, 0.0, &none);
    assert_eq!(wide.lines.len(), 1);
    let (set, chain) = fonts();
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    assert_eq!(
        wide.lines[0].glyphs.len(),
        letters,
        "no glyph for the soft hyphen"
    );
    let narrow = set_with(text, 8.0, 0.0, &none);
    let summary: Vec<String> = narrow
        .lines
        .iter()
        .map(|l| format!("{} {}", &text[l.text.clone()], l.end.as_str()))
        .collect();
    let at = narrow
        .lines
        .iter()
        .position(|l| {
            text[l.text.clone()].ends_with("quality\u{00AD}")
                || text[l.text.clone()].ends_with("quality")
        })
        .unwrap_or_else(|| panic!("{summary:?}"));
    assert_eq!(narrow.lines[at].end, LineEnd::Hyphenated, "{summary:?}");
    let hyphen = chain.resolve(set, '-').glyph;
    assert_eq!(
        narrow.lines[at].glyphs.last().unwrap().glyph,
        hyphen,
        "{summary:?}"
    );
    assert!(narrow.broken_words.is_empty(), "{:?}", narrow.broken_words);
}

/// A variation selector picks the font's form of the character before it (Noto Serif SC maps
/// 礼 U+FE00 to a glyph of its own); where the font has none, the character's own glyph is
/// drawn and the selector is not a box.
#[test]
fn a_variation_sequence_uses_the_fonts_variant() {
    let (set, chain) = fonts();
    let own = cluster::build("礼", chain, &[], set, SIZE).clusters[0].glyphs[0].glyph;
    let with = cluster::build("礼\u{FE00}。", chain, &[], set, SIZE);
    assert_eq!(with.clusters.len(), 2);
    let variant = with.clusters[0].glyphs[0].glyph;
    assert_ne!(variant, own);
    assert_eq!(
        Some(variant),
        set.get(chain.primary()).variant('礼', '\u{FE00}')
    );
    assert_eq!(
        with.clusters[0].text,
        0.."礼\u{FE00}".len(),
        "the text keeps the selector"
    );
    let none = cluster::build("甲\u{E0100}", chain, &[], set, SIZE);
    assert!(none.missing.is_empty());
    assert_eq!(none.clusters.len(), 1);
    assert_eq!(
        none.clusters[0].glyphs[0].glyph,
        chain.resolve(set, '甲').glyph
    );
    assert_eq!(none.clusters[0].text, 0.."甲".len());
}

/// Letters with combining marks (e + U+0301 as macOS and PDF copies give it; pinyin a + U+030C)
/// are composed where Unicode and the font have the composed letter, and otherwise the mark is
/// drawn over the letter without width. Each mark was a spacing cluster of its own after the
/// letter (`Cafe´`), and the word broke for hyphenation there.
#[test]
fn combining_marks_compose_or_sit_on_their_letter() {
    let (set, chain) = fonts();
    let glyph = |c: char| chain.resolve(set, c).glyph;
    let built = cluster::build("Cafe\u{301} ma\u{30C}", chain, &[], set, SIZE);
    assert!(built.missing.is_empty(), "{:?}", built.missing);
    let c = &built.clusters;
    assert_eq!(c.len(), 6);
    assert_eq!(c[3].glyphs.len(), 1);
    assert_eq!(c[3].glyphs[0].glyph, glyph('é'));
    assert_eq!((c[3].first, c[3].last), ('é', 'é'));
    assert_eq!(c[3].text, 3..6, "the text keeps what was typed");
    assert_eq!(c[5].glyphs[0].glyph, glyph('ǎ'));
    // No composed q́ exists: the accent sits centred on the q, adding no width.
    let q = cluster::build("q\u{301}", chain, &[], set, SIZE);
    let q = &q.clusters;
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].glyphs.len(), 2);
    let plain_q = cluster::build("q", chain, &[], set, SIZE).clusters[0].advance;
    assert_eq!(q[0].advance, plain_q);
    let face = set.get(q[0].glyphs[1].font);
    let (lo, hi) = face.ink_extent(q[0].glyphs[1].glyph).unwrap();
    let centre = q[0].glyphs[1].x.0 + SIZE.0 * (lo + hi) / 2.0;
    assert!(
        (centre - plain_q.0 / 2.0).abs() < 1e-6,
        "{centre} vs {}",
        plain_q.0 / 2.0
    );
    // The PDF's text: the whole cluster on the first glyph (it split "q\u{301}" at byte 1).
    let laid = set_with("q\u{301}", 10.0, 0.0, &TextSettings::default());
    let g = &laid.lines[0].glyphs;
    assert_eq!((g[0].text.clone(), g[1].text.clone()), (0..3, 3..3));
    // A character alone is never replaced by its canonical equivalent (NFC would turn the
    // compatibility ideograph 樂 U+F914 into 樂 U+6A02).
    let compat = cluster::build("\u{F914}", chain, &[], set, SIZE);
    assert_eq!(compat.clusters[0].first, '\u{F914}');
    // Nor is a variation selector taken for a mark.
    let vs = cluster::build("礼\u{FE00}", chain, &[], set, SIZE);
    assert_eq!(vs.clusters[0].glyphs.len(), 1);
    assert_ne!(vs.clusters[0].glyphs[0].glyph, glyph('礼'));
}
