//! The captions of a row of photos: under one number, the row's caption is numbered like a
//! figure's and each photo's is a sub-caption worded by `[figure] sub-caption` (`(a) …`,
//! `左：…`); numbered each, every photo's caption is a figure caption of its own.

use crate::error::Result;
use crate::model::figures::{RowNumbering, RowSpec};
use crate::model::markup::{self, Marks, Styled};

/// A photo's place in a row of `count` as a word: 左/右, 左/中/右, or counted from the left
/// (左一 … 左四), as news captions say.
pub fn side(index: usize, count: usize) -> &'static str {
    match (count, index) {
        (2, 0) => "左",
        (2, _) => "右",
        (3, 0) => "左",
        (3, 1) => "中",
        (3, _) => "右",
        (_, 0) => "左一",
        (_, 1) => "左二",
        (_, 2) => "左三",
        _ => "左四",
    }
}

/// The row's caption and each photo's, as printed. `number` is the last figure number before
/// the row and is counted on; `caption` words a numbered caption (`图 {n} {caption}`) and
/// `styled` reads a caption's markup.
pub fn captions(
    row: &RowSpec,
    number: &mut u32,
    sub_format: &str,
    caption: impl Fn(u32, &Styled) -> Styled,
    styled: impl Fn(&str) -> Result<Styled>,
) -> Result<(Option<Styled>, Vec<Option<Styled>>)> {
    let count = row.photos.len();
    let own = |i: usize| row.captions.get(i).filter(|c| !c.is_empty());
    match row.numbering {
        RowNumbering::Row => {
            *number += 1;
            let whole = match &row.caption {
                Some(c) => Some(caption(*number, &styled(c)?)),
                None => None,
            };
            let mut subs = Vec::with_capacity(count);
            for i in 0..count {
                subs.push(match own(i) {
                    Some(c) => Some(sub_caption(sub_format, i, count, &styled(c)?)),
                    None => None,
                });
            }
            Ok((whole, subs))
        }
        RowNumbering::Each => {
            let mut each = Vec::with_capacity(count);
            for i in 0..count {
                *number += 1;
                let text = match own(i) {
                    Some(c) => styled(c)?,
                    None => Styled::default(),
                };
                each.push(Some(caption(*number, &text)));
            }
            Ok((None, each))
        }
    }
}

/// A sub-caption: the layout's format with `{a}` the photo's letter, `{side}` its place and
/// `{caption}` its text.
fn sub_caption(format: &str, index: usize, count: usize, text: &Styled) -> Styled {
    let mut out = Styled::default();
    let letter = char::from(b'a' + index as u8).to_string();
    for piece in markup::parse(format, markup::Mode::Template).unwrap_or_default() {
        match piece {
            markup::Piece::Field(f) if f == "a" => out.push(&letter, Marks::NONE),
            markup::Piece::Field(f) if f == "side" => out.push(side(index, count), Marks::NONE),
            markup::Piece::Field(f) if f == "caption" => out.append(text, Marks::NONE),
            markup::Piece::Field(f) => out.push(&format!("{{{f}}}"), Marks::NONE),
            markup::Piece::Text(t, _) => out.push(&t, Marks::NONE),
            markup::Piece::Ref(..) | markup::Piece::Break => {}
        }
    }
    out.trimmed()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sides_and_letters() {
        assert_eq!([side(0, 2), side(1, 2)], ["左", "右"]);
        assert_eq!([side(0, 3), side(1, 3), side(2, 3)], ["左", "中", "右"]);
        assert_eq!(side(3, 4), "左四");
        let t = sub_caption("({a}) {caption}", 1, 2, &Styled::plain("会场"));
        assert_eq!(t.text, "(b) 会场");
        let t = sub_caption("{side}：{caption}", 1, 2, &Styled::plain("会场"));
        assert_eq!(t.text, "右：会场");
    }
}
