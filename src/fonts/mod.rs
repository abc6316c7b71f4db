//! Stage 3: fonts. Faces over memory-mapped (or in-memory) font files, parsed lazily by
//! ttf-parser: opening a 15 MB CJK font reads its table directory only; a glyph's cmap entry,
//! advance or outline box is looked up when the text engine asks for it.

mod chain;
pub mod coverage;
mod face;
mod info;
mod subset;

pub use chain::{FontChain, FontIdx, FontSet, Resolved};
pub use face::{FontData, FontFace};
pub use info::{has_han, FaceInfo};
pub use subset::{subset, subset_as, Subset};
