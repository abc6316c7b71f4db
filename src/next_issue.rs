//! The next issue's definition from the previous one (`jianbao new`).
//!
//! A bulletin comes out again and again with the same name, publisher, layout, 报尾 lists and
//! print run; only the number, the date and the articles change. This module takes the previous
//! issue's definition text and returns the next one's: the recurring parts as they were written
//! (comments and all — the file is edited with `toml_edit`, not re-serialized), the issue number
//! (and 总期号) counted on, the new date, the per-issue keys dropped, and the articles replaced
//! by a commented skeleton. It reads no clock and no files: the caller gives the date.
//!
//! The skeleton's text is written as literal strings (`'…'`, `'''…'''`): a clerk who pastes
//! `D:\质协\2020` into them gets it as written (in `"…"` strings a backslash starts an escape).
//! Its placeholders are [`PLACEHOLDERS`]; one left in a definition that is rendered is a warning
//! ([`placeholders_left`]).

use crate::error::{Error, ErrorKind, Result, Source, Warning};
use crate::messages::msg;
use crate::model::definition::{self, Block, PER_ISSUE};
use crate::model::Date;
use toml_edit::{DocumentMut, Item, Value};

/// What the caller decides about the next issue.
#[derive(Clone, Debug, PartialEq)]
pub struct NextIssue {
    /// Its number; the previous number plus one when absent.
    pub issue: Option<u32>,
    /// Its date (the CLI gives today's when the user gives none).
    pub date: Date,
    /// A new value for `layout` (a layout path rewritten for a file in another directory).
    pub layout: Option<String>,
    /// New values for `seal` (its paths rewritten likewise).
    pub seals: Option<Vec<String>>,
    /// New values for `signer-seal` (likewise).
    pub signer_seals: Option<Vec<String>>,
}

/// The next issue's definition text.
pub fn next_issue(prev: &Source, next: &NextIssue) -> Result<String> {
    let def = definition::parse(prev)?;
    let invalid = |message: crate::messages::Message| {
        Error::new(ErrorKind::Invalid, message).with_path(&prev.path)
    };
    let mut doc: DocumentMut = prev
        .text
        .parse()
        .map_err(|e: toml_edit::TomlError| invalid(msg::cannot_edit(e)))?;

    if let Some(layout) = &next.layout {
        set(doc.as_table_mut(), "layout", Value::from(layout.as_str()));
    }
    let bulletin = doc
        .get_mut("bulletin")
        .and_then(Item::as_table_like_mut)
        .ok_or_else(|| invalid(msg::no_bulletin_table()))?;
    let issue = match (next.issue, def.meta.issue) {
        (Some(n), _) => Some(n),
        (None, Some(n)) => Some(
            n.checked_add(1)
                .ok_or_else(|| invalid(msg::no_next_number(n)))?,
        ),
        (None, None) => None,
    };
    if let Some(n) = issue {
        set(bulletin, "issue", Value::from(i64::from(n)));
    }
    if let Some(total) = def.meta.total_issue {
        set(bulletin, "total-issue", Value::from(i64::from(total) + 1));
    }
    let date = toml_edit::Datetime {
        date: Some(toml_edit::Date {
            year: next.date.year as u16,
            month: next.date.month as u8,
            day: next.date.day as u8,
        }),
        time: None,
        offset: None,
    };
    set(bulletin, "date", Value::from(date));
    for (key, paths) in [("seal", &next.seals), ("signer-seal", &next.signer_seals)] {
        if let Some(paths) = paths {
            let value = match paths.as_slice() {
                [one] => Value::from(one.as_str()),
                many => Value::Array(many.iter().map(String::as_str).collect()),
            };
            set(bulletin, key, value);
        }
    }
    for key in PER_ISSUE {
        if !matches!(*key, "issue" | "total-issue" | "date") {
            bulletin.remove(key);
        }
    }

    doc.remove("blocks");
    let mut text = doc.to_string();
    while text.ends_with("\n\n") {
        text.pop();
    }
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(&skeleton(&def.blocks));

    // What we write must read back as a definition, with the number and date we meant.
    let check = definition::parse(&Source::new(prev.path.clone(), text.as_str()))
        .map_err(|e| invalid(msg::next_not_readable(e)))?;
    debug_assert_eq!(check.meta.issue, issue);
    debug_assert_eq!(check.meta.date, next.date);
    Ok(text)
}

/// The texts the skeleton (and `jianbao import`'s definition head) holds for the clerk to
/// replace.
pub const PLACEHOLDERS: &[&str] = &[
    "（文章标题）",
    "（编者按）",
    "（小标题）",
    "（正文第一段。）",
    "（正文第二段。）",
    "（图片说明）",
    "（附件标题）",
    "（附件正文。）",
    "（编印单位）",
];

/// A warning for every skeleton placeholder still in `def` (under `--strict`, an error).
pub fn placeholders_left(def: &definition::Definition) -> Vec<Warning> {
    let placeholder = |t: &str| PLACEHOLDERS.contains(&t.trim());
    let mut found: Vec<(&str, std::ops::Range<usize>)> = Vec::new();
    if placeholder(&def.meta.publisher) {
        found.push((&def.meta.publisher, def.meta_at.clone()));
    }
    for block in &def.blocks {
        let text = match block {
            Block::Title { text, .. }
            | Block::Heading { text, .. }
            | Block::Paragraph { text, .. }
            | Block::Note { text, .. } => Some(text.as_str()),
            Block::Figure(f) => f.caption.as_deref(),
            _ => None,
        };
        if let Some(text) = text.filter(|t| placeholder(t)) {
            found.push((text, block.at().clone()));
        }
    }
    found
        .into_iter()
        .map(|(text, at)| {
            Warning::new(msg::placeholder_left(text), "")
                .at(&def.source, at)
                .label(msg::label_placeholder())
        })
        .collect()
}

/// Sets `key` to `value`, keeping the comments and spacing around the old value.
fn set(table: &mut dyn toml_edit::TableLike, key: &str, mut value: Value) {
    if let Some(old) = table.get(key).and_then(Item::as_value) {
        *value.decor_mut() = old.decor().clone();
    }
    table.insert(key, Item::Value(value));
}

/// The articles' skeleton: one article in the shape of the previous issue's (an editor's note
/// and headings if it had them), with comments saying what goes where.
fn skeleton(prev: &[Block]) -> String {
    let had = |f: fn(&Block) -> bool| prev.iter().any(f);
    let note = had(|b| matches!(b, Block::Note { .. }));
    let heading = had(|b| matches!(b, Block::Heading { .. }));
    let figure = had(|b| matches!(b, Block::Figure(_)));
    let attachment = had(|b| matches!(b, Block::Attachment { .. }));
    let mut s = String::from(
        "\n# ── 本期正文 ──────────────────────────────────────────────\n\
         # 把（）中的文字换成本期的文章。每篇文章以 title 开始；有几篇文章，就把下面的块复制几份。\n\
         \n[[blocks]]\ntitle = '（文章标题）'\n",
    );
    let note_block = "\n[[blocks]]\nnote = '''\n（编者按）\n'''\n";
    if note {
        s.push_str("\n# 编者按（版式会加上“编者按：”）；不需要就删去这一块。");
        s.push_str(note_block);
    } else {
        s.push_str("\n# 需要编者按时，去掉下面几行开头的 #：\n");
        for line in note_block.trim_start_matches('\n').lines() {
            s.push_str("# ");
            s.push_str(line);
            s.push('\n');
        }
    }
    if heading {
        s.push_str("\n# 小标题（版式按级别自动编号时，只写标题文字）。\n[[blocks]]\nheading = '（小标题）'\n");
    }
    s.push_str(
        "\n# 正文：段与段之间空一行，或段首空两格（　　）；长文章可另存为文本文件，写 text-file = 'articles/文章.txt'。\n\
         [[blocks]]\ntext = '''\n（正文第一段。）\n\n（正文第二段。）\n'''\n",
    );
    if figure {
        s.push_str(
            "\n# 图片：PNG 或 JPEG，路径相对于本文件；caption 是图注。\n\
             # [[blocks]]\n# figure = 'images/photo.jpg'\n# caption = '（图片说明）'\n",
        );
    }
    if attachment {
        s.push_str(
            "\n# 附件：另起一页；没有附件就删去以下各块（附件说明写在 [bulletin] 的 attachments 中）。\n\
             [[blocks]]\nattachment = '附件1'\n\n[[blocks]]\ntitle = '（附件标题）'\n\n\
             [[blocks]]\ntext = '''\n（附件正文。）\n'''\n",
        );
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const PREV: &str = r#"# 质协简报
layout = "jianbao"

[bulletin]
name = "质协简报"
publisher = "中国质量协会宣传部"
issue = 6 # 期号
total-issue = 120
date = 2020-03-10
title = "上一期的标题"
first-page = 5
copy-number = 12
copies = 120 # 印数
report-to = ["中国科协"]

[[blocks]]
title = "旧文章"

[[blocks]]
note = "旧编者按"

[[blocks]]
text = "旧正文"

[overrides]
body.size = "小四"
"#;

    fn next(issue: Option<u32>) -> String {
        next_issue(
            &Source::new("prev.toml", PREV),
            &NextIssue {
                issue,
                date: Date::parse("2020-03-17").unwrap(),
                layout: None,
                seals: None,
                signer_seals: None,
            },
        )
        .unwrap()
    }

    #[test]
    fn recurring_parts_stay_and_the_issue_moves_on() {
        let text = next(None);
        let def = definition::parse(&Source::new("next.toml", text.as_str())).unwrap();
        assert_eq!(def.layout.get_ref(), "jianbao");
        assert_eq!(def.meta.issue, Some(7));
        assert_eq!(def.meta.total_issue, Some(121));
        assert_eq!(def.meta.date, Date::parse("2020-03-17").unwrap());
        assert_eq!(
            def.meta.name.map(|n| n.0),
            Some(vec!["质协简报".to_string()])
        );
        assert_eq!(def.meta.copies.map(|c| c.into_inner()), Some(120));
        assert_eq!(def.meta.report_to.as_ref().unwrap().0, vec!["中国科协"]);
        assert!(def.overrides.is_some(), "overrides are kept");
        // Per-issue keys are gone.
        assert_eq!(def.meta.title, None);
        assert_eq!(def.meta.first_page, 1);
        assert_eq!(def.meta.copy_number, None);
        // Comments stay where they were.
        assert!(text.starts_with("# 质协简报\n"), "{text}");
        assert!(text.contains("issue = 7 # 期号"), "{text}");
        assert!(text.contains("copies = 120 # 印数"), "{text}");
        // The old articles are gone; the skeleton has the previous issue's shape.
        assert!(!text.contains("旧"), "{text}");
        assert!(matches!(&def.blocks[0], Block::Title { text, .. } if text == "（文章标题）"));
        assert!(def.blocks.iter().any(|b| matches!(b, Block::Note { .. })));
        assert!(def
            .blocks
            .iter()
            .any(|b| matches!(b, Block::Paragraph { .. })));
    }

    #[test]
    fn an_issue_number_given_wins() {
        let text = next(Some(1));
        let def = definition::parse(&Source::new("next.toml", text.as_str())).unwrap();
        assert_eq!(def.meta.issue, Some(1));
        assert_eq!(def.meta.total_issue, Some(121));
    }

    #[test]
    fn a_bad_previous_definition_is_reported_with_its_place() {
        let err = next_issue(
            &Source::new("prev.toml", "layout = \"x\"\n[bulletin]\npublisher = 1\n"),
            &NextIssue {
                issue: None,
                date: Date::parse("2020-03-17").unwrap(),
                layout: None,
                seals: None,
                signer_seals: None,
            },
        )
        .unwrap_err();
        assert_eq!(err.line_col().map(|p| p.0), Some(3), "{err}");
    }
}
