//! Small value types that appear in both definitions and layouts.

use crate::messages::msg;
use crate::units::{parse_length, Length, Pt};
use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;
use std::fmt;

/// A calendar date, as a bulletin carries it. Written in TOML as a date (`2020-03-10`) or a
/// string (`"2020-03-10"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// Parses `YYYY-MM-DD`, checking that the day exists.
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.trim().splitn(3, '-');
        let year: i32 = parts.next()?.parse().ok()?;
        let month: u32 = parts.next()?.parse().ok()?;
        let day: u32 = parts.next()?.parse().ok()?;
        let date = Date { year, month, day };
        date.is_valid().then_some(date)
    }

    fn is_valid(&self) -> bool {
        (1..=9999).contains(&self.year)
            && (1..=12).contains(&self.month)
            && self.day >= 1
            && self.day <= days_in_month(self.year, self.month)
    }

    /// Fills a pattern such as `{year}年{month}月{day}日` (also `{mm}`/`{dd}` zero-padded).
    pub fn format(&self, pattern: &str) -> String {
        pattern
            .replace("{year}", &self.year.to_string())
            .replace("{month}", &self.month.to_string())
            .replace("{day}", &self.day.to_string())
            .replace("{mm}", &format!("{:02}", self.month))
            .replace("{dd}", &format!("{:02}", self.day))
    }

    /// ISO form, `YYYY-MM-DD`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        // A TOML date reaches serde as `toml::value::Datetime`; a string as a string. Go through
        // `toml::Value` to accept both with one message for anything else.
        let value = toml::Value::deserialize(deserializer)?;
        let text = match &value {
            toml::Value::Datetime(dt) => match (dt.date, dt.time) {
                (Some(d), None) => format!("{:04}-{:02}-{:02}", d.year, d.month, d.day),
                _ => return Err(de::Error::custom(msg::date_with_time())),
            },
            toml::Value::String(s) => s.clone(),
            _ => return Err(de::Error::custom(msg::expected_date())),
        };
        Date::parse(&text).ok_or_else(|| de::Error::custom(msg::bad_date(&text)))
    }
}

/// An RGB colour, 0–1 per channel.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Color {
    pub r: f64,
    pub g: f64,
    pub b: f64,
}

impl Color {
    pub const BLACK: Color = Color {
        r: 0.0,
        g: 0.0,
        b: 0.0,
    };
    /// The red of Chinese official documents and bulletins (GB/T 9704 suggests Y80 M80; this is the
    /// sRGB value commonly used for it, #C8102E).
    pub const RED: Color = Color {
        r: 200.0 / 255.0,
        g: 16.0 / 255.0,
        b: 46.0 / 255.0,
    };

    /// `#RRGGBB`, `#RGB`, or one of `black`, `red`, `gray`, `white`.
    pub fn parse(text: &str) -> Option<Color> {
        let t = text.trim();
        match t.to_ascii_lowercase().as_str() {
            "black" => return Some(Color::BLACK),
            "red" => return Some(Color::RED),
            "gray" | "grey" => return Some(Color::from_rgb8(0x80, 0x80, 0x80)),
            "white" => return Some(Color::from_rgb8(0xff, 0xff, 0xff)),
            _ => {}
        }
        let hex = t.strip_prefix('#')?;
        let digits: Vec<u8> = hex
            .chars()
            .map(|c| c.to_digit(16).map(|d| d as u8))
            .collect::<Option<_>>()?;
        match digits.as_slice() {
            [r, g, b] => Some(Color::from_rgb8(r * 17, g * 17, b * 17)),
            [r1, r2, g1, g2, b1, b2] => {
                Some(Color::from_rgb8(r1 * 16 + r2, g1 * 16 + g2, b1 * 16 + b2))
            }
            _ => None,
        }
    }

    pub fn from_rgb8(r: u8, g: u8, b: u8) -> Color {
        Color {
            r: r as f64 / 255.0,
            g: g as f64 / 255.0,
            b: b as f64 / 255.0,
        }
    }
}

impl<'de> Deserialize<'de> for Color {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Color, D::Error> {
        struct ColorVisitor;
        impl Visitor<'_> for ColorVisitor {
            type Value = Color;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(&msg::expect_colour().text)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Color, E> {
                Color::parse(v).ok_or_else(|| E::custom(msg::bad_colour(v)))
            }
        }
        deserializer.deserialize_str(ColorVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_and_format() {
        let d = Date::parse("2020-03-10").unwrap();
        assert_eq!(d.format("{year}年{month}月{day}日"), "2020年3月10日");
        assert_eq!(d.iso(), "2020-03-10");
        assert!(Date::parse("2021-02-29").is_none());
        assert!(Date::parse("2020-02-29").is_some());
        assert!(Date::parse("2020-13-01").is_none());
    }

    #[test]
    fn colours_parse() {
        assert_eq!(Color::parse("#C8102E"), Some(Color::RED));
        assert_eq!(Color::parse("red"), Some(Color::RED));
        assert_eq!(Color::parse("#000"), Some(Color::BLACK));
        assert_eq!(Color::parse("#12345"), None);
    }
}

/// Deserializes a [`Length`] from `"16pt"`, `"28mm"`, `"2字"`, `"三号"`, or a bare number (points).
pub(crate) fn deserialize_length<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Length, D::Error> {
    struct LengthVisitor;
    impl Visitor<'_> for LengthVisitor {
        type Value = Length;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str(&msg::expect_length().text)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Length, E> {
            parse_length(v).map_err(E::custom)
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<Length, E> {
            Length::Pt(Pt(v as f64))
                .checked(&v.to_string())
                .map_err(E::custom)
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<Length, E> {
            Length::Pt(Pt(v)).checked(&v.to_string()).map_err(E::custom)
        }
    }
    deserializer.deserialize_any(LengthVisitor)
}

/// A length that may also be given as a percentage of something the context names (the text
/// width for a figure's width, the text block height for its largest height).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Extent {
    Length(Length),
    Percent(f64),
}

impl Extent {
    /// The length in points, given the font size for ems and the whole for percentages.
    pub fn resolve(self, font_size: Pt, whole: Pt) -> Pt {
        match self {
            Extent::Length(l) => l.resolve(font_size),
            Extent::Percent(p) => whole * (p / 100.0),
        }
    }

    /// Parses `120mm` or `70%`. Both must be more than zero (a negative width would draw the
    /// image mirrored, a zero one not at all); a percentage is at most 100% of the whole.
    pub fn parse(text: &str) -> Result<Extent, String> {
        match text.trim().strip_suffix('%') {
            Some(num) => match num.trim().parse::<f64>() {
                Ok(v) if v.is_finite() && v > 0.0 && v <= 100.0 => Ok(Extent::Percent(v)),
                _ => Err(msg::bad_percentage(text).text),
            },
            None => Extent::positive(parse_length(text)?, text),
        }
    }

    fn positive(length: Length, text: &str) -> Result<Extent, String> {
        let value = match length {
            Length::Pt(p) => p.0,
            Length::Em(e) => e,
        };
        if value > 0.0 {
            Ok(Extent::Length(length))
        } else {
            Err(msg::not_positive_extent(text.trim()).text)
        }
    }
}

impl<'de> Deserialize<'de> for Extent {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Extent, D::Error> {
        struct ExtentVisitor;
        impl Visitor<'_> for ExtentVisitor {
            type Value = Extent;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(&msg::expect_extent().text)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Extent, E> {
                Extent::parse(v).map_err(E::custom)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Extent, E> {
                Extent::parse(&v.to_string()).map_err(E::custom)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Extent, E> {
                Extent::parse(&v.to_string()).map_err(E::custom)
            }
        }
        deserializer.deserialize_any(ExtentVisitor)
    }
}

/// A length field in a TOML table (`#[serde(default, deserialize_with = ...)]` for `Option`s).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LengthValue(pub Length);

impl<'de> Deserialize<'de> for LengthValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<LengthValue, D::Error> {
        deserialize_length(deserializer).map(LengthValue)
    }
}

/// Paper sizes by name.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PaperSize {
    pub width: Pt,
    pub height: Pt,
}

impl PaperSize {
    pub fn by_name(name: &str) -> Option<PaperSize> {
        let (w, h) = match name.trim().to_ascii_uppercase().as_str() {
            "A3" => (297.0, 420.0),
            "A4" => (210.0, 297.0),
            "A5" => (148.0, 210.0),
            "B5" => (176.0, 250.0),
            "16K" => (184.0, 260.0),
            "LETTER" => (215.9, 279.4),
            _ => return None,
        };
        Some(PaperSize {
            width: Pt::from_mm(w),
            height: Pt::from_mm(h),
        })
    }
}

impl<'de> Deserialize<'de> for PaperSize {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<PaperSize, D::Error> {
        let name = String::deserialize(deserializer)?;
        PaperSize::by_name(&name).ok_or_else(|| de::Error::custom(msg::unknown_paper(&name)))
    }
}
