#!/usr/bin/env bash
# Render benchmark: wall time and peak memory of `jianbao render` for the seed bulletin (5 pages),
# a 100-page bulletin (the seed's blocks repeated 20 times) with total-fit and with greedy line
# breaking, the 简报 and 公文 samples, and a ~100-page 公文 (its blocks repeated 30 times, on
# the 28 × 22 grid). Prints the median of N runs (default 11) and the largest peak RSS.
#
#   benches/render.sh [RUNS]
#
# Needs /usr/bin/time (Debian package `time`).
set -euo pipefail
runs=${1:-11}
cd "$(dirname "$0")/.."
cargo build --release -q
bin=target/release/jianbao
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
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
measure() { # name file
  local times=() rss=0 kb start end
  for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    kb=$( { /usr/bin/time -f '%M' "$bin" render "$2" -o "$tmp/out.pdf" -q; } 2>&1 >/dev/null | tail -1)
    end=$(date +%s%N)
    times+=("$(echo "($end - $start) / 1000000000" | bc -l)")
    (( kb > rss )) && rss=$kb
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p")
  local pages
  pages=$(pdfinfo "$tmp/out.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
  printf '%-22s %4s pages  median %6.3f s  peak RSS %6.1f MB  (%s runs)\n' "$1" "${pages:-?}" "$median" "$(echo "$rss / 1024" | bc -l)" "$runs"
}
gw=samples/gongwen-2020-07.toml
gw_head=$(grep -n '^\[\[blocks\]\]' "$gw" | head -1 | cut -d: -f1)
{ sed -n "1,$((gw_head - 1))p" "$gw"
  for _ in $(seq 30); do sed -n "${gw_head},\$p" "$gw"; done; } > "$tmp/gongwen-long.toml"
measure "seed" "$tmp/seed.toml"
measure "100 pages, total-fit" "$tmp/long.toml"
measure "100 pages, greedy" "$tmp/long-greedy.toml"
measure "jianbao sample" samples/zhixie-jianbao-2020-06.toml
measure "gongwen sample" "$gw"
measure "gongwen, grid, long" "$tmp/gongwen-long.toml"
