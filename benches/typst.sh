#!/usr/bin/env bash
# jianbao against Typst 0.15, side by side (issue 17's target: the seed and ~1,000 pages each at
# ≤ 0.25× Typst's wall time, and ~10,000 full pages in ≤ 250 MB). Makes the seed, the ~1,000-page
# and the ~10,000-page documents as benches/pdf.sh does (the seed's blocks repeated), turns each
# into an equivalent Typst document with benches/typst/to_typst.py (same page, margins, fonts,
# sizes, pitch, indent, justification, images and captions), then runs the two tools
# alternately — jianbao, typst, jianbao, typst … — so that load on a shared machine hits both
# alike. Prints per document the median wall time of each, the ratio jianbao/typst, the peak
# RSS of each (largest of the runs), the page count of each (pdfinfo) and the targets with
# PASS/FAIL.
#
#   benches/typst.sh [RUNS] [--no-big] [--jianbao BIN] [--typst BIN]
#
# RUNS (default 5) runs of each tool per document; the 10,000-page document gets at most 3.
# --no-big leaves out the 10,000-page document (Typst needs minutes and gigabytes for it).
# BIN defaults: target/release/jianbao (build it first: `cargo build --release`; this script
# builds nothing) and `$TYPST`, else `typst` on the PATH. Typst is not a dependency of the
# project; to get the one the figures in docs/pdf.md were taken with:
#
#   cargo install typst-cli@0.15.1 --no-default-features --features embedded-fonts --root DIR
#
# (the binary is then DIR/bin/typst). Both tools get the project's fonts only (`--font-path
# fonts --ignore-system-fonts` for Typst). Needs python3 ≥ 3.11, /usr/bin/time (Debian package
# `time`), bc and pdfinfo (poppler-utils).
set -euo pipefail
runs=5
big=true
jianbao=target/release/jianbao
typst=${TYPST:-typst}
while [ $# -gt 0 ]; do
  case $1 in
    --no-big) big=false ;;
    --jianbao) jianbao=$2; shift ;;
    --typst) typst=$2; shift ;;
    [0-9]*) runs=$1 ;;
    *) echo "usage: benches/typst.sh [RUNS] [--no-big] [--jianbao BIN] [--typst BIN]" >&2; exit 2 ;;
  esac
  shift
done
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
. benches/common.sh
[ -x "$jianbao" ] || { echo "no jianbao binary at $jianbao (cargo build --release, or --jianbao BIN)" >&2; exit 1; }
jianbao=$(realpath "$jianbao")
typst=$(command -v "$typst" || true)
[ -n "$typst" ] || { echo "no typst binary (--typst BIN or TYPST=…; see this script's header)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "jianbao: $jianbao ($("$jianbao" --version 2>&1 | head -1))"
echo "typst:   $typst ($("$typst" --version 2>&1 | head -1))"
echo "machine: $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GB; load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u '+%Y-%m-%d %H:%M UTC')"

# The documents, jianbao's and Typst's, side by side in $tmp (image paths are relative to them).
seed=samples/cqa-2020-03-10.toml
cp -r samples/cqa-2020-03-10 "$tmp/"
cp "$seed" "$tmp/seed.toml"
repeat_blocks "$seed" 210 "$tmp/k1.toml"
$big && repeat_blocks "$seed" 2100 "$tmp/k10.toml"
"$typst" fonts --font-path fonts --ignore-system-fonts > "$tmp/families"
docs=(seed k1)
$big && docs+=(k10)
for d in "${docs[@]}"; do
  python3 benches/typst/to_typst.py "$tmp/$d.toml" -o "$tmp/$d.typ" --families "$tmp/families"
done

pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ {print $2}'; }
mb() { echo "scale=1; $1 / 1024" | bc; }
fails=0
for d in "${docs[@]}"; do
  case $d in
    seed) name="seed"; n=$runs ;;
    k1) name="~1,000 pages"; n=$runs ;;
    k10) name="~10,000 pages"; n=$((runs < 3 ? runs : 3)) ;;
  esac
  jt=() jr=() tt=() tr=()
  for _ in $(seq "$n"); do
    rm -f "$tmp/$d-jianbao.pdf" "$tmp/$d-typst.pdf"
    read -r t r < <(wall_and_rss "$jianbao" render "$tmp/$d.toml" -o "$tmp/$d-jianbao.pdf" -q)
    jt+=("$t") jr+=("$r")
    read -r t r < <(wall_and_rss "$typst" compile --font-path fonts --ignore-system-fonts "$tmp/$d.typ" "$tmp/$d-typst.pdf")
    tt+=("$t") tr+=("$r")
    for tool in jianbao typst; do
      [ -s "$tmp/$d-$tool.pdf" ] || { echo "$tool wrote no PDF for $name" >&2; exit 1; }
    done
  done
  jm=$(printf '%s\n' "${jt[@]}" | median) tm=$(printf '%s\n' "${tt[@]}" | median)
  jrss=$(printf '%s\n' "${jr[@]}" | sort -n | tail -1) trss=$(printf '%s\n' "${tr[@]}" | sort -n | tail -1)
  jp=$(pages "$tmp/$d-jianbao.pdf") tp=$(pages "$tmp/$d-typst.pdf")
  ratio=$(printf '%.3f' "$(echo "scale=4; $jm / $tm" | bc)")
  printf '\n%s — %s runs each, alternating\n' "$name" "$n"
  printf '  jianbao  %6s pages  median %8.3f s  peak RSS %8s MB   runs: %s\n' "$jp" "$jm" "$(mb "$jrss")" \
    "$(printf '%.2f ' "${jt[@]}")"
  printf '  typst    %6s pages  median %8.3f s  peak RSS %8s MB   runs: %s\n' "$tp" "$tm" "$(mb "$trss")" \
    "$(printf '%.2f ' "${tt[@]}")"
  printf '  pages typst/jianbao %.3f (fair within ±10 %%: %s)\n' "$(echo "scale=4; $tp / $jp" | bc)" \
    "$( [ "$(echo "$tp * 10 >= $jp * 9 && $tp * 10 <= $jp * 11" | bc)" = 1 ] && echo yes || echo NO)"
  verdict=PASS
  [ "$(echo "$ratio <= 0.25" | bc)" = 1 ] || { verdict=FAIL; fails=$((fails + 1)); }
  printf '  target: wall time jianbao/typst %s ≤ 0.25  %s\n' "$ratio" "$verdict"
  if [ "$d" = k10 ]; then
    verdict=PASS
    [ "$jrss" -le $((250 * 1024)) ] || { verdict=FAIL; fails=$((fails + 1)); }
    printf '  target: jianbao peak RSS %s MB ≤ 250 MB  %s\n' "$(mb "$jrss")" "$verdict"
  fi
done
echo
echo "targets missed: $fails"
