#!/usr/bin/env bash
# Regenerates 质协抗疫.docx, the Word version of the sample article 质协抗疫.md, as a Word user
# would have it: written by LibreOffice from 质协抗疫.html (same text, headings as Heading 1–3,
# the picture embedded); and 格式示例.docx from 格式示例.html (bold, italic, underline,
# superscript, subscript, numbered and bulleted lists, as Word stores them: run properties and
# numbering.xml; a table with two repeated header rows, a cell merged over two rows (vMerge) and
# one over two columns (gridSpan), bold and italic in cells). Needs Debian's libreoffice-writer
# (`apt-get install --no-install-recommends libreoffice-writer`) and python3. The output is
# committed (tests/input_import.rs reads it); run this only to change the article.
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The picture goes in as a data: URI so that LibreOffice embeds it instead of linking it.
python3 - "$work/质协抗疫.html" <<'PY'
import base64, sys
png = base64.b64encode(open("抗疫-图1.png", "rb").read()).decode()
html = open("质协抗疫.html", encoding="utf-8").read().replace("抗疫-图1.png", "data:image/png;base64," + png)
open(sys.argv[1], "w", encoding="utf-8").write(html)
PY
soffice --headless --convert-to 'docx:MS Word 2007 XML' --outdir "$work" "$work/质协抗疫.html" >/dev/null
cp "$work/质协抗疫.docx" .
cp 格式示例.html "$work/"
soffice --headless --convert-to 'docx:MS Word 2007 XML' --outdir "$work" "$work/格式示例.html" >/dev/null
cp "$work/格式示例.docx" .
# 送审稿.docx: a draft back from review (tracked changes, a comment, a text box, hidden text,
# a phonetic guide, a shape), written by LibreOffice the way Word stores them
# (mc:AlternateContent with a VML fallback, w:ins/w:del, w:vanish, w:ruby).
soffice --headless --convert-to 'docx:MS Word 2007 XML' --outdir "$work" 送审稿.fodt >/dev/null
cp "$work/送审稿.docx" .
