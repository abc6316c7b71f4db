//! Messages about layouts and how a definition is resolved against one: fonts, sizes, the
//! grid, margins, templates, figures, seals and paths.

catalogue! {
    extended_hidden(table, key, hidden, example) {
        en: "`{key}` in [{table}] does not reach {hidden}: the layout this one extends gives them their own `{key}`, which wins over [{table}]'s; set `{example}` (and the like) here instead",
        zh: "[{table}] 中的 `{key}` 对 {hidden} 不起作用：本版式所扩展的版式给它们设置了自己的 `{key}`，优先于 [{table}] 的值；请改为在此设置 `{example}` 等",
    }
    override_hidden(table, key, hidden, example) {
        en: "`{table}.{key}` in [overrides] does not reach {hidden}: the layout gives them their own `{key}`, which wins over [{table}]'s; override `{example}` (and the like) instead",
        zh: "[overrides] 中的 `{table}.{key}` 对 {hidden} 不起作用：版式给它们设置了自己的 `{key}`，优先于 [{table}] 的值；请改为覆盖 `{example}` 等",
    }
    masthead_needs_name() {
        en: "the layout prints the bulletin's name in its masthead: add `name = \"…\"` to [bulletin]",
        zh: "版式在报头中印简报名称：请在 [bulletin] 中加上 `name = \"…\"`",
    }
    no_font_usable(reasons) {
        en: "none of the fonts listed can be used: {reasons}",
        zh: "所列字体都不能使用：{reasons}",
    }
    role_set_in(role, face) {
        en: "[{role}] is set in {face}",
        zh: "[{role}] 使用字体 {face}",
    }
    then_for_lacking(faces) {
        en: ", then {faces} for characters it lacks",
        zh: "，缺字时依次用 {faces}",
    }
    not_installed(name) {
        en: "{name} (not installed)",
        zh: "{name}（未安装）",
    }
    font_with_reason(name, why) {
        en: "{name} ({why})",
        zh: "{name}（{why}）",
    }
    passed_over(fonts) {
        en: "; passed over: {fonts}",
        zh: "；跳过了：{fonts}",
    }
    next_font_used(why) {
        en: "{why}: the next font of its chain is used",
        zh: "{why}：改用字体链中的下一种字体",
    }
    label_font_chains() {
        en: "this layout's font chains",
        zh: "此版式的字体链",
    }
    label_this_layout() {
        en: "this layout",
        zh: "此版式",
    }
    layout_cycle(chain) {
        en: "layouts extend each other in a cycle: {chain}",
        zh: "版式之间循环继承：{chain}",
    }
    layout_too_deep(most) {
        en: "layouts extend each other more than {most} deep (a cycle?)",
        zh: "版式继承超过 {most} 层（是否循环了？）",
    }
    extends_in_definition() {
        en: "`extends` belongs in a layout file; a definition picks its layout with `layout`",
        zh: "`extends` 只能写在版式文件中；定义文件用 `layout` 选择版式",
    }
    chain_no_fonts(chain) {
        en: "font chain `{chain}` lists no fonts",
        zh: "字体链 `{chain}` 中没有任何字体",
    }
    grid_at_least(key, least) {
        en: "[grid] `{key}` must be at least {least}",
        zh: "[grid] 的 `{key}` 至少为 {least}",
    }
    copy_digits_most() {
        en: "[masthead] `copy-digits` must be 12 or fewer (GB/T 9704 uses 6)",
        zh: "[masthead] 的 `copy-digits`（份号位数）不能超过 12（GB/T 9704 用 6 位）",
    }
    label_at_most_12() {
        en: "at most 12",
        zh: "最多 12",
    }
    label_this_font() {
        en: "this font",
        zh: "此字体",
    }
    no_chains_defined() {
        en: "no chains are defined; add a [fonts] table or give a list of font names",
        zh: "没有定义任何字体链；请加上 [fonts] 表，或直接给出字体名称列表",
    }
    chains_defined(list) {
        en: "the chains defined are {list}",
        zh: "已定义的字体链有 {list}",
    }
    no_font_chain(chain, hint) {
        en: "no font chain `{chain}` in [fonts]; {hint}",
        zh: "[fonts] 中没有字体链 `{chain}`；{hint}",
    }
    and_list(rest, last) {
        en: "{rest} and {last}",
        zh: "{rest}和{last}",
    }
    key_only_for_roles(role, key, owners) {
        en: "[{role}] `{key}` only applies to {owners}",
        zh: "[{role}] 的 `{key}` 只能用于 {owners}",
    }
    label_only_for(owners) {
        en: "only for {owners}",
        zh: "只用于 {owners}",
    }
    numbering_needs_number() {
        en: "`numbering` needs `{{cn}}` (一, 二 …) or `{{n}}` (1, 2 …) where the number goes",
        zh: "`numbering` 须在放序号处写 `{{cn}}`（一、二……）或 `{{n}}`（1、2……）",
    }
    unknown_field(field, list) {
        en: "unknown field `{{{field}}}`; use {list}",
        zh: "未知的字段 `{{{field}}}`；可用 {list}",
    }
    two_figures_same_label(label) {
        en: "two figures have the label `{label}`",
        zh: "有两幅插图的标签都是 `{label}`",
    }
    label_given_twice(label) {
        en: "the label `{label}` is given twice (figures and tables share labels)",
        zh: "标签 `{label}` 用了两次（插图和表格共用标签）",
    }
    label_this_image() {
        en: "this image",
        zh: "此图片",
    }
    seal_count(seals, kind, count, what) {
        en: "{seals} {kind}(s) for {count} name(s): give one {kind} for each {what}, in the same order",
        zh: "有 {seals} 个{kind}，却有 {count} 个名称：请按顺序为{what}各给一个{kind}",
    }
    kind_signer_seal() {
        en: "签名章",
        zh: "签名章",
    }
    each_name_in_signature() {
        en: "name in `signature`",
        zh: "`signature` 中的每个署名",
    }
    each_title_in_signer_title() {
        en: "title in `signer-title`",
        zh: "`signer-title` 中的每个职务",
    }
    /// `signer-title` without `signer-seal`: the titles print only beside the stamps.
    signer_title_without_seal() {
        en: "`signer-title` is printed only beside a `signer-seal` (签发人签名章, 7.3.5.3), and this definition has none: add `signer-seal` or remove `signer-title`",
        zh: "`signer-title` 只在签发人签名章 `signer-seal`（7.3.5.3）旁印出，而本定义文件没有签名章：请添加 `signer-seal` 或删去 `signer-title`",
    }
    label_signer_title_unused() {
        en: "not printed",
        zh: "不会印出",
    }
    signer_seal_or_seal() {
        en: "`signer-seal` (签发人签名章, 7.3.5.3) stands in place of the 署名 and its `seal`: give one or the other",
        zh: "`signer-seal`（签发人签名章，7.3.5.3）代替署名及其印章 `seal`：二者只能给一个",
    }
    label_this_seal() {
        en: "this seal",
        zh: "此印章",
    }
    absolute_path(what, written) {
        en: "the {what} path `{written}` is absolute; write it relative to this file",
        zh: "{what}路径 `{written}` 是绝对路径；请写成相对于本文件的路径",
    }
    label_absolute_path() {
        en: "absolute path",
        zh: "绝对路径",
    }
    help_relative_paths() {
        en: "files are found relative to the file that names them, inside the root directory (`--root`)",
        zh: "文件按相对于引用它的文件的位置查找，且须在根目录（`--root`）之内",
    }
    unknown_figure_ref(label) {
        en: "the text refers to `{label}`, but no figure or table has that label",
        zh: "正文引用了 `{label}`，但没有插图或表格用这个标签",
    }
    label_unknown_label() {
        en: "unknown label",
        zh: "未知的标签",
    }
    label_this_text_file() {
        en: "this text file",
        zh: "此文本文件",
    }
    more_than_zero() {
        en: "more than zero",
        zh: "大于零",
    }
    zero_or_more() {
        en: "zero or more",
        zh: "不小于零",
    }
    length_sign(table, key, shown, want) {
        en: "[{table}] `{key}` is {shown}; it must be {want}",
        zh: "[{table}] 的 `{key}` 是 {shown}；它必须{want}",
    }
    margins_too_wide(block) {
        en: "the page's margins leave a text block of {block}, too small for the body text",
        zh: "页边距只留下 {block} 的版心，放不下正文",
    }
    help_text_block(size, pitch) {
        en: "the body text is {size} on a {pitch} line pitch; the text block must hold 4 characters a line and 3 lines",
        zh: "正文字号 {size}，行距 {pitch}；版心至少要能放下每行 4 个字、共 3 行",
    }
    label_page_leaves(block) {
        en: "this page leaves a {block} text block",
        zh: "此页面只留下 {block} 的版心",
    }
    label_too_large_for(block) {
        en: "too large for a {block} text block",
        zh: "对 {block} 的版心来说太大",
    }
    grid_characters_too_many(count, pitch, size) {
        en: "[grid] {count} characters a line leave {pitch} a character, too little for the body's {size} type",
        zh: "[grid] 每行 {count} 字，每字只有 {pitch}，小于正文字号 {size}",
    }
    label_too_many_width() {
        en: "too many for the text width",
        zh: "超出版心宽度",
    }
    grid_lines_too_many(count, pitch, size) {
        en: "[grid] {count} lines a page leave {pitch} a line, less than the body's {size} type",
        zh: "[grid] 每页 {count} 行，每行只有 {pitch}，小于正文字号 {size}",
    }
    line_pitch_under_size(role, pitch, size) {
        en: "[{role}] `line-pitch` is {pitch}, less than its {size} type: its lines would be printed over one another",
        zh: "[{role}] 的行距 `line-pitch` 为 {pitch}，小于字号 {size}：各行文字会互相重叠",
    }
    help_line_pitch_under_size() {
        en: "make `line-pitch` at least the type size (equal to it sets the lines solid), or make the type smaller",
        zh: "行距至少应等于字号（相等即密排），或把字号改小",
    }
    label_pitch_and_size() {
        en: "the line pitch and the type size do not go together",
        zh: "行距与字号不相称",
    }
    running_into_text(role, size, distance, needs) {
        en: "[{role}] in {size} type is set {distance} from the text block but reaches {needs} toward it: it would print over the text",
        zh: "[{role}] 字号 {size}，离版心 {distance}，却向版心伸出 {needs}：会压在正文上",
    }
    running_off_page(role, size, margin, needs) {
        en: "[{role}] in {size} type needs {needs} of the {margin} margin: it would run off the page",
        zh: "[{role}] 字号 {size}，需要 {needs}，而页边只有 {margin}：会超出页面",
    }
    help_running_room(role) {
        en: "make [{role}]'s `size` smaller, or change its `distance` (or the page's margin) so that it fits between the text block and the page's edge",
        zh: "请改小 [{role}] 的 `size`，或调整其 `distance`（或页边距），使其位于版心与页边之间",
    }
    label_running_room() {
        en: "does not fit in its margin",
        zh: "页边放不下",
    }
    label_too_many_height() {
        en: "too many for the text height",
        zh: "超出版心高度",
    }
    no_body_font() {
        en: "the layout sets no font for [body]",
        zh: "版式没有为 [body]（正文）设置字体",
    }
    no_role_font(role) {
        en: "the layout sets no font for [{role}] (and none for [body] to inherit)",
        zh: "版式没有为 [{role}] 设置字体（[body] 也没有可继承的字体）",
    }
    help_body_font() {
        en: "give [body] a `font`: a chain from [fonts] (`font = \"serif\"`) or a list of font names",
        zh: "请给 [body] 设置 `font`：[fonts] 中的字体链（`font = \"serif\"`）或字体名称列表",
    }
    label_no_font_here() {
        en: "no `font` here",
        zh: "此处没有 `font`",
    }
    fake_bold(role, font, width) {
        en: "[{role}] is bold but {font} has no bold face: it is drawn with fake bold (stroke and fill, {width} line)",
        zh: "[{role}] 要求加粗，但 {font} 没有粗体：用描边模拟加粗（线宽 {width}）",
    }
    bad_type_size(role, size) {
        en: "[{role}] size {size} is not a usable type size",
        zh: "[{role}] 的字号 {size} 不可用",
    }
    help_type_size() {
        en: "a type size is between 1pt and 500pt",
        zh: "字号须在 1pt 到 500pt 之间",
    }
    label_this_size() {
        en: "this size",
        zh: "此字号",
    }
    label_times_this(role, factor) {
        en: "[{role}] is {factor} times this",
        zh: "[{role}] 是此字号的 {factor} 倍",
    }
    noun_image() {
        en: "image",
        zh: "图片",
    }
    noun_layout() {
        en: "layout",
        zh: "版式",
    }
    noun_seal() {
        en: "seal",
        zh: "印章",
    }
    noun_text_file() {
        en: "text file",
        zh: "文本文件",
    }
    noun_font() {
        en: "font",
        zh: "字体",
    }
    noun_text() {
        en: "text",
        zh: "正文",
    }
    noun_paragraph() {
        en: "paragraph",
        zh: "段落",
    }
    noun_title() {
        en: "title",
        zh: "标题",
    }
    noun_heading() {
        en: "heading",
        zh: "小标题",
    }
    noun_editors_note() {
        en: "editor's note",
        zh: "编者按",
    }
    noun_caption() {
        en: "caption",
        zh: "图题",
    }
    noun_addressee() {
        en: "addressee",
        zh: "主送机关",
    }
    noun_signature() {
        en: "signature",
        zh: "落款",
    }
    noun_annotation() {
        en: "annotation",
        zh: "附注",
    }
    noun_attachment_note() {
        en: "attachment note",
        zh: "附件说明",
    }
    noun_attachment_label() {
        en: "attachment label",
        zh: "附件标识",
    }
    noun_run_in() {
        en: "run-in heading",
        zh: "段首标题",
    }
    noun_list_item() {
        en: "list item",
        zh: "列表项",
    }
    noun_header() {
        en: "header",
        zh: "页眉",
    }
    noun_footer() {
        en: "footer",
        zh: "页脚",
    }
    noun_end_block() {
        en: "end block",
        zh: "版记",
    }
    noun_masthead() {
        en: "masthead",
        zh: "报头",
    }
}

/// A kind of file as named inside a message (`the image path …`): the English word the code
/// passes, in the run's language.
pub fn noun(word: &str) -> String {
    match word {
        "image" => msg::noun_image().text,
        "layout" => msg::noun_layout().text,
        "seal" => msg::noun_seal().text,
        "text file" => msg::noun_text_file().text,
        "font" => msg::noun_font().text,
        "text" => msg::noun_text().text,
        "paragraph" => msg::noun_paragraph().text,
        "title" => msg::noun_title().text,
        "heading" => msg::noun_heading().text,
        "editor's note" => msg::noun_editors_note().text,
        "caption" => msg::noun_caption().text,
        "addressee" => msg::noun_addressee().text,
        "signature" => msg::noun_signature().text,
        "annotation" => msg::noun_annotation().text,
        "attachment note" => msg::noun_attachment_note().text,
        "attachment label" => msg::noun_attachment_label().text,
        "run-in heading" => msg::noun_run_in().text,
        "list item" => msg::noun_list_item().text,
        "running head" | "header" => msg::noun_header().text,
        "footer" => msg::noun_footer().text,
        "end block" => msg::noun_end_block().text,
        "masthead" => msg::noun_masthead().text,
        "table" => super::msg::noun_table().text,
        "CSV file" => super::msg::noun_csv_file().text,
        "contents heading" => super::msg::noun_contents_heading().text,
        "contents entry" => super::msg::noun_contents_entry().text,
        other => other.to_string(),
    }
}
