//! Messages of `jianbao batch`: selection, progress, the summary, merging and printing.

catalogue! {
    batch_summary(rendered, failed, skipped, not_started, pages, seconds, outdir) {
        en: "batch: {rendered} rendered, {failed} failed{skipped}{not_started}, {pages}, {seconds} s → {outdir}",
        zh: "批量：成功 {rendered} 份，失败 {failed} 份{skipped}{not_started}，{pages}，用时 {seconds} 秒 → {outdir}",
    }
    batch_skipped(count) {
        en: ", {count} skipped",
        zh: "，跳过 {count} 个",
    }
    batch_not_started(count) {
        en: ", {count} not started (interrupted)",
        zh: "，{count} 份未开始（已中断）",
    }
    batch_failed_list(names) {
        en: "failed: {names}",
        zh: "失败：{names}",
    }
    merge_needs_all(merge, nor_printed, count, why) {
        en: "{merge} not written{nor_printed}: {count} of the bulletins {why}, and a print file must have them all",
        zh: "未写出 {merge}{nor_printed}：有 {count} 份简报{why}，而付印文件须包含全部简报",
    }
    merge_nor_printed() {
        en: " nor printed",
        zh: "，也未打印",
    }
    merge_were_not_rendered() {
        en: "were not rendered",
        zh: "未排出",
    }
    merge_failed() {
        en: "failed",
        zh: "排版失败",
    }
    print_queue_is_path(queue) {
        en: "--print took `{queue}` as the printer queue, but it is a path; put the paths before --print, or name the queue: --print=QUEUE",
        zh: "--print 把 `{queue}` 当作打印队列，但它是一个路径；请把路径写在 --print 之前，或写明队列：--print=QUEUE",
    }
    batch_no_stdin() {
        en: "batch reads definitions from files, directories, patterns or manifests, not from standard input (-)",
        zh: "batch 从文件、目录、通配模式或清单读取定义文件，不能从标准输入（-）读取",
    }
    shard_note(index, count, from, selected, all) {
        en: "shard {index}/{count} (from {from}): {selected} of {all} bulletins",
        zh: "分片 {index}/{count}（来自 {from}）：{all} 份简报中的 {selected} 份",
    }
    no_definitions() {
        en: "no bulletin definitions to render",
        zh: "没有要排版的简报定义文件",
    }
    merge_is_output(merge, definition) {
        en: "--merge {merge} is where {definition} is written; choose another name",
        zh: "--merge {merge} 正是 {definition} 的输出文件；请换一个文件名",
    }
    option_error(option, error) {
        en: "{option}: {error}",
        zh: "{option}：{error}",
    }
    symlink_in_outdir(path) {
        en: "{path} is a symbolic link inside the output directory; batch does not write through links",
        zh: "{path} 是输出目录中的符号链接；batch 不会通过链接写文件",
    }
    no_threads(error) {
        en: "cannot start worker threads: {error}",
        zh: "无法启动工作线程：{error}",
    }
    interrupted() {
        en: "interrupted: finishing the bulletins being written (again to stop at once)",
        zh: "已中断：正在写完进行中的简报（再按一次立即停止）",
    }
    internal_error() {
        en: "internal error while rendering (a bug in jianbao; please report it with this file)",
        zh: "排版时出现内部错误（这是 jianbao 的缺陷，请附上此文件报告）",
    }
    not_written(path, error) {
        en: "{path} not written: {error}",
        zh: "未写出 {path}：{error}",
    }
    merged(path, pages, blanks, copies, bulletins, duplex, kb) {
        en: "merged: {path} ({pages}, {blanks} blank; {copies} of {bulletins}{duplex}, {kb} KB)",
        zh: "已合并：{path}（{pages}，其中空白页 {blanks} 页；{bulletins}，{copies}{duplex}，{kb} KB）",
    }
    copies_one() {
        en: "1 copy",
        zh: "每份 1 份",
    }
    copies_many(count) {
        en: "{count} copies",
        zh: "共 {count} 份",
    }
    bulletins_one() {
        en: "1 bulletin",
        zh: "1 份简报",
    }
    bulletins_many(count) {
        en: "{count} bulletins",
        zh: "{count} 份简报",
    }
    duplex() {
        en: ", duplex",
        zh: "，双面",
    }
    printing(path, id) {
        en: "printing: {path} sent to CUPS as {id}",
        zh: "打印：{path} 已作为 {id} 发送到 CUPS",
    }
    pages_one() {
        en: "1 page",
        zh: "1 页",
    }
    pages_many(count) {
        en: "{count} pages",
        zh: "{count} 页",
    }
    no_definitions_in(path) {
        en: "{path}: no definitions found",
        zh: "{path}：没有找到定义文件",
    }
    manifest_not_utf8() {
        en: "the manifest is not UTF-8 text",
        zh: "清单不是 UTF-8 文本",
    }
    skipped_layout(path) {
        en: "{path}: skipped: a layout, not a bulletin definition (a file named on the command line is skipped only when it is a layout)",
        zh: "{path}：已跳过：这是版式文件，不是简报定义文件（命令行上写明的文件只有是版式文件时才跳过）",
    }
    neither_definition_nor_layout(path) {
        en: "{path}: failed: neither a bulletin definition nor a layout (a file named on the command line must be a definition, a manifest or a layout)",
        zh: "{path}：失败：既不是简报定义文件也不是版式文件（命令行上写明的文件须是定义文件、清单或版式文件）",
    }
    left_out_one(path) {
        en: "{path}: 1 .toml file that is not bulletin definitions left out (files found in a directory or by a pattern are rendered only when they are definitions)",
        zh: "{path}：有 1 个不是简报定义的 .toml 文件未排（在目录中或按通配模式找到的文件，只有是定义文件才排版）",
    }
    left_out(path, count) {
        en: "{path}: {count} .toml files that are not bulletin definitions left out (files found in a directory or by a pattern are rendered only when they are definitions)",
        zh: "{path}：有 {count} 个不是简报定义的 .toml 文件未排（在目录中或按通配模式找到的文件，只有是定义文件才排版）",
    }
    bad_pattern(pattern, error) {
        en: "bad pattern `{pattern}`: {error}",
        zh: "通配模式 `{pattern}` 有误：{error}",
    }
    no_match(pattern) {
        en: "no file matches `{pattern}`",
        zh: "没有文件与 `{pattern}` 匹配",
    }
    same_output(first, second, output) {
        en: "{first} and {second} would both be written to {output} in the output directory; name their directory instead of the files, or give each an `output` in a manifest",
        zh: "{first} 和 {second} 都会写到输出目录中的 {output}；请写它们所在的目录而不是文件，或在清单中分别给出 `output`",
    }
    not_a_shard(text) {
        en: "`{text}` is not a shard: write K/N (1 ≤ K ≤ N), auto or auto/N",
        zh: "`{text}` 不是分片：请写 K/N（1 ≤ K ≤ N）、auto 或 auto/N",
    }
    shard_range(index, count) {
        en: "shard {index}/{count}: K counts from 1 to N (1/{count} … {count}/{count})",
        zh: "分片 {index}/{count}：K 从 1 数到 N（1/{count} … {count}/{count}）",
    }
    shard_var_not_number(var, value) {
        en: "--shard auto: {var}=`{value}` is not a number",
        zh: "--shard auto：{var}=`{value}` 不是数",
    }
    slurm_off_grid(id, min, step) {
        en: "--shard auto: SLURM_ARRAY_TASK_ID={id} is not on the array's grid (min {min}, step {step}); use an array like --array=0-{{N-1}} or --shard K/N",
        zh: "--shard auto：SLURM_ARRAY_TASK_ID={id} 不在作业数组的网格上（最小 {min}，步长 {step}）；请用 --array=0-{{N-1}} 这样的数组，或用 --shard K/N",
    }
    shard_no_index() {
        en: "--shard auto: neither JOB_COMPLETION_INDEX (Kubernetes Indexed Job) nor SLURM_ARRAY_TASK_ID (Slurm array) is set; use --shard K/N",
        zh: "--shard auto：既没有设置 JOB_COMPLETION_INDEX（Kubernetes Indexed Job），也没有设置 SLURM_ARRAY_TASK_ID（Slurm 作业数组）；请用 --shard K/N",
    }
    shards_not_positive(value) {
        en: "JIANBAO_SHARDS=`{value}` is not a positive number",
        zh: "JIANBAO_SHARDS=`{value}` 不是正整数",
    }
    shard_count_unknown(from) {
        en: "--shard auto: the index comes from {from}, but the number of shards is unknown: write --shard auto/N or set JIANBAO_SHARDS",
        zh: "--shard auto：序号来自 {from}，但分片数未知：请写 --shard auto/N 或设置 JIANBAO_SHARDS",
    }
    shard_beyond(from, index, count) {
        en: "--shard auto: {from} gives shard {index} but there are only {count} shards",
        zh: "--shard auto：{from} 给出第 {index} 片，但只有 {count} 片",
    }
    print_no_cups_windows(file, duplex) {
        en: "cannot print: --print sends the file to CUPS with `lp`, which Windows does not have; {file} was written: open it in a PDF viewer and print it from there{duplex}",
        zh: "无法打印：--print 用 `lp` 把文件发给 CUPS，而 Windows 没有它；已写出 {file}：请在 PDF 阅读器中打开后打印{duplex}",
    }
    print_duplex_hint() {
        en: " (double-sided, flip on long edge)",
        zh: "（双面，长边翻页）",
    }
    print_no_lp(file) {
        en: "cannot print: the CUPS command `lp` is not installed (Debian: apt-get install cups-client); {file} was written and can be printed by hand",
        zh: "无法打印：没有安装 CUPS 命令 `lp`（Debian：apt-get install cups-client）；已写出 {file}，可手动打印",
    }
    print_cannot_run_lp(error) {
        en: "cannot print: could not run `lp`: {error}",
        zh: "无法打印：无法运行 `lp`：{error}",
    }
    print_no_scheduler() {
        en: " (the CUPS scheduler is not running or cannot be reached: start cupsd, or check CUPS_SERVER)",
        zh: "（CUPS 调度程序未运行或无法连接：请启动 cupsd，或检查 CUPS_SERVER）",
    }
    print_list_queues() {
        en: " (`lpstat -p` lists the queues)",
        zh: "（`lpstat -p` 可列出打印队列）",
    }
    print_name_queue() {
        en: " (name a queue: --print QUEUE)",
        zh: "（请写明打印队列：--print QUEUE）",
    }
    print_default_queue() {
        en: "the default queue",
        zh: "默认队列",
    }
    print_failed(file, queue, said, hint) {
        en: "cannot print {file} on {queue}: {said}{hint}",
        zh: "无法在 {queue} 上打印 {file}：{said}{hint}",
    }
    print_too_many_pages(total, most) {
        en: "the print file would have {total} pages with every copy, more than {most}; give fewer copies (--copies N) or print in several runs",
        zh: "付印文件连同全部份数将有 {total} 页，超过 {most} 页；请减少份数（--copies N）或分几次打印",
    }
}
