//! Messages about TOML itself: syntax, unknown and missing keys, wrong types.

catalogue! {
    unknown_key(key, table) {
        en: "unknown key `{key}`{table}",
        zh: "未知的键 `{key}`{table}",
    }
    in_table(table) {
        en: " in {table}",
        zh: "（在 {table} 中）",
    }
    label_unknown_key() {
        en: "unknown key",
        zh: "未知的键",
    }
    unknown_value(value) {
        en: "`{value}` is not one of the values allowed here",
        zh: "此处不能取值 `{value}`",
    }
    label_unknown_value() {
        en: "unknown value",
        zh: "未知的值",
    }
    missing_key(key, table) {
        en: "missing key `{key}`{table}",
        zh: "缺少键 `{key}`{table}",
    }
    label_key_required(key) {
        en: "`{key}` is required here",
        zh: "此处必须有 `{key}`",
    }
    help_add_key(key) {
        en: "add `{key} = …` to this table",
        zh: "在此表中加上 `{key} = …`",
    }
    number_out_of_range(value, low, high) {
        en: "`{value}` is not allowed here: write a whole number from {low} to {high}",
        zh: "此处不能取 `{value}`：请写 {low} 到 {high} 之间的整数",
    }
    label_number_range(low, high) {
        en: "a whole number from {low} to {high}",
        zh: "{low} 到 {high} 之间的整数",
    }
    wrong_type(found, expected) {
        en: "wrong type: {found} where {expected} is expected",
        zh: "类型不对：此处应为{expected}，写的是{found}",
    }
    label_wrong_type() {
        en: "wrong type",
        zh: "类型不对",
    }
    label_expected(expected) {
        en: "expected {expected}",
        zh: "应为{expected}",
    }
    bad_escape() {
        en: "a backslash `\\` starts an escape in \"…\" and \"\"\"…\"\"\" strings, and this is not one",
        zh: "在 \"…\" 和 \"\"\"…\"\"\" 字符串中反斜杠 `\\` 表示转义，而这里不是有效的转义",
    }
    label_not_escape() {
        en: "not an escape",
        zh: "不是转义",
    }
    help_literal_string() {
        en: "write text with backslashes (a Windows path such as D:\\质协\\2020) in a literal string, '…' or '''…''', where nothing is an escape; or double each backslash",
        zh: "含反斜杠的文字（如 Windows 路径 D:\\质协\\2020）请写在字面字符串 '…' 或 '''…''' 中，其中没有转义；或者把每个反斜杠写两遍",
    }
    help_number_unquoted(number) {
        en: "write the number alone, without quotes or words around it: {number}",
        zh: "只写数字，不加引号或文字：{number}",
    }
    full_width_mark(found, wanted) {
        en: "`{found}` is a full-width character (a Chinese input method's), which TOML does not read outside quotes (it takes the half-width `{wanted}`): TOML's own marks (= \" ' [ ] , {{ }} #) are typed with the input method in English punctuation (Ctrl+. in most Chinese input methods); inside quotes, full-width marks are text and stay",
        zh: "此处的 `{found}` 是全角字符（中文输入法所打），TOML 在引号外不认（它用半角的 `{wanted}`）：TOML 自身的符号（= \" ' [ ] , {{ }} #）须在输入法的英文标点状态下输入（多数中文输入法按 Ctrl+. 切换）；引号里面的全角标点是文字，可以保留",
    }
    inner_double_quote() {
        en: "this `\"` ends the string, and the text after it is not part of it: a quotation inside \"…\" is written with “ ” (as Chinese text has it), or \\\"; or put the whole text in '''…''', where \" is text",
        zh: "这个 `\"` 结束了字符串，后面的文字不再属于它：\"…\" 里面的引语请用中文引号“ ”，或写成 \\\"；也可以把整段文字写在 '''…''' 中，那里的 \" 就是文字",
    }
    inner_single_quote() {
        en: "this `'` ends the string, and the text after it is not part of it: in '…' nothing can stand for ' — put the text in \"…\" or '''…''' instead",
        zh: "这个 `'` 结束了字符串，后面的文字不再属于它：'…' 中没有办法写 '——请把文字改写在 \"…\" 或 '''…''' 中",
    }
    label_string_ends() {
        en: "the string ends here",
        zh: "字符串在此结束",
    }
    label_full_width() {
        en: "full-width mark",
        zh: "全角标点",
    }
    help_half_width() {
        en: "switch the input method to half-width (English) punctuation and type the mark again (or delete it where the line needs none, as after a value)",
        zh: "把输入法切换到半角（英文）标点，重新输入这个符号（行中不需要它时——如值的后面——删去即可）",
    }
    nesting_too_deep(limit) {
        en: "tables, arrays or the parts of a dotted key are nested more than {limit} deep here; a definition never needs so many levels",
        zh: "此处的表、数组或带点的键嵌套超过 {limit} 层；定义用不到这么多层",
    }
    label_too_deep() {
        en: "too deep",
        zh: "嵌套太深",
    }
    did_you_mean(name) {
        en: "did you mean `{name}`?",
        zh: "是不是要写 `{name}`？",
    }
    no_keys_allowed() {
        en: "no keys are allowed here",
        zh: "此处不能有任何键",
    }
    no_values_allowed() {
        en: "no values are allowed here",
        zh: "此处不能有任何值",
    }
    keys_allowed(list) {
        en: "the keys allowed here are {list}",
        zh: "此处可用的键有 {list}",
    }
    values_allowed(list) {
        en: "the values allowed here are {list}",
        zh: "此处可用的值有 {list}",
    }
    toml_syntax(detail) {
        en: "{detail}",
        zh: "TOML 语法错误：{detail}",
    }
    type_whole_number() {
        en: "a whole number",
        zh: "整数",
    }
    type_number() {
        en: "a number",
        zh: "数",
    }
    type_table() {
        en: "a table",
        zh: "表",
    }
    type_string() {
        en: "a string",
        zh: "字符串",
    }
    type_array() {
        en: "an array",
        zh: "数组",
    }
    type_boolean() {
        en: "a boolean",
        zh: "布尔值（true 或 false）",
    }
    type_date() {
        en: "a date",
        zh: "日期",
    }
    date_with_time() {
        en: "expected a date such as 2020-03-10, without a time",
        zh: "应为日期，如 2020-03-10，不带时间",
    }
    expected_date() {
        en: "expected a date such as 2020-03-10",
        zh: "应为日期，如 2020-03-10",
    }
    bad_date(text) {
        en: "`{text}` is not a valid date; write it as YYYY-MM-DD",
        zh: "`{text}` 不是有效日期；请写成 YYYY-MM-DD（年-月-日）",
    }
    bad_colour(text) {
        en: "`{text}` is not a colour; write \"#RRGGBB\" or one of black, red, gray, white",
        zh: "`{text}` 不是颜色；请写 \"#RRGGBB\" 或 black、red、gray、white 之一",
    }
    bad_percentage(text) {
        en: "`{text}` is not a percentage from more than 0% to 100%, such as `70%`",
        zh: "`{text}` 不是大于 0% 且不超过 100% 的百分比（如 `70%`）",
    }
    not_positive_extent(text) {
        en: "`{text}` is not more than zero: give a width or height such as `120mm` or `70%`",
        zh: "`{text}` 不大于零：请给出宽度或高度，如 `120mm` 或 `70%`",
    }
    not_finite(written) {
        en: "`{written}` is not a finite number",
        zh: "`{written}` 不是有限的数",
    }
    length_out_of_range(written, ems) {
        en: "`{written}` is out of range: a length may be at most 5080mm (14400pt, the largest PDF page) or {ems}字",
        zh: "`{written}` 超出范围：长度最多 5080mm（14400pt，PDF 页面的最大尺寸）或 {ems}字",
    }
    not_a_length(text) {
        en: "`{text}` is not a length: write a number with pt, mm, cm, in, em or 字 (e.g. `16pt`, `28mm`, `2字`), or a size name such as `三号`",
        zh: "`{text}` 不是长度：请写带单位 pt、mm、cm、in、em 或 字 的数（如 `16pt`、`28mm`、`2字`），或字号名称，如 `三号`",
    }
    expect_colour() {
        en: "a colour such as \"#C8102E\" or \"red\"",
        zh: "颜色（如 \"#C8102E\" 或 \"red\"）",
    }
    expect_length() {
        en: "a length such as \"16pt\", \"28mm\", \"2字\" or \"三号\"",
        zh: "长度（如 \"16pt\"、\"28mm\"、\"2字\" 或 \"三号\"）",
    }
    /// The serde "expected …" phrase of a layout's key.
    expect_key() {
        en: "a key",
        zh: "键",
    }
    /// The serde "expected …" phrase of a whole layout file.
    expect_layout_table() {
        en: "a layout table",
        zh: "版式的表",
    }
    /// The serde "expected …" phrase of a table (`[masthead]`).
    expect_table() {
        en: "a table",
        zh: "表",
    }
    expect_extent() {
        en: "a length such as \"120mm\" or a percentage such as \"70%\"",
        zh: "长度（如 \"120mm\"）或百分比（如 \"70%\"）",
    }
    unknown_paper(name) {
        en: "unknown paper size `{name}`; use A3, A4, A5, B5, 16K or letter, or give `width` and `height`",
        zh: "未知的纸张幅面 `{name}`；请用 A3、A4、A5、B5、16K 或 letter，或给出 `width` 和 `height`",
    }
}

/// The `toml` crate's own syntax messages (its parser's words, which jianbao does not write) in
/// Chinese: whole phrases, longest first, so that `invalid basic string, expected `"`` reads
/// `无效的基本字符串，应为 `"``. A phrase not listed stays in English after 「TOML 语法错误：」.
pub const TOML_PHRASES: &[(&str, &str)] = &[
    (
        "invalid multi-line basic string",
        "无效的多行基本字符串（\"\"\"…\"\"\"）",
    ),
    (
        "invalid multi-line literal string",
        "无效的多行字面字符串（'''…'''）",
    ),
    ("invalid basic string", "无效的基本字符串（\"…\"）"),
    ("invalid literal string", "无效的字面字符串（'…'）"),
    ("invalid unquoted key", "无效的不带引号的键"),
    ("invalid key-value pair", "无效的键值对"),
    ("invalid inline table element", "无效的内联表元素"),
    ("invalid comment character", "注释中有无效字符"),
    ("invalid value", "无效的值"),
    ("invalid table header", "无效的表头"),
    ("invalid array", "无效的数组"),
    ("invalid string", "无效的字符串"),
    ("invalid key", "无效的键"),
    ("unclosed array table", "数组表（[[…]]）没有闭合"),
    ("unclosed inline table", "内联表（{…}）没有闭合"),
    ("unclosed table", "表头（[…]）没有闭合"),
    ("unclosed array", "数组（[…]）没有闭合"),
    ("key with no value", "键没有值"),
    ("missing value for key", "键缺少值"),
    ("missing value", "缺少值"),
    (
        "missing assignment between key-value pairs",
        "键值对之间缺少 =",
    ),
    (
        "missing comma between array elements",
        "数组元素之间缺少逗号",
    ),
    (
        "missing comma between key-value pairs",
        "键值对之间缺少逗号",
    ),
    ("missing opening quote", "缺少开头的引号"),
    ("missing key for inline table element", "内联表元素缺少键"),
    ("string values must be quoted", "字符串值必须加引号"),
    ("extra comma in inline table", "内联表中多了逗号"),
    ("extra comma in array", "数组中多了逗号"),
    (
        "extra assignment between key-value pairs",
        "键值对之间多了 =",
    ),
    (
        "unexpected content between comment and newline",
        "注释与换行之间有多余内容",
    ),
    ("unexpected key or value", "多余的键或值"),
    ("unexpected content", "多余的内容"),
    ("unexpected leading zero", "数字不能以 0 开头"),
    ("duplicate key", "重复的键"),
    (
        "carriage return must be followed by newline",
        "回车符后必须跟换行符",
    ),
    ("expected newline", "应换行"),
    (", expected ", "，应为 "),
    ("expected ", "应为 "),
];
