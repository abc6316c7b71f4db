//! Errors and warnings a user sees.
//!
//! Every user error carries the file it is about and, where the input has one, the byte span in
//! that file's source so that the message can name line and column. The text is kept with the
//! error (an `Arc<str>`, shared, not copied) because a diagnostic printer needs the source line.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::messages::{msg, Message};

/// What went wrong, broadly: used for exit codes and by callers that treat kinds differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// The definition or layout is not valid TOML, has a wrong type, an unknown or missing key.
    Syntax,
    /// The input parses but asks for something impossible (unknown layout, bad value, …).
    Invalid,
    /// A file could not be read or written.
    Io,
    /// A font file is missing, unreadable or not a font.
    Font,
    /// An image file is missing, unreadable, corrupt or too large.
    Image,
    /// A warning promoted to an error by `--strict`.
    Strict,
}

/// The source text an error points into.
#[derive(Clone, Debug)]
pub struct Source {
    pub path: PathBuf,
    pub text: Arc<str>,
}

impl Source {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<Arc<str>>) -> Source {
        Source {
            path: path.into(),
            text: text.into(),
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() + 1;
        (line, col)
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A user-facing error: kind, message, and where.
#[derive(Clone, Debug)]
pub struct Error {
    pub kind: ErrorKind,
    /// The message's stable name in the catalogue (`unknown_key`, see [`crate::messages`]),
    /// printed by `--message-format json`; empty for a text that is not in the catalogue.
    pub code: &'static str,
    /// The message in the language of this run.
    pub message: String,
    /// The file the error is about, when there is one.
    pub path: Option<PathBuf>,
    /// The source and byte span, when the error points into a text file (boxed, like
    /// `advice`: an error must stay small in every `Result`, and is located once).
    pub location: Option<Box<(Source, Range<usize>)>>,
    /// The label under the caret and advice, when there are any (boxed: errors travel in
    /// `Result`s everywhere and should stay small).
    pub advice: Option<Box<Advice>>,
}

/// What a diagnostic says besides its message.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Advice {
    /// A short note printed under the caret (`unknown key`, `expected a string`).
    pub label: Option<String>,
    /// What to do about it (`did you mean `caption`?`), printed after the source line.
    pub help: Option<String>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<Message>) -> Error {
        let message = message.into();
        Error {
            kind,
            code: message.code,
            message: message.text,
            path: None,
            location: None,
            advice: None,
        }
    }

    /// Sets the note shown under the caret.
    pub fn label(mut self, label: impl Into<String>) -> Error {
        self.advice.get_or_insert_with(Default::default).label = Some(label.into());
        self
    }

    /// Sets the advice shown after the source line.
    pub fn help(mut self, help: impl Into<String>) -> Error {
        self.advice.get_or_insert_with(Default::default).help = Some(help.into());
        self
    }

    /// The note under the caret, if any.
    pub fn label_text(&self) -> Option<&str> {
        self.advice.as_ref()?.label.as_deref()
    }

    /// The advice, if any.
    pub fn help_text(&self) -> Option<&str> {
        self.advice.as_ref()?.help.as_deref()
    }

    pub fn with_path(mut self, path: impl AsRef<Path>) -> Error {
        self.path = Some(path.as_ref().to_path_buf());
        self
    }

    /// Points the error at a span of a source file (and at that file).
    pub fn at(mut self, source: &Source, span: Range<usize>) -> Error {
        self.path = Some(source.path.clone());
        self.location = Some(Box::new((source.clone(), span)));
        self
    }

    pub fn io(path: impl AsRef<Path>, err: &std::io::Error) -> Error {
        let path = path.as_ref();
        let what = match err.kind() {
            std::io::ErrorKind::NotFound => msg::file_not_found(),
            std::io::ErrorKind::PermissionDenied => msg::permission_denied(),
            _ => msg::io_error(err),
        };
        Error::new(ErrorKind::Io, what).with_path(path)
    }

    /// `(line, column)` of the start of the span, 1-based.
    pub fn line_col(&self) -> Option<(usize, usize)> {
        self.location
            .as_ref()
            .map(|located| located.0.line_col(located.1.start))
    }
}

impl fmt::Display for Error {
    /// One line: `path:line:col: message`, or `path: message`, or just the message.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(path) = &self.path {
            write!(f, "{}", path.display())?;
            if let Some((line, col)) = self.line_col() {
                write!(f, ":{line}:{col}")?;
            }
            write!(f, ": ")?;
        }
        write!(f, "{}", self.message)
    }
}

impl std::error::Error for Error {}

/// Something the user should know about that does not stop the render (a character no font
/// has, a word broken inside).
#[derive(Clone, Debug)]
pub struct Warning {
    /// The message's stable name in the catalogue (see [`Error::code`]).
    pub code: &'static str,
    pub message: String,
    /// Where in the input, as `path:line:col` or a block description; may be empty.
    pub location: String,
    /// The source and byte span the warning is about, for printing the source line.
    pub at: Option<(Source, Range<usize>)>,
    /// A short note printed under the caret.
    pub label: Option<String>,
    /// Further lines (every place a missing character occurs, …).
    pub notes: Vec<String>,
}

impl Warning {
    pub fn new(message: impl Into<Message>, location: impl Into<String>) -> Warning {
        let message = message.into();
        Warning {
            code: message.code,
            message: message.text,
            location: location.into(),
            at: None,
            label: None,
            notes: Vec::new(),
        }
    }

    /// Points the warning at a span of a source file; the location becomes `path:line:col`.
    pub fn at(mut self, source: &Source, span: Range<usize>) -> Warning {
        let (line, col) = source.line_col(span.start);
        self.location = format!("{}:{line}:{col}", source.path.display());
        self.at = Some((source.clone(), span));
        self
    }

    /// Sets the note shown under the caret.
    pub fn label(mut self, label: impl Into<String>) -> Warning {
        self.label = Some(label.into());
        self
    }
}

impl PartialEq for Warning {
    fn eq(&self, other: &Warning) -> bool {
        self.message == other.message
            && self.location == other.location
            && self.notes == other.notes
    }
}

impl fmt::Display for Warning {
    /// One line: `warning: path:line:col: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let warning = msg::prefix_warning();
        if self.location.is_empty() {
            write!(f, "{warning}{}", self.message)
        } else {
            write!(f, "{warning}{}: {}", self.location, self.message)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let src = Source::new("a.toml", "x = 1\n标题 = \"中\"\n");
        assert_eq!(src.line_col(0), (1, 1));
        let off = src.text.find('=').unwrap();
        assert_eq!(src.line_col(off), (1, 3));
        let off = src.text.rfind('=').unwrap();
        assert_eq!(src.line_col(off), (2, 4));
    }

    #[test]
    fn display_is_one_line_with_location() {
        let src = Source::new("doc.toml", "a = 1\nb = ?\n");
        let err = Error::new(ErrorKind::Syntax, "invalid value").at(&src, 10..11);
        assert_eq!(err.to_string(), "doc.toml:2:5: invalid value");
    }
}
