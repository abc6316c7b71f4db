#!/usr/bin/env bash
# Very long documents: wall time and peak memory of `jianbao render` for 10,000 short pages (a
# paragraph and a page break each) and for the seed's blocks repeated 2,000 times (about 9,500
# full pages of text). Prints the median of N runs (default 3).
#
#   benches/pages.sh [RUNS]
#
# Needs /usr/bin/time (Debian package `time`) and bc.
set -euo pipefail
runs=${1:-3}
. "$(dirname "$0")/common.sh"
bench_setup
cp -r samples/cqa-2020-03-10 "$tmp/"
seed=samples/cqa-2020-03-10.toml
head_lines=$(grep -n '^\[\[blocks\]\]' "$seed" | head -1 | cut -d: -f1)
{ sed -n "1,$((head_lines - 1))p" "$seed"
  for i in $(seq 9999); do printf '[[blocks]]\ntext = "第%s页。"\n[[blocks]]\npage-break = true\n' "$i"; done
  printf '[[blocks]]\ntext = "完。"\n'; } > "$tmp/short.toml"
{ sed -n "1,$((head_lines - 1))p" "$seed"
  for _ in $(seq 2000); do sed -n "${head_lines},\$p" "$seed" | sed 's/^label = .*//; s/{ref:[^}]*}/1/g'; done; } > "$tmp/full.toml"
measure() { # name file
  local median rss pages
  read -r median rss < <(median_wall_and_rss "$bin" render "$2" -o "$tmp/out.pdf" -q)
  pages=$(pdfinfo "$tmp/out.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
  printf '%-26s %6s pages  median %7.2f s  peak RSS %7.1f MB  (%s runs)\n' "$1" "${pages:-?}" "$median" "$(echo "$rss / 1024" | bc -l)" "$runs"
}
measure "10,000 short pages" "$tmp/short.toml"
measure "seed × 2000 (full pages)" "$tmp/full.toml"
