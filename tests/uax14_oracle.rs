//! Differential test of jianbao's line-break rules against an independent implementation of
//! UAX #14: ICU4X's line segmenter (strict line breaking, normal word breaking). The clreq/GB
//! rules are a tailoring on top of UAX #14, so every break jianbao allows must be allowed by the
//! reference too — except the additions listed in [`ADDITIONS`], each with its reason (the
//! README's Typography section documents them). Hyphenation points and emergency breaks are
//! added later, only where a word or run is too long (not tested here: they are additions by
//! design).
//!
//! The strings are random (a fixed seed, so every run tests the same strings) and drawn from
//! every line-break class, spaces among them; then every paragraph of the samples is checked.

use icu_segmenter::options::{LineBreakOptions, LineBreakStrictness, LineBreakWordOption};
use icu_segmenter::LineSegmenter;
use jianbao::assets::FontCatalog;
use jianbao::fonts::{FontChain, FontSet};
use jianbao::model::layout::Strictness;
use jianbao::text::breaks::{find_urls, opportunities, Break};
use jianbao::text::classify::Class;
use jianbao::text::cluster::{self, Cluster};
use jianbao::units::Pt;
use unicode_linebreak::{break_property, BreakClass};

/// Characters of every UAX #14 line-break class (the class is the Unicode 15 one), and the
/// Chinese marks that the clreq rules tailor.
const CLASSES: &[(&str, &str)] = &[
    ("OP", "([{（「《〔【"),
    ("CL", "}）」》〕】、，。"),
    ("CP", ")]"),
    ("QU", "\"'“”‘’«»"),
    ("GL", "\u{00A0}\u{2007}\u{202F}\u{2011}"),
    ("NS", "々・：；‼⁈〜ゝ"),
    ("EX", "!?！？"),
    ("SY", "/"),
    ("IS", ",.:;"),
    ("PR", "$+\\￥＄€№"),
    ("PO", "%％‰℃°′″"),
    ("NU", "0123456789٣"),
    ("AL", "abcxyzAQ#&*@=~^_①★■※ⅣΩж"),
    ("HL", "אבש"),
    ("ID", "中国的和字一〇～Ａ😀"),
    ("IN", "…‥"),
    ("HY", "-"),
    ("BA", "\t\u{3000}\u{2010}\u{2013}|\u{00AD}"),
    ("BB", "´\u{02C8}"),
    ("B2", "—⸺"),
    ("ZW", "\u{200B}"),
    ("CM", "\u{0301}\u{20E3}\u{FE0F}"),
    ("WJ", "\u{2060}\u{FEFF}"),
    ("H2", "가"),
    ("H3", "각"),
    ("JL", "\u{1100}"),
    ("JV", "\u{1161}"),
    ("JT", "\u{11A8}"),
    ("RI", "\u{1F1E8}\u{1F1F3}"),
    ("EB", "\u{1F466}\u{261D}"),
    ("EM", "\u{1F3FB}"),
    ("ZWJ", "\u{200D}"),
    ("CB", "\u{FFFC}"),
    ("SA", "กา"),
    ("CJ", "ぁッー"),
    ("AI", "·―"),
    ("SP", "  "),
    ("CJK marks", "、，；：。！？（）《》“”‘’——……·～／"),
];

/// A break jianbao allows and UAX #14 does not, on purpose. `applies(text, clusters, i)` says
/// whether the boundary before cluster `i` is one of them.
struct Addition {
    why: &'static str,
    applies: fn(&str, &[Cluster], usize) -> bool,
}

const ADDITIONS: &[Addition] = &[
    Addition {
        why: "URLs and e-mail addresses break where style manuals allow (before `/ . ? #`, …)",
        applies: |text, cs, i| {
            let at = cs[i].text.start;
            find_urls(text).iter().any(|u| u.start < at && at < u.end)
        },
    },
    Addition {
        why: "a curly quote settled as a Chinese mark is an opening or closing bracket (clreq), \
              so a line may break before “ and after ” whatever the neighbour (UAX #14 LB19 \
              keeps QU with both neighbours)",
        applies: |_, cs, i| {
            let before = &cs[base_before(cs, i)];
            (cs[i].class == Class::Open && matches!(cs[i].first, '“' | '‘'))
                || (before.class == Class::Close && matches!(before.first, '”' | '’'))
        },
    },
    Addition {
        why: "an ellipsis after Chinese text may start a line (clreq; only the `strict` level \
              forbids it), where UAX #14 LB22 forbids a break before IN",
        applies: |_, cs, i| cs[i].class == Class::Ellipsis && cs[base_before(cs, i)].class.is_cjk(),
    },
];

/// The cluster before the boundary before cluster `i`, skipping combining marks and joiners
/// (UAX #14 LB9: they take the class of the character they follow).
fn base_before(cs: &[Cluster], i: usize) -> usize {
    let mut j = i - 1;
    while j > 0
        && matches!(
            break_property(cs[j].first as u32),
            BreakClass::CombiningMark | BreakClass::ZeroWidthJoiner
        )
        && !cs[j].space_before
    {
        j -= 1;
    }
    j
}

/// Every paragraph of the project's samples (real text, with URLs and e-mail addresses).
fn sample_paragraphs() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for file in files {
        let doc: toml::Table = toml::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let blocks = doc.get("blocks").and_then(|b| b.as_array());
        for block in blocks.into_iter().flatten() {
            if let Some(text) = block.get("text").and_then(|t| t.as_str()) {
                out.extend(text.split("\n\n").map(|p| p.replace('\n', "")));
            }
        }
    }
    assert!(out.len() > 150, "{} sample paragraphs", out.len());
    out
}

/// A small deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn random_string(rng: &mut Rng, pools: &[Vec<char>]) -> String {
    let len = 1 + rng.below(10);
    let mut s = String::new();
    for _ in 0..len {
        let pool = &pools[rng.below(pools.len())];
        s.push(pool[rng.below(pool.len())]);
    }
    s
}

fn fonts() -> (FontSet, FontChain) {
    let catalog = FontCatalog::new(vec![concat!(env!("CARGO_MANIFEST_DIR"), "/fonts").into()]);
    let mut set = FontSet::default();
    let face = set.add(catalog.find("Noto Serif SC").unwrap());
    let chain = FontChain {
        faces: vec![face],
        latin: None,
    };
    (set, chain)
}

/// The boundaries where jianbao allows a break that the reference does not, and that no
/// listed addition explains: (byte offset, strictness). Counts in `used` how often each
/// addition explained one.
fn unexplained(
    text: &str,
    fonts: &(FontSet, FontChain),
    reference: &[usize],
    used: &mut [usize],
) -> Vec<(usize, Strictness)> {
    let clusters = cluster::build(text, &fonts.1, &[], &fonts.0, Pt(10.0)).clusters;
    let mut out = Vec::new();
    for strictness in [Strictness::Basic, Strictness::Gb, Strictness::Strict] {
        let rules = opportunities(text, &clusters, strictness);
        for i in 1..clusters.len() {
            if rules[i] == Break::Never {
                continue;
            }
            let at = clusters[i].text.start;
            if reference.binary_search(&at).is_ok() {
                continue;
            }
            match ADDITIONS
                .iter()
                .position(|a| (a.applies)(text, &clusters, i))
            {
                Some(k) => used[k] += 1,
                None => out.push((at, strictness)),
            }
        }
    }
    out
}

#[test]
fn every_break_jianbao_allows_uax14_allows_too() {
    let mut options = LineBreakOptions::default();
    options.strictness = Some(LineBreakStrictness::Strict);
    options.word_option = Some(LineBreakWordOption::Normal);
    let segmenter = LineSegmenter::new_dictionary(options);
    let fonts = fonts();
    let pools: Vec<Vec<char>> = CLASSES.iter().map(|(_, s)| s.chars().collect()).collect();
    let mut rng = Rng(0x6A69_616E_6261_6F00);
    let mut failures = Vec::new();
    let mut used = vec![0; ADDITIONS.len()];
    const STRINGS: usize = 100_000;
    let random = (0..STRINGS).map(|_| random_string(&mut rng, &pools));
    for text in random.chain(sample_paragraphs()) {
        let reference: Vec<usize> = segmenter.segment_str(&text).collect();
        for (at, strictness) in unexplained(&text, &fonts, &reference, &mut used) {
            failures.push(format!(
                "{text:?} ({}) at byte {at}: `{}|{}` ({strictness:?})",
                text.chars()
                    .map(|c| format!("U+{:04X}", c as u32))
                    .collect::<Vec<_>>()
                    .join(" "),
                &text[..at],
                &text[at..]
            ));
        }
    }
    // Every listed addition is one jianbao really makes (the list has no dead entries).
    for (addition, n) in ADDITIONS.iter().zip(&used) {
        assert!(*n > 0, "never needed: {}", addition.why);
    }
    assert!(
        failures.is_empty(),
        "{} breaks jianbao allows and UAX #14 (ICU4X) does not, e.g.:\n{}",
        failures.len(),
        failures[..failures.len().min(40)].join("\n")
    );
}

/// The reproductions from issue 10: a line may not start with `]` or `?` (even after a space)
/// nor end with `[`, next to Chinese text or not.
#[test]
fn brackets_and_question_marks_bind_next_to_chinese_text() {
    let fonts = fonts();
    let breaks = |text: &str| -> String {
        let clusters = cluster::build(text, &fonts.1, &[], &fonts.0, Pt(10.0)).clusters;
        let rules = opportunities(text, &clusters, Strictness::Gb);
        let mut out = String::new();
        let mut last = 0;
        for (c, rule) in clusters.iter().zip(&rules) {
            out.push_str(&text[last..c.text.start]);
            if *rule != Break::Never {
                out.push('|');
            }
            out.push_str(&text[c.text.clone()]);
            last = c.text.end;
        }
        out
    };
    assert_eq!(breaks("标记[‼]、U+2048"), "标|记|[‼]、|U+2048");
    assert_eq!(breaks("省略号[…]或U+22EF"), "省|略|号|[…]|或|U+22EF");
    assert_eq!(breaks("写在[中]"), "写|在|[中]");
    assert_eq!(breaks("用 ? 运算符"), "用 ? |运|算|符");
}
