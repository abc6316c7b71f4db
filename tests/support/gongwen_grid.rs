//! The GB/T 9704-2012 text block of the `gongwen` layout in PDF points (y up, A4): the figures
//! the 公文 tests measure positions against.

/// One millimetre in points.
pub const MM: f64 = 72.0 / 25.4;
/// The block's left and right edges (left margin 28 mm, block 156 mm wide).
pub const LEFT: f64 = 28.0 * MM;
pub const RIGHT: f64 = (28.0 + 156.0) * MM;
/// The block's top edge (top margin 37 mm on a 297 mm page).
pub const TOP: f64 = (297.0 - 37.0) * MM;
/// One grid cell: 28 characters a line.
pub const CELL: f64 = 156.0 * MM / 28.0;
/// One grid line: 22 lines in the 225 mm block.
pub const PITCH: f64 = 225.0 * MM / 22.0;
