#!/usr/bin/env bash
# Preview benchmark: wall time and peak memory of `jianbao preview` for the seed (one page, and
# all five pages, at 96 dpi) next to `jianbao render` of the same definition. Prints the median of
# N runs (default 11), the largest peak RSS, and each preview's ratio to the render.
#
#   benches/preview.sh [RUNS]
#
# Needs /usr/bin/time (Debian package `time`) and bc.
set -euo pipefail
runs=${1:-11}
. "$(dirname "$0")/common.sh"
bench_setup
seed=samples/cqa-2020-03-10.toml
declare -A medians
measure() { # name, then the command's arguments
  local name=$1; shift
  local median rss
  read -r median rss < <(median_wall_and_rss "$bin" "$@" -q)
  medians[$name]=$median
  printf '%-26s median %6.3f s  peak RSS %6.1f MB  (%.1f× render)  (%s runs)\n' "$name" "$median" \
    "$(echo "$rss / 1024" | bc -l)" "$(echo "$median / ${medians[render]:-$median}" | bc -l)" "$runs"
}
measure render render "$seed" -o "$tmp/out.pdf"
measure "preview page 1, 96 dpi" preview "$seed" --page 1 -o "$tmp/p1.png"
measure "preview all pages, 96 dpi" preview "$seed" --all -o "$tmp/all"
measure "preview page 1, 300 dpi" preview "$seed" --page 1 --dpi 300 -o "$tmp/p300.png"
