//! Messages about `table` blocks (their rows, spans, widths, alignments and CSV files) and
//! `contents` blocks (本期要目).

catalogue! {
    /// A column width written as a percentage that is not above 0%.
    table_width_not_percent(text) {
        en: "`{text}` is not a percentage above 0%, such as `30%`",
        zh: "`{text}` 不是大于 0% 的百分数（如 `30%`）",
    }
    /// A column width over 100% of the measure.
    table_width_over_whole(text) {
        en: "`{text}` is more than the whole measure (100%)",
        zh: "`{text}` 超过了整个版心宽度（100%）",
    }
    /// A column width written as a share (`2*`) that is not a positive number.
    table_width_not_share(text) {
        en: "`{text}` is not a share such as `2*`",
        zh: "`{text}` 不是份数（如 `2*`）",
    }
    /// A column width written as a length of zero or less.
    table_width_not_positive(text) {
        en: "`{text}` is not a width above zero",
        zh: "`{text}` 不是大于零的宽度",
    }
    /// A column width that is no length, percentage or share (`error` says why).
    table_width_bad(error) {
        en: "{error}; a column width is `auto`, a length (`25mm`, `4字`), a percentage (`30%`) or a share (`2*`)",
        zh: "{error}；列宽可写 `auto`、长度（`25mm`、`4字`）、百分数（`30%`）或份数（`2*`）",
    }
    table_align_unknown(text) {
        en: "`{text}` is not a column alignment: write `left`, `center`, `right` or `decimal`",
        zh: "`{text}` 不是列的对齐方式：请写 `left`、`center`、`right` 或 `decimal`",
    }
    table_no_rows() {
        en: "this table has no rows",
        zh: "这个表格没有行",
    }
    /// `header = N` with N more than the rows (the error points at `header`).
    table_header_too_many(header, rows) {
        en: "`header = {header}` but the table has only {rows} row(s)",
        zh: "`header = {header}`，但表格只有 {rows} 行",
    }
    table_span_zero() {
        en: "`colspan` and `rowspan` are at least 1",
        zh: "`colspan` 和 `rowspan` 至少为 1",
    }
    table_too_many_cells(row, most) {
        en: "row {row} takes this table past {most} cells, the most one table may have: split it into several tables (a CSV file into several files)",
        zh: "第 {row} 行使这个表格超过 {most} 个单元格（一个表格的上限）：请拆成几个表格（CSV 文件拆成几个文件）",
    }
    table_too_many_columns(row, reaches, max) {
        en: "row {row} reaches column {reaches}, but a table has at most {max} columns (a column of one 5 pt character on an A3 page is about 100)",
        zh: "第 {row} 行到了第 {reaches} 列，但表格最多 {max} 列（A3 页面上每列一个 5 磅字，约为 100 列）",
    }
    table_row_too_long(row, columns) {
        en: "row {row} has more columns than the first row's {columns} (counting cells spanning from above)",
        zh: "第 {row} 行的列数多于第一行的 {columns} 列（含从上方跨下来的单元格）",
    }
    table_span_into_covered(row) {
        en: "a cell of row {row} spans into a column a cell above already covers",
        zh: "第 {row} 行有一个单元格跨进了上方单元格已占的列",
    }
    table_span_past_end(row, rowspan, left) {
        en: "a cell of row {row} spans {rowspan} rows, but the table ends {left} row(s) down",
        zh: "第 {row} 行有一个单元格跨 {rowspan} 行，但表格往下只有 {left} 行",
    }
    table_header_span_into_body(row, header) {
        en: "a header cell of row {row} spans into the body rows (the table has {header} header row(s))",
        zh: "第 {row} 行的表头单元格跨进了表身（表格有 {header} 行表头）",
    }
    table_first_row_empty() {
        en: "the first row has no cells",
        zh: "第一行没有单元格",
    }
    table_row_short(row, filled, columns) {
        en: "row {row} has {filled} column(s), the first row has {columns}: add the missing cells (\"\" for an empty one) or span a cell",
        zh: "第 {row} 行有 {filled} 列，第一行有 {columns} 列：请补上缺少的单元格（空单元格写 \"\"）或让一个单元格跨列",
    }
    table_needs_rows() {
        en: "`table` needs rows (an array of arrays) or the path of a CSV file",
        zh: "`table` 需要行（数组的数组）或一个 CSV 文件的路径",
    }
    /// The serde "expected …" phrase of `table =`.
    expect_table_rows() {
        en: "an array of rows, e.g. [[\"地区\", \"数量\"], [\"北京\", \"12\"]], or the path of a CSV file",
        zh: "行的数组（如 [[\"地区\", \"数量\"], [\"北京\", \"12\"]]）或一个 CSV 文件的路径",
    }
    /// The serde "expected …" phrase of a cell.
    expect_table_cell() {
        en: "a cell: a string, or {{ text = \"…\", colspan = 2, rowspan = 2 }}",
        zh: "单元格：字符串，或 {{ text = \"…\", colspan = 2, rowspan = 2 }}",
    }
    table_cell_float(value) {
        en: "write the number {value} as a string (\"{value}\"), so that its digits print as written (12.50 stays 12.50)",
        zh: "请把数字 {value} 写成字符串（\"{value}\"），数字才会照写的样子印出（12.50 仍是 12.50）",
    }
    /// `widths` or `align` (`what`) listing more columns than the table has.
    table_columns_given(what, given, columns) {
        en: "`{what}` gives {given} columns, but the table has {columns}",
        zh: "`{what}` 给了 {given} 列，但表格只有 {columns} 列",
    }
    csv_unreadable(detail) {
        en: "this CSV file cannot be read: {detail}",
        zh: "无法读取这个 CSV 文件：{detail}",
    }
    csv_no_rows() {
        en: "this CSV file has no rows",
        zh: "这个 CSV 文件没有行",
    }
    csv_field_not_text() {
        en: "a field is not valid text",
        zh: "有一个字段不是有效的文本",
    }
    csv_unequal_rows() {
        en: "rows of different lengths",
        zh: "各行长度不同",
    }
    label_this_csv_file() {
        en: "this CSV file",
        zh: "这个 CSV 文件",
    }
    /// Rows a cell spanning them joins, together taller than a page holds under the caption
    /// and header rows: they cannot move to a page of their own and run past its foot.
    table_rows_taller_than_page(first, last, height, room) {
        en: "rows {first} to {last} of this table, joined by a cell spanning them, are {height} pt tall, more than a page holds under the caption and header rows ({room} pt): they run past the foot of the page; shorten their cells or split the spanning cell",
        zh: "这个表格的第 {first} 至 {last} 行由跨行的单元格连在一起，共高 {height} 磅，超过了一页在表题和表头下能容纳的高度（{room} 磅），会超出版心下边：请缩短单元格文字，或拆开跨行的单元格",
    }
    table_column_too_narrow(col, inside, char, count) {
        en: "column {col} of this table leaves {inside} mm for text, less than one {char} mm character: its text runs into the next cell; give the {count} columns wider `widths`, fewer columns or smaller type (the layout's [table] size)",
        zh: "这个表格第 {col} 列只留出 {inside} mm 排文字，不足一个字（{char} mm）：文字会压到相邻单元格上；请加大这 {count} 列的 `widths`、减少列数或改小表格字号（版式的 [table] size）",
    }
    label_this_table() {
        en: "this table",
        zh: "这个表格",
    }
    contents_headings_range() {
        en: "`headings` is how many heading levels the contents list besides the titles: 0 to 4",
        zh: "`headings` 是目录在标题之外列出的小标题层数：0 到 4",
    }
    /// One entry of `contents_unsettled`'s list.
    contents_entry_moved(title, page, shown) {
        en: "“{title}” is on page {page}, listed as {shown}",
        zh: "“{title}”在第 {page} 页，目录中写的是 {shown}",
    }
    contents_unsettled(passes, entries) {
        en: "the page numbers of the table of contents did not settle after {passes} layouts (each layout moved the titles again): {entries}; shorten an entry or add a page break before the first title",
        zh: "排版 {passes} 次后目录的页码仍未稳定（每次排版标题都会移动）：{entries}；请缩短一个目录条目，或在第一个标题前分页",
    }
    noun_table() {
        en: "table",
        zh: "表格",
    }
    noun_csv_file() {
        en: "CSV file",
        zh: "CSV 文件",
    }
    noun_contents_heading() {
        en: "contents heading",
        zh: "目录标题",
    }
    noun_contents_entry() {
        en: "contents entry",
        zh: "目录条目",
    }
}
