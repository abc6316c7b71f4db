//! Messages about images and about setting pages: corrupt or oversized pictures, lines that do
//! not fit, characters no font has.

catalogue! {
    image_empty() {
        en: "the image file is empty",
        zh: "图片文件是空的",
    }
    not_png_or_jpeg() {
        en: "not a PNG or JPEG image",
        zh: "不是 PNG 或 JPEG 图片",
    }
    image_heic() {
        en: "a HEIC photo (the iPhone's format), not PNG or JPEG: export it as JPEG (on the iPhone, Settings → Camera → Formats → Most Compatible takes JPEG photos; sent through WeChat or opened on a PC and saved as JPEG, it becomes one)",
        zh: "这是 HEIC 照片（iPhone 的格式），不是 PNG 或 JPEG：请导出为 JPEG（iPhone 设置 → 相机 → 格式 → 兼容性最佳，即拍 JPEG；经微信发送或在电脑上打开另存为 JPEG 也可）",
    }
    image_other_format(format) {
        en: "a {format} file, not a PNG or JPEG image: save it as JPEG (a photo) or PNG (a drawing, chart or screenshot) — open it in an image viewer or editor and use Save As or Export",
        zh: "这是 {format} 文件，不是 PNG 或 JPEG 图片：请另存为 JPEG（照片）或 PNG（图、表、截图）——用看图或修图软件打开后“另存为”或“导出”",
    }
    image_no_pixels() {
        en: "the image has no pixels",
        zh: "图片没有像素",
    }
    image_too_large(width, height, side, megapixels) {
        en: "the image is {width}×{height} pixels, more than the {side} px per side / {megapixels} megapixels jianbao accepts; scale it down",
        zh: "图片为 {width}×{height} 像素，超过了 jianbao 接受的每边 {side} 像素或 {megapixels} 百万像素；请缩小图片",
    }
    corrupt_jpeg(detail) {
        en: "corrupt JPEG: {detail}",
        zh: "JPEG 图片已损坏：{detail}",
    }
    corrupt_png(detail) {
        en: "corrupt PNG: {detail}",
        zh: "PNG 图片已损坏：{detail}",
    }
    bad_marker() {
        en: "bad marker",
        zh: "标记无效",
    }
    truncated_header() {
        en: "truncated header",
        zh: "文件头不完整",
    }
    short_frame_header() {
        en: "short frame header",
        zh: "帧头太短",
    }
    two_frame_headers() {
        en: "two frame headers",
        zh: "有两个帧头",
    }
    no_frame_header() {
        en: "no frame header",
        zh: "没有帧头",
    }
    jpeg_bad_sampling() {
        en: "sampling factors outside the JPEG standard's limits",
        zh: "采样因子超出 JPEG 标准的范围",
    }
    jpeg_component_twice() {
        en: "two colour components with the same id",
        zh: "两个颜色分量的编号相同",
    }
    jpeg_bad_scan() {
        en: "a scan header that does not match the frame",
        zh: "扫描头与帧头不符",
    }
    jpeg_component_without_data(id) {
        en: "colour component {id} has no image data",
        zh: "颜色分量 {id} 没有图像数据",
    }
    decoder_failed() {
        en: "the decoder failed on this file (malformed, or built in a way it cannot read): open it in an image editor and save it again as JPEG or PNG",
        zh: "解码器无法读取此文件（文件有损坏，或结构特殊）：请用修图软件打开后重新另存为 JPEG 或 PNG",
    }
    jpeg_precision(bits) {
        en: "{bits}-bit JPEG is not supported; save it as 8-bit",
        zh: "不支持 {bits} 位 JPEG；请另存为 8 位",
    }
    jpeg_truncated() {
        en: "the file is truncated (no end-of-image marker)",
        zh: "文件不完整（没有图像结束标记）",
    }
    jpeg_components(count) {
        en: "JPEG with {count} colour components is not supported",
        zh: "不支持有 {count} 个颜色分量的 JPEG",
    }
    file_truncated() {
        en: "the file is truncated",
        zh: "文件不完整",
    }
    png_bad_methods() {
        en: "unknown compression, filter or interlace method",
        zh: "未知的压缩、滤波或隔行方式",
    }
    no_header() {
        en: "no header",
        zh: "没有文件头",
    }
    palette_missing() {
        en: "palette image without a palette",
        zh: "调色板图像没有调色板",
    }
    unknown_colour_type(kind) {
        en: "unknown colour type {kind}",
        zh: "未知的颜色类型 {kind}",
    }
    bad_bit_depth(depth, kind) {
        en: "bit depth {depth} is not allowed for colour type {kind}",
        zh: "颜色类型 {kind} 不允许位深 {depth}",
    }
    cannot_inflate(error) {
        en: "the image data cannot be inflated ({error})",
        zh: "图像数据无法解压（{error}）",
    }
    unknown_filter(row, kind) {
        en: "row {row} has unknown filter type {kind}",
        zh: "第 {row} 行的滤波类型 {kind} 未知",
    }
    missing_rows(held, rows) {
        en: "the image data holds {held} of its {rows} rows",
        zh: "图像数据只有 {rows} 行中的 {held} 行",
    }
    png_too_large(mb) {
        en: "the PNG has transparency or interlacing and is too large to decode ({mb} MB of pixels at most); scale it down, or save it without alpha channel and interlacing",
        zh: "该 PNG 有透明或隔行扫描，太大而无法解码（像素数据最多 {mb} MB）；请缩小图片，或另存为不带透明通道、不隔行的 PNG",
    }
    photo_too_large(mb) {
        en: "the photo must be turned upright (EXIF orientation) and is too large to decode ({mb} MB of pixels at most); scale it down, or turn and save it upright",
        zh: "照片须按 EXIF 方向转正，但太大而无法解码（像素数据最多 {mb} MB）；请缩小照片，或转正后再保存",
    }
    photo_not_turned(error) {
        en: "the photo could not be turned upright: {error}",
        zh: "照片无法转正：{error}",
    }
    no_font_has(ch, code, tried) {
        en: "no font has the character `{ch}` (U+{code}); tried {tried}; it prints as a box",
        zh: "没有字体含有字符 `{ch}`（U+{code}）；试过 {tried}；它将印成方框",
    }
    label_no_font_has() {
        en: "no font has this character",
        zh: "没有字体含有此字符",
    }
    occurs_once(places) {
        en: "it occurs 1 time: {places}",
        zh: "出现 1 次：{places}",
    }
    occurs(count, places) {
        en: "it occurs {count} times: {places}",
        zh: "出现 {count} 次：{places}",
    }
    and_more(count) {
        en: "; and {count} more",
        zh: "；另有 {count} 处",
    }
    place_in_block(line, column, block, what) {
        en: "line {line}, column {column} (block {block}, {what})",
        zh: "第 {line} 行第 {column} 列（第 {block} 块，{what}）",
    }
    place_at(line, column, what) {
        en: "line {line}, column {column} ({what})",
        zh: "第 {line} 行第 {column} 列（{what}）",
    }
    place_in(what) {
        en: "in the {what}",
        zh: "在{what}中",
    }
    first_fit(what, count, most) {
        en: "this {what} has {count} characters, more than the {most} total fit sets; it was set first-fit (line by line), which may leave some lines looser",
        zh: "此{what}有 {count} 个字符，超过整段优化断行的上限 {most}；已逐行排版，个别行可能较松",
    }
    label_very_long_paragraph() {
        en: "a very long paragraph",
        zh: "很长的段落",
    }
    line_past_measure(what, over, measure) {
        en: "a line of this {what} is {over} mm wider than its {measure} mm measure and runs past the edge (an indent, a character or an unbreakable piece wider than the measure); make the indent or the type smaller, or the column wider",
        zh: "此{what}有一行比 {measure} mm 的行宽还宽 {over} mm，超出了边界（首行缩进、单个字符或不可断开的内容比行宽还宽）；请减小缩进或字号，或加宽栏宽",
    }
    label_past_the_edge() {
        en: "runs past the edge",
        zh: "超出边界",
    }
    word_broken(word) {
        en: "`{word}` is wider than the line and was broken inside; add a space or a hyphen where it may break",
        zh: "`{word}` 比一行还宽，已在词中断开；请在可断开处加空格或连字符",
    }
    label_too_long_one_line() {
        en: "too long for one line",
        zh: "一行放不下",
    }
    slot_too_wide(what, texts, wide, line) {
        en: "the {what}'s {texts} is {wide} mm wide, wider than the {line} mm line: it runs past the edge; shorten it or make the {what}'s type smaller in the layout",
        zh: "{what}中的 {texts} 宽 {wide} 毫米，超过 {line} 毫米的行宽，会超出版心；请缩短文字，或在版式中调小{what}的字号",
    }
    slots_off_page(what, texts, needs, margin) {
        en: "the {what}'s {texts}, set one a line, need {needs} mm of the {margin} mm margin: the outermost line runs off the page; shorten them or make the {what}'s type smaller in the layout",
        zh: "{what}的{texts}各占一行，需要 {needs} mm，而页边只有 {margin} mm：最外一行超出页面；请缩短文字，或在版式中改小{what}的字号",
    }
    slots_split(what, texts, line) {
        en: "the {what}'s {texts} do not fit side by side on one {line} mm line; each was set on a line of its own",
        zh: "{what}中的 {texts} 在 {line} 毫米的一行内排不下，已各占一行",
    }
    and_between() {
        en: " and ",
        zh: "和",
    }
    figure_no_alt() {
        en: "this figure has no caption and no `alt`: the tagged PDF marks it as decoration, which screen readers skip; if the picture says something, add `alt = \"…\"` (what it shows) or a caption",
        zh: "此插图既无图题也无 `alt`：标签 PDF 将其标为装饰，读屏软件会跳过它；若图片有内容，请加 `alt = \"…\"`（说明图片内容）或图题",
    }
    row_photo_no_alt(number) {
        en: "photo {number} of this row has no caption, and the row has none: the tagged PDF marks it as decoration, which screen readers skip; if it says something, give it or the row a caption",
        zh: "此行第 {number} 张照片没有图题，整行也没有：标签 PDF 将其标为装饰，读屏软件会跳过它；若照片有内容，请为它或整行加图题",
    }
    label_no_alt() {
        en: "no caption or alt",
        zh: "无图题或 alt",
    }
    label_too_long_for_line() {
        en: "too long for its line",
        zh: "此行放不下",
    }
    end_block_too_tall(height, block) {
        en: "the end block is {height} mm tall, taller than the text block ({block} mm)",
        zh: "版记高 {height} 毫米，超过了版心高度（{block} 毫米）",
    }
    signature_too_wide(names, need, block) {
        en: "the signature “{names}” and its date need {need} mm, more than the text block's {block} mm; shorten it or make [signature] smaller",
        zh: "落款“{names}”及其日期需要 {need} 毫米，超过版心宽度 {block} 毫米；请缩短落款，或调小 [signature] 的字号",
    }
    signature_wider_than_seal(name, gap) {
        en: "the signature “{name}” is wider than its seal and the gap ({gap} mm): it runs into the next; shorten it or make [signature] seal-gap larger",
        zh: "落款“{name}”比印章加间距（{gap} 毫米）还宽，会压到下一个；请缩短落款，或加大 [signature] 的 seal-gap",
    }
    seal_past_left_edge(size) {
        en: "a {size} mm seal over the date runs past the text block's left edge; make [signature] seal-size smaller",
        zh: "成文日期上方 {size} 毫米的印章超出了版心左边；请调小 [signature] 的 seal-size",
    }
    signer_seal_too_wide(title, need, block) {
        en: "the 签发人职务 “{title}” and its 签名章 need {need} mm, more than the text block's {block} mm; shorten it or make [signature] signer-seal-size smaller",
        zh: "签发人职务“{title}”及其签名章需要 {need} 毫米，超过版心宽度 {block} 毫米；请缩短职务，或调小 [signature] 的 signer-seal-size",
    }
    signer_line_too_long() {
        en: "the 发文字号 and the 签发人 do not fit on one line; shorten them or make [masthead.signer] smaller",
        zh: "发文字号和签发人在一行内排不下；请缩短，或调小 [masthead.signer] 的字号",
    }
    masthead_too_tall(height, block) {
        en: "the masthead takes {height} mm of the {block} mm text block; little room is left for text",
        zh: "报头占了版心 {block} 毫米中的 {height} 毫米，正文所剩无几",
    }
    too_many_pages(most) {
        en: "the document runs past {most} pages, the most jianbao sets in one PDF; split it into several definitions",
        zh: "文档超过 {most} 页，这是 jianbao 一个 PDF 的上限；请拆成几个定义文件",
    }
}
