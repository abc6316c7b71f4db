//! Messages about files: reading, writing, encodings, paths.

catalogue! {
    file_not_found() {
        en: "file not found",
        zh: "找不到文件",
    }
    permission_denied() {
        en: "permission denied",
        zh: "没有权限",
    }
    io_error(error) {
        en: "{error}",
        zh: "读写出错：{error}",
    }
    path_error(path, error) {
        en: "{path}: {error}",
        zh: "{path}：{error}",
    }
    path_not_found(path) {
        en: "{path}: file not found",
        zh: "{path}：找不到文件",
    }
    path_not_found_backslash(path, fixed) {
        en: "{path}: file not found; `\\` separates folders only on Windows: write the path with `/` ({fixed}), which works everywhere",
        zh: "{path}：找不到文件；`\\` 只在 Windows 上分隔文件夹：请用 `/` 写路径（{fixed}），各系统通用",
    }
    path_not_found_case(path, found) {
        en: "{path}: file not found; there is {found}, whose name differs only in capitals (Windows does not tell them apart, other systems do): write the name as the file has it",
        zh: "{path}：找不到文件；有一个 {found}，名字只有大小写不同（Windows 不区分大小写，其他系统区分）：请照文件的实际名字书写",
    }
    path_permission_denied(path) {
        en: "{path}: permission denied",
        zh: "{path}：没有权限",
    }
    not_regular_file(path) {
        en: "{path}: not a regular file",
        zh: "{path}：不是普通文件",
    }
    file_too_large(path, mb, what) {
        en: "{path}: the file is larger than the {mb} MB {what} may have",
        zh: "{path}：文件超过了{what}允许的 {mb} MB",
    }
    what_a_layout() {
        en: "a layout",
        zh: "版式文件",
    }
    what_a_text_file() {
        en: "a text file",
        zh: "文本文件",
    }
    what_an_image() {
        en: "an image",
        zh: "图片",
    }
    what_a_definition() {
        en: "a definition",
        zh: "定义文件",
    }
    what_an_article() {
        en: "an article",
        zh: "文章",
    }
    not_utf8_path(path) {
        en: "{path} is not UTF-8 text",
        zh: "{path} 不是 UTF-8 文本",
    }
    layout_file_not_found(path) {
        en: "layout file {path} not found",
        zh: "找不到版式文件 {path}",
    }
    no_layout_did_you_mean(name, best) {
        en: "no layout named `{name}`; did you mean `{best}`?",
        zh: "没有名为 `{name}` 的版式；是不是要写 `{best}`？",
    }
    no_layout(name, available) {
        en: "no layout named `{name}`; available layouts: {available}",
        zh: "没有名为 `{name}` 的版式；可用的版式有：{available}",
    }
    no_layouts_found() {
        en: "none found (set JIANBAO_LAYOUT_PATH)",
        zh: "一个也没找到（请设置 JIANBAO_LAYOUT_PATH）",
    }
    saved_as_encoding(saved, name) {
        en: "the file is saved as {saved}; jianbao read it as {name} — save it as UTF-8 to silence this",
        zh: "文件是 {saved} 编码，已按 {name} 读取；另存为 UTF-8 即可消除此警告",
    }
    bom_mismatch(bom, encoding) {
        en: "the file starts with a {bom} byte-order mark but is not {encoding} text",
        zh: "文件以 {bom} 字节顺序标记（BOM）开头，但内容不是 {encoding} 文本",
    }
    binary_not_text(kind) {
        en: "{kind}, not a text file: a Word article comes in with `jianbao import`, a picture as a `figure`; text must be saved as plain text (.txt, UTF-8)",
        zh: "这是{kind}，不是文本文件：Word 文章请用 `jianbao import` 导入，图片请作为 `figure` 插入；文字须另存为纯文本（.txt，UTF-8）",
    }
    kind_zip() {
        en: "a Word document (.docx) or another zip archive",
        zh: " Word 文档（.docx）或其他 zip 压缩文件",
    }
    kind_ole() {
        en: "an old Word, WPS or Excel document (.doc, .wps, .xls)",
        zh: "旧版 Word、WPS 或 Excel 文档（.doc、.wps、.xls）",
    }
    kind_image(format) {
        en: "a {format} image",
        zh: " {format} 图片",
    }
    not_utf8_nor_gbk(offset) {
        en: "the file is not UTF-8 text (invalid byte at offset {offset}) nor GBK/GB18030; save it as UTF-8",
        zh: "文件不是 UTF-8 文本（第 {offset} 字节无效），也不是 GBK/GB18030；请另存为 UTF-8",
    }
    root_not_dir() {
        en: "not a directory",
        zh: "不是目录",
    }
    help_root_dir() {
        en: "`--root` must name an existing directory",
        zh: "`--root` 须指向一个已有的目录",
    }
    output_names_no_file() {
        en: "the output path names no file",
        zh: "输出路径没有文件名",
    }
    output_dir_not_dir(dir) {
        en: "cannot write here: {dir} is not a directory",
        zh: "无法写到这里：{dir} 不是目录",
    }
    output_dir_missing(dir) {
        en: "cannot write here: the directory {dir} does not exist; create it first",
        zh: "无法写到这里：目录 {dir} 不存在；请先建立该目录",
    }
    will_not_replace(what) {
        en: "will not replace {what}: jianbao only writes over regular files",
        zh: "不会覆盖{what}：jianbao 只覆盖普通文件",
    }
    kind_named_pipe() {
        en: "a named pipe",
        zh: "命名管道",
    }
    kind_device() {
        en: "a device",
        zh: "设备文件",
    }
    kind_socket() {
        en: "a socket",
        zh: "套接字",
    }
    kind_symlink() {
        en: "a symbolic link",
        zh: "符号链接",
    }
    kind_directory() {
        en: "a directory",
        zh: "目录",
    }
    kind_not_regular() {
        en: "something that is not a regular file",
        zh: "非普通文件",
    }
    output_is_input(path) {
        en: "the output is the input {path}; choose another output name",
        zh: "输出文件就是输入文件 {path}；请换一个输出文件名",
    }
    outside_root(path, what, root, via_link) {
        en: "{path}: the {what} is outside the root directory {root}{via_link}; move it inside, or pass a wider `--root`",
        zh: "{path}：{what}在根目录 {root} 之外{via_link}；请把它移到根目录内，或用 `--root` 指定更大的根目录",
    }
    through_symlink() {
        en: " (through a symbolic link)",
        zh: "（经由符号链接）",
    }
    file_changed_while_opening(path) {
        en: "{path}: the file changed while it was being opened; try again",
        zh: "{path}：打开文件时文件被改动了；请重试",
    }
    help_mkdir_failed() {
        en: "the directory for the new file could not be made",
        zh: "无法为新文件建立目录",
    }
    file_exists_force() {
        en: "the file exists; add --force to replace it",
        zh: "文件已存在；加 --force 可覆盖",
    }
    search_order_heading(what) {
        en: "Search order for {what} (the first file of a name wins):",
        zh: "{what}的查找顺序（同名文件以先找到的为准）：",
    }
    search_what_layouts() {
        en: "layouts",
        zh: "版式",
    }
    search_what_fonts() {
        en: "fonts",
        zh: "字体",
    }
    search_origin_option(option) {
        en: "{option}",
        zh: "由 {option} 指定",
    }
    search_origin_home() {
        en: "$JIANBAO_HOME",
        zh: "$JIANBAO_HOME 目录",
    }
    search_origin_beside() {
        en: "beside the executable",
        zh: "程序所在目录旁",
    }
    search_origin_data() {
        en: "data directory",
        zh: "数据目录",
    }
    search_origin_builtin() {
        en: "built into the executable",
        zh: "程序内置",
    }
    search_origin_system() {
        en: "system fonts",
        zh: "系统字体",
    }
    search_place_missing() {
        en: "(not there)",
        zh: "（不存在）",
    }
    search_builtin_files(count) {
        en: "({count} files)",
        zh: "（{count} 个文件）",
    }
    search_builtin_none() {
        en: "(none: built without the `builtin` feature)",
        zh: "（无：编译时未启用 builtin 功能）",
    }
    search_system_platform() {
        en: "the platform's font directories",
        zh: "操作系统的字体目录",
    }
    search_system_off() {
        en: "(not searched: --ignore-system-fonts or JIANBAO_SYSTEM_FONT_DIRS empty)",
        zh: "（不查找：已给出 --ignore-system-fonts 或 JIANBAO_SYSTEM_FONT_DIRS 为空）",
    }
    output_in_use_written_beside(beside) {
        en: "the file is open in another program (a PDF viewer?) and could not be replaced; the new PDF was written as {beside} — close the viewer and render again",
        zh: "该文件正被其他程序（PDF 阅读器？）打开，无法替换；新的 PDF 已写为 {beside}——请关闭阅读器后重新生成",
    }
}
