//! `jianbao render`.

use super::document::{
    exit_status, is_stdio, output_name, pages_text, print_warnings, render_file, stdout_usable_for,
};
use super::output::ui;
use super::{usage_error, PathArgs, RootArg};
use crate::assets::FsAssets;
use crate::error::Error;
use crate::messages::{msg, Message};
use crate::resolve::{Content, Role};
use clap::Args;
use std::path::{Path, PathBuf};

#[derive(Args, Debug)]
pub struct RenderArgs {
    /// The bulletin definition (TOML); `-` reads it from standard input.
    pub definition: PathBuf,
    /// Where to write the PDF (default: the definition's name with .pdf); `-` writes it to
    /// standard output.
    #[arg(short, long, value_name = "FILE.pdf")]
    pub output: Option<PathBuf>,
    /// Print every set line with its break reason and adjustment ratio.
    #[arg(long)]
    pub dump_lines: bool,
    /// Print each page's items with their tags (what a tagged PDF's structure tree holds), their
    /// links, and the outline.
    #[arg(long)]
    pub dump_structure: bool,
    /// Print line-breaking figures for the body text, total-fit against greedy.
    #[arg(long)]
    pub stats: bool,
    /// Treat warnings as errors (nothing is written if there is any).
    #[arg(long)]
    pub strict: bool,
    /// Write PDF/A-2b, for archives (whatever the layout's `[pdf] standard` says).
    #[arg(long)]
    pub pdfa: bool,
    #[command(flatten)]
    pub paths: PathArgs,
    #[command(flatten)]
    pub root: RootArg,
}

pub fn run(args: &RenderArgs) -> i32 {
    let output = match output_of(args) {
        Ok(output) => output,
        Err(message) => return usage_error(message),
    };
    let assets = FsAssets::new(args.paths.search_paths());
    exit_status(render_one(args, &output, &assets))
}

/// Where the PDF goes, or why the options do not go together.
fn output_of(args: &RenderArgs) -> Result<PathBuf, Message> {
    let output = match &args.output {
        Some(o) => o.clone(),
        None if is_stdio(&args.definition) => return Err(msg::stdin_needs_output()),
        None => args.definition.with_extension("pdf"),
    };
    if is_stdio(&output) {
        if args.dump_lines || args.stats || args.dump_structure {
            return Err(msg::stdout_taken(if args.dump_lines {
                "--dump-lines"
            } else if args.stats {
                "--stats"
            } else {
                "--dump-structure"
            }));
        }
        stdout_usable_for(msg::what_the_pdf())?;
    }
    Ok(output)
}

fn render_one(args: &RenderArgs, output: &Path, assets: &FsAssets) -> Result<(), Error> {
    let root = args.root.for_definition(&args.definition);
    let written = render_file(
        &args.definition,
        output,
        assets,
        &root,
        super::document::Options {
            pdf: crate::pdf::Options { pdfa: args.pdfa },
            strict: args.strict,
            keep_pages: args.dump_structure,
        },
        &mut |r| {
            for note in &r.doc.notes {
                ui().note(note);
            }
            print_warnings(&r.layout.warnings);
            if args.dump_lines {
                print_lines(&r.layout.lines);
            }
            if args.dump_structure {
                use std::io::Write;
                // Stops quietly if stdout closes (`| head`).
                let dump = crate::page::structure::dump(r.doc, r.layout);
                let _ = std::io::stdout().lock().write_all(dump.as_bytes());
            }
            if args.stats {
                print_stats(r.doc);
            }
            Ok(())
        },
    )?;
    ui().status(msg::wrote_pdf(
        output_name(output),
        pages_text(written.pages()),
        written.bytes.div_ceil(1024),
    ));
    Ok(())
}

/// Prints the set lines; stops quietly if stdout closes (`| head`).
fn print_lines(lines: &[crate::page::LineRecord]) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(
        out,
        "page block role     ratio   gap/em end            width/measure  text"
    );
    for l in lines {
        // A hyphen added at a hyphenation point is not part of the text; show it.
        let hyphen = if l.end == crate::text::LineEnd::Hyphenated {
            "-"
        } else {
            ""
        };
        let end = if l.hang.0 > 0.0 {
            format!("{}+hang", l.end.as_str())
        } else {
            l.end.as_str().to_string()
        };
        let written = writeln!(
            out,
            "p{:<3} b{:<4} {:<8} {:>7.3} {:>6.3} {:<14} {:>6.1}/{:<6.1}  {}{}",
            l.page + 1,
            l.block,
            role_name(l.role),
            l.ratio,
            l.max_gap / l.size,
            end,
            l.width.0,
            l.measure.0,
            l.text,
            hyphen
        );
        if written.is_err() {
            return;
        }
    }
}

fn role_name(role: Role) -> &'static str {
    role.kind().short
}

/// Sets every body paragraph with total-fit and with greedy breaking and prints, for each, the
/// number of lines and the distribution of the largest gap per justified line.
fn print_stats(doc: &crate::resolve::Document) {
    use crate::model::layout::LineBreaking;
    use crate::text::{stats::Stats, TextSettings};
    let style = doc.style(Role::Body);
    let mut rows = Vec::new();
    for (name, mode) in [
        ("total-fit", LineBreaking::TotalFit),
        ("greedy", LineBreaking::Greedy),
    ] {
        let settings = TextSettings {
            line_breaking: mode,
            ..doc.text_settings(style)
        };
        let mut stats = Stats::default();
        for (text, laid) in crate::page::set_body(doc, &settings) {
            stats.add(&text, &laid, style.size);
        }
        rows.push((name, stats));
    }
    println!(
        "breaking   paragraphs lines  gap/em: p50    p95    max  squeeze/em: p95    max shrunk runts hyphenated forced"
    );
    for (name, s) in &rows {
        println!(
            "{:<10} {:>10} {:>5}  {:>13.4} {:>6.4} {:>6.4} {:>16.4} {:>6.4} {:>6} {:>5} {:>10} {:>6}",
            name,
            s.paragraphs,
            s.lines,
            s.gap_percentile(50.0),
            s.gap_percentile(95.0),
            s.gap_percentile(100.0),
            s.squeeze_percentile(95.0),
            s.squeeze_percentile(100.0),
            s.shrunk,
            s.runts,
            s.hyphenated,
            s.emergency
        );
    }
    for (name, s) in &rows {
        println!(
            "lines per paragraph, {name}: {}",
            lines_per_paragraph(&s.lines_per_paragraph)
        );
    }
    println!("{}", marked_text(doc));
}

/// Up to [`LISTED`] paragraphs, each one's line count in order (a bulletin's article reads as
/// its shape); more, as how many paragraphs have each count (`2×120`: 120 paragraphs of two
/// lines) — a 10,000-page document's list would be tens of thousands of numbers.
fn lines_per_paragraph(counts: &[usize]) -> String {
    const LISTED: usize = 40;
    if counts.len() <= LISTED {
        let each: Vec<String> = counts.iter().map(|n| n.to_string()).collect();
        return each.join(" ");
    }
    let mut by_count = std::collections::BTreeMap::new();
    for &n in counts {
        *by_count.entry(n).or_insert(0usize) += 1;
    }
    let each: Vec<String> = by_count.iter().map(|(n, k)| format!("{n}×{k}")).collect();
    each.join(" ")
}

/// How much of the text is marked up, over every block: the runs that carry marks and the
/// characters under each mark.
fn marked_text(doc: &crate::resolve::Document) -> String {
    use crate::model::markup::{Marks, Styled};
    let mut texts: Vec<&Styled> = Vec::new();
    for block in &doc.blocks {
        match block {
            Content::Text { text, .. } => texts.push(text),
            Content::Figure {
                caption: Some(c), ..
            } => texts.push(c),
            Content::List { items, .. } => texts.extend(items.iter().map(|i| &i.text)),
            _ => {}
        }
    }
    let names = [
        (Marks::BOLD, "bold"),
        (Marks::EMPHASIS, "emphasis"),
        (Marks::DOTS, "dots"),
        (Marks::UNDERLINE, "underline"),
        (Marks::SUP, "superscript"),
        (Marks::SUB, "subscript"),
        (Marks::RUN_IN, "run-in"),
        (Marks::LABEL, "label"),
    ];
    let mut chars = [0usize; 8];
    let mut runs = 0;
    for text in texts {
        for (range, marks) in text.parts().filter(|(_, m)| *m != Marks::NONE) {
            runs += 1;
            let n = text.text[range].chars().count();
            for (k, (mark, _)) in names.iter().enumerate() {
                if marks.has(*mark) {
                    chars[k] += n;
                }
            }
        }
    }
    let counts: Vec<String> = names
        .iter()
        .zip(chars)
        .map(|((_, name), n)| format!("{name} {n}"))
        .collect();
    format!(
        "marked text: {runs} runs; characters: {}",
        counts.join(", ")
    )
}
