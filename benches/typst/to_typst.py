#!/usr/bin/env python3
"""Turns a jianbao definition (TOML) into an equivalent Typst document, for benches/typst.sh.

The point is a fair side-by-side timing, not a second implementation of jianbao: the Typst
document has the same page size and margins, the same fonts (the project's fonts/ directory),
sizes, line pitch, first-line indent and justification as the definition's layout, the same
text blocks with CJK line breaking, the same image files as figures with numbered captions,
tables, the running head and foot ("- N -" page numbers) and, for layouts with a [masthead],
the red name and rule. It is not pixel-identical (Typst breaks lines and places floats its own
way), so benches/typst.sh reports both page counts.

    benches/typst/to_typst.py DEFINITION.toml [-o OUT.typ] [--layouts DIR] [--families FILE]

Image paths are written relative to the definition's directory: put OUT.typ next to the
definition (or pass `--root` to `typst compile` accordingly). `--families` names a file with
the font families Typst finds (`typst fonts --font-path fonts --ignore-system-fonts`); layout
font names not in it are left out of the fallback lists (Typst would warn about each). Block
kinds it does not know (公文 signatures, seals, attachments …) are refused with a message
rather than skipped, so a benchmark never silently does less work than jianbao.

Standard library only (Python 3.11+ for tomllib).
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import struct
import sys
import tomllib
from pathlib import Path

# 字号 in points (GB/T 148 usage, as jianbao reads them).
CHINESE_SIZES = {
    "初号": 42, "小初": 36, "一号": 26, "小一": 24, "二号": 22, "小二": 18, "三号": 16,
    "小三": 15, "四号": 14, "小四": 12, "五号": 10.5, "小五": 9, "六号": 7.5, "小六": 6.5,
    "七号": 5.5, "八号": 5,
}
PAPER = {"A4": (210.0, 297.0), "A3": (297.0, 420.0), "A5": (148.0, 210.0), "B5": (176.0, 250.0)}
MM = 72 / 25.4
CN_DIGITS = "〇一二三四五六七八九"


def fail(msg: str) -> None:
    print(f"to_typst: {msg}", file=sys.stderr)
    sys.exit(1)


def size_pt(v, default: float = 16.0) -> float:
    """A type size: a 字号 name or a length."""
    if v is None:
        return default
    if isinstance(v, (int, float)):
        return float(v)
    if v in CHINESE_SIZES:
        return float(CHINESE_SIZES[v])
    return length_pt(v, default)


def length_pt(v, em: float) -> float:
    """A length in points: pt, mm, cm, in, 字 (ems of the style's size) or a bare number."""
    if isinstance(v, (int, float)):
        return float(v)
    m = re.fullmatch(r"\s*(-?[0-9.]+)\s*(pt|mm|cm|in|字|em)?\s*", str(v))
    if not m:
        fail(f"cannot read the length {v!r}")
    n, unit = float(m.group(1)), m.group(2) or "pt"
    return n * {"pt": 1, "mm": MM, "cm": 10 * MM, "in": 72, "字": em, "em": em}[unit]


def pt(x: float) -> str:
    return f"{x:.3f}pt"


def cn_number(n: int) -> str:
    if n < 10:
        return CN_DIGITS[n]
    if n < 20:
        return "十" + (CN_DIGITS[n % 10] if n % 10 else "")
    return CN_DIGITS[n // 10] + "十" + (CN_DIGITS[n % 10] if n % 10 else "")


def image_size(path: Path) -> tuple[int, int] | None:
    """Pixel size of a PNG or JPEG (to apply the layout's max-height as jianbao does)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return struct.unpack(">II", data[16:24])
    if data[:2] == b"\xff\xd8":
        i = 2
        while i + 9 < len(data):
            if data[i] != 0xFF:
                i += 1
                continue
            marker = data[i + 1]
            seglen = struct.unpack(">H", data[i + 2:i + 4])[0]
            if marker in (0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF):
                h, w = struct.unpack(">HH", data[i + 5:i + 9])
                return w, h
            i += 2 + seglen
    return None


class Converter:
    def __init__(self, definition: Path, layouts: Path, families: set[str] | None):
        self.path = definition
        with definition.open("rb") as f:
            self.doc = tomllib.load(f)
        name = self.doc.get("layout", "jianbao")
        lpath = layouts / f"{name}.toml"
        if not lpath.is_file():
            fail(f"{definition}: layout {name!r} not found in {layouts}")
        with lpath.open("rb") as f:
            self.layout = tomllib.load(f)
        self.families = families
        self.fig_no = 0
        self.table_no = 0
        self.labels = self._labels()
        self.out: list[str] = []

    # --- layout lookups -------------------------------------------------------------------
    def style(self, *names: str) -> dict:
        """A style with its fallbacks: [heading-1] over [heading] over [body]."""
        merged: dict = {}
        for n in ("body",) + names:
            merged.update({k: v for k, v in self.layout.get(n, {}).items() if not isinstance(v, dict)})
        return merged

    def font(self, key: str | None) -> tuple[str, str]:
        """A layout font key → (Typst family list, weight)."""
        names = self.layout.get("fonts", {}).get(key or "serif", [key or "Noto Serif SC"])
        fams: list[str] = []
        weight = "regular"
        for i, n in enumerate(names):
            fam, w = n, "regular"
            if n.endswith(" Bold"):
                fam, w = n[: -len(" Bold")], "bold"
            if self.families is not None and fam not in self.families:
                continue
            if not fams:
                weight = w
            if fam not in fams:
                fams.append(fam)
        if not fams:
            fams = ["Noto Serif SC"]
        return "(" + ", ".join(f'"{f}"' for f in fams) + ",)", weight

    def text_set(self, st: dict) -> str:
        """`set text` and `set par` for a style: size, face, pitch (baseline to baseline)."""
        size = size_pt(st.get("size"))
        fams, weight = self.font(st.get("font"))
        if st.get("bold"):
            weight = "bold"
        pitch = length_pt(st.get("line-pitch", size * 1.5), size)
        color = st.get("color")
        fill = f", fill: {self.color(color)}" if color else ""
        tracking = ""
        if st.get("letter-spacing"):
            tracking = f", tracking: {pt(length_pt(st['letter-spacing'], size))}"
        # A line box of exactly 1 em, so leading = pitch − size gives jianbao's fixed pitch.
        return (f"#set text(font: {fams}, size: {pt(size)}, weight: \"{weight}\"{fill}{tracking})\n"
                f"#set par(leading: {pt(pitch - size)}, spacing: {pt(pitch - size)})\n")

    @staticmethod
    def color(c: str) -> str:
        named = {"red": "rgb(\"#e60000\")", "black": "black", "blue": "blue"}
        if c in named:
            return named[c]
        if re.fullmatch(r"#[0-9a-fA-F]{6}", c):
            return f'rgb("{c}")'
        return "black"

    def field(self, template: str) -> str:
        """A header/footer template with the definition's fields filled in."""
        b = self.doc.get("bulletin", {})
        date = b.get("date")
        fmt = self.layout.get("date-format", "{year}年{month}月{day}日")
        ds = fmt.format(year=date.year, month=date.month, day=date.day) if date else ""
        values = {
            "publisher": esc(str(b.get("publisher", ""))),
            "date": esc(ds),
            "name": esc(str(b.get("name", ""))),
            "issue": esc(str(b.get("issue", ""))),
            "total": esc(str(b.get("total-issue", ""))),
            "classification": esc(str(b.get("classification", ""))),
            "copy": esc(str(b.get("copy-number", ""))),
            "page": "#context counter(page).display()",
        }
        parts = re.split(r"(\{[a-z-]+\})", template)
        return "".join(values.get(p[1:-1], "") if re.fullmatch(r"\{[a-z-]+\}", p) else esc(p) for p in parts)

    def _labels(self) -> dict[str, int]:
        labels, fig, tab = {}, 0, 0
        for b in self.doc.get("blocks", []):
            if "figure" in b:
                fig += 1
                if "label" in b:
                    labels[b["label"]] = fig
            if "table" in b:
                tab += 1
                if "label" in b:
                    labels[b["label"]] = tab
        return labels

    # --- the document ---------------------------------------------------------------------
    def convert(self) -> str:
        lay = self.layout
        page = lay.get("page", {})
        body = self.style()
        bsize = size_pt(body.get("size"))
        pw, ph = PAPER.get(str(page.get("size", "A4")).upper(), PAPER["A4"])
        if page.get("orientation") == "landscape":
            pw, ph = ph, pw
        margin = {k: length_pt(page.get(k, "25mm"), bsize) for k in ("top", "bottom", "left", "right")}
        self.text_width = pw * MM - margin["left"] - margin["right"]
        self.text_height = ph * MM - margin["top"] - margin["bottom"]
        b = self.doc.get("bulletin", {})
        o = self.out
        o.append(f"// Generated by benches/typst/to_typst.py from {self.path.name}; do not edit.\n")
        o.append(f"#set document(title: \"{esc_str(self.first_title())}\")\n")
        header = self.header()
        footer = self.footer()
        o.append(
            f"#set page(width: {pw}mm, height: {ph}mm, margin: (top: {pt(margin['top'])}, "
            f"bottom: {pt(margin['bottom'])}, left: {pt(margin['left'])}, right: {pt(margin['right'])}),"
            f" header: {header}, footer: {footer}, header-ascent: 0pt, footer-descent: 0pt)\n")
        first = b.get("first-page", 1)
        o.append(f"#counter(page).update({first})\n")
        o.append('#set text(lang: "zh", region: "cn", top-edge: 0.88em, bottom-edge: -0.12em)\n')
        o.append(self.text_set(body))
        indent = length_pt(body.get("indent", "2字"), 1.0)  # in em
        justify = "true" if body.get("align", "justify") == "justify" else "false"
        o.append(f"#set par(justify: {justify}, first-line-indent: (amount: {indent}em, all: true))\n")
        self.figure_rules()
        self.heading_rules()
        if "masthead" in lay:
            self.masthead()
        for i, blk in enumerate(self.doc.get("blocks", [])):
            self.block(i, blk)
        return "".join(o)

    def first_title(self) -> str:
        for blk in self.doc.get("blocks", []):
            if "title" in blk:
                return blk["title"]
        return self.doc.get("bulletin", {}).get("name", "")

    def running(self, section: str, which: str) -> str:
        st = self.style(section)
        sec = self.layout.get(section, {})
        cells = [self.field(sec.get(k, "")) for k in ("left", "center", "right")]
        if not any(cells):
            return "none"
        size = size_pt(st.get("size"))
        fams, weight = self.font(st.get("font"))
        dist = length_pt(sec.get("distance", "10mm"), size)
        rule = sec.get("rule")
        grid = (f"grid(columns: (1fr, auto, 1fr), align(left)[{cells[0]}], align(center)[{cells[1]}],"
                f" align(right)[{cells[2]}])")
        inner = grid
        if rule and which == "header":
            inner = f"{grid}; v(2pt); line(length: 100%, stroke: {pt(length_pt(rule, size))})"
        first_page = sec.get("first-page", True)
        body = (f"{{ set text(font: {fams}, size: {pt(size)}, weight: \"{weight}\"); "
                f"set par(first-line-indent: 0pt, justify: false); {inner} }}")
        if which == "header":
            # jianbao's distance is from the header's baseline to the text area's top.
            content = f"place(bottom, dy: -{pt(dist - size)}, block(width: 100%, {body}))"
        else:
            content = f"place(top, dy: {pt(dist - size)}, block(width: 100%, {body}))"
        if not first_page:
            content = f"context if counter(page).get().first() > {self.doc.get('bulletin', {}).get('first-page', 1)} {{ {content} }}"
        return "{ " + content + " }"

    def header(self) -> str:
        return self.running("header", "header")

    def footer(self) -> str:
        return self.running("footer", "footer")

    def figure_rules(self) -> None:
        cap = self.style("caption")
        fmt = self.layout.get("caption", {}).get("format", "图 {n} {caption}")
        m = re.fullmatch(r"(.*)\{n\}(.*)\{caption\}", fmt)
        supplement, sep = (m.group(1), m.group(2)) if m else ("图", " ")
        tfmt = self.layout.get("table", {}).get("format", "表 {n} {caption}")
        tm = re.fullmatch(r"(.*)\{n\}(.*)\{caption\}", tfmt)
        tsupp = tm.group(1) if tm else "表"
        fig = self.layout.get("figure", {})
        size = size_pt(cap.get("size"))
        gap = length_pt(fig.get("caption-gap", "4pt"), size)
        clearance = length_pt(fig.get("space-before", "10pt"), size)
        o = self.out
        o.append(f"#set figure(gap: {pt(gap)})\n")
        o.append(f"#set place(clearance: {pt(clearance)})\n")
        o.append(f"#set figure.caption(separator: [{esc(sep)}])\n")
        o.append(f"#set figure(numbering: \"1\")\n")
        o.append(f"#show figure.where(kind: image): set figure(supplement: [{esc(supplement.strip())}])\n")
        o.append(f"#show figure.where(kind: table): set figure(supplement: [{esc(tsupp.strip())}])\n")
        o.append(f"#show figure.where(kind: table): set figure.caption(position: top)\n")
        o.append("#show figure.caption: it => {\n" + indent_lines(self.text_set(cap))
                 + "  set par(first-line-indent: 0pt, justify: false)\n  it\n}\n")

    def heading_rules(self) -> None:
        o = self.out
        title = self.style("title")
        tsec = self.layout.get("title", {})
        tsize = size_pt(title.get("size"))
        tpitch = length_pt(title.get("line-pitch", tsize * 1.5), tsize)
        o.append("#show heading.where(level: 1): it => {\n" + indent_lines(self.text_set(title))
                 + f"  set par(first-line-indent: 0pt, justify: false)\n"
                 + f"  block(width: 100%, above: {pt(length_pt(tsec.get('space-before', '0pt'), tsize) + tpitch - tsize)},"
                 + f" below: {pt(length_pt(tsec.get('space-after', '0pt'), tsize) + tpitch - tsize)},"
                 + f" align({title.get('align', 'center')}, it.body))\n}}\n")
        for level in (1, 2, 3, 4):
            st = self.style("heading", f"heading-{level}")
            sec = dict(self.layout.get("heading", {}))
            sec.update(self.layout.get(f"heading-{level}", {}))
            size = size_pt(st.get("size"))
            pitch = length_pt(st.get("line-pitch", size * 1.5), size)
            ind = length_pt(st.get("indent", "0pt"), 1.0)
            before = length_pt(sec.get("space-before", "0pt"), size) + pitch - size
            after = length_pt(sec.get("space-after", "0pt"), size) + pitch - size
            o.append(f"#show heading.where(level: {level + 1}): it => {{\n" + indent_lines(self.text_set(st))
                     + f"  set par(first-line-indent: (amount: {ind}em, all: true), justify: false)\n"
                     + f"  block(width: 100%, above: {pt(before)}, below: {pt(after)}, par(it.body))\n}}\n")

    def masthead(self) -> None:
        m = self.layout["masthead"]
        b = self.doc.get("bulletin", {})
        o = self.out
        o.append("#{\n")
        marks = m.get("marks", {})
        if marks:
            st = self.style("masthead.marks") | {k: v for k, v in marks.items() if not isinstance(v, dict)}
            l, r = self.field(marks.get("left", "")), self.field(marks.get("right", ""))
            if l or r:
                o.append(self.inline_style(st) + f"  grid(columns: (1fr, 1fr), align(left)[{l}], align(right)[{r}]) }}\n")
        name = m.get("name", {})
        st = self.style() | name
        o.append(f"  v({pt(length_pt(name.get('space-before', '0pt'), 16))})\n")
        o.append(self.inline_style(st) + f"  align(center)[{esc(str(b.get('name', '')))}] }}\n")
        num = m.get("number", {})
        issue = b.get("issue")
        if issue is not None:
            txt = m.get("issue-format", "第{issue}期").replace("{issue}", str(issue))
            if b.get("total-issue") is not None:
                txt += m.get("total-format", "").replace("{total}", str(b["total-issue"]))
            st = self.style() | num
            o.append(f"  v({pt(length_pt(num.get('space-before', '0pt'), 16))})\n")
            o.append(self.inline_style(st) + f"  align(center)[{esc(txt)}] }}\n")
        info = m.get("info", {})
        st = self.style() | info
        o.append(f"  v({pt(length_pt(info.get('space-before', '0pt'), 16))})\n")
        o.append(self.inline_style(st) + f"  grid(columns: (1fr, 1fr), align(left)[{self.field(info.get('left', ''))}],"
                 f" align(right)[{self.field(info.get('right', ''))}]) }}\n")
        rule = length_pt(m.get("rule", "1pt"), 16)
        color = self.color(m.get("rule-color", "red"))
        o.append(f"  v({pt(length_pt(m.get('rule-gap', '2mm'), 16))})\n")
        o.append(f"  line(length: 100%, stroke: {pt(rule)} + {color})\n")
        o.append(f"  v({pt(length_pt(m.get('space-after', '0pt'), 16))})\n}}\n")

    def inline_style(self, st: dict) -> str:
        size = size_pt(st.get("size"))
        fams, weight = self.font(st.get("font"))
        fill = f", fill: {self.color(st['color'])}" if st.get("color") else ""
        tracking = f", tracking: {pt(length_pt(st['letter-spacing'], size))}" if st.get("letter-spacing") else ""
        pitch = length_pt(st.get("line-pitch", size * 1.5), size)
        return (f"  {{ set text(font: {fams}, size: {pt(size)}, weight: \"{weight}\"{fill}{tracking}); "
                f"set par(first-line-indent: 0pt, justify: false, leading: {pt(pitch - size)}); ")

    # --- blocks ---------------------------------------------------------------------------
    def block(self, i: int, blk: dict) -> None:
        o = self.out
        where = f"{self.path}: block {i + 1}"
        if "title" in blk:
            o.append(f"\n#heading(level: 1)[{self.markup(blk['title'])}]\n")
        elif "heading" in blk:
            level = int(blk.get("level", 1))
            text = blk["heading"]
            num = self.layout.get(f"heading-{level}", {}).get("numbering")
            if num and blk.get("numbered", True) and not re.match(r"^[一二三四五六七八九十（(0-9]", text):
                self.heading_counts = getattr(self, "heading_counts", [0, 0, 0, 0])
                self.heading_counts[level - 1] += 1
                for k in range(level, 4):
                    self.heading_counts[k] = 0
                n = self.heading_counts[level - 1]
                text = num.replace("{cn}", cn_number(n)).replace("{n}", str(n)) + text
            o.append(f"\n#heading(level: {level + 1})[{self.markup(text)}]\n")
        elif "text" in blk:
            if blk.get("lead"):
                fail(f"{where}: run-in `lead` is not converted")
            for para in paragraphs(blk["text"]):
                o.append(f"\n{self.markup(para)}\n")
        elif "note" in blk:
            st = self.style("note")
            label = self.layout.get("note", {}).get("label", "编者按：")
            o.append("\n#{\n" + indent_lines(self.text_set(st)) + "  [")
            for n, para in enumerate(paragraphs(blk["note"])):
                lab = f"#strong[{esc(label)}]" if n == 0 else ""
                o.append(f"\n{lab}{self.markup(para)}\n")
            o.append("]\n}\n")
        elif "figure" in blk:
            self.figure(blk)
        elif "figures" in blk:
            for k, f in enumerate(blk["figures"]):
                caps = blk.get("captions", [])
                self.figure({"figure": f, "caption": caps[k] if k < len(caps) else ""})
        elif "table" in blk:
            self.table(blk, where)
        elif "list" in blk:
            self.list(blk)
        elif "page-break" in blk or blk.get("break") == "page":
            o.append("\n#pagebreak(weak: true)\n")
        else:
            fail(f"{where}: block kind {sorted(blk)} is not converted (the bench uses the seed's kinds)")

    def figure(self, blk: dict) -> None:
        fig = self.layout.get("figure", {})
        path = blk["figure"]
        width = self.text_width * length_pct(blk.get("width", fig.get("width", "75%")))
        max_h = self.text_height * length_pct(fig.get("max-height", "38%"))
        size = image_size(self.path.parent / path)
        dim = f"width: {pt(width)}"
        if size and size[0] and width * size[1] / size[0] > max_h:
            dim = f"height: {pt(max_h)}"
        placement = "auto" if fig.get("placement", "float") == "float" else "none"
        cap = blk.get("caption")
        caption = f", caption: [{self.markup(cap)}]" if cap else ""
        self.fig_no += 1
        o = self.out
        o.append(f"\n#figure(image(\"{esc_str(path)}\", {dim}), placement: {placement}{caption})\n")

    def table(self, blk: dict, where: str) -> None:
        src = blk["table"]
        if isinstance(src, str):
            raw = (self.path.parent / src).read_bytes()
            for enc in ("utf-8-sig", "gb18030"):
                try:
                    text = raw.decode(enc)
                    break
                except UnicodeDecodeError:
                    continue
            rows = [[c.strip() for c in r] for r in csv.reader(io.StringIO(text)) if any(c.strip() for c in r)]
        else:
            rows = src
        if not rows:
            fail(f"{where}: empty table")
        header = int(blk.get("header", 1))
        ncols = sum(c.get("colspan", 1) if isinstance(c, dict) else 1 for c in rows[0])
        aligns = blk.get("align", [])
        tst = self.style("table")
        tsec = self.layout.get("table", {})
        size = size_pt(tst.get("size"))
        rule = length_pt(tsec.get("rule", "1pt"), size)
        inner = length_pt(tsec.get("inner-rule", "0.5pt"), size)
        three = tsec.get("rules", "three-line") == "three-line"

        def cell(c) -> str:
            if isinstance(c, dict):
                span = []
                if c.get("colspan"):
                    span.append(f"colspan: {c['colspan']}")
                if c.get("rowspan"):
                    span.append(f"rowspan: {c['rowspan']}")
                return f"table.cell({', '.join(span)})[{self.markup(str(c.get('text', '')))}]"
            return f"[{self.markup(str(c))}]"

        al = ", ".join({"right": "right", "center": "center", "decimal": "right"}.get(a, "left") for a in aligns)
        al = f"align: ({al}{',' if len(aligns) == 1 else ''})," if aligns else ""
        stroke = "none" if three else f"{pt(inner)}"
        lines = ["\n#figure(kind: table, " + (f"caption: [{self.markup(blk['caption'])}], " if blk.get("caption") else "")
                 + "{", indent_lines(self.text_set(tst)).rstrip("\n"),
                 "  set par(first-line-indent: 0pt, justify: false)",
                 f"  table(columns: {ncols}, {al} stroke: {stroke}, inset: (x: 4pt, y: 3pt),"]
        if three:
            lines.append(f"    table.hline(stroke: {pt(rule)}),")
        if header:
            lines.append("    table.header(" + ", ".join(cell(c) for r in rows[:header] for c in r) + "),")
            if three:
                lines.append(f"    table.hline(stroke: {pt(inner)}),")
        for r in rows[header:]:
            lines.append("    " + ", ".join(cell(c) for c in r) + ",")
        if three:
            lines.append(f"    table.hline(stroke: {pt(rule)}),")
        lines.append("  )\n})\n")
        self.table_no += 1
        self.out.append("\n".join(lines))

    def list(self, blk: dict) -> None:
        numbering = blk.get("numbering", "{n}.")
        n = int(blk.get("start", 1))
        o = self.out
        items = blk["list"]
        for k, item in enumerate(items):
            if isinstance(item, list):
                for m, sub in enumerate(item, 1):
                    o.append(f"\n#pad(left: 4em, par(first-line-indent: 0pt)[（{m}）{self.markup(sub)}])\n")
                continue
            mark = (numbering.replace("{n}", str(n)).replace("{cn}", cn_number(n))
                    .replace("{circled}", chr(0x2460 + n - 1) if n <= 20 else str(n)))
            o.append(f"\n#pad(left: 2em, par(hanging-indent: 2em, first-line-indent: 0pt)[{esc(mark)} {self.markup(item)}])\n")
            n += 1

    # --- inline markup --------------------------------------------------------------------
    def markup(self, s: str) -> str:
        """jianbao inline markup → Typst markup (bold, emphasis face, refs, line breaks …)."""
        out: list[str] = []
        stack: list[str] = []
        i = 0
        bold_open = False
        em_font, _ = self.font(self.layout.get("body", {}).get("emphasis-font", "kai"))
        while i < len(s):
            c = s[i]
            if c == "\\" and i + 1 < len(s):
                out.append(esc(s[i + 1]))
                i += 2
                continue
            if s.startswith("**", i) and (bold_open or s.find("**", i + 2) > i + 2):
                out.append("]" if bold_open else "#strong[")
                bold_open = not bold_open
                i += 2
                continue
            m = re.match(r"\{(b|em|dot|u|sup|sub|ref):", s[i:])
            if m:
                tag = m.group(1)
                if tag == "ref":
                    j = s.index("}", i)
                    out.append(str(self.labels.get(s[i + 5:j], "?")))
                    i = j + 1
                    continue
                out.append({"b": "#strong[", "em": f"#text(font: {em_font})[", "dot": "#underline[",
                            "u": "#underline[", "sup": "#super[", "sub": "#sub["}[tag])
                stack.append(tag)
                i += m.end()
                continue
            if s.startswith("{br}", i):
                out.append("#linebreak()")
                i += 4
                continue
            if c == "}" and stack:
                stack.pop()
                out.append("]")
                i += 1
                continue
            out.append(esc(c))
            i += 1
        if bold_open:
            out.append("]")
        out.extend("]" * len(stack))
        return "".join(out)


def length_pct(v) -> float:
    s = str(v).strip()
    if s.endswith("%"):
        return float(s[:-1]) / 100
    return float(s)


def paragraphs(text: str) -> list[str]:
    """Paragraphs are separated by blank lines; lines inside one are joined (no space for CJK)."""
    paras = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        lines = [ln.strip() for ln in chunk.splitlines() if ln.strip()]
        joined = ""
        for ln in lines:
            if joined and joined[-1].isascii() and ln[0].isascii():
                joined += " "
            joined += ln
        if joined:
            paras.append(joined)
    return paras


def esc(s: str) -> str:
    """Escapes Typst markup characters in plain text (every ASCII punctuation, to be safe)."""
    return "".join("\\" + c if c in "\\*_`$#@<>[]{}~/'\"=+-.:;!?()|^&%,'" else c for c in s)


def esc_str(s: str) -> str:
    return s.replace("\\", "\\\\").replace('"', '\\"')


def indent_lines(s: str) -> str:
    return "".join("  " + ln.lstrip("#") + "\n" for ln in s.splitlines())


def main() -> None:
    here = Path(__file__).resolve().parent
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("definition", type=Path)
    ap.add_argument("-o", "--output", type=Path)
    ap.add_argument("--layouts", type=Path, default=here.parent.parent / "layouts")
    ap.add_argument("--families", type=Path, help="file listing the font families Typst sees")
    a = ap.parse_args()
    fams = None
    if a.families:
        fams = {ln.strip() for ln in a.families.read_text().splitlines() if ln.strip()}
    typ = Converter(a.definition, a.layouts, fams).convert()
    if a.output:
        a.output.write_text(typ, encoding="utf-8")
    else:
        sys.stdout.write(typ)


if __name__ == "__main__":
    main()
