//! Structure-aware: the fuzzer's bytes choose a whole definition — a layout, `[bulletin]`
//! values, `[overrides]` with extreme numbers (NaN, infinities, 1e308, negative, zero, huge
//! ems, percentages past 100) and a sequence of blocks of every kind (text with long runs of
//! one character, control characters, long Latin words; headings of any level; figures with
//! odd widths; page breaks) — so that every run gets past the TOML parser into resolve,
//! pagination and the PDF writer. Rendering must give an error or a PDF whose numbers are all
//! finite; never a panic, a hang or an allocation beyond the documented limits.
#![no_main]

mod common;

use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use std::fmt::Write;

/// A TOML basic string.
fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A number as a layout might hold it, biased to the edges.
fn number(u: &mut Unstructured) -> Result<String> {
    const EDGES: &[&str] = &[
        "0",
        "-0",
        "1",
        "-1",
        "0.001",
        "1e-300",
        "1e308",
        "-1e308",
        "nan",
        "inf",
        "-inf",
        "5080",
        "5081",
        "14400",
        "100",
        "101",
        "4294967295",
        "-28",
        "1e6",
    ];
    Ok(if u.ratio(2, 3)? {
        u.choose(EDGES)?.to_string()
    } else {
        let v: f64 = u.arbitrary()?;
        format!("{v}")
    })
}

fn length(u: &mut Unstructured) -> Result<String> {
    let n = number(u)?;
    let unit = *u.choose(&["pt", "mm", "cm", "in", "em", "字", "%", "", "px"])?;
    Ok(if u.ratio(1, 8)? && !n.contains(['n', 'i']) {
        // A bare TOML number.
        n
    } else {
        quoted(&format!("{n}{unit}"))
    })
}

const LENGTH_KEYS: &[&str] = &[
    "page.width",
    "page.height",
    "page.top",
    "page.bottom",
    "page.left",
    "page.right",
    "body.size",
    "body.line-pitch",
    "body.indent",
    "body.space-before",
    "body.space-after",
    "title.size",
    "heading.size",
    "heading-1.line-pitch",
    "caption.size",
    "header.distance",
    "header.inset",
    "header.rule",
    "footer.distance",
    "figure.width",
    "figure.max-height",
    "figure.space-before",
    "figure.caption-gap",
    "masthead.name.letter-spacing",
    "masthead.name.size",
    "masthead.info.size",
    "masthead.rule",
    "masthead.space-after",
    "end-block.size",
    "end-block.inset",
    "note.indent",
    "signature.shift",
];

/// A piece of paragraph text.
fn text(u: &mut Unstructured) -> Result<String> {
    const PIECES: &[&str] = &[
        "质量管理小组活动",
        "，",
        "。",
        "、",
        "（",
        "）",
        "“",
        "”",
        "——",
        "……",
        "～",
        "2020",
        "年",
        "Quality",
        "https://example.com/a/b?c=d",
        " ",
        "\u{1b}[31m",
        "\u{0}",
        "\t",
        "\u{E000}",
        "中国质量协会宣传部（全国质量管理小组活动推进办公室）",
        "a",
        "《",
        "》",
        "％",
        "3～5",
    ];
    let mut s = String::new();
    for _ in 0..u.int_in_range(0..=24)? {
        let piece = *u.choose(PIECES)?;
        let times = if u.ratio(1, 10)? {
            u.int_in_range(1..=300)?
        } else {
            1
        };
        for _ in 0..times {
            s.push_str(piece);
        }
    }
    Ok(s)
}

fn definition(u: &mut Unstructured) -> Result<String> {
    let layout = *u.choose(&["newsletter", "jianbao", "gongwen"])?;
    let mut d = format!("layout = \"{layout}\"\n\n[bulletin]\n");
    let _ = writeln!(d, "publisher = {}", quoted(&text(u)?));
    let _ = writeln!(d, "date = 2020-03-10");
    if u.arbitrary()? {
        let _ = writeln!(d, "name = {}", quoted(&text(u)?));
    }
    if u.arbitrary()? {
        let _ = writeln!(d, "issue = {}", u.arbitrary::<i64>()?);
    }
    if u.arbitrary()? {
        let _ = writeln!(d, "copies = {}", u.arbitrary::<u32>()?);
    }
    for _ in 0..u.int_in_range(0..=12)? {
        d.push_str("\n[[blocks]]\n");
        match u.int_in_range(0..=6)? {
            0 => {
                let _ = writeln!(d, "title = {}", quoted(&text(u)?));
            }
            1 => {
                let _ = writeln!(d, "heading = {}", quoted(&text(u)?));
                let _ = writeln!(d, "level = {}", u.int_in_range(0..=6)?);
            }
            2 => {
                let _ = writeln!(d, "note = {}", quoted(&text(u)?));
            }
            3 => {
                let fig = *u.choose(&["fig1.jpg", "fig2.png", "fig4.png"])?;
                let _ = writeln!(d, "figure = \"cqa-2020-03-10/{fig}\"");
                if u.arbitrary()? {
                    let _ = writeln!(
                        d,
                        "width = {}",
                        quoted(&format!("{}{}", number(u)?, u.choose(&["mm", "%", "字"])?))
                    );
                }
                if u.arbitrary()? {
                    let _ = writeln!(d, "caption = {}", quoted(&text(u)?));
                }
            }
            4 => d.push_str("page-break = true\n"),
            _ => {
                let _ = writeln!(d, "text = {}", quoted(&text(u)?));
            }
        }
    }
    d.push_str("\n[overrides]\n");
    for _ in 0..u.int_in_range(0..=6)? {
        let key = *u.choose(LENGTH_KEYS)?;
        let _ = writeln!(d, "{key} = {}", length(u)?);
    }
    if u.ratio(1, 4)? {
        let _ = writeln!(d, "grid.characters = {}", u.arbitrary::<u32>()?);
        let _ = writeln!(d, "grid.lines = {}", u.arbitrary::<u32>()?);
    }
    if u.ratio(1, 4)? {
        let _ = writeln!(d, "text.widows = {}", u.arbitrary::<u32>()? % 50);
        let _ = writeln!(
            d,
            "text.line-breaking = {}",
            u.choose(&["\"total-fit\"", "\"greedy\""])?
        );
    }
    Ok(d)
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = definition(&mut Unstructured::new(data)) else {
        return;
    };
    if let Some(rendered) = common::render(&text) {
        assert!(rendered.pdf.starts_with(b"%PDF-"));
        assert!(rendered.pages >= 1);
    }
});
