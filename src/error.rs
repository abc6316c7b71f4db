//! Errors and warnings a user sees.
//!
//! Every user error carries the file it is about and, where the input has one, the byte span in
//! that file's source so that the message can name line and column. The text is kept with the
//! error (an `Arc<str>`, shared, not copied) because a diagnostic printer needs the source line.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

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
    pub message: String,
    /// The file the error is about, when there is one.
    pub path: Option<PathBuf>,
    /// The source and byte span, when the error points into a text file.
    pub location: Option<(Source, Range<usize>)>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            kind,
            message: message.into(),
            path: None,
            location: None,
        }
    }

    pub fn with_path(mut self, path: impl AsRef<Path>) -> Error {
        self.path = Some(path.as_ref().to_path_buf());
        self
    }

    /// Points the error at a span of a source file (and at that file).
    pub fn at(mut self, source: &Source, span: Range<usize>) -> Error {
        self.path = Some(source.path.clone());
        self.location = Some((source.clone(), span));
        self
    }

    pub fn io(path: impl AsRef<Path>, err: &std::io::Error) -> Error {
        let path = path.as_ref();
        let what = match err.kind() {
            std::io::ErrorKind::NotFound => "file not found".to_string(),
            std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            _ => err.to_string(),
        };
        Error::new(ErrorKind::Io, what).with_path(path)
    }

    /// `(line, column)` of the start of the span, 1-based.
    pub fn line_col(&self) -> Option<(usize, usize)> {
        self.location
            .as_ref()
            .map(|(source, span)| source.line_col(span.start))
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
/// has, a figure scaled down, …).
#[derive(Clone, Debug, PartialEq)]
pub struct Warning {
    pub message: String,
    /// Where in the input, as `path:line:col` or a block description; may be empty.
    pub location: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.location.is_empty() {
            write!(f, "warning: {}", self.message)
        } else {
            write!(f, "{}: warning: {}", self.location, self.message)
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
