#!/usr/bin/env bash
# Font discovery benchmark: what 500 installed font files add to `jianbao render` of the seed
# (whose fonts are all in the project's fonts/: the system directories are never scanned) and
# of the 公文 sample (whose layout asks for 仿宋_GB2312 etc. first: when those are not installed,
# every system directory is scanned and every face's names are read).
# The 500 files are copies (hard links where the file system allows) of the system's and the
# project's smaller fonts under a fake system font tree of nested directories, given to jianbao
# as JIANBAO_SYSTEM_FONT_DIRS; "without" runs with no system fonts at all; "index" reads the
# persistent font index, "no index" scans every time. Runs alternate, so that load from other
# processes hits all alike; prints the median wall and CPU times of N runs (default 21) and the
# differences of the medians (target: at most 30 ms more).
#
#   benches/fonts.sh [RUNS]
set -euo pipefail
runs=${1:-21}
. "$(dirname "$0")/common.sh"
bench_setup
cp -r samples/cqa-2020-03-10 "$tmp/"
cp samples/cqa-2020-03-10.toml "$tmp/seed.toml"

# Small fonts to copy: any TrueType/OpenType file under 1 MB on this machine.
mapfile -t sources < <(find /usr/share/fonts fonts -type f \( -name '*.ttf' -o -name '*.otf' \) -size -1024k 2>/dev/null | sort)
if [ "${#sources[@]}" -eq 0 ]; then
  echo "no font files under 1 MB found to copy (install fonts-dejavu-core)" >&2
  exit 1
fi
for i in $(seq 0 499); do
  src=${sources[$((i % ${#sources[@]}))]}
  dir="$tmp/sys/share/fonts/$((i / 50))/$((i % 5))"
  mkdir -p "$dir"
  ln "$src" "$dir/font-$i.${src##*.}" 2>/dev/null || cp "$src" "$dir/font-$i.${src##*.}"
done
echo "500 font files ($(du -sh "$tmp/sys" | cut -f1)) copied from ${#sources[@]} sources"

run_once() { # definition, system font dirs, index directory
  local t
  t=$( { TIMEFORMAT='%3R %3U %3S'; time JIANBAO_CACHE_DIR="$3" JIANBAO_SYSTEM_FONT_DIRS="$2" "$bin" render "$1" -o "$tmp/out.pdf" -q; } 2>&1 )
  read -r wall user sys <<<"$t"
  echo "$wall $(echo "$user + $sys" | bc -l)"
}
med() { cut -d' ' -f"$2" "$1" | median; }
for name in seed gongwen; do
  case $name in
    seed) file=$tmp/seed.toml ;;
    gongwen) file=samples/gongwen-2020-07.toml ;;
  esac
  # The index is made by the first run with the fonts and read by the others; "no index"
  # runs with an index directory that cannot exist, so every run scans.
  run_once "$file" "$tmp/sys" "$tmp/index" > /dev/null
  for _ in $(seq "$runs"); do
    run_once "$file" "" "$tmp/index" >> "$tmp/$name-without.txt"
    run_once "$file" "$tmp/sys" "$tmp/index" >> "$tmp/$name-with.txt"
    run_once "$file" "$tmp/sys" /dev/null/none >> "$tmp/$name-scan.txt"
  done
  without=$tmp/$name-without.txt
  printf '%-8s without system fonts:    median %6.3f s wall  %6.3f s CPU  (%s runs)\n' "$name" "$(med "$without" 1)" "$(med "$without" 2)" "$runs"
  for kind in with scan; do
    f=$tmp/$name-$kind.txt
    label=$([ "$kind" = with ] && echo "500 fonts, index" || echo "500 fonts, no index")
    printf '%-8s %-23s median %6.3f s wall  %6.3f s CPU  (%+.1f ms wall, %+.1f ms CPU; target <= 30 ms)\n' \
      "$name" "$label:" "$(med "$f" 1)" "$(med "$f" 2)" \
      "$(echo "($(med "$f" 1) - $(med "$without" 1)) * 1000" | bc -l)" \
      "$(echo "($(med "$f" 2) - $(med "$without" 2)) * 1000" | bc -l)"
  done
done
JIANBAO_CACHE_DIR="$tmp/index" JIANBAO_SYSTEM_FONT_DIRS="$tmp/sys" "$bin" fonts --all | grep -c 'share/fonts' | xargs printf 'faces listed from the 500 files: %s\n'
