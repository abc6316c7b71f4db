//! Messages about what a definition says: blocks, lists, the bulletin's data, manifests,
//! pasted text, placeholders, `new` and `import`.

catalogue! {
    expected_recipients() {
        en: "expected a string or a list of strings, e.g. [\"市委办公室\", \"市政府办公室\"]",
        zh: "应为字符串或字符串列表，如 [\"市委办公室\", \"市政府办公室\"]",
    }
    expected_list_items() {
        en: "expected an array of items, e.g. [\"第一项\", \"第二项\", [\"嵌套一\", \"嵌套二\"]]",
        zh: "应为由各项组成的数组，如 [\"第一项\", \"第二项\", [\"嵌套一\", \"嵌套二\"]]",
    }
    copies_at_least_one() {
        en: "`copies` (共印 N 份) must be at least 1",
        zh: "`copies`（共印 N 份）至少为 1",
    }
    block_empty() {
        en: "this block has no content: give it one of `title`, `heading`, `text`, `text-file`, `note`, `list`, `table`, `figure`, `figures`, `contents`, `page-break` or `attachment`",
        zh: "此块没有内容：请给出 `title`、`heading`、`text`、`text-file`、`note`、`list`、`table`、`figure`、`figures`、`contents`、`page-break` 或 `attachment` 之一",
    }
    block_two_kinds(first, second) {
        en: "a block holds one thing, but this one has both `{first}` and `{second}`; split it into two [[blocks]]",
        zh: "一个块只能放一样内容，而此块同时有 `{first}` 和 `{second}`；请拆成两个 [[blocks]]",
    }
    key_only_for_block(key, owner) {
        en: "`{key}` only applies to a `{owner}` block",
        zh: "`{key}` 只能用于 `{owner}` 块",
    }
    heading_level_range() {
        en: "heading `level` must be 1, 2, 3 or 4",
        zh: "标题的 `level`（层次）须为 1、2、3 或 4",
    }
    text_file_needs_path() {
        en: "`text-file` needs the path of a text file (.txt or .md)",
        zh: "`text-file` 须写文本文件（.txt 或 .md）的路径",
    }
    figure_needs_path() {
        en: "`figure` needs the path of an image file",
        zh: "`figure` 须写图片文件的路径",
    }
    attachment_needs_label() {
        en: "`attachment` needs the label that opens the attachment, e.g. \"附件1\"",
        zh: "`attachment` 须写附件开头的标识，如 \"附件1\"",
    }
    list_item_is_string() {
        en: "a list item is a string; a nested list is an array of strings",
        zh: "列表项是字符串；嵌套列表是字符串数组",
    }
    nested_list_first() {
        en: "a nested list comes after the item it belongs to",
        zh: "嵌套列表须写在它所属的列表项之后",
    }
    lists_one_level() {
        en: "lists nest one level deep",
        zh: "列表只能嵌套一层",
    }
    list_empty() {
        en: "this list has no items",
        zh: "此列表没有任何项",
    }
    list_continue_or_start() {
        en: "a list either continues the previous one's numbering or starts at `start`, not both",
        zh: "列表要么接续上一个列表的编号，要么从 `start` 开始，不能两者都写",
    }
    manifest_copies() {
        en: "`copies` must be at least 1",
        zh: "`copies`（份数）至少为 1",
    }
    manifest_empty() {
        en: "the manifest lists no bulletins: add [[bulletins]] entries with `definition = \"…\"`",
        zh: "清单中没有任何简报：请加上带 `definition = \"…\"` 的 [[bulletins]] 条目",
    }
    manifest_needs_definition() {
        en: "`definition` needs the path of a definition file",
        zh: "`definition` 须写定义文件的路径",
    }
    manifest_output_inside() {
        en: "`output` must be a relative path inside the output directory (no `..`, not absolute)",
        zh: "`output` 须是输出目录内的相对路径（不含 `..`，不能是绝对路径）",
    }
    manifest_output_pdf() {
        en: "`output` must name a PDF file (ending in .pdf)",
        zh: "`output` 须是 PDF 文件名（以 .pdf 结尾）",
    }
    joined_after_sentence() {
        en: "this line is joined to the one above, which ends a sentence; if a new paragraph starts here, leave a blank line before it or start it with 　　",
        zh: "此行接在上一行后面，而上一行已是句末；如果这里是新的一段，请在前面空一行，或在段首空两格（　　）",
    }
    label_joined() {
        en: "joined to the line above",
        zh: "与上一行连成一段",
    }
    half_width_between_chinese(list, full) {
        en: "half-width `{list}` between Chinese characters; Chinese text takes the full-width `{full}`",
        zh: "中文字符之间有半角 `{list}`；中文应使用全角 `{full}`",
    }
    help_fix(file) {
        en: "`jianbao fix {file}` rewrites them to full width, keeping everything else",
        zh: "`jianbao fix {file}` 可把它们改为全角，其余内容不变",
    }
    label_half_width(mark) {
        en: "half-width `{mark}`",
        zh: "半角 `{mark}`",
    }
    no_break_space_one() {
        en: "1 no-break space read as space",
        zh: "1 个不换行空格按普通空格处理",
    }
    no_break_spaces(count) {
        en: "{count} no-break spaces read as spaces",
        zh: "{count} 个不换行空格按普通空格处理",
    }
    zero_width_one() {
        en: "1 zero-width space or byte-order mark dropped",
        zh: "删去了 1 个零宽空格或字节顺序标记",
    }
    zero_width_dropped(count) {
        en: "{count} zero-width spaces or byte-order marks dropped",
        zh: "删去了 {count} 个零宽空格或字节顺序标记",
    }
    manual_break_one() {
        en: "1 manual line break (U+2028 or \\v) kept as line break inside the paragraph",
        zh: "1 个手动换行符（U+2028 或 \\v）保留为段内换行",
    }
    manual_breaks_kept(count) {
        en: "{count} manual line breaks (U+2028 or \\v) kept as line breaks inside the paragraph",
        zh: "{count} 个手动换行符（U+2028 或 \\v）保留为段内换行",
    }
    ref_not_closed() {
        en: "`{{ref:` without a closing `}}`",
        zh: "`{{ref:` 缺少结尾的 `}}`",
    }
    mark_not_closed(what, close, first) {
        en: "`{what}` is not closed: end it with `{close}` (or write `\\{first}` for the character itself)",
        zh: "`{what}` 没有闭合：请用 `{close}` 结束（如要该字符本身，请写 `\\{first}`）",
    }
    placeholder_left(text) {
        en: "`{text}` is a placeholder to fill in (from `jianbao new` or `jianbao import`); replace it with this issue's text, or delete the block",
        zh: "`{text}` 是待填写的占位文字（来自 `jianbao new` 或 `jianbao import`）；请换成本期的内容，或删去此块",
    }
    not_a_date(text) {
        en: "`{text}` is not a date; write it as YYYY-MM-DD",
        zh: "`{text}` 不是日期；请写成 YYYY-MM-DD（年-月-日）",
    }
    layout_relocated(layout, path, dir) {
        en: "layout = \"{layout}\" is written \"{path}\" so that it resolves from {dir}",
        zh: "layout = \"{layout}\" 改写为 \"{path}\"，以便从 {dir} 找到它",
    }
    wrote_issue(file, issue, date) {
        en: "wrote {file}{issue}, {date}",
        zh: "已写出 {file}{issue}，{date}",
    }
    issue_number(number) {
        en: " (issue {number})",
        zh: "（第 {number} 期）",
    }
    import_more_warnings(count, code) {
        en: "{count} more warnings like these ({code}); -v shows them all",
        zh: "另有 {count} 条同类警告（{code}）；加 -v 可全部显示",
    }
    import_exists() {
        en: "the file exists; add --force to replace it, or --append-to to add the article to it",
        zh: "文件已存在；加 --force 可覆盖，或用 --append-to 把文章追加进去",
    }
    import_not_readable(error) {
        en: "the imported definition does not read back: {error}",
        zh: "导入生成的定义文件无法重新读入：{error}",
    }
    image_exists_force() {
        en: "an image file of that name exists; add --force to replace it",
        zh: "已有同名图片文件；加 --force 可覆盖",
    }
    import_old_word() {
        en: "an old Word/WPS document (.doc, .wps): save it as .docx (Word 2007 or later) and import that",
        zh: "这是旧版 Word/WPS 文档（.doc、.wps）：请另存为 .docx（Word 2007 及以后）再导入",
    }
    import_formats() {
        en: "jianbao imports Word documents (.docx), Markdown (.md) and plain text (.txt); save the article as .docx in the program that made it (WPS, Word and LibreOffice all can), or, for a PDF, copy its text into a .txt file",
        zh: "jianbao 可导入 Word 文档（.docx）、Markdown（.md）和纯文本（.txt）；请在编辑它的软件中另存为 .docx（WPS、Word、LibreOffice 都可以），PDF 则把文字复制到 .txt 文件",
    }
    imported(file, titles, headings, paragraphs, figures, lists, tables) {
        en: "wrote {file}: {titles} title(s), {headings} heading(s), {paragraphs} paragraph(s), {figures} figure(s), {lists} list(s), {tables} table(s)",
        zh: "已写出 {file}：标题 {titles} 个，小标题 {headings} 个，段落 {paragraphs} 段，插图 {figures} 幅，列表 {lists} 个，表格 {tables} 个",
    }
    docx_is_ole() {
        en: "not a .docx inside: an old Word document (.doc, Word 97–2003) under a .docx name, or a password-protected document; open it in Word or WPS, remove any password (File → Info → Protect Document), and save it as .docx",
        zh: "内容不是 .docx：是改了扩展名的旧版 Word 文档（.doc，Word 97–2003），或加了密码的文档；请在 Word 或 WPS 中打开，去掉密码（文件 → 信息 → 保护文档），另存为 .docx",
    }
    not_docx(error) {
        en: "not a Word document (.docx): {error}",
        zh: "不是 Word 文档（.docx）：{error}",
    }
    docx_no_document() {
        en: "not a Word document (.docx): it has no word/document.xml",
        zh: "不是 Word 文档（.docx）：其中没有 word/document.xml",
    }
    docx_missing_picture(name) {
        en: "the document names a picture `{name}` it does not contain",
        zh: "文档引用了图片 `{name}`，但其中没有这张图片",
    }
    docx_cannot_read(name, error) {
        en: "cannot read `{name}` in the .docx: {error}",
        zh: "无法读取 .docx 中的 `{name}`：{error}",
    }
    docx_part_too_large(name, mb) {
        en: "`{name}` in the .docx is larger than {mb} MB",
        zh: ".docx 中的 `{name}` 超过 {mb} MB",
    }
    docx_part_not_utf8(name) {
        en: "`{name}` in the .docx is not UTF-8",
        zh: ".docx 中的 `{name}` 不是 UTF-8",
    }
    docx_broken_xml(error) {
        en: "the .docx has broken XML: {error}",
        zh: ".docx 中的 XML 已损坏：{error}",
    }
    docx_broken_text(error) {
        en: "the .docx has broken text: {error}",
        zh: ".docx 中的文字已损坏：{error}",
    }
    docx_symbol(font, code, after) {
        en: "a symbol inserted from the font {font} (its character {code}){after} left out: a symbol font's own code that no other font draws; insert the Unicode character instead (Insert → Symbol, font (normal text), such as ✓ U+2713) or type it into the definition",
        zh: "从字体 {font} 插入的符号（字符 {code}）{after}未导入：这是符号字体自己的编码，别的字体不能显示；请改插入 Unicode 字符（插入 → 符号，字体选“普通文本”，如 ✓ U+2713），或直接写进定义文件",
    }
    import_note(after) {
        en: "a footnote or endnote{after}: notes are not imported; add the note's text to the article (a paragraph, or a `note` after the text)",
        zh: "一处脚注或尾注{after}：注释不会导入；请把注释的文字放进正文（一段文字，或正文后的 `note`）",
    }
    docx_tracked() {
        en: "the document has tracked changes: they are imported as if accepted (insertions kept, deletions and moved-away text left out, earlier formatting ignored); accept or reject them in Word first if that is not what you want",
        zh: "文档中有修订：已按全部接受导入（保留插入，删去删除和移走的文字，不用修订前的格式）；如不应如此，请先在 Word 中接受或拒绝修订",
    }
    docx_text_box(text, after) {
        en: "a text box “{text}”{after}: its text is imported as paragraphs after the paragraph it is anchored to; check its place",
        zh: "文本框“{text}”{after}：其文字已作为段落导入，放在它所锚定的段落之后；请检查位置",
    }
    docx_text_box_too_deep(after) {
        en: "a text box inside text boxes more than 4 deep{after}: not imported; copy its text into the article",
        zh: "文本框套文本框超过 4 层{after}：未导入；请把其中的文字复制到正文",
    }
    docx_hidden(text) {
        en: "hidden text (Word's Font → Hidden, not printed) left out: “{text}”",
        zh: "隐藏文字（Word 的“字体 → 隐藏”，不打印）未导入：“{text}”",
    }
    md_footnote(label, text) {
        en: "footnote [^{label}] “{text}”: notes are not imported; add its text to the article (a paragraph, or a `note` after the text)",
        zh: "脚注 [^{label}]“{text}”：注释不会导入；请把其文字放进正文（一段文字，或正文后的 `note`）",
    }
    md_html(html) {
        en: "HTML in the article (`{html}`): its tags are dropped (layout, links, and any <img>, which is not imported: write ![说明](file.png)), its text is kept as a paragraph",
        zh: "文章中的 HTML（`{html}`）：标签已去掉（版式、链接以及其中的 <img> 图片都不导入；图片请写成 ![说明](file.png)），文字作为一段保留",
    }
    docx_placeholder(text) {
        en: "a content control still shows its prompt “{text}”: imported as it is (Word prints it too); type the text over it, or delete it",
        zh: "内容控件中仍是提示文字“{text}”：已照原样导入（Word 也会打印它）；请在其中填写正文，或删去",
    }
    import_struck(text) {
        en: "struck-through text imported as plain text (a bulletin has no strikethrough): “{text}”; delete it if it was struck out to go",
        zh: "带删除线的文字已按普通文字导入（简报不用删除线）：“{text}”；如是要删去的文字，请删除",
    }
    docx_drawing(after) {
        en: "a drawing (a chart, SmartArt, a shape, WordArt or a linked picture){after}: not imported; save it as a picture (PNG or JPEG) and insert that",
        zh: "一个图形（图表、SmartArt、形状、艺术字或链接的图片）{after}：未导入；请另存为图片（PNG 或 JPEG）后插入",
    }
    docx_equation(after) {
        en: "an equation{after}: imported as its plain text (superscripts, fractions and roots are lost); check it",
        zh: "一个公式{after}：只导入了其中的文字（上下标、分数、根号等已丢失）；请检查",
    }
    docx_ruby(text, after) {
        en: "a phonetic guide (ruby) “{text}”{after}: left out, its base text is kept",
        zh: "拼音指南（注音）“{text}”{after}：未导入，只保留了被注音的文字",
    }
    docx_symbol_after(text) {
        en: " after “{text}”",
        zh: "（在“{text}”之后）",
    }
    docx_picture_unplaced(id) {
        en: "picture `{id}` left out: the document does not say where it is",
        zh: "图片 `{id}` 未导入：文档没有说明它在哪里",
    }
    md_image_outside(path) {
        en: "image `{path}` left out: only images in files next to the article are imported",
        zh: "图片 `{path}` 未导入：只导入与文章放在一起的图片文件",
    }
    import_pictures_too_large(name, mb) {
        en: "picture `{name}` takes the article's pictures past {mb} MB in all (each picture is counted once, however often it is shown); import the article in parts, or make the pictures smaller",
        zh: "图片 `{name}` 使文章的图片合计超过 {mb} MB（同一张图片不论出现几次只计一次）；请分几部分导入文章，或把图片缩小",
    }
    import_definition_too_large(mb, got) {
        en: "the definition would be {got} MB, more than the {mb} MB a definition may have (render would refuse it); import the article in parts",
        zh: "生成的定义文件将有 {got} MB，超过定义文件最多 {mb} MB 的限制（render 会拒绝它）；请把文章分几部分导入",
    }
    image_not_embeddable(name, why) {
        en: "image `{name}` left out ({why}); once it is a PNG or JPEG, add it as a figure",
        zh: "图片 `{name}` 未导入（{why}）；转为 PNG 或 JPEG 后再作为插图加入",
    }
    cannot_edit(error) {
        en: "cannot edit the file: {error}",
        zh: "无法编辑该文件：{error}",
    }
    no_bulletin_table() {
        en: "the definition has no [bulletin] table",
        zh: "定义文件中没有 [bulletin] 表",
    }
    no_next_number(number) {
        en: "issue {number} has no next number",
        zh: "第 {number} 期没有下一个期号",
    }
    next_not_readable(error) {
        en: "the next issue's definition does not read back: {error}",
        zh: "下一期的定义文件无法重新读入：{error}",
    }
    label_placeholder() {
        en: "placeholder",
        zh: "占位文字",
    }
}
