//! Messages of `jianbao preview`: a drawing too large to hold in memory, a figure or font the
//! preview cannot decode although the PDF embeds it.

catalogue! {
    /// One page at this resolution has more pixels than a preview draws.
    preview_page_too_large(dpi, megapixels, limit) {
        en: "at {dpi} dpi a page would be {megapixels} megapixels, more than a preview draws ({limit})",
        zh: "以 {dpi} dpi 绘制，一页将有 {megapixels} 百万像素，超过预览能绘制的上限（{limit}）",
    }
    /// The pages asked for, together, have more pixels than one preview run holds.
    preview_pages_too_large(dpi, megapixels, limit) {
        en: "at {dpi} dpi these pages together would be {megapixels} megapixels, more than a preview draws ({limit})",
        zh: "以 {dpi} dpi 绘制，这些页合计将有 {megapixels} 百万像素，超过预览能绘制的上限（{limit}）",
    }
    /// The help under the two above when a lower resolution fits.
    preview_lower_dpi(dpi) {
        en: "use --dpi {dpi} or less",
        zh: "请用 --dpi {dpi} 或更低的分辨率",
    }
    /// The help when not even the lowest resolution fits all the pages.
    preview_fewer_pages() {
        en: "draw fewer pages at a time (--page N)",
        zh: "请一次少画几页（--page N）",
    }
    /// A figure's image the PDF embeds but the preview's decoder cannot read.
    preview_cannot_decode(index, detail) {
        en: "the preview could not decode figure image {index}: {detail}",
        zh: "预览无法解码第 {index} 幅插图图片：{detail}",
    }
    preview_image_too_large() {
        en: "the image is too large to decode for a preview",
        zh: "图片太大，预览无法解码",
    }
    preview_image_data_short() {
        en: "the image data is shorter than its size says",
        zh: "图像数据比其尺寸所需的短",
    }
    preview_image_data_corrupt(detail) {
        en: "corrupt image data: {detail}",
        zh: "图像数据已损坏：{detail}",
    }
    preview_cmyk_png() {
        en: "CMYK data in a PNG stream",
        zh: "PNG 数据流中有 CMYK 数据",
    }
    /// The subset of a font (made for the PDF) that the preview's rasteriser cannot read.
    preview_subset_unreadable(font) {
        en: "the subset of {font} is not a readable font",
        zh: "{font} 的子集不是可读的字体",
    }
    preview_subset_unloadable(font, detail) {
        en: "the preview could not load the subset of {font}: {detail}",
        zh: "预览无法载入 {font} 的子集：{detail}",
    }
    preview_png_encode(detail) {
        en: "could not encode the PNG: {detail}",
        zh: "无法编码 PNG：{detail}",
    }
}
