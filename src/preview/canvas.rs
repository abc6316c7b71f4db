//! An RGB page bitmap and the three ways things are painted on it: coverage masks (glyphs),
//! anti-aliased rectangles (rules) and opaque pictures (images).

/// A white page, 8-bit RGB, rows top to bottom.
#[derive(Clone, Debug)]
pub struct Canvas {
    pub width: u32,
    pub height: u32,
    pub pixels: Vec<u8>,
}

impl Canvas {
    pub fn new(width: u32, height: u32) -> Canvas {
        Canvas {
            width,
            height,
            pixels: vec![255; width as usize * height as usize * 3],
        }
    }

    /// Encodes the page as a PNG file.
    pub fn to_png(&self) -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        image::ImageEncoder::write_image(
            image::codecs::png::PngEncoder::new_with_quality(
                &mut out,
                image::codecs::png::CompressionType::Fast,
                image::codecs::png::FilterType::Sub,
            ),
            &self.pixels,
            self.width,
            self.height,
            image::ExtendedColorType::Rgb8,
        )
        .map_err(|e| crate::messages::msg::preview_png_encode(e).text)?;
        Ok(out)
    }

    /// Blends `color` through an alpha mask (0 = nothing, 255 = full colour) whose top-left
    /// pixel goes to `(left, top)`; parts off the page are clipped.
    pub fn draw_coverage(
        &mut self,
        left: i64,
        top: i64,
        width: usize,
        mask: &[u8],
        color: [u8; 3],
    ) {
        if width == 0 {
            return;
        }
        let height = mask.len() / width;
        for row in 0..height {
            let y = top + row as i64;
            if y < 0 || y >= self.height as i64 {
                continue;
            }
            for col in 0..width {
                let a = mask[row * width + col];
                if a == 0 {
                    continue;
                }
                let x = left + col as i64;
                if x < 0 || x >= self.width as i64 {
                    continue;
                }
                self.blend(x as usize, y as usize, color, a as u32);
            }
        }
    }

    /// Fills the rectangle between `(x0, y0)` and `(x1, y1)` (pixels, fractional), edge pixels
    /// in proportion to how much of them it covers.
    pub fn fill_rect(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, color: [u8; 3]) {
        let (x0, x1) = (x0.max(0.0), x1.min(self.width as f64));
        let (y0, y1) = (y0.max(0.0), y1.min(self.height as f64));
        if x1 <= x0 || y1 <= y0 {
            return;
        }
        for y in y0.floor() as usize..(y1.ceil() as usize).min(self.height as usize) {
            let cover_y = overlap(y as f64, y0, y1);
            for x in x0.floor() as usize..(x1.ceil() as usize).min(self.width as usize) {
                let cover = cover_y * overlap(x as f64, x0, x1);
                let a = (cover * 255.0).round() as u32;
                if a > 0 {
                    self.blend(x, y, color, a);
                }
            }
        }
    }

    /// Fills a circle centred on `(cx, cy)` (pixels, fractional), edge pixels by how much of
    /// them it covers (sampled 4×4).
    pub fn fill_circle(&mut self, cx: f64, cy: f64, r: f64, color: [u8; 3]) {
        let (x0, x1) = (
            (cx - r).floor().max(0.0),
            (cx + r).ceil().min(self.width as f64),
        );
        let (y0, y1) = (
            (cy - r).floor().max(0.0),
            (cy + r).ceil().min(self.height as f64),
        );
        for y in y0 as usize..y1.max(y0) as usize {
            for x in x0 as usize..x1.max(x0) as usize {
                let mut hits = 0u32;
                for sy in 0..4 {
                    for sx in 0..4 {
                        let dx = x as f64 + (sx as f64 + 0.5) / 4.0 - cx;
                        let dy = y as f64 + (sy as f64 + 0.5) / 4.0 - cy;
                        if dx * dx + dy * dy <= r * r {
                            hits += 1;
                        }
                    }
                }
                if hits > 0 {
                    self.blend(x, y, color, hits * 255 / 16);
                }
            }
        }
    }

    /// Copies an opaque RGB picture (`width × height`, rows packed) to `(left, top)`, clipped;
    /// with `multiply`, multiplies it onto what is there instead (a seal over text: white
    /// leaves the page as it is, black type stays black).
    pub fn draw_rgb(&mut self, left: i64, top: i64, picture: &Picture, multiply: bool) {
        for row in 0..picture.height as i64 {
            let y = top + row;
            if y < 0 || y >= self.height as i64 {
                continue;
            }
            let x_start = left.max(0);
            let x_end = (left + picture.width as i64).min(self.width as i64);
            if x_end <= x_start {
                continue;
            }
            let src = ((row * picture.width as i64 + (x_start - left)) * 3) as usize;
            let dst = ((y * self.width as i64 + x_start) * 3) as usize;
            let n = ((x_end - x_start) * 3) as usize;
            let (from, to) = (
                &picture.pixels[src..src + n],
                &mut self.pixels[dst..dst + n],
            );
            if multiply {
                for (d, &s) in to.iter_mut().zip(from) {
                    *d = ((*d as u32 * s as u32 + 127) / 255) as u8;
                }
            } else {
                to.copy_from_slice(from);
            }
        }
    }

    fn blend(&mut self, x: usize, y: usize, color: [u8; 3], alpha: u32) {
        let i = (y * self.width as usize + x) * 3;
        for (k, &c) in color.iter().enumerate() {
            let d = self.pixels[i + k] as u32;
            self.pixels[i + k] = ((c as u32 * alpha + d * (255 - alpha) + 127) / 255) as u8;
        }
    }
}

/// A coverage mask placed on the page: the union of glyph masks (fake bold paints a glyph's
/// mask shifted each way and takes the most coverage of any, as a stroke would).
#[derive(Default)]
pub struct Mask {
    pub left: i64,
    pub top: i64,
    pub width: usize,
    pub coverage: Vec<u8>,
}

impl Mask {
    fn height(&self) -> usize {
        self.coverage.len().checked_div(self.width).unwrap_or(0)
    }

    /// Adds a mask `width` wide whose top-left pixel is at `(left, top)`.
    pub fn unite(&mut self, left: i64, top: i64, width: usize, coverage: &[u8]) {
        let other = Mask {
            left,
            top,
            width,
            coverage: coverage.to_vec(),
        };
        if other.height() == 0 {
            return;
        }
        if self.height() == 0 {
            *self = other;
            return;
        }
        let (l, t) = (self.left.min(left), self.top.min(top));
        let r = (self.left + self.width as i64).max(left + width as i64);
        let b = (self.top + self.height() as i64).max(top + other.height() as i64);
        let new_width = (r - l) as usize;
        let mut out = vec![0u8; new_width * (b - t) as usize];
        for m in [&*self, &other] {
            for (row, line) in m.coverage.chunks(m.width).enumerate() {
                let start = (m.top - t + row as i64) as usize * new_width + (m.left - l) as usize;
                for (px, &c) in out[start..start + m.width].iter_mut().zip(line) {
                    *px = (*px).max(c);
                }
            }
        }
        *self = Mask {
            left: l,
            top: t,
            width: new_width,
            coverage: out,
        };
    }
}

/// An opaque RGB picture, rows packed.
pub struct Picture {
    pub width: u32,
    pub height: u32,
    pub pixels: Vec<u8>,
}

/// How much of the pixel `[p, p + 1)` lies in `[a, b)`.
fn overlap(p: f64, a: f64, b: f64) -> f64 {
    (b.min(p + 1.0) - a.max(p)).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rectangles_cover_edge_pixels_in_part() {
        let mut c = Canvas::new(4, 4);
        c.fill_rect(1.0, 1.5, 3.0, 2.5, [0, 0, 0]);
        let px = |x: usize, y: usize| c.pixels[(y * 4 + x) * 3];
        assert_eq!(px(0, 1), 255);
        assert_eq!(px(1, 1), 127); // half covered
        assert_eq!(px(2, 2), 127);
        assert_eq!(px(1, 3), 255);
    }

    #[test]
    fn masks_unite_by_the_most_coverage() {
        let mut m = Mask::default();
        m.unite(0, 0, 2, &[10, 200]);
        m.unite(1, 0, 2, &[100, 50]);
        assert_eq!((m.left, m.top, m.width), (0, 0, 3));
        assert_eq!(m.coverage, [10, 200, 50]);
        m.unite(0, 1, 1, &[7]);
        assert_eq!(m.coverage, [10, 200, 50, 7, 0, 0]);
    }

    #[test]
    fn a_multiplied_picture_keeps_black_type_and_lets_white_through() {
        // A black pixel and a white one; a red picture over both, multiplied.
        let mut c = Canvas::new(2, 1);
        c.pixels[..3].copy_from_slice(&[0, 0, 0]);
        let red = Picture {
            width: 2,
            height: 1,
            pixels: vec![230, 30, 40, 230, 30, 40],
        };
        c.draw_rgb(0, 0, &red, true);
        assert_eq!(&c.pixels[..3], &[0, 0, 0]);
        assert_eq!(&c.pixels[3..6], &[230, 30, 40]);
        // White in the picture leaves the page as it is.
        let white = Picture {
            width: 1,
            height: 1,
            pixels: vec![255, 255, 255],
        };
        c.draw_rgb(1, 0, &white, true);
        assert_eq!(&c.pixels[3..6], &[230, 30, 40]);
        c.draw_rgb(1, 0, &white, false);
        assert_eq!(&c.pixels[3..6], &[255, 255, 255]);
    }

    #[test]
    fn coverage_is_clipped_at_the_edges() {
        let mut c = Canvas::new(2, 2);
        c.draw_coverage(-1, -1, 2, &[255, 255, 255, 255], [10, 20, 30]);
        assert_eq!(&c.pixels[..3], &[10, 20, 30]);
        assert_eq!(&c.pixels[3..6], &[255, 255, 255]);
    }
}
