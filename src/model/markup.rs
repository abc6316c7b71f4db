//! The one small parser for everything in braces: inline markup in text (`**粗体**`,
//! `{em:…}`, `{dot:…}`, `{u:…}`, `{sup:…}`, `{sub:…}`, `{ref:label}`, `{br}`) and the fields of templates
//! (`{date}`, `{issue}` …).
//!
//! A text is read once, left to right, into [`Piece`]s; nothing a field or a reference expands
//! to is read again (a publisher named `…{date}…` prints as written).
//!
//! The syntax is chosen so that text pasted from Word never triggers it by accident: a single
//! `*` or `_` means nothing (`5*3`, `file_name`, `*注`), `**` is bold only when it is closed by
//! another `**` in the same paragraph and hugs its text (no space inside), and every other
//! mark is a brace with a known tag and a colon (`{em:`), which prose does not contain. A `{`
//! or `}` that starts no known tag prints as written. `\*`, `\{`, `\}` and `\\` print the
//! character itself; any other backslash (`C:\文件`) prints as written.

use std::ops::Range;

/// Inline marks a piece of text carries; several may be set at once (nesting).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Marks(pub u8);

impl Marks {
    pub const NONE: Marks = Marks(0);
    /// `**…**`, `{b:…}`: the style's bold face, or fake bold.
    pub const BOLD: Marks = Marks(1);
    /// `{em:…}`: the layout's emphasis face for the role (楷体, say).
    pub const EMPHASIS: Marks = Marks(2);
    /// `{dot:…}`: 着重号, a dot under each Han character.
    pub const DOTS: Marks = Marks(4);
    /// `{u:…}`: underlined.
    pub const UNDERLINE: Marks = Marks(8);
    /// The label that opens an editor's note (编者按：), in the label's face.
    pub const LABEL: Marks = Marks(16);
    /// A run-in heading (`lead`), in the run-in style.
    pub const RUN_IN: Marks = Marks(32);
    /// `{sup:…}`: superscript, smaller and raised (m², 注释号).
    pub const SUP: Marks = Marks(64);
    /// `{sub:…}`: subscript, smaller and lowered (H₂O).
    pub const SUB: Marks = Marks(128);

    pub fn has(self, m: Marks) -> bool {
        self.0 & m.0 == m.0 && m.0 != 0
    }

    pub fn with(self, m: Marks) -> Marks {
        Marks(self.0 | m.0)
    }
}

/// A piece of a parsed text.
#[derive(Clone, Debug, PartialEq)]
pub enum Piece {
    /// Literal text with its marks.
    Text(String, Marks),
    /// A template field: `{date}`.
    Field(String),
    /// A reference to a label: `{ref:label}`, with the marks around it and its byte range.
    Ref(String, Marks, Range<usize>),
    /// A forced line break: `{br}`.
    Break,
}

/// What a text is: running text with markup, or a template with fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Markup,
    Template,
}

/// A markup error: what is wrong and where in the text (bytes).
#[derive(Clone, Debug, PartialEq)]
pub struct MarkupError {
    pub message: String,
    pub at: Range<usize>,
}

/// The tags that open a marked span, and their marks.
const TAGS: &[(&str, Marks)] = &[
    ("b", Marks::BOLD),
    ("em", Marks::EMPHASIS),
    ("dot", Marks::DOTS),
    ("u", Marks::UNDERLINE),
    ("sup", Marks::SUP),
    ("sub", Marks::SUB),
];

/// Reads `text` into pieces. In [`Mode::Template`] only `{field}`s (lower-case letters and
/// hyphens) are recognised; everything else is literal.
pub fn parse(text: &str, mode: Mode) -> Result<Vec<Piece>, MarkupError> {
    let mut p = Parser {
        out: Vec::new(),
        buf: String::new(),
        // Each open span: its marks, where it opened, whether it is `**`.
        stack: Vec::new(),
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        let c = bytes[i];
        if mode == Mode::Template {
            if c == b'{' {
                if let Some(name) = field_name(rest) {
                    p.flush();
                    p.out.push(Piece::Field(name.to_string()));
                    i += name.len() + 2;
                    continue;
                }
            }
        } else if c == b'\\' && matches!(bytes.get(i + 1), Some(b'*' | b'{' | b'}' | b'\\')) {
            p.buf.push(bytes[i + 1] as char);
            i += 2;
            continue;
        } else if rest.starts_with("**") {
            if p.stack.last().is_some_and(|s| s.star) {
                p.close();
                i += 2;
                continue;
            }
            if opens_bold(rest) {
                p.open(Marks::BOLD, i..i + 2, true);
                i += 2;
                continue;
            }
        } else if c == b'{' {
            if rest.starts_with("{br}") {
                p.flush();
                p.out.push(Piece::Break);
                i += 4;
                continue;
            }
            if let Some(after) = rest.strip_prefix("{ref:") {
                let Some(end) = after.find('}') else {
                    return Err(MarkupError {
                        message: crate::messages::msg::ref_not_closed().text,
                        at: i..i + 5,
                    });
                };
                p.flush();
                let marks = p.marks();
                let len = 5 + end + 1;
                p.out.push(Piece::Ref(
                    after[..end].trim().to_string(),
                    marks,
                    i..i + len,
                ));
                i += len;
                continue;
            }
            if let Some((tag, marks)) = TAGS
                .iter()
                .find(|(t, _)| rest[1..].starts_with(t) && rest[1 + t.len()..].starts_with(':'))
            {
                let len = tag.len() + 2;
                p.open(*marks, i..i + len, false);
                i += len;
                continue;
            }
        } else if c == b'}' && p.stack.last().is_some_and(|s| !s.star) {
            p.close();
            i += 1;
            continue;
        }
        let ch = rest.chars().next().expect("not at the end");
        p.buf.push(ch);
        i += ch.len_utf8();
    }
    if let Some(open) = p.stack.last() {
        let what = &text[open.at.clone()];
        let close = if open.star { "**" } else { "}" };
        return Err(MarkupError {
            message: crate::messages::msg::mark_not_closed(what, close, &what[..1]).text,
            at: open.at.clone(),
        });
    }
    p.flush();
    Ok(p.out)
}

/// The text a marked-up text prints (references and breaks left out, marks dropped); the text
/// as written if its markup is broken (the error is reported where the text is set).
pub fn plain(text: &str) -> String {
    match parse(text, Mode::Markup) {
        Ok(pieces) => pieces
            .into_iter()
            .filter_map(|p| match p {
                Piece::Text(t, _) => Some(t),
                _ => None,
            })
            .collect(),
        Err(_) => text.to_string(),
    }
}

/// Fills a template's fields from `value` (a field it does not know stays as written).
pub fn fill(template: &str, value: impl Fn(&str) -> Option<String>) -> String {
    let Ok(pieces) = parse(template, Mode::Template) else {
        return template.to_string();
    };
    let mut out = String::with_capacity(template.len() + 16);
    for piece in pieces {
        match piece {
            Piece::Field(name) => match value(&name) {
                Some(v) => out.push_str(&v),
                None => {
                    out.push('{');
                    out.push_str(&name);
                    out.push('}');
                }
            },
            Piece::Text(t, _) => out.push_str(&t),
            Piece::Ref(..) | Piece::Break => {}
        }
    }
    out
}

/// Writes styled text as markup that [`parse`] reads back to the same text and marks (for
/// `jianbao import`): bold as `**…**` where it hugs plain characters, else `{b:…}`; emphasis,
/// dots, underline, superscript and subscript as their tags, nested when marks combine; a
/// literal `*`, `{`, `}` escaped with `\`, and a `\` where it would escape the character after it.
/// Marks that only the resolve stage sets (the note's label, a run-in heading) are not written.
pub fn write(text: &Styled) -> String {
    let mut out = String::with_capacity(text.text.len() + 16);
    for (range, marks) in text.parts() {
        let part = &text.text[range];
        let tags: Vec<&str> = TAGS
            .iter()
            .filter(|(_, m)| marks.has(*m))
            .map(|(t, _)| *t)
            .collect();
        let hugs = !part.starts_with(char::is_whitespace)
            && !part.ends_with(char::is_whitespace)
            && !part.contains(['*', '\\']);
        if tags == ["b"] && hugs {
            out.push_str("**");
            escape_into(part, &mut out);
            out.push_str("**");
            continue;
        }
        for tag in &tags {
            out.push('{');
            out.push_str(tag);
            out.push(':');
        }
        escape_into(part, &mut out);
        out.extend(tags.iter().map(|_| '}'));
    }
    out
}

/// Appends `text` with the characters markup would read escaped: `*`, `{`, `}` always, a `\`
/// before one of those, another `\` or the end (where a tag may follow).
fn escape_into(text: &str, out: &mut String) {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '*' | '{' | '}' => out.push('\\'),
            '\\' if chars
                .peek()
                .is_none_or(|n| matches!(n, '*' | '{' | '}' | '\\')) =>
            {
                out.push('\\')
            }
            _ => {}
        }
        out.push(c);
    }
}

/// `{name}` at the start of `s`, for a template field.
fn field_name(s: &str) -> Option<&str> {
    let end = s.find('}')?;
    let name = &s[1..end];
    (!name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')).then_some(name)
}

/// `**` at the start of `s` opens bold when text follows it directly and another `**` closes it
/// later with text directly before it: `**重点**`, but not `2 ** 3` or a lone `**`.
fn opens_bold(s: &str) -> bool {
    let body = &s[2..];
    let Some(first) = body.chars().next() else {
        return false;
    };
    if first.is_whitespace() || first == '*' {
        return false;
    }
    let mut from = 0;
    while let Some(k) = body[from..].find("**") {
        let at = from + k;
        if at > 0 && !body[..at].ends_with(char::is_whitespace) && !body[..at].ends_with('\\') {
            return true;
        }
        from = at + 2;
    }
    false
}

struct Open {
    marks: Marks,
    at: Range<usize>,
    star: bool,
}

struct Parser {
    out: Vec<Piece>,
    buf: String,
    stack: Vec<Open>,
}

impl Parser {
    fn marks(&self) -> Marks {
        self.stack.iter().fold(Marks::NONE, |m, s| m.with(s.marks))
    }

    fn flush(&mut self) {
        if !self.buf.is_empty() {
            let marks = self.marks();
            let text = std::mem::take(&mut self.buf);
            match self.out.last_mut() {
                Some(Piece::Text(prev, m)) if *m == marks => prev.push_str(&text),
                _ => self.out.push(Piece::Text(text, marks)),
            }
        }
    }

    fn open(&mut self, marks: Marks, at: Range<usize>, star: bool) {
        self.flush();
        self.stack.push(Open { marks, at, star });
    }

    fn close(&mut self) {
        self.flush();
        self.stack.pop();
    }
}

/// A text with the marks of its parts: `spans` cover `text` in order, each up to its `end`
/// (bytes) from where the one before it ends.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Styled {
    pub text: String,
    pub spans: Vec<Span>,
    /// The references (`{ref:label}`) in the text, in order: where each printed number is.
    pub refs: Vec<Reference>,
}

/// A reference as printed: the bytes of `text` its number takes, and the label it names (the
/// page stage links it to the figure or table).
#[derive(Clone, Debug, PartialEq)]
pub struct Reference {
    pub at: Range<usize>,
    pub label: String,
}

/// A part of a [`Styled`] text in one set of marks.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Span {
    pub end: usize,
    pub marks: Marks,
}

impl Styled {
    /// Plain text, no marks.
    pub fn plain(text: impl Into<String>) -> Styled {
        let mut s = Styled::default();
        s.push(&text.into(), Marks::NONE);
        s
    }

    /// Adds `text` in `marks`.
    pub fn push(&mut self, text: &str, marks: Marks) {
        if text.is_empty() {
            return;
        }
        self.text.push_str(text);
        let end = self.text.len();
        match self.spans.last_mut() {
            Some(last) if last.marks == marks => last.end = end,
            _ => self.spans.push(Span { end, marks }),
        }
    }

    /// Adds `text` in `marks` as the number a reference to `label` prints.
    pub fn push_ref(&mut self, text: &str, marks: Marks, label: &str) {
        let start = self.text.len();
        self.push(text, marks);
        self.refs.push(Reference {
            at: start..self.text.len(),
            label: label.to_string(),
        });
    }

    /// Adds every part of `other`, each with `extra` marks as well.
    pub fn append(&mut self, other: &Styled, extra: Marks) {
        let offset = self.text.len();
        for (range, marks) in other.parts() {
            self.push(&other.text[range], marks.with(extra));
        }
        self.refs.extend(other.refs.iter().map(|r| Reference {
            at: r.at.start + offset..r.at.end + offset,
            label: r.label.clone(),
        }));
    }

    /// The references inside `range`, moved to count from its start.
    fn refs_in(&self, range: Range<usize>) -> impl Iterator<Item = Reference> + '_ {
        self.refs
            .iter()
            .filter(move |r| r.at.start >= range.start && r.at.end <= range.end)
            .map(move |r| Reference {
                at: r.at.start - range.start..r.at.end - range.start,
                label: r.label.clone(),
            })
    }

    /// The parts as byte ranges and marks.
    pub fn parts(&self) -> impl Iterator<Item = (Range<usize>, Marks)> + '_ {
        let mut start = 0;
        self.spans.iter().map(move |s| {
            let r = start..s.end;
            start = s.end;
            (r, s.marks)
        })
    }

    /// Splits at `'\n'` (forced line breaks, a title's lines): one styled text per line.
    pub fn lines(&self) -> Vec<Styled> {
        let mut out = vec![Styled::default()];
        for (range, marks) in self.parts() {
            let mut first = true;
            for part in self.text[range].split('\n') {
                if !first {
                    out.push(Styled::default());
                }
                first = false;
                out.last_mut().expect("one line at least").push(part, marks);
            }
        }
        if !self.refs.is_empty() {
            let mut start = 0;
            for line in &mut out {
                let end = start + line.text.len();
                line.refs = self.refs_in(start..end).collect();
                start = end + 1;
            }
        }
        out
    }

    /// Without the whitespace at either end.
    pub fn trimmed(&self) -> Styled {
        let start = self.text.len() - self.text.trim_start().len();
        let end = self.text.trim_end().len().max(start);
        let mut out = Styled::default();
        for (range, marks) in self.parts() {
            let r = range.start.max(start)..range.end.min(end);
            if r.start < r.end {
                out.push(&self.text[r], marks);
            }
        }
        out.refs = self.refs_in(start..end).collect();
        out
    }

    /// Whether any part carries a mark.
    pub fn is_plain(&self) -> bool {
        self.spans.iter().all(|s| s.marks == Marks::NONE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn styled(text: &str) -> Vec<(String, u8)> {
        parse(text, Mode::Markup)
            .unwrap()
            .into_iter()
            .map(|p| match p {
                Piece::Text(t, m) => (t, m.0),
                Piece::Ref(l, m, _) => (format!("ref:{l}"), m.0),
                Piece::Break => ("br".into(), 0),
                Piece::Field(f) => (format!("field:{f}"), 0),
            })
            .collect()
    }

    fn s(t: &str, m: Marks) -> (String, u8) {
        (t.to_string(), m.0)
    }

    #[test]
    fn bold_emphasis_dots_underline_and_nesting() {
        assert_eq!(
            styled("甲**乙**丙"),
            [
                s("甲", Marks::NONE),
                s("乙", Marks::BOLD),
                s("丙", Marks::NONE)
            ]
        );
        assert_eq!(
            styled("{em:引文{dot:重点}}后"),
            [
                s("引文", Marks::EMPHASIS),
                s("重点", Marks::EMPHASIS.with(Marks::DOTS)),
                s("后", Marks::NONE)
            ]
        );
        assert_eq!(
            styled("**粗{u:线}**"),
            [
                s("粗", Marks::BOLD),
                s("线", Marks::BOLD.with(Marks::UNDERLINE))
            ]
        );
        assert_eq!(
            styled("m{sup:2} H{sub:2}O"),
            [
                s("m", Marks::NONE),
                s("2", Marks::SUP),
                s(" H", Marks::NONE),
                s("2", Marks::SUB),
                s("O", Marks::NONE)
            ]
        );
        assert_eq!(
            styled("{b:一}{br}二"),
            [
                s("一", Marks::BOLD),
                s("br", Marks::NONE),
                s("二", Marks::NONE)
            ]
        );
    }

    #[test]
    fn pasted_text_stays_literal() {
        for text in [
            "5*3=15",
            "file_name 和 __init__",
            "2 ** 3 是八",
            "只有一个**星号",
            "a ** b ** c",
            "C:\\文件\\新建",
            "{未知:标签} 与 {x} 与 }",
            "**",
        ] {
            assert_eq!(styled(text), [s(text, Marks::NONE)], "{text}");
        }
    }

    #[test]
    fn escapes_print_the_character() {
        assert_eq!(
            styled("\\*\\*不是粗体\\*\\* \\{b:x\\} \\\\"),
            [s("**不是粗体** {b:x} \\", Marks::NONE)]
        );
    }

    #[test]
    fn refs_and_unclosed_spans() {
        assert_eq!(
            styled("见图{ref:a}。"),
            [
                s("见图", Marks::NONE),
                s("ref:a", Marks::NONE),
                s("。", Marks::NONE)
            ]
        );
        let err = parse("前{em:未闭合", Mode::Markup).unwrap_err();
        assert_eq!(err.at, 3..7);
        assert!(err.message.contains("not closed"), "{}", err.message);
        assert!(parse("{ref:x", Mode::Markup).is_err());
    }

    #[test]
    fn references_keep_their_place_through_lines_trimming_and_appending() {
        let mut t = Styled::plain("  见图");
        t.push_ref("12", Marks::BOLD, "a");
        t.push("。\n再见表", Marks::NONE);
        t.push_ref("3", Marks::NONE, "b");
        t.push(" ", Marks::NONE);
        let at = |s: &Styled| -> Vec<(String, String)> {
            s.refs
                .iter()
                .map(|r| (s.text[r.at.clone()].to_string(), r.label.clone()))
                .collect()
        };
        let pair = |n: &str, l: &str| (n.to_string(), l.to_string());
        assert_eq!(at(&t), [pair("12", "a"), pair("3", "b")]);
        let lines = t.lines();
        assert_eq!(at(&lines[0]), [pair("12", "a")]);
        assert_eq!(at(&lines[1]), [pair("3", "b")]);
        assert_eq!(at(&t.trimmed()), [pair("12", "a"), pair("3", "b")]);
        let mut joined = Styled::plain("（一）");
        joined.append(&t, Marks::NONE);
        assert_eq!(at(&joined), [pair("12", "a"), pair("3", "b")]);
    }

    #[test]
    fn written_markup_reads_back_the_same() {
        let mut t = Styled::default();
        t.push("5*3 与 C:\\文件\\", Marks::NONE);
        t.push("重点", Marks::BOLD);
        t.push(" 引文 ", Marks::BOLD.with(Marks::EMPHASIS));
        t.push("{x}", Marks::UNDERLINE);
        t.push("m", Marks::NONE);
        t.push("2", Marks::SUP);
        t.push("**\\", Marks::BOLD);
        t.push("H", Marks::NONE);
        t.push("2", Marks::SUB);
        let written = write(&t);
        assert_eq!(
            written,
            "5\\*3 与 C:\\文件\\\\**重点**{b:{em: 引文 }}{u:\\{x\\}}m{sup:2}{b:\\*\\*\\\\}H{sub:2}"
        );
        let mut back = Styled::default();
        for piece in parse(&written, Mode::Markup).unwrap() {
            match piece {
                Piece::Text(text, marks) => back.push(&text, marks),
                other => panic!("{other:?}"),
            }
        }
        assert_eq!(back, t);
    }

    #[test]
    fn plain_text_drops_the_marks() {
        assert_eq!(plain("**推进**{em:质量}\\*提升"), "推进质量*提升");
        assert_eq!(plain("{em:未闭合"), "{em:未闭合");
    }

    #[test]
    fn templates_read_fields_once() {
        let pieces = parse("第{issue}期 {pub**}", Mode::Template).unwrap();
        assert_eq!(
            pieces,
            [
                Piece::Text("第".into(), Marks::NONE),
                Piece::Field("issue".into()),
                Piece::Text("期 {pub**}".into(), Marks::NONE)
            ]
        );
    }

    #[test]
    fn styled_text_splits_into_lines_with_marks() {
        let mut t = Styled::default();
        t.push("甲\n乙", Marks::BOLD);
        t.push("丙", Marks::NONE);
        let lines = t.lines();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[1].text, "乙丙");
        assert_eq!(
            lines[1].spans,
            [
                Span {
                    end: 3,
                    marks: Marks::BOLD
                },
                Span {
                    end: 6,
                    marks: Marks::NONE
                }
            ]
        );
    }
}
