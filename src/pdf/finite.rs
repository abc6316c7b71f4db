//! The last line of defence against a non-finite number in the file.
//!
//! Layouts and definitions are validated when they are read (no NaN, no infinity, nothing past
//! PDF's largest page), so nothing should reach the writer that PDF cannot express. If a bug
//! lets one through anyway, the writer would print `NaN` or `inf` as they are — a file
//! viewers reject or draw wrongly — so the writer checks every number it writes into a page (and the page size) and refuses.

/// Refuses a page size PDF cannot express (the page dictionary's numbers).
pub fn check_size(width: f64, height: f64) -> Result<(), String> {
    if width.is_finite() && height.is_finite() {
        Ok(())
    } else {
        Err(crate::messages::msg::pdf_what_page(width, height).text)
    }
}

/// Turns the writer's numbers into the ones PDF writes (`f32`), remembering the first that is
/// not finite (NaN, an infinity, or a number past `f32`'s range) so the page can be refused.
#[derive(Default)]
pub struct Guard {
    first: Option<f64>,
}

impl Guard {
    pub fn f(&mut self, v: f64) -> f32 {
        let x = v as f32;
        if !x.is_finite() && self.first.is_none() {
            self.first = Some(v);
        }
        x
    }

    /// The first number refused, if any.
    pub fn first(&self) -> Option<f64> {
        self.first
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_guard_remembers_the_first_number_pdf_cannot_write() {
        let mut g = Guard::default();
        assert_eq!(g.f(1.5), 1.5);
        assert_eq!(g.first(), None);
        g.f(f64::NAN);
        g.f(f64::INFINITY);
        assert!(g.first().unwrap().is_nan());
        let mut g = Guard::default();
        g.f(1e300);
        assert_eq!(g.first(), Some(1e300));
    }

    #[test]
    fn refuses_a_non_finite_page() {
        assert!(check_size(595.0, 842.0).is_ok());
        assert!(check_size(f64::NAN, 842.0).unwrap_err().contains("NaN"));
        assert!(check_size(595.0, f64::INFINITY).is_err());
    }
}
