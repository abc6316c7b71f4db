//! `jianbao new`: the next issue's definition from the previous one. The clock is read here,
//! not in the library: the core takes the date it is given.

use super::document::exit_status;
use super::output::ui;
use crate::assets::write_atomically;
use crate::error::{Error, ErrorKind};
use crate::messages::msg;
use crate::model::Date;
use crate::next_issue::{next_issue, NextIssue};
use clap::Args;
use std::path::{Path, PathBuf};

#[derive(Args, Debug)]
pub struct NewArgs {
    /// The previous issue's definition.
    #[arg(long, value_name = "PREV.toml")]
    pub from: PathBuf,
    /// Where to write the next issue's definition.
    #[arg(short, long, value_name = "NEXT.toml")]
    pub output: PathBuf,
    /// The next issue's number (default: the previous one plus one).
    #[arg(long, value_name = "N")]
    pub issue: Option<u32>,
    /// The next issue's date (default: today).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<Date>,
    /// Replace NEXT.toml if it exists.
    #[arg(long)]
    pub force: bool,
}

fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text).ok_or_else(|| msg::not_a_date(text).text)
}

pub fn run(args: &NewArgs) -> i32 {
    exit_status(new_issue(args))
}

fn new_issue(args: &NewArgs) -> Result<(), Error> {
    crate::assets::refuse_input_as_output(&args.output, &[&args.from])?;
    if args.output.exists() && !args.force {
        return Err(
            Error::new(ErrorKind::Invalid, msg::file_exists_force()).with_path(&args.output)
        );
    }
    let prev = super::document::read_definition(&args.from)?;
    create_parent(&args.output)?;
    let def = crate::model::definition::parse(&prev)?;
    let layout = def.layout.into_inner();
    let relocated_layout = crate::paths::names_a_layout_file(&layout)
        .then(|| relocated(&layout, &args.from, &args.output))
        .flatten();
    if let Some(path) = &relocated_layout {
        ui().note(msg::layout_relocated(
            &layout,
            path,
            super::shown(crate::paths::dir_of(&args.output)),
        ));
    }
    // Seals and 签名章 are files beside the definition too.
    let moved = |key: Option<toml::Spanned<crate::model::definition::Recipients>>| {
        key.map(|s| s.into_inner().0).and_then(|paths| {
            let moved: Vec<Option<String>> = paths
                .iter()
                .map(|p| relocated(p, &args.from, &args.output))
                .collect();
            moved.iter().any(Option::is_some).then(|| {
                moved
                    .into_iter()
                    .zip(paths)
                    .map(|(m, p)| m.unwrap_or(p))
                    .collect()
            })
        })
    };
    let next = NextIssue {
        issue: args.issue,
        date: args.date.unwrap_or_else(today),
        layout: relocated_layout,
        seals: moved(def.meta.seal),
        signer_seals: moved(def.meta.signer_seal),
    };
    let text = next_issue(&prev, &next)?;
    write_atomically(&args.output, text.as_bytes())?;
    if ui().chatty() {
        let def = crate::model::definition::parse(&crate::error::Source::new(
            args.output.clone(),
            text.as_str(),
        ))?;
        eprintln!(
            "{}",
            msg::wrote_issue(
                args.output.display(),
                def.meta
                    .issue
                    .map(|n| msg::issue_number(n).text)
                    .unwrap_or_default(),
                def.meta.date.iso(),
            )
        );
    }
    Ok(())
}

/// Creates the directories a new file goes in: `jianbao new -o 2020/07.toml` starts a new
/// folder as readily as a new file. (Commands that write a PDF do not: a mistyped output
/// directory there is named in the error.)
pub(super) fn create_parent(file: &Path) -> Result<(), Error> {
    match file.parent() {
        Some(dir) if !dir.as_os_str().is_empty() && !dir.exists() => std::fs::create_dir_all(dir)
            .map_err(|e| Error::io(dir, &e).help(msg::help_mkdir_failed())),
        _ => Ok(()),
    }
}

/// Today's date where the user is (UTC if the local offset cannot be known).
pub(super) fn today() -> Date {
    let now = time::OffsetDateTime::now_local().unwrap_or_else(|_| time::OffsetDateTime::now_utc());
    Date {
        year: now.year(),
        month: u8::from(now.month()) as u32,
        day: now.day() as u32,
    }
}

/// A file named relative to the definition (a layout, a seal): when the next issue's file is in
/// another directory, the path rewritten to reach the same file from there.
fn relocated(path: &str, from: &Path, to: &Path) -> Option<String> {
    if Path::new(path).is_absolute() {
        return None;
    }
    let from_dir = absolute_dir(from)?;
    let to_dir = absolute_dir(to)?;
    if from_dir == to_dir {
        return None;
    }
    let target = from_dir.join(path);
    Some(
        crate::paths::relative_to(&target, &to_dir)
            .to_string_lossy()
            .replace('\\', "/"),
    )
}

fn absolute_dir(file: &Path) -> Option<PathBuf> {
    dunce::canonicalize(crate::paths::dir_of(file)).ok()
}
