//! Stage 1 of the pipeline: the user's files as typed data.
//!
//! [`definition`] reads a bulletin definition (the TOML a clerk writes), [`layout`] reads a
//! layout (the house style). Both keep byte spans of what they read so that later stages can
//! point errors at the exact place in the file; [`manifest`] reads a batch manifest (the list of
//! a print run). Nothing here touches the file system: callers hand in the text and the path it
//! came from.

pub mod contents;
pub mod definition;
pub mod figures;
pub mod layout;
pub mod manifest;
pub mod markup;
pub mod notice;
pub mod prose;
pub mod roles;
pub mod table;
mod toml_error;

pub use toml_error::closest;
mod value;

pub use definition::{Block, Definition, FigureSpec, Meta};
pub use layout::LayoutSpec;
pub use value::{Color, Date, Extent, LengthValue, PaperSize};
