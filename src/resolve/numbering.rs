//! Automatic heading numbers (一、（一）1.（1）) for layouts that ask for them.
//!
//! Authors write only the heading text; each level counts its headings, a heading resets the
//! levels below it, and an article title resets them all. A heading that already starts with a
//! number (`三、`, `（二）`, `4.`, `（5）`, `第六章`) is left as written, and its number becomes the
//! count its level goes on from — so a clerk may number some headings by hand.

/// Heading counters and the layout's number formats per level.
#[derive(Clone, Debug, Default)]
pub struct Numbering {
    /// `{cn}` (一, 二 …) or `{n}` (1, 2 …) in a template, per level 1–4; `None`: not numbered.
    formats: [Option<String>; 4],
    counters: [u32; 4],
}

impl Numbering {
    pub fn new(formats: [Option<String>; 4]) -> Numbering {
        Numbering {
            formats,
            counters: [0; 4],
        }
    }

    /// An article starts: every level counts from one again.
    pub fn reset(&mut self) {
        self.counters = [0; 4];
    }

    /// The heading's text as printed: numbered if its level is numbered and it has no number
    /// of its own.
    pub fn heading(&mut self, level: u8, text: &str) -> String {
        let i = (level.clamp(1, 4) - 1) as usize;
        for deeper in &mut self.counters[i + 1..] {
            *deeper = 0;
        }
        if let Some(n) = explicit_number(text) {
            self.counters[i] = n;
            return text.to_string();
        }
        self.counters[i] += 1;
        match &self.formats[i] {
            Some(format) => {
                let n = self.counters[i];
                let number = crate::model::markup::fill(format, |f| match f {
                    "cn" => Some(chinese_numeral(n)),
                    "n" => Some(n.to_string()),
                    _ => None,
                });
                format!("{number}{text}")
            }
            None => text.to_string(),
        }
    }
}

/// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (up to 9999; larger numbers in digits).
pub fn chinese_numeral(n: u32) -> String {
    const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    const UNITS: [&str; 4] = ["", "十", "百", "千"];
    if n == 0 {
        return "零".into();
    }
    if n >= 10_000 {
        return n.to_string();
    }
    let digits: Vec<u32> = n.to_string().bytes().map(|b| (b - b'0') as u32).collect();
    let len = digits.len();
    let mut out = String::new();
    let mut zero = false;
    for (k, &d) in digits.iter().enumerate() {
        let unit = len - 1 - k;
        if d == 0 {
            zero = true;
            continue;
        }
        if zero && !out.is_empty() {
            out.push('零');
        }
        zero = false;
        // 十二, not 一十二; but 一百一十二.
        if !(d == 1 && unit == 1 && out.is_empty()) {
            out.push(DIGITS[d as usize]);
        }
        out.push_str(UNITS[unit]);
    }
    out
}

/// The value of a number written in Chinese (一, 十二, 二十, 一百零五), if it is one.
pub fn parse_chinese_numeral(text: &str) -> Option<u32> {
    if text.is_empty() {
        return None;
    }
    let value_of = |c: char| -> Option<u32> {
        match c {
            '零' | '〇' => Some(0),
            '一' => Some(1),
            '二' | '两' => Some(2),
            '三' => Some(3),
            '四' => Some(4),
            '五' => Some(5),
            '六' => Some(6),
            '七' => Some(7),
            '八' => Some(8),
            '九' => Some(9),
            _ => None,
        }
    };
    let mut total = 0;
    let mut pending: Option<u32> = None;
    for c in text.chars() {
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            _ => {
                pending = Some(value_of(c)?);
                continue;
            }
        };
        total += pending.take().unwrap_or(1) * unit;
    }
    total += pending.unwrap_or(0);
    (total > 0).then_some(total)
}

/// The number a heading starts with, if it starts with one in a usual form: `一、`, `（一）`,
/// `(一)`, `1.`, `1．`, `1、`, `（1）`, `(1)`, `第一章` (节, 条, 部分, 篇).
pub fn explicit_number(text: &str) -> Option<u32> {
    let is_cn = |c: char| "零〇一二两三四五六七八九十百千".contains(c);
    let chars: Vec<char> = text.chars().collect();
    let take = |from: usize, pred: &dyn Fn(char) -> bool| -> usize {
        chars[from..].iter().take_while(|&&c| pred(c)).count()
    };
    let number = |from: usize, len: usize| -> Option<u32> {
        let s: String = chars[from..from + len].iter().collect();
        if chars[from].is_ascii_digit() {
            s.parse().ok()
        } else {
            parse_chinese_numeral(&s)
        }
    };
    let first = *chars.first()?;
    if matches!(first, '（' | '(') {
        let len = take(1, &|c| is_cn(c) || c.is_ascii_digit());
        let close = chars.get(1 + len)?;
        return if len > 0 && matches!(close, '）' | ')') {
            number(1, len)
        } else {
            None
        };
    }
    if first == '第' {
        let len = take(1, &|c| is_cn(c) || c.is_ascii_digit());
        let rest: String = chars.get(1 + len..)?.iter().take(2).collect();
        let unit = ["章", "节", "条", "部分", "篇", "编"]
            .iter()
            .any(|u| rest.starts_with(u));
        return if len > 0 && unit {
            number(1, len)
        } else {
            None
        };
    }
    if first.is_ascii_digit() {
        let len = take(0, &|c| c.is_ascii_digit());
        let after = chars.get(len)?;
        // `1.` but not `1.5倍`.
        let next_is_digit = chars.get(len + 1).is_some_and(|c| c.is_ascii_digit());
        return if matches!(after, '.' | '．' | '、') && !next_is_digit {
            number(0, len)
        } else {
            None
        };
    }
    if is_cn(first) {
        let len = take(0, &is_cn);
        return if chars.get(len) == Some(&'、') {
            number(0, len)
        } else {
            None
        };
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals_both_ways() {
        for (n, cn) in [
            (1, "一"),
            (10, "十"),
            (12, "十二"),
            (20, "二十"),
            (21, "二十一"),
            (100, "一百"),
            (105, "一百零五"),
            (110, "一百一十"),
            (2020, "二千零二十"),
        ] {
            assert_eq!(chinese_numeral(n), cn);
            assert_eq!(parse_chinese_numeral(cn), Some(n), "{cn}");
        }
        assert_eq!(parse_chinese_numeral("两"), Some(2));
        assert_eq!(parse_chinese_numeral("全面"), None);
    }

    #[test]
    fn explicit_numbers_are_recognised() {
        assert_eq!(explicit_number("三、总结"), Some(3));
        assert_eq!(explicit_number("（十一）措施"), Some(11));
        assert_eq!(explicit_number("(2) 要求"), Some(2));
        assert_eq!(explicit_number("4.落实"), Some(4));
        assert_eq!(explicit_number("4．落实"), Some(4));
        assert_eq!(explicit_number("（5）其他"), Some(5));
        assert_eq!(explicit_number("第六章 附则"), Some(6));
        assert_eq!(explicit_number("1.5倍的增长"), None);
        assert_eq!(explicit_number("一是加强领导"), None);
        assert_eq!(explicit_number("全面统筹"), None);
        assert_eq!(explicit_number("十分重要、必要"), None);
        assert_eq!(explicit_number("2020年工作"), None);
    }

    fn gongwen() -> Numbering {
        Numbering::new([
            Some("{cn}、".into()),
            Some("（{cn}）".into()),
            Some("{n}.".into()),
            Some("（{n}）".into()),
        ])
    }

    #[test]
    fn levels_count_and_reset() {
        let mut n = gongwen();
        assert_eq!(n.heading(1, "总体要求"), "一、总体要求");
        assert_eq!(n.heading(2, "指导思想"), "（一）指导思想");
        assert_eq!(n.heading(3, "坚持"), "1.坚持");
        assert_eq!(n.heading(4, "细则"), "（1）细则");
        assert_eq!(n.heading(4, "细则"), "（2）细则");
        assert_eq!(n.heading(3, "落实"), "2.落实");
        assert_eq!(n.heading(4, "细则"), "（1）细则");
        assert_eq!(n.heading(2, "目标"), "（二）目标");
        assert_eq!(n.heading(3, "第一"), "1.第一");
        assert_eq!(n.heading(1, "主要任务"), "二、主要任务");
        assert_eq!(n.heading(2, "任务"), "（一）任务");
        n.reset();
        assert_eq!(n.heading(1, "新文章"), "一、新文章");
    }

    #[test]
    fn explicit_numbers_are_kept_and_counted_from() {
        let mut n = gongwen();
        assert_eq!(n.heading(1, "三、总结"), "三、总结");
        assert_eq!(n.heading(1, "展望"), "四、展望");
        assert_eq!(n.heading(2, "（一）已编号"), "（一）已编号");
        assert_eq!(n.heading(2, "未编号"), "（二）未编号");
    }

    #[test]
    fn unnumbered_levels_are_left_alone() {
        let mut n = Numbering::new([Some("{cn}、".into()), None, None, None]);
        assert_eq!(n.heading(2, "小标题"), "小标题");
        assert_eq!(n.heading(1, "大标题"), "一、大标题");
    }
}
