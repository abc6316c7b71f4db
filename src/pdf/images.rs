//! Image XObjects, each image embedded once however often it is drawn — also when two
//! bulletins of a merged print file each load their own copy of the same logo (equal data is
//! one object). The data goes in as it was prepared (JPEG passed through, PNG data with its
//! predictors), never recompressed. Images that carry the same ICC profile (every photo of one
//! phone) share one profile stream.

use super::Alloc;
use crate::images::{ColorSpace, Filter as ImageFilter, Image, ImageStream};
use crate::resolve::Document;
use pdf_writer::types::Predictor;
use pdf_writer::{Chunk, Filter, Finish, Name, Ref, Str};
use std::sync::Arc;

pub struct Embedded {
    images: Vec<(Arc<Image>, usize)>,
    /// Resource name and object of each distinct image.
    objects: Vec<(String, Ref)>,
    /// Each distinct ICC profile written: its bytes and object.
    profiles: Profiles,
}

/// The ICC profile streams written so far, so that equal profiles are one object.
type Profiles = Vec<(Vec<u8>, Ref)>;

impl Embedded {
    /// The resource name of an image.
    pub fn name(&self, image: &Arc<Image>) -> &str {
        let slot = self
            .images
            .iter()
            .find(|(i, _)| Arc::ptr_eq(i, image))
            .expect("every image drawn was embedded")
            .1;
        &self.objects[slot].0
    }

    pub fn resources(&self) -> impl Iterator<Item = (&str, Ref)> {
        self.objects.iter().map(|(n, r)| (n.as_str(), *r))
    }
}

impl Embedded {
    pub fn new() -> Embedded {
        Embedded {
            images: Vec::new(),
            objects: Vec::new(),
            profiles: Vec::new(),
        }
    }

    /// Writes the images of a document not written already (the same file used by two
    /// bulletins of a print run goes in once).
    pub fn add(&mut self, doc: &Document, chunk: &mut Chunk, alloc: &mut Alloc) {
        for img in &doc.images {
            if self.images.iter().any(|(i, _)| Arc::ptr_eq(i, img)) {
                continue;
            }
            if let Some(&(_, slot)) = self.images.iter().find(|(i, _)| **i == **img) {
                self.images.push((img.clone(), slot));
                continue;
            }
            let id = alloc.next();
            let size = (img.width, img.height);
            write(chunk, alloc, &mut self.profiles, id, &img.stream, size);
            self.images.push((img.clone(), self.objects.len()));
            self.objects
                .push((format!("Im{}", self.objects.len() + 1), id));
        }
    }
}

/// Whether an image has an alpha channel (a soft mask): PDF/A wants the page to be a
/// transparency group then.
pub fn has_alpha(image: &Image) -> bool {
    image.stream.soft_mask.is_some()
}

/// Writes one image stream (and its soft mask) as object `id`.
fn write(
    chunk: &mut Chunk,
    alloc: &mut Alloc,
    profiles: &mut Profiles,
    id: Ref,
    s: &ImageStream,
    (width, height): (u32, u32),
) {
    let mask = s.soft_mask.as_ref().map(|m| {
        let mask_id = alloc.next();
        write(chunk, alloc, profiles, mask_id, m, (width, height));
        mask_id
    });
    // The file's own colour profile, as an ICCBased space over the device one; a profile
    // already written for another image is referred to again. (Equal bytes mean an equal
    // colour space header, so the number of components agrees too.)
    let device = !matches!(s.color_space, ColorSpace::Indexed(_));
    let profile = s.icc.as_ref().filter(|_| device).map(|icc| {
        if let Some(&(_, written)) = profiles.iter().find(|(bytes, _)| bytes == icc) {
            return written;
        }
        let profile_id = alloc.next();
        let n = s.color_space.components() as i32;
        chunk
            .icc_profile(profile_id, &super::deflate(icc))
            .n(n)
            .filter(Filter::FlateDecode);
        profiles.push((icc.clone(), profile_id));
        profile_id
    });
    let mut x = chunk.image_xobject(id, &s.data);
    x.width(width as i32).height(height as i32);
    x.bits_per_component(s.bits_per_component as i32);
    if let Some(profile_id) = profile {
        x.color_space().icc_based(profile_id);
    }
    let components = match &s.color_space {
        _ if profile.is_some() => s.color_space.components(),
        ColorSpace::Gray => {
            x.color_space_name(Name(b"DeviceGray"));
            1
        }
        ColorSpace::Rgb => {
            x.color_space_name(Name(b"DeviceRGB"));
            3
        }
        ColorSpace::Cmyk => {
            x.color_space_name(Name(b"DeviceCMYK"));
            4
        }
        ColorSpace::Indexed(palette) => {
            let mut a = x.insert(Name(b"ColorSpace")).array();
            a.item(Name(b"Indexed"));
            a.item(Name(b"DeviceRGB"));
            a.item((palette.len() / 3).saturating_sub(1) as i32);
            a.item(Str(palette));
            a.finish();
            1
        }
    };
    if s.invert {
        x.decode((0..components).flat_map(|_| [1.0, 0.0]));
    }
    match &s.filter {
        ImageFilter::Dct => {
            x.filter(Filter::DctDecode);
        }
        ImageFilter::Flate { png_colors } => {
            x.filter(Filter::FlateDecode);
            if let Some(colors) = png_colors {
                x.decode_parms()
                    .predictor(Predictor::PngOptimum)
                    .colors(*colors as i32)
                    .bits_per_component(s.bits_per_component as i32)
                    .columns(width as i32);
            }
        }
    }
    if let Some(mask) = mask {
        x.s_mask(mask);
    }
}
