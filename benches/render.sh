#!/usr/bin/env bash
# Render benchmark: wall time and peak memory of `jianbao render` for the seed bulletin (5 pages)
# and a 100-page bulletin (the seed's blocks repeated 20 times), with total-fit and with greedy
# line breaking. Prints the median wall and CPU time of N runs (default 11), the largest peak
# RSS, and the ratio of total-fit to greedy CPU time (CPU time is steadier than wall time on a
# shared machine). Then the 简报 and 公文 samples and a ~100-page 公文 (its blocks repeated 30
# times, on the 28 × 22 grid), and the long mixed Chinese–Latin sample (190 paragraphs).
#
#   benches/render.sh [RUNS]
#
# Needs /usr/bin/time (Debian package `time`).
set -euo pipefail
runs=${1:-11}
. "$(dirname "$0")/common.sh"
bench_setup
cp -r samples/cqa-2020-03-10 "$tmp/"
seed=samples/cqa-2020-03-10.toml
cp "$seed" "$tmp/seed.toml"

# Everything before the first [[blocks]] is the header; the rest repeats.
head_lines=$(grep -n '^\[\[blocks\]\]' "$seed" | head -1 | cut -d: -f1)
make_long() { # file, extra header lines
  { sed -n "1,$((head_lines - 1))p" "$seed"; printf '%s\n' "$2"
    for _ in $(seq 20); do sed -n "${head_lines},\$p" "$seed" | sed 's/^label = .*//'; done; } > "$1"
}
make_long "$tmp/long.toml" ""
make_long "$tmp/long-greedy.toml" $'[overrides.text]\nline-breaking = "greedy"'
# One run: wall seconds and CPU seconds (user + system), from bash's `time` (millisecond
# resolution), and the peak RSS in KB from /usr/bin/time (a second run).
run_once() { # file
  local t kb
  t=$( { TIMEFORMAT='%3R %3U %3S'; time "$bin" render "$1" -o "$tmp/out.pdf" -q; } 2>&1 )
  read -r wall user sys <<<"$t"
  kb=$( { /usr/bin/time -f '%M' "$bin" render "$1" -o "$tmp/out.pdf" -q; } 2>&1 | tail -1)
  echo "$wall $(echo "$user + $sys" | bc -l) $kb"
}
pages() { pdfinfo "$tmp/out.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}'; }
report() { # name results-file
  printf '%-22s %4s pages  median %6.3f s wall  %6.3f s CPU  peak RSS %6.1f MB  (%s runs)\n' \
    "$1" "$(pages)" "$(cut -d' ' -f1 "$2" | median)" "$(cut -d' ' -f2 "$2" | median)" \
    "$(echo "$(cut -d' ' -f3 "$2" | sort -n | tail -1) / 1024" | bc -l)" "$runs"
}
for _ in $(seq "$runs"); do run_once "$tmp/seed.toml" >> "$tmp/seed.txt"; done
report "seed" "$tmp/seed.txt"
# Total-fit and greedy runs alternate, so that load from other processes hits both alike.
for _ in $(seq "$runs"); do
  run_once "$tmp/long.toml" >> "$tmp/fit.txt"
  run_once "$tmp/long-greedy.toml" >> "$tmp/greedy.txt"
done
report "100 pages, total-fit" "$tmp/fit.txt"
report "100 pages, greedy" "$tmp/greedy.txt"
ratio() { # column
  echo "$(cut -d' ' -f"$1" "$tmp/fit.txt" | median) / $(cut -d' ' -f"$1" "$tmp/greedy.txt" | median)" | bc -l
}
printf 'total-fit / greedy: %.2f wall, %.2f CPU (medians; target <= 1.20)\n' "$(ratio 1)" "$(ratio 2)"

gw=samples/gongwen-2020-07.toml
gw_head=$(grep -n '^\[\[blocks\]\]' "$gw" | head -1 | cut -d: -f1)
{ sed -n "1,$((gw_head - 1))p" "$gw"
  for _ in $(seq 30); do sed -n "${gw_head},\$p" "$gw"; done; } > "$tmp/gongwen-long.toml"
for name in jianbao gongwen gongwen-wenjian gongwen-long tech-mixed; do
  case $name in
    jianbao) file=samples/zhixie-jianbao-2020-06.toml ;;
    tech-mixed) file=samples/tech-mixed.toml ;;
    gongwen) file=$gw ;;
    gongwen-wenjian) file=samples/gongwen-wenjian-2020-08.toml ;;
    gongwen-long) file=$tmp/gongwen-long.toml ;;
  esac
  for _ in $(seq "$runs"); do run_once "$file" >> "$tmp/$name.txt"; done
  report "$name" "$tmp/$name.txt"
done

# Wall time on a shared or virtual machine varies by ±10 % from run to run; instruction counts do
# not. When valgrind is installed, compare total-fit and greedy by instructions too (one run each).
if command -v valgrind >/dev/null; then
  instr() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" render "$1" -o "$tmp/out.pdf" -q 2>&1 |
      awk '/refs:/ {gsub(",", "", $NF); print $NF}'
  }
  fit_i=$(instr "$tmp/long.toml")
  greedy_i=$(instr "$tmp/long-greedy.toml")
  printf 'instructions (callgrind): total-fit %d M, greedy %d M, ratio %.2f\n' \
    "$((fit_i / 1000000))" "$((greedy_i / 1000000))" "$(echo "$fit_i / $greedy_i" | bc -l)"
fi
