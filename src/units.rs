//! Lengths with their unit in the type.
//!
//! Everything the layout engine computes is in PDF points ([`Pt`], 1/72 inch). User input may be
//! written in points, millimetres, centimetres, inches, Chinese size names (号) or ems (字) of the
//! body size; [`Length`] keeps the unit until the style it belongs to is resolved, because an em
//! only has a size once the font size is known.

use std::fmt;
use std::ops::{Add, AddAssign, Div, Mul, Neg, Sub, SubAssign};

/// A length in PDF points (big points, 1/72 inch).
#[derive(Clone, Copy, Debug, Default, PartialEq, PartialOrd)]
pub struct Pt(pub f64);

impl Pt {
    pub const ZERO: Pt = Pt(0.0);

    /// Millimetres to points.
    pub fn from_mm(mm: f64) -> Pt {
        Pt(mm * 72.0 / 25.4)
    }

    pub fn to_mm(self) -> f64 {
        self.0 * 25.4 / 72.0
    }

    pub fn max(self, other: Pt) -> Pt {
        Pt(self.0.max(other.0))
    }

    pub fn min(self, other: Pt) -> Pt {
        Pt(self.0.min(other.0))
    }

    pub fn abs(self) -> Pt {
        Pt(self.0.abs())
    }
}

impl fmt::Display for Pt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.2}pt", self.0)
    }
}

impl Add for Pt {
    type Output = Pt;
    fn add(self, rhs: Pt) -> Pt {
        Pt(self.0 + rhs.0)
    }
}

impl AddAssign for Pt {
    fn add_assign(&mut self, rhs: Pt) {
        self.0 += rhs.0;
    }
}

impl Sub for Pt {
    type Output = Pt;
    fn sub(self, rhs: Pt) -> Pt {
        Pt(self.0 - rhs.0)
    }
}

impl SubAssign for Pt {
    fn sub_assign(&mut self, rhs: Pt) {
        self.0 -= rhs.0;
    }
}

impl Neg for Pt {
    type Output = Pt;
    fn neg(self) -> Pt {
        Pt(-self.0)
    }
}

impl Mul<f64> for Pt {
    type Output = Pt;
    fn mul(self, rhs: f64) -> Pt {
        Pt(self.0 * rhs)
    }
}

impl Div<f64> for Pt {
    type Output = Pt;
    fn div(self, rhs: f64) -> Pt {
        Pt(self.0 / rhs)
    }
}

/// Ratio of two lengths.
impl Div for Pt {
    type Output = f64;
    fn div(self, rhs: Pt) -> f64 {
        self.0 / rhs.0
    }
}

impl std::iter::Sum for Pt {
    fn sum<I: Iterator<Item = Pt>>(iter: I) -> Pt {
        Pt(iter.map(|p| p.0).sum())
    }
}

/// A length as the user wrote it, before the font size that gives ems their meaning is known.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Length {
    Pt(Pt),
    /// Multiples of the current font size (`2em`, `2字`).
    Em(f64),
}

impl Length {
    /// The length in points for a given font size.
    pub fn resolve(self, font_size: Pt) -> Pt {
        match self {
            Length::Pt(p) => p,
            Length::Em(e) => font_size * e,
        }
    }
}

/// Chinese type sizes (字号) in points, largest first, as GB/T 9704 and every Chinese word
/// processor define them.
pub const HAO_SIZES: &[(&str, f64)] = &[
    ("初号", 42.0),
    ("小初", 36.0),
    ("一号", 26.0),
    ("小一", 24.0),
    ("二号", 22.0),
    ("小二", 18.0),
    ("三号", 16.0),
    ("小三", 15.0),
    ("四号", 14.0),
    ("小四", 12.0),
    ("五号", 10.5),
    ("小五", 9.0),
    ("六号", 7.5),
    ("小六", 6.5),
    ("七号", 5.5),
    ("八号", 5.0),
];

/// The largest length anything may have: PDF's largest page side (200 inches, 5,080 mm). A
/// longer margin, pitch or indent can only put type off any page, and a value such as
/// `1e308mm` would become infinite on the way to points.
pub const MAX_LENGTH: Pt = Pt(14_400.0);

/// The most ems a length may have: no line holds more than 100 characters of any usable size.
pub const MAX_EMS: f64 = 100.0;

impl Length {
    /// The length if it is finite and within [`MAX_LENGTH`] (or [`MAX_EMS`]) either way;
    /// otherwise a message that says what is allowed. `written` is the value as the user wrote
    /// it.
    pub fn checked(self, written: &str) -> Result<Length, String> {
        let ok = match self {
            Length::Pt(p) => p.0.is_finite() && p.0.abs() <= MAX_LENGTH.0,
            Length::Em(e) => e.is_finite() && e.abs() <= MAX_EMS,
        };
        let finite = match self {
            Length::Pt(p) => p.0.is_finite(),
            Length::Em(e) => e.is_finite(),
        };
        if ok {
            Ok(self)
        } else if !finite {
            Err(crate::messages::msg::not_finite(written).text)
        } else {
            Err(crate::messages::msg::length_out_of_range(written, MAX_EMS).text)
        }
    }
}

/// Parses a length: `16pt`, `5.6mm`, `1.2cm`, `0.5in`, `2em`, `2字`, or a size name such as
/// `三号`/`小四`. A bare number is points. Returns a message naming the accepted forms on failure,
/// or the limits when the value is beyond [`MAX_LENGTH`]/[`MAX_EMS`].
pub fn parse_length(text: &str) -> Result<Length, String> {
    parse_unchecked(text)?.checked(text.trim())
}

fn parse_unchecked(text: &str) -> Result<Length, String> {
    let t = text.trim();
    if let Some(&(_, pt)) = HAO_SIZES.iter().find(|(name, _)| *name == t) {
        return Ok(Length::Pt(Pt(pt)));
    }
    type Make = fn(f64) -> Length;
    let units: &[(&str, Make)] = &[
        ("pt", |v| Length::Pt(Pt(v))),
        ("bp", |v| Length::Pt(Pt(v))),
        ("mm", |v| Length::Pt(Pt::from_mm(v))),
        ("cm", |v| Length::Pt(Pt::from_mm(v * 10.0))),
        ("in", |v| Length::Pt(Pt(v * 72.0))),
        ("em", Length::Em),
        ("字", Length::Em),
    ];
    for (suffix, make) in units {
        if let Some(num) = t.strip_suffix(suffix) {
            return parse_number(num.trim())
                .map(make)
                .ok_or_else(|| bad_length(text));
        }
    }
    parse_number(t)
        .map(|v| Length::Pt(Pt(v)))
        .ok_or_else(|| bad_length(text))
}

fn parse_number(s: &str) -> Option<f64> {
    let v: f64 = s.parse().ok()?;
    v.is_finite().then_some(v)
}

fn bad_length(text: &str) -> String {
    crate::messages::msg::not_a_length(text).text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_units_and_size_names() {
        assert_eq!(parse_length("16pt").unwrap(), Length::Pt(Pt(16.0)));
        assert_eq!(parse_length("三号").unwrap(), Length::Pt(Pt(16.0)));
        assert_eq!(parse_length("小四").unwrap(), Length::Pt(Pt(12.0)));
        assert_eq!(parse_length("2字").unwrap(), Length::Em(2.0));
        assert_eq!(parse_length(" 1.5em ").unwrap(), Length::Em(1.5));
        match parse_length("25.4mm").unwrap() {
            Length::Pt(p) => assert!((p.0 - 72.0).abs() < 1e-9),
            other => panic!("{other:?}"),
        }
        assert_eq!(parse_length("10").unwrap(), Length::Pt(Pt(10.0)));
        assert!(parse_length("big").is_err());
        assert!(parse_length("12px").is_err());
        assert!(parse_length("NaNpt").is_err());
    }

    #[test]
    fn lengths_beyond_the_largest_page_are_refused() {
        for bad in [
            "1e308mm", "5081mm", "-14401pt", "1e6字", "101em", "inf", "-infpt",
        ] {
            let err = parse_length(bad).unwrap_err();
            assert!(
                err.contains("out of range")
                    || err.contains("not a length")
                    || err.contains("not a finite number"),
                "{bad}: {err}"
            );
        }
        assert!(parse_length("5080mm").is_ok());
        assert!(parse_length("-100字").is_ok());
    }

    #[test]
    fn em_resolves_against_font_size() {
        assert_eq!(Length::Em(2.0).resolve(Pt(16.0)), Pt(32.0));
        assert_eq!(Length::Pt(Pt(3.0)).resolve(Pt(16.0)), Pt(3.0));
    }
}
