#!/usr/bin/env bash
# The PDF writer: wall time and peak memory of `jianbao render` on the seed, on a document of
# about 1,000 full pages (the seed's blocks repeated) and, with `--big`, about 10,000 — for
# one binary or, to compare, two (e.g. main's and this branch's). Medians of RUNS (default 3);
# peak RSS is the largest of the runs. Prints the normal-dependency crate count too.
#
#   benches/pdf.sh [RUNS] [--big] [BIN…]
#
# With no BIN it builds and measures the release binary. docs/pdf.md records the figures.
# Needs /usr/bin/time (Debian package `time`), bc and pdfinfo (poppler-utils).
set -euo pipefail
runs=3
big=false
bins=()
for a in "$@"; do
  case $a in
    --big) big=true ;;
    [0-9]*) runs=$a ;;
    *) bins+=("$(realpath "$a")") ;;
  esac
done
. "$(dirname "$0")/common.sh"
if [ ${#bins[@]} -eq 0 ]; then
  bench_setup
  bins=("$bin")
else
  cd "$(dirname "${BASH_SOURCE[0]}")/.."
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
fi
cp -r samples/cqa-2020-03-10 "$tmp/"
seed=samples/cqa-2020-03-10.toml
cp "$seed" "$tmp/seed.toml"
repeat_blocks "$seed" 210 "$tmp/k1.toml"
$big && repeat_blocks "$seed" 2100 "$tmp/k10.toml"
# One long table from a CSV file: 10,000 rows, and with `--big` 33,332 (99,999 cells, just under
# a table's limit). Its time must grow with its rows, not their square.
table_rows() { # rows file
  seq 1 "$1" | awk 'BEGIN { print "地区,数量,备注" } { printf "地区%d,%d,质量管理小组活动%d\n", $1, $1, $1 }' \
    > "$tmp/rows$1.csv"
  printf 'layout = "newsletter"\n\n[bulletin]\npublisher = "中国质量协会宣传部"\ndate = 2020-03-10\n\n[[blocks]]\ntable = "rows%s.csv"\n' "$1" > "$2"
}
table_rows 10000 "$tmp/t10.toml"
$big && table_rows 33332 "$tmp/t33.toml"
measure() { # bin name file
  local median rss pages
  read -r median rss < <(median_wall_and_rss "$1" render "$3" -o "$tmp/out.pdf" -q)
  pages=$(pdfinfo "$tmp/out.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
  printf '%-40s %-12s %6s pages  median %7.2f s  peak RSS %7.1f MB  (%s runs)\n' \
    "$1" "$2" "${pages:-?}" "$median" "$(echo "$rss / 1024" | bc -l)" "$runs"
}
for b in "${bins[@]}"; do
  measure "$b" seed "$tmp/seed.toml"
  measure "$b" "~1,000 pages" "$tmp/k1.toml"
  $big && measure "$b" "~10,000 pages" "$tmp/k10.toml"
  measure "$b" "10,000-row table" "$tmp/t10.toml"
  $big && measure "$b" "33,332-row table" "$tmp/t33.toml"
done
echo "normal-dependency crates: $(cargo tree -e normal --prefix none 2>/dev/null | sort -u | wc -l)"
