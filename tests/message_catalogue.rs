//! Every message a user reads comes from the catalogue (src/messages/), so that it exists in
//! Chinese too: this test reads the source and finds English written in place where a message
//! is made — `Error::new(kind, "…")`, `Warning::new(format!(…))`, `Err(format!(…))`,
//! `.help("…")`, `eprintln!("wrote …")` and the like. A new message written that way fails
//! here with its file and line; docs/messages-zh.md says how to add it to the catalogue.
//!
//! [`INTERNAL`] lists the files whose texts are exempt, with why.

use std::path::{Path, PathBuf};

/// Files whose English texts are not messages for a clerk, or not yet in the catalogue.
const INTERNAL: &[(&str, &str)] = &[
    // `render --dump-lines` / `--stats`: tables on stdout for developers.
    ("src/cli/render.rs", "developer tables on stdout"),
    // `jianbao fonts` listing: a table on stdout (names, files, coverage).
    ("src/cli/fonts.rs", "the font listing on stdout"),
    ("src/cli/batch/progress.rs", "the progress bar's template"),
    ("src/messages/", "the catalogue itself"),
    (
        "src/diagnostics.rs",
        "the drawing of diagnostics (no words)",
    ),
];

/// Ways a message is made, each with the text that follows it that shows English in place.
const MAKERS: &[&str] = &[
    "Error::new(",
    "Warning::new(",
    ".warn(",
    "Err(format!(",
    "Err(\"",
    "ok_or(\"",
    "ok_or(format!(",
    ".help(\"",
    ".help(format!(",
    ".label(\"",
    ".label(format!(",
    "custom(\"",
    "custom(format!(",
    "usage_error(\"",
    "usage_error(&format!(",
    "fail(\"",
    "fail(&format!(",
    ".status(&format!(",
    ".note(&format!(",
    "eprintln!(\"",
    "eprint!(\"",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The string literal an argument starts with (directly or as `format!("…"`).
fn first_literal(arg: &str) -> Option<&str> {
    let arg = arg.trim_start();
    let arg = arg.strip_prefix("format!(").map_or(arg, str::trim_start);
    let rest = arg.strip_prefix('"')?;
    let mut escaped = false;
    for (i, c) in rest.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return Some(&rest[..i]),
            _ => escaped = false,
        }
    }
    None
}

/// Whether a literal holds English words (two or more, outside `{…}` placeholders).
fn is_english(literal: &str) -> bool {
    let mut outside = String::new();
    let mut depth = 0;
    for c in literal.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            c if depth == 0 => outside.push(c),
            _ => {}
        }
    }
    outside
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() > 1)
        .count()
        >= 2
}

/// The text after `Error::new(`'s first argument (the kind).
fn after_first_argument(args: &str) -> &str {
    let mut depth = 0;
    for (i, c) in args.char_indices() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth == 0 => return "",
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => return &args[i + 1..],
            _ => {}
        }
    }
    ""
}

#[test]
fn messages_come_from_the_catalogue() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    files.sort();
    let mut found = Vec::new();
    for file in &files {
        let rel = file
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if INTERNAL.iter().any(|(prefix, _)| rel.starts_with(prefix)) {
            continue;
        }
        let text = std::fs::read_to_string(file).unwrap();
        // Unit tests say what they like.
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        for maker in MAKERS {
            for (at, _) in code.match_indices(maker) {
                // The call's arguments, from the opening parenthesis (a maker that ends with
                // the literal's quote keeps it).
                let from = at + maker.len() - usize::from(maker.ends_with('"'));
                let args = &code[from..];
                let args = if *maker == "Error::new(" || *maker == ".warn(" {
                    after_first_argument(args)
                } else {
                    args
                };
                let literal = first_literal(args);
                if let Some(english) = literal.filter(|l| is_english(l)) {
                    let line = code[..at].matches('\n').count() + 1;
                    found.push(format!("{rel}:{line}: {maker} \"{english}\""));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "messages written in place instead of in the catalogue (src/messages/; see docs/messages-zh.md):\n{}",
        found.join("\n")
    );
}
