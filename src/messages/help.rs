//! The help of every command-line argument, in Chinese — one table, keyed by (command, arg id).
//!
//! An argument's help is `opt_<command>_<id>` when the command has its own wording, else
//! `opt_<id>`, shared by every command with an argument of that id (the global options, `--root`,
//! `--strict`, …); `<id>` is clap's argument id (the field's name: `dump_lines`,
//! `layout_dirs`) and `<command>` the subcommand's name (nothing for jianbao itself). The English
//! text repeats the doc comment clap shows in English, so that a reader of this file sees what
//! is translated; clap's own English help is what `--lang en` prints. A new option needs an entry
//! here: the test `every_argument_has_chinese_help` (src/cli/localized.rs) names it otherwise.

use super::Entry;

catalogue! {
    opt_color() {
        en: "Colour errors and warnings",
        zh: "错误和警告是否着色",
    }
    opt_message_format() {
        en: "How errors and warnings are printed on stderr",
        zh: "错误和警告在标准错误上的输出格式",
    }
    opt_quiet() {
        en: "Print nothing but errors and warnings",
        zh: "只输出错误和警告",
    }
    opt_verbose() {
        en: "Say more: how the layout was applied (fake bold in use, …), what is watched, where layouts and fonts were found",
        zh: "输出更多信息：版式如何套用（是否用了模拟加粗等）、监视哪些文件、版式和字体在哪里找到",
    }
    opt_lang() {
        en: "Language of messages: zh (Chinese) or en (English); auto follows JIANBAO_LANG, then LC_ALL, LC_MESSAGES and LANG (zh_* gives Chinese)",
        zh: "提示信息的语言：zh（中文）或 en（英文）；auto 按 JIANBAO_LANG，再按 LC_ALL、LC_MESSAGES、LANG（zh_* 为中文）",
    }
    opt_help() {
        en: "Print help",
        zh: "显示帮助",
    }
    opt_version() {
        en: "Print version",
        zh: "显示版本",
    }
    opt_strict() {
        en: "Treat warnings as errors (nothing is written if there is any)",
        zh: "把警告当作错误（有警告则不写出任何文件）",
    }
    opt_layout_dirs() {
        en: "Also look for layouts here (first; `jianbao layouts -v` shows the whole order)",
        zh: "也在此目录查找版式（最先查找；`jianbao layouts -v` 显示完整的查找顺序）",
    }
    opt_font_dirs() {
        en: "Also look for fonts here (first; `jianbao fonts -v` shows the whole order)",
        zh: "也在此目录查找字体（最先查找；`jianbao fonts -v` 显示完整的查找顺序）",
    }
    opt_ignore_system_fonts() {
        en: "Do not look for fonts in the system's font directories",
        zh: "不在系统字体目录中查找字体",
    }
    opt_root() {
        en: "Files the definition names (images, layouts and fonts given as paths) must be inside DIR [default: the definition's directory]",
        zh: "定义文件引用的文件（图片，以及以路径给出的版式和字体）必须位于根目录 DIR 之内［默认：定义文件所在目录］",
    }
    opt_render_definition() {
        en: "The bulletin definition (TOML); `-` reads it from standard input",
        zh: "简报的定义文件（TOML）；`-` 表示从标准输入读取",
    }
    opt_render_output() {
        en: "Where to write the PDF (default: the definition's name with .pdf); `-` writes it to standard output",
        zh: "PDF 的写出位置（默认：与定义文件同名，扩展名 .pdf）；`-` 表示写到标准输出",
    }
    opt_render_dump_lines() {
        en: "Print every set line with its break reason and adjustment ratio",
        zh: "输出排好的每一行及其断行原因和伸缩比",
    }
    opt_render_dump_structure() {
        en: "Print each page's items with their tags (what a tagged PDF's structure tree holds), their links, and the outline",
        zh: "输出每页的各项内容及其标签（带标签 PDF 的结构树所含内容）、链接和书签",
    }
    opt_render_stats() {
        en: "Print line-breaking figures for the body text, total-fit against greedy",
        zh: "输出正文断行的统计数字：整段最优断行与逐行断行的对比",
    }
    opt_render_pdfa() {
        en: "Write PDF/A-2b, for archives (whatever the layout's `[pdf] standard` says)",
        zh: "写出供归档的 PDF/A-2b 文件（不论版式的 `[pdf] standard` 如何规定）",
    }
    opt_new_from() {
        en: "The previous issue's definition",
        zh: "上一期的定义文件",
    }
    opt_new_output() {
        en: "Where to write the next issue's definition",
        zh: "下一期定义文件的写出位置",
    }
    opt_new_issue() {
        en: "The next issue's number (default: the previous one plus one)",
        zh: "下一期的期号（默认：上一期加一）",
    }
    opt_new_date() {
        en: "The next issue's date (default: today)",
        zh: "下一期的日期（默认：今天）",
    }
    opt_new_force() {
        en: "Replace NEXT.toml if it exists",
        zh: "NEXT.toml 已存在时覆盖它",
    }
    opt_fix_file() {
        en: "The definition (.toml) or text file (.txt, .md) to fix in place",
        zh: "要就地修正的定义文件（.toml）或文本文件（.txt、.md）",
    }
    opt_fix_dry_run() {
        en: "Say what would change, change nothing",
        zh: "只说明会改什么，不作任何修改",
    }
    opt_import_article() {
        en: "The article: a Word document (.docx) or Markdown (.md)",
        zh: "文章：Word 文档（.docx）或 Markdown 文件（.md）",
    }
    opt_import_output() {
        en: "Write a new definition [default: the article's name with .toml]",
        zh: "写出新的定义文件［默认：与文章同名，扩展名 .toml］",
    }
    opt_import_append_to() {
        en: "Append the article's blocks to this definition instead",
        zh: "改为把文章的各块追加到此定义文件",
    }
    opt_import_layout() {
        en: "The layout a new definition names",
        zh: "新定义文件所用的版式",
    }
    opt_import_force() {
        en: "Replace a definition or image file that exists",
        zh: "定义文件或图片文件已存在时覆盖它",
    }
    opt_preview_definition() {
        en: "The bulletin definition (TOML); `-` reads it from standard input (then give -o)",
        zh: "简报的定义文件（TOML）；`-` 表示从标准输入读取（此时须给出 -o）",
    }
    opt_preview_page() {
        en: "The page to draw, counted from 1 in the PDF's order (not the printed number)",
        zh: "要画出的页，按 PDF 中的顺序从 1 数起（不是印出的页码）",
    }
    opt_preview_all() {
        en: "Draw every page (OUT is then a directory)",
        zh: "画出每一页（此时 OUT 是目录）",
    }
    opt_preview_dpi() {
        en: "Resolution in dots per inch (10–600)",
        zh: "分辨率，单位为每英寸点数（10–600）",
    }
    opt_preview_output() {
        en: "The PNG to write (`-`: standard output), or with --all the directory to write NAME-N.png files into [default: next to the definition, NAME-N.png]",
        zh: "要写出的 PNG 文件（`-`：标准输出）；用 --all 时为写入 NAME-N.png 各文件的输出目录［默认：定义文件旁，NAME-N.png］",
    }
    opt_watch_definition() {
        en: "The bulletin definition (TOML)",
        zh: "简报的定义文件（TOML）",
    }
    opt_watch_output() {
        en: "Where to write the PDF (default: the definition's name with .pdf)",
        zh: "PDF 的写出位置（默认：与定义文件同名，扩展名 .pdf）",
    }
    opt_watch_strict() {
        en: "Treat warnings as errors (the last good PDF is kept)",
        zh: "把警告当作错误（保留上一次正确生成的 PDF）",
    }
    opt_watch_debounce() {
        en: "Milliseconds to wait after a change for more changes before rendering",
        zh: "文件改动后等待更多改动的毫秒数，之后再排版",
    }
    opt_batch_inputs() {
        en: "Definitions, directories (searched recursively for definitions), glob patterns ('issues/**/*.toml'), or batch manifests",
        zh: "定义文件、目录（在其中递归查找定义文件）、通配模式（'issues/**/*.toml'）或批量清单",
    }
    opt_batch_outdir() {
        en: "The directory the PDFs go to (created if missing); a definition found in a directory keeps its path below it",
        zh: "PDF 的输出目录（不存在时创建）；在目录中找到的定义文件在输出目录下保持其相对路径",
    }
    opt_batch_jobs() {
        en: "Render N bulletins at a time, 1–256 (default: one per core)",
        zh: "同时排版 N 份简报，1–256（默认：每个处理器核一份）",
    }
    opt_batch_merge() {
        en: "Also write one print-ready PDF with all bulletins, in order",
        zh: "另外按顺序写出一个包含全部简报、可直接付印的 PDF",
    }
    opt_batch_duplex() {
        en: "In the merged PDF, start every bulletin (and copy) on an odd page, for double-sided printing",
        zh: "合并的 PDF 中每份简报（及每一份副本）都从奇数页开始，便于双面打印",
    }
    opt_batch_copies() {
        en: "Repeat each bulletin in the merged PDF: N times, or (no N) as many times as it asks for — the manifest's `copies`, else the definition's 共印 N 份 (`[bulletin] copies`), else 1",
        zh: "在合并的 PDF 中重复每份简报：N 次；不给 N 时按其要求的份数——清单中的 `copies`，否则定义文件的“共印 N 份”（`[bulletin] copies`），否则 1 份",
    }
    opt_batch_print() {
        en: "Send the merged PDF to a CUPS queue with `lp` (no QUEUE: the default destination)",
        zh: "用 `lp` 把合并的 PDF 送到 CUPS 打印队列（不给 QUEUE：默认打印机）",
    }
    opt_batch_shard() {
        en: "Render only shard K of N (K from 1), or `auto` / `auto/N` from a Kubernetes Indexed Job (JOB_COMPLETION_INDEX) or a Slurm array (SLURM_ARRAY_TASK_ID); N from auto/N, JIANBAO_SHARDS or SLURM_ARRAY_TASK_COUNT",
        zh: "只排版 N 个分片中的第 K 个（K 从 1 起），或用 `auto` / `auto/N` 取自 Kubernetes Indexed Job（JOB_COMPLETION_INDEX）或 Slurm 作业数组（SLURM_ARRAY_TASK_ID）；N 取自 auto/N、JIANBAO_SHARDS 或 SLURM_ARRAY_TASK_COUNT",
    }
    opt_batch_save_manifest() {
        en: "Write a manifest of this run (definitions, outputs, copies) to repeat it exactly",
        zh: "把本次运行写成清单（定义文件、输出、份数），以便原样重复",
    }
    opt_batch_list() {
        en: "Print what would be rendered (definition and PDF, tab-separated) and stop",
        zh: "列出将要排版的内容（定义文件和 PDF，以制表符分隔）后停止",
    }
    opt_batch_strict() {
        en: "A bulletin with warnings fails (its PDF is not written)",
        zh: "有警告的简报算作失败（不写出其 PDF）",
    }
    opt_fonts_family() {
        en: "Only this family (any of its names, in any language: 仿宋_GB2312 or FangSong_GB2312)",
        zh: "只列此字体族（可用其任一语言的任一名称：仿宋_GB2312 或 FangSong_GB2312）",
    }
    opt_fonts_all() {
        en: "List every font, also those without Chinese characters",
        zh: "列出所有字体，包括不含汉字的字体",
    }
    opt_fonts_has() {
        en: "Only fonts that have all of these characters (`--has 䶮堃喆`)",
        zh: "只列含有全部这些字符的字体（`--has 䶮堃喆`）",
    }
    opt_completions_shell() {
        en: "The shell to complete for",
        zh: "要生成补全脚本的 shell",
    }
    opt_man_command() {
        en: "A command's own page (`jianbao-render(1)`) instead of jianbao's",
        zh: "某个命令自己的手册页（`jianbao-render(1)`），而非 jianbao 的",
    }
}

/// The catalogue entry holding the help of argument `id` of `command` (`""` for jianbao
/// itself): `opt_<command>_<id>`, else the shared `opt_<id>`.
pub fn option_entry(command: &str, id: &str) -> Option<&'static Entry> {
    let find = |code: String| ENTRIES.iter().find(|e| e.code == code);
    let own = (!command.is_empty())
        .then(|| find(format!("opt_{command}_{id}")))
        .flatten();
    own.or_else(|| find(format!("opt_{id}")))
}
