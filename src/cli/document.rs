//! One definition through the whole pipeline to a PDF file: the code path `jianbao render` runs
//! for its one input and `jianbao batch` runs for each of its inputs, so that the two commands
//! cannot drift apart (same reading, same confinement, same checks, same `--strict`, same atomic
//! write). Also the small pieces `preview` and `watch` share with them.

use super::output::ui;
use crate::assets::{write_atomically, FsAssets};
use crate::error::{Error, Source};
use crate::messages::msg;
use crate::page::Layout;
use crate::resolve::{Assets, Document};
use std::path::Path;

/// A definition rendered and written. The laid-out document is kept for callers that use it
/// again (a merged print file); others drop it.
pub struct Written {
    pub doc: Document,
    pub layout: Layout,
    /// Size of the PDF file written.
    pub bytes: usize,
}

impl Written {
    pub fn pages(&self) -> usize {
        self.layout.count
    }
}

/// How to render: the writer's options, whether warnings are an error, and whether the pages
/// are kept after writing (a merged print run paints them again; `--dump-structure` prints
/// them). Without `keep_pages` each page is dropped as soon as it is written.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    pub pdf: crate::pdf::Options,
    pub strict: bool,
    pub keep_pages: bool,
}

/// What a caller may look at between layout and writing (to print warnings, set lines,
/// statistics).
pub struct Rendering<'a> {
    pub doc: &'a Document,
    pub layout: &'a Layout,
}

/// Reads `definition`, lays it out with files confined to `root` and writes the PDF (in memory:
/// pages go to the writer as they are finished), hands the result to `inspect` and, unless
/// `options.strict` and there were warnings, writes the PDF to `output` atomically.
pub fn render_file(
    definition: &Path,
    output: &Path,
    assets: &FsAssets,
    root: &Path,
    options: Options,
    inspect: &mut dyn FnMut(&Rendering) -> Result<(), Error>,
) -> Result<Written, Error> {
    let confined = assets.confined(root)?;
    render_with(definition, output, &confined, options, inspect)
}

/// [`render_file`] with the assets given (already confined; `watch` records what they read).
pub fn render_with(
    definition: &Path,
    output: &Path,
    assets: &dyn Assets,
    options: Options,
    inspect: &mut dyn FnMut(&Rendering) -> Result<(), Error>,
) -> Result<Written, Error> {
    check_output(output, definition)?;
    let (source, warning) = read_definition_noting(definition)?;
    let (doc, mut layout, pdf) =
        crate::lay_out_and_write(&source, assets, options.pdf, options.keep_pages)?;
    layout.warnings.splice(0..0, warning);
    inspect(&Rendering {
        doc: &doc,
        layout: &layout,
    })?;
    check_strict(options.strict, &layout, definition)?;
    write_output(output, &pdf)?;
    Ok(Written {
        doc,
        layout,
        bytes: pdf.len(),
    })
}

/// Before any work: the output must not be the definition, and must be a place a file may be
/// written (its directory exists; nothing there, or a regular file).
/// Standard output (`-o -`) is always a place to write, and standard input is no file to
/// overwrite.
pub fn check_output(output: &Path, definition: &Path) -> Result<(), Error> {
    if is_stdio(output) {
        return Ok(());
    }
    if !is_stdio(definition) {
        crate::assets::refuse_input_as_output(output, &[definition])?;
    }
    crate::assets::check_target(output)
}

/// Reads `definition` and lays it out, reaching files through `assets`.
pub fn lay_out_file(definition: &Path, assets: &dyn Assets) -> Result<(Document, Layout), Error> {
    let (source, warning) = read_definition_noting(definition)?;
    let (doc, mut layout) = crate::lay_out(&source, assets)?;
    layout.warnings.splice(0..0, warning);
    Ok((doc, layout))
}

/// Under `--strict`, warnings are an error: nothing is written.
pub fn check_strict(strict: bool, layout: &Layout, definition: &Path) -> Result<(), Error> {
    if strict && !layout.warnings.is_empty() {
        return Err(strict_error(layout.warnings.len(), definition));
    }
    Ok(())
}

/// A command's exit status: 0, or the error printed and 1.
pub fn exit_status(result: Result<(), Error>) -> i32 {
    match result {
        Ok(()) => super::EXIT_OK,
        Err(e) => {
            ui().error(&e);
            super::EXIT_INPUT
        }
    }
}

/// Prints warnings to stderr, each with its source line when it has one (or as JSON).
pub fn print_warnings(warnings: &[crate::error::Warning]) {
    for w in warnings {
        ui().warning(w);
    }
}

/// `-` for a file: standard input for a definition, standard output for what is written.
pub fn is_stdio(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// The name a definition read from standard input goes by in messages. Its relative paths
/// (images, layouts) resolve from the current directory, as this name's directory is `.`.
pub const STDIN_NAME: &str = "<stdin>";

/// Writes `bytes` to `output` atomically, or to standard output for `-`.
pub fn write_output(output: &Path, bytes: &[u8]) -> Result<(), Error> {
    if !is_stdio(output) {
        return write_atomically(output, bytes);
    }
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(bytes)
        .and_then(|()| stdout.flush())
        .map_err(|e| Error::new(crate::error::ErrorKind::Io, msg::cannot_write_stdout(e)))
}

/// Binary output is not written to a terminal: `Err` says what to do instead (`what`: `the PDF`).
pub fn stdout_usable_for(what: crate::messages::Message) -> Result<(), crate::messages::Message> {
    use std::io::IsTerminal;
    if std::io::stdout().is_terminal() {
        return Err(msg::stdout_is_terminal(what));
    }
    Ok(())
}

/// How an output is named in messages (`wrote …`).
pub fn output_name(output: &Path) -> String {
    if is_stdio(output) {
        msg::standard_output().text
    } else {
        super::shown(output)
    }
}

/// The error `--strict` turns warnings into.
pub fn strict_error(count: usize, definition: &Path) -> Error {
    Error::new(
        crate::error::ErrorKind::Strict,
        match count {
            1 => msg::strict_one(),
            n => msg::strict_many(n),
        },
    )
    .with_path(if is_stdio(definition) {
        Path::new(STDIN_NAME)
    } else {
        definition
    })
}

/// Reads a definition file (or standard input for `-`) as UTF-8 text (GBK/GB18030 and UTF-16
/// are read too: see [`read_definition_noting`]).
pub fn read_definition(path: &Path) -> Result<Source, Error> {
    read_definition_noting(path).map(|(source, _)| source)
}

/// Reads a definition file (or standard input for `-`), and the warning it gets when it was not
/// saved as UTF-8.
pub fn read_definition_noting(
    path: &Path,
) -> Result<(Source, Option<crate::error::Warning>), Error> {
    let (bytes, path) = if is_stdio(path) {
        (read_stdin()?, Path::new(STDIN_NAME))
    } else {
        let bytes = crate::assets::read_limited(
            path,
            crate::assets::MAX_DEFINITION_BYTES,
            &crate::messages::msg::what_a_definition().text,
        )
        .map_err(|msg| Error::new(crate::error::ErrorKind::Io, msg))?;
        (bytes, path)
    };
    let decoded = crate::assets::decode_text(&bytes)
        .map_err(|msg| Error::new(crate::error::ErrorKind::Syntax, msg).with_path(path))?;
    let warning = decoded
        .warning()
        .map(|w| crate::error::Warning::new(w, path.display().to_string()));
    Ok((Source::new(path, decoded.text), warning))
}

/// The definition's bytes on standard input, within the same size limit as a file.
fn read_stdin() -> Result<Vec<u8>, Error> {
    use std::io::Read;
    let limit = crate::assets::MAX_DEFINITION_BYTES;
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| {
            Error::new(crate::error::ErrorKind::Io, msg::cannot_read_stdin(e)).with_path(STDIN_NAME)
        })?;
    if bytes.len() as u64 > limit {
        return Err(Error::new(
            crate::error::ErrorKind::Io,
            msg::stdin_too_large(limit / (1024 * 1024)),
        )
        .with_path(STDIN_NAME));
    }
    Ok(bytes)
}

/// `5 pages`, `1 page`.
pub fn pages_text(n: usize) -> String {
    match n {
        1 => msg::pages_one().text,
        n => msg::pages_many(n).text,
    }
}
