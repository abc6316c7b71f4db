//! Messages of the command line: the words diagnostics start with, usage errors, progress.

catalogue! {
    prefix_error() {
        en: "error: ",
        zh: "错误：",
    }
    prefix_warning() {
        en: "warning: ",
        zh: "警告：",
    }
    prefix_help() {
        en: "help: ",
        zh: "提示：",
    }
    prefix_note() {
        en: "note: ",
        zh: "注：",
    }
    label_here() {
        en: "here",
        zh: "此处",
    }
    stdin_needs_output() {
        en: "a definition read from standard input needs -o FILE.pdf (or -o - for standard output)",
        zh: "从标准输入读取定义文件时须给出 -o FILE.pdf（或用 -o - 输出到标准输出）",
    }
    stdout_taken(option) {
        en: "{option} prints to standard output, which -o - uses for the PDF",
        zh: "{option} 要输出到标准输出，而 -o - 已把标准输出用于 PDF",
    }
    wrote_pdf(output, pages, kb) {
        en: "wrote {output} ({pages}, {kb} KB)",
        zh: "已写出 {output}（{pages}，{kb} KB）",
    }
    wrote(output) {
        en: "wrote {output}",
        zh: "已写出 {output}",
    }
    cannot_write_stdout(error) {
        en: "cannot write to standard output: {error}",
        zh: "无法写到标准输出：{error}",
    }
    stdout_is_terminal(what) {
        en: "-o - writes {what} to standard output, which is a terminal; redirect it (> file, | command) or give a file name",
        zh: "-o - 会把{what}写到标准输出，而标准输出是终端；请重定向（> 文件、| 命令）或给出文件名",
    }
    what_the_pdf() {
        en: "the PDF",
        zh: "生成的 PDF 文件",
    }
    what_the_png() {
        en: "the PNG",
        zh: "该页的 PNG 图片",
    }
    standard_output() {
        en: "standard output",
        zh: "标准输出",
    }
    strict_one() {
        en: "1 warning and --strict: nothing written",
        zh: "有 1 条警告且指定了 --strict：未写出任何文件",
    }
    strict_many(count) {
        en: "{count} warnings and --strict: nothing written",
        zh: "有 {count} 条警告且指定了 --strict：未写出任何文件",
    }
    cannot_read_stdin(error) {
        en: "cannot read standard input: {error}",
        zh: "无法读取标准输入：{error}",
    }
    stdin_too_large(mb) {
        en: "the input is larger than the {mb} MB a definition may have",
        zh: "输入超过了定义文件允许的 {mb} MB",
    }
    fix_no_stdin() {
        en: "fix rewrites a file in place: name the file, not standard input (-)",
        zh: "fix 会就地改写文件：请写文件名，不能用标准输入（-）",
    }
    fix_not_readable(error) {
        en: "the fixed definition would not read back ({error}); nothing written",
        zh: "改好的定义文件无法重新读入（{error}）；未写出任何内容",
    }
    fix_nothing(file) {
        en: "{file}: no half-width punctuation between Chinese characters",
        zh: "{file}：中文字符之间没有半角标点",
    }
    fix_would_rewrite_one(file) {
        en: "{file}: would rewrite 1 half-width mark to full width",
        zh: "{file}：将把 1 个半角标点改为全角",
    }
    fix_would_rewrite(file, count) {
        en: "{file}: would rewrite {count} half-width marks to full width",
        zh: "{file}：将把 {count} 个半角标点改为全角",
    }
    fix_rewrote_one(file) {
        en: "{file}: rewrote 1 half-width mark to full width",
        zh: "{file}：已把 1 个半角标点改为全角",
    }
    fix_rewrote(file, count) {
        en: "{file}: rewrote {count} half-width marks to full width",
        zh: "{file}：已把 {count} 个半角标点改为全角",
    }
    bad_dpi(low, high) {
        en: "the resolution must be a number from {low} to {high} dpi",
        zh: "分辨率须为 {low} 到 {high} dpi 之间的数",
    }
    all_to_stdout() {
        en: "--all writes one PNG a page into a directory; -o - takes one page",
        zh: "--all 把每页写成一个 PNG 放进目录；-o - 只能输出一页",
    }
    preview_stdin_needs_output() {
        en: "a definition read from standard input needs -o OUT.png or -o DIR (or -o - for standard output)",
        zh: "从标准输入读取定义文件时须给出 -o OUT.png 或 -o 目录（或用 -o - 输出到标准输出）",
    }
    no_such_page_one(page) {
        en: "there is no page {page}: the document has 1 page",
        zh: "没有第 {page} 页：文档只有 1 页",
    }
    no_such_page(page, count) {
        en: "there is no page {page}: the document has {count} pages",
        zh: "没有第 {page} 页：文档共 {count} 页",
    }
    wrote_png(output, width, height) {
        en: "wrote {output} ({width}×{height} px)",
        zh: "已写出 {output}（{width}×{height} 像素）",
    }
    wrote_pngs(count, dir, width, height) {
        en: "wrote {count} pages to {dir} ({width}×{height} px each)",
        zh: "已把 {count} 页写到 {dir}（每页 {width}×{height} 像素）",
    }
    watch_no_stdin() {
        en: "watch needs a definition file to watch, not standard input",
        zh: "watch 须监视一个定义文件，不能用标准输入",
    }
    watch_no_stdout() {
        en: "watch writes the PDF again on every change: give -o FILE.pdf, not -o -",
        zh: "watch 每次改动都会重写 PDF：请给出 -o FILE.pdf，不能用 -o -",
    }
    watching(files, font_dirs) {
        en: "watching {files}{font_dirs} for changes (Ctrl-C stops)",
        zh: "正在监视{files}{font_dirs}的改动（按 Ctrl-C 停止）",
    }
    files_one() {
        en: "1 file",
        zh: " 1 个文件",
    }
    files_many(count) {
        en: "{count} files",
        zh: " {count} 个文件",
    }
    and_font_dir_one() {
        en: " and 1 font directory",
        zh: "和 1 个字体目录",
    }
    and_font_dirs(count) {
        en: " and {count} font directories",
        zh: "和 {count} 个字体目录",
    }
    watching_file(file) {
        en: "watching {file}",
        zh: "正在监视 {file}",
    }
    watching_font_dir(dir) {
        en: "watching {dir} for font files",
        zh: "正在监视 {dir} 中的字体文件",
    }
    watcher_stopped() {
        en: "the file watcher stopped",
        zh: "文件监视已停止",
    }
    changed(file) {
        en: "changed: {file}",
        zh: "已改动：{file}",
    }
    wrote_pages(output, pages) {
        en: "wrote {output} ({pages})",
        zh: "已写出 {output}（{pages}）",
    }
    kept_last_good(output) {
        en: "kept the last good {output}",
        zh: "保留上一次成功生成的 {output}",
    }
    cannot_watch(error) {
        en: "cannot watch for changes: {error}",
        zh: "无法监视改动：{error}",
    }
    no_such_command(name, commands) {
        en: "there is no command `{name}`; the commands are {commands}",
        zh: "没有命令 `{name}`；可用的命令有 {commands}",
    }
    cannot_write_man(error) {
        en: "cannot write the man page: {error}",
        zh: "无法写出手册页：{error}",
    }
    help_environment() {
        en: "Environment:",
        zh: "环境变量：",
    }
    help_template() {
        en: "{{before-help}}{{about-with-newline}}\n{{usage-heading}} {{usage}}\n\n{{all-args}}{{after-help}}",
        zh: "{{before-help}}{{about-with-newline}}\n用法：{{usage}}\n\n{{all-args}}{{after-help}}",
    }
    help_commands() {
        en: "Commands",
        zh: "命令",
    }
    help_options() {
        en: "Options",
        zh: "选项",
    }
    help_arguments() {
        en: "Arguments",
        zh: "参数",
    }
    help_global() {
        en: "Global options",
        zh: "全局选项",
    }
    about_jianbao() {
        en: "Typesets Chinese bulletins (简报) written as TOML into print-ready PDF",
        zh: "把用 TOML 写的简报排成可付印的 PDF",
    }
    about_render() {
        en: "Render one bulletin definition to PDF.",
        zh: "把一个简报定义文件排成 PDF。",
    }
    about_new() {
        en: "Start the next issue's definition from the previous one.",
        zh: "以上一期为底稿，生成下一期的定义文件。",
    }
    about_fix() {
        en: "Rewrite half-width ,;:() between Chinese characters to full width, in place.",
        zh: "把中文字符之间的半角 ,;:() 就地改为全角。",
    }
    about_import() {
        en: "Turn an article (.docx or .md) into blocks of a definition: headings, paragraphs, figures.",
        zh: "把文章（.docx 或 .md）转成定义文件中的块：标题、段落、插图。",
    }
    about_preview() {
        en: "Draw pages as PNG images (without a PDF viewer).",
        zh: "把页面画成 PNG 图片（不需要 PDF 阅读器）。",
    }
    about_watch() {
        en: "Render, then render again whenever the definition, its layouts, images or fonts change.",
        zh: "排版，并在定义文件、版式、图片或字体改动时自动重排。",
    }
    about_batch() {
        en: "Render many bulletins in parallel; optionally merge them into one print file and print it.",
        zh: "并行排版多份简报；可合并成一个付印文件并打印。",
    }
    about_layouts() {
        en: "List the available layouts.",
        zh: "列出可用的版式。",
    }
    about_fonts() {
        en: "List the installed fonts: names, styles, files and Chinese character coverage.",
        zh: "列出已安装的字体：名称、字形、文件及汉字覆盖情况。",
    }
    about_completions() {
        en: "Print a shell completion script (bash, zsh, fish, elvish, powershell).",
        zh: "输出命令行补全脚本（bash、zsh、fish、elvish、powershell）。",
    }
    about_man() {
        en: "Print the manual page (roff), of jianbao or of one command.",
        zh: "输出 jianbao 或某个命令的手册页（roff 格式）。",
    }
    env_layout_path() {
        en: "More layout directories, separated like PATH (searched after --layout-dir)",
        zh: "更多版式目录，分隔方式同 PATH（在 --layout-dir 之后查找）",
    }
    env_font_path() {
        en: "More font directories, separated like PATH (searched after --font-dir)",
        zh: "更多字体目录，分隔方式同 PATH（在 --font-dir 之后查找）",
    }
    env_lang() {
        en: "zh or en: the language of messages (else the locale: LC_ALL, LC_MESSAGES, LANG)",
        zh: "zh 或 en：提示信息的语言（未设置时看 LC_ALL、LC_MESSAGES、LANG）",
    }
    env_no_color() {
        en: "If set and not empty: no colours (unless --color always)",
        zh: "设置且非空时：不着色（除非 --color always）",
    }
    env_clicolor_force() {
        en: "If set and not 0: colours even when stderr is not a terminal",
        zh: "设置且不为 0 时：即使标准错误不是终端也着色",
    }
    env_term() {
        en: "dumb: no colours and no progress bar",
        zh: "为 dumb 时：不着色，不显示进度条",
    }
    env_shards() {
        en: "batch --shard auto: the number of shards",
        zh: "batch --shard auto：分片数",
    }
    env_job_index() {
        en: "batch --shard auto: this shard's index (Kubernetes Indexed Job)",
        zh: "batch --shard auto：本分片的序号（Kubernetes Indexed Job）",
    }
    env_slurm() {
        en: "batch --shard auto: index and count from a Slurm job array",
        zh: "batch --shard auto：Slurm 作业数组的序号和数量",
    }
    env_cups() {
        en: "batch --print: the CUPS server lp sends the job to",
        zh: "batch --print：lp 把打印任务发往的 CUPS 服务器",
    }
}
