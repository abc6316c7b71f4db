//! Messages from the PDF writer.

catalogue! {
    pdfa_cmyk_image(path) {
        en: "{path}: a CMYK image cannot go into a PDF/A-2b file, whose colours are sRGB; save the image as RGB, or write an ordinary PDF (no --pdfa, no [pdf] standard = \"a-2b\")",
        zh: "{path}：PDF/A-2b 文件的颜色是 sRGB，不能放入 CMYK 图片；请把图片另存为 RGB，或输出普通 PDF（去掉 --pdfa 和 [pdf] standard = \"a-2b\"）",
    }
    pdf_not_finite(what) {
        en: "refusing to write a number PDF cannot express ({what}); this is a bug in jianbao, please report it with the input",
        zh: "拒绝写入 PDF 无法表示的数（{what}）；这是 jianbao 的缺陷，请连同输入文件一起报告",
    }
    pdf_what_page(width, height) {
        en: "a page of {width} × {height} pt",
        zh: "{width} × {height} pt 的页面",
    }
    pdf_what_content(number) {
        en: "the number {number} on a page",
        zh: "页面上的数 {number}",
    }
    pdf_no_part(part) {
        en: "no part {part} to write; this is a bug in jianbao, please report it with the input",
        zh: "没有第 {part} 部分可写；这是 jianbao 的缺陷，请连同输入文件一起报告",
    }
    pdf_no_cff(font) {
        en: "the subset of font {font} has no CFF table to embed",
        zh: "字体 {font} 的子集中没有可嵌入的 CFF 表",
    }
}
