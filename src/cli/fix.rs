//! `jianbao fix FILE`: half-width `,;:()` between Chinese characters rewritten to full width.
//!
//! In a definition only prose values are touched (titles, headings, text, notes, captions; not
//! paths, not the layout), and only the marks themselves: comments, quoting and layout of the
//! file stay byte for byte. Any other file (a `text-file`) is prose throughout. The file is
//! written back as UTF-8, atomically.

use super::document::{exit_status, is_stdio, read_definition_noting};
use super::output::ui;
use super::usage_error;
use crate::assets::write_atomically;
use crate::error::{Error, ErrorKind, Source};
use crate::model::prose;
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct FixArgs {
    /// The definition (.toml) or text file (.txt, .md) to fix in place.
    pub file: PathBuf,
    /// Say what would change, change nothing.
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(args: &FixArgs) -> i32 {
    if is_stdio(&args.file) {
        return usage_error("fix rewrites a file in place: name the file, not standard input (-)");
    }
    exit_status(fix(args))
}

fn fix(args: &FixArgs) -> Result<(), Error> {
    let (source, _) = read_definition_noting(&args.file)?;
    let is_definition = args.file.extension().is_some_and(|e| e == "toml");
    let spans = if is_definition {
        crate::model::definition::parse(&source)?.prose_spans
    } else {
        std::iter::once(0..source.text.len()).collect()
    };
    let (fixed, count) = prose::fix_half_width(&source.text, &spans);
    if is_definition {
        // What is written must read back as the same definition, marks apart.
        crate::model::definition::parse(&Source::new(source.path.clone(), fixed.as_str()))
            .map_err(|e| {
                Error::new(
                    ErrorKind::Invalid,
                    format!("the fixed definition would not read back ({e}); nothing written"),
                )
                .with_path(&args.file)
            })?;
    }
    if count > 0 && !args.dry_run {
        write_atomically(&args.file, fixed.as_bytes())?;
    }
    if ui().chatty() {
        let verb = if args.dry_run {
            "would rewrite"
        } else {
            "rewrote"
        };
        match count {
            0 => eprintln!(
                "{}: no half-width punctuation between Chinese characters",
                args.file.display()
            ),
            n => eprintln!(
                "{}: {verb} {n} half-width mark{} to full width",
                args.file.display(),
                if n == 1 { "" } else { "s" }
            ),
        }
    }
    Ok(())
}
