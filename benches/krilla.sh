#!/usr/bin/env bash
# jianbao's own PDF writer (pdf-writer) against the krilla prototype (benches/krilla-proto/),
# run alternately on the seed and on the ~1,000-page document of benches/pdf.sh: median wall
# time and largest peak RSS of RUNS runs (default 5), file size, determinism (two files `cmp`),
# page 1's text (`pdftotext`) and page 1 as PNG (`pdftoppm -r 40`, left in OUT for a look).
#
#   benches/krilla.sh [RUNS] [BIN] [--out DIR]
#
# BIN is jianbao's binary (default: the release build of this checkout). The prototype is
# built with `cargo build --release` in benches/krilla-proto (its own workspace and target).
# docs/pdf.md ("krilla, measured") records the figures. Needs /usr/bin/time, bc, poppler-utils.
set -euo pipefail
runs=5
bin=
out=
while [ $# -gt 0 ]; do
  case $1 in
    --out) out=$(realpath -m "$2"); shift ;;
    [0-9]*) runs=$1 ;;
    *) bin=$(realpath "$1") ;;
  esac
  shift
done
. "$(dirname "$0")/common.sh"
if [ -z "$bin" ]; then
  bench_setup
else
  cd "$(dirname "${BASH_SOURCE[0]}")/.."
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
fi
(cd benches/krilla-proto && cargo build --release -q)
proto=$PWD/benches/krilla-proto/target/release/jianbao-krilla-proto
out=${out:-$tmp/out}
mkdir -p "$out"

cp -r samples/cqa-2020-03-10 "$tmp/"
seed=samples/cqa-2020-03-10.toml
cp "$seed" "$tmp/seed.toml"
repeat_blocks "$seed" 210 "$tmp/k1.toml"

for doc in seed k1; do
  in=$tmp/$doc.toml
  ours_t=() krilla_t=() ours_m=() krilla_m=()
  for i in $(seq "$runs"); do
    # Alternately, so that the machine's load hits both alike.
    read -r t m < <(wall_and_rss "$bin" render "$in" -o "$out/$doc-ours-$((i % 2)).pdf" -q)
    ours_t+=("$t") ours_m+=("$m")
    read -r t m < <(wall_and_rss "$proto" "$in" "$out/$doc-krilla-$((i % 2)).pdf")
    krilla_t+=("$t") krilla_m+=("$m")
  done
  for w in ours krilla; do
    declare -n ts=${w}_t ms=${w}_m
    f=$out/$doc-$w-1.pdf
    pages=$(pdfinfo "$f" | awk '/^Pages:/ {print $2}')
    if [ "$runs" -lt 2 ]; then
      same="n/a (one run)"
    else
      same=$(cmp -s "$f" "$out/$doc-$w-0.pdf" && echo same || echo DIFFERENT)
    fi
    pdftotext -f 1 -l 1 "$f" "$out/$doc-$w-p1.txt"
    pdftoppm -r 40 -png -f 1 -l 1 -singlefile "$f" "$out/$doc-$w-p1"
    printf '%-8s %-6s %5s pages  median %7.2f s  peak RSS %7.1f MB  %9d bytes  two runs: %s\n' \
      "$doc" "$w" "$pages" "$(printf '%s\n' "${ts[@]}" | median)" \
      "$(echo "$(printf '%s\n' "${ms[@]}" | sort -n | tail -1) / 1024" | bc -l)" \
      "$(stat -c %s "$f")" "$same"
    unset -n ts ms
  done
  cmp -s "$out/$doc-ours-p1.txt" "$out/$doc-krilla-p1.txt" && t=equal || t=DIFFERENT
  echo "$doc: page 1 text (pdftotext) $t; page 1 PNGs: $out/$doc-{ours,krilla}-p1.png"
done
echo "normal-dependency crates: jianbao $(cargo tree -e normal --prefix none 2>/dev/null | sort -u | wc -l)," \
  "prototype $(cd benches/krilla-proto && cargo tree -e normal --prefix none 2>/dev/null | sort -u | wc -l)"
