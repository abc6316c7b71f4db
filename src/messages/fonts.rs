//! Messages about fonts: not found, not embeddable, unreadable, missing characters.

catalogue! {
    font_face_index_out_of_range(path, index, count) {
        en: "{path}: there is no face #{index}; the file has {count} (numbered from 0: `#0` is the first)",
        zh: "{path}：没有第 #{index} 个字面；该文件共有 {count} 个字面（从 0 起编号：`#0` 是第一个）",
    }
    font_not_embeddable(name, path, index, why) {
        en: "font `{name}` ({path}, face {index}): {why}; jianbao does not embed it",
        zh: "字体 `{name}`（{path}，第 {index} 个字面）：{why}；jianbao 不会嵌入它",
    }
    font_not_found_did_you_mean(name, best) {
        en: "font `{name}` not found; did you mean `{best}`?",
        zh: "找不到字体 `{name}`；是不是要写 `{best}`？",
    }
    font_not_found(name, available) {
        en: "font `{name}` not found; fonts available: {available}",
        zh: "找不到字体 `{name}`；可用的字体有：{available}",
    }
    fonts_none() {
        en: "none (no font files in the font directories; set JIANBAO_FONT_PATH)",
        zh: "无（字体目录中没有字体文件；请设置 JIANBAO_FONT_PATH）",
    }
    fonts_and_more(list, more) {
        en: "{list}, and {more} more (`jianbao fonts --all` lists them)",
        zh: "{list}，另有 {more} 种（`jianbao fonts --all` 可全部列出）",
    }
    and_n_more(count) {
        en: " and {count} more",
        zh: "等，另有 {count} 种",
    }
    fonts_that_have(ch, list) {
        en: "installed fonts that have `{ch}`: {list}; add one to the style's font chain",
        zh: "已安装的字体中含有 `{ch}` 的有：{list}；请把其中一种加入该样式的字体链",
    }
    no_fonts_have_all() {
        en: "no fonts have all those characters (jianbao fonts --all lists every font found)",
        zh: "没有字体含有全部这些字符（jianbao fonts --all 列出找到的所有字体）",
    }
    no_chinese_fonts() {
        en: "no fonts with Chinese characters found (jianbao fonts --all lists every font found)",
        zh: "没有找到含汉字的字体（jianbao fonts --all 列出找到的所有字体）",
    }
    font_file_empty(path) {
        en: "{path}: the font file is empty",
        zh: "{path}：字体文件是空的",
    }
    not_a_font_file() {
        en: "not a font file (TrueType or OpenType expected)",
        zh: "不是字体文件（应为 TrueType 或 OpenType）",
    }
    unusable_font(why) {
        en: "not a usable font: {why}",
        zh: "无法使用的字体：{why}",
    }
    font_no_glyphs() {
        en: "not a usable font: it has no glyphs or no character map",
        zh: "无法使用的字体：没有字形或字符映射表",
    }
    font_no_outlines() {
        en: "not a usable font: its glyph outlines (glyf or CFF table) are missing or cut off; is the file truncated?",
        zh: "无法使用的字体：字形轮廓（glyf 或 CFF 表）缺失或被截断；文件是否不完整？",
    }
    font_zero_width() {
        en: "not a usable font: its characters have no width (they would all print on one spot)",
        zh: "无法使用的字体：字符没有宽度（会全部印在同一处）",
    }
    font_too_wide(wide) {
        en: "not a usable font: a character is {wide} em wide (more than 4 em)",
        zh: "无法使用的字体：有字符宽达 {wide} 字（超过 4 字）",
    }
    licence_restricted() {
        en: "its licence forbids embedding (OS/2 fsType: restricted licence)",
        zh: "其许可禁止嵌入（OS/2 fsType：受限许可）",
    }
    licence_bitmaps_only() {
        en: "its licence allows embedding bitmaps only (OS/2 fsType bit 9)",
        zh: "其许可只允许嵌入位图（OS/2 fsType 第 9 位）",
    }
    licence_no_subset() {
        en: "its licence forbids embedding a subset (OS/2 fsType bit 8)",
        zh: "其许可禁止嵌入子集（OS/2 fsType 第 8 位）",
    }
    subset_failed(font, error) {
        en: "could not subset font {font}: {error}",
        zh: "无法为字体 {font} 生成子集：{error}",
    }
}
