#!/usr/bin/env bash
# Batch benchmark: 100 bulletins (the seed with its text varied per bulletin, so that every one
# breaks its lines differently) rendered
#   a) by 100 sequential `jianbao render` runs (a shell loop: what an office did before batch),
#   b) by one `jianbao batch` (all cores),
#   c) by one `jianbao batch --merge --duplex` (keeps every laid-out bulletin for the print file).
# Prints the median wall time and CPU time (user + system) of RUNS runs (default 5) of each, the
# largest peak RSS, and the ratios the targets are stated in: batch wall ≤ 0.55 × sequential,
# batch peak RSS ≤ 2 × one render's. CPU time is what to compare when the machine is shared:
# wall time needs both cores free.
#
#   benches/batch.sh [RUNS] [COUNT]
#
# Needs /usr/bin/time (Debian package `time`) and bc.
set -euo pipefail
export LC_ALL=C.UTF-8
runs=${1:-5}
count=${2:-100}
. "$(dirname "$0")/common.sh"
bench_setup
mkdir -p "$tmp/in"
cp -r samples/cqa-2020-03-10 "$tmp/in/"
seed=samples/cqa-2020-03-10.toml

# Bulletin i: its own title and issue number, and every paragraph opened by a phrase of
# (i mod 9) + 1 characters, which moves every line break after it.
phrase="本期简报编印说明之一二三四五六七八九"
for i in $(seq 1 "$count"); do
  n=$(( i % 9 + 1 ))
  lead=${phrase:0:$n}
  awk -v i="$i" -v lead="$lead" '
    /^title = / { sub(/（六）/, "（第" i "期）") }
    /^first-page = / { print; print "issue = " i; next }
    /^[^#\[a-z" ]/ { $0 = lead "：" $0 }
    { print }' "$seed" > "$tmp/in/$(printf 'bulletin-%03d.toml' "$i")"
done

now() { date +%s.%N; }

# a) sequential renders: wall time of the whole loop, CPU time (user + system) of all renders;
#    peak RSS of the largest single render.
seq_times=() seq_cpus=() single_rss=0
for _ in $(seq "$runs"); do
  rm -rf "$tmp/seq"; mkdir -p "$tmp/seq"
  cpu=0
  start=$(now)
  for f in "$tmp"/in/*.toml; do
    read -r kb u s < <( { /usr/bin/time -f '%M %U %S' "$bin" render "$f" -o "$tmp/seq/$(basename "$f" .toml).pdf" -q; } 2>&1 >/dev/null | tail -1)
    (( kb > single_rss )) && single_rss=$kb
    cpu=$(echo "$cpu + $u + $s" | bc -l)
  done
  seq_times+=("$(echo "$(now) - $start" | bc -l)")
  seq_cpus+=("$cpu")
done
seq_median=$(printf '%s\n' "${seq_times[@]}" | median)
seq_cpu=$(printf '%s\n' "${seq_cpus[@]}" | median)

measure_batch() { # extra args...
  local times=() cpus=() rss=0 e kb u s
  for _ in $(seq "$runs"); do
    rm -rf "$tmp/out" "$tmp/print.pdf"
    read -r e kb u s < <( { /usr/bin/time -f '%e %M %U %S' "$bin" batch "$tmp/in" -o "$tmp/out" -q "$@"; } 2>&1 >/dev/null | tail -1)
    times+=("$e")
    cpus+=("$(echo "$u + $s" | bc -l)")
    (( kb > rss )) && rss=$kb
  done
  printf '%s %s %s\n' "$(printf '%s\n' "${times[@]}" | median)" "$rss" "$(printf '%s\n' "${cpus[@]}" | median)"
}
read -r batch_median batch_rss batch_cpu < <(measure_batch)
pdfs=$(find "$tmp/out" -name '*.pdf' | wc -l)
pages=$(for f in "$tmp"/out/*.pdf; do pdfinfo "$f" | awk '/^Pages:/ {print $2}'; done | paste -sd+ | bc)
read -r merge_median merge_rss merge_cpu < <(measure_batch --merge "$tmp/print.pdf" --duplex)
merged_pages=$(pdfinfo "$tmp/print.pdf" | awk '/^Pages:/ {print $2}')

mb() { echo "scale=1; $1 / 1024" | bc -l; }
echo "$count bulletins ($pdfs PDFs, $pages pages; merged: $merged_pages pages), $(nproc) cores, median of $runs runs"
printf '%-34s %7s   %7s   %s\n' "" "wall" "CPU" "peak RSS"
printf '%-34s %7.2f s %7.2f s %6.1f MB (one render)\n' "sequential jianbao render ×$count" "$seq_median" "$seq_cpu" "$(mb "$single_rss")"
printf '%-34s %7.2f s %7.2f s %6.1f MB\n' "jianbao batch" "$batch_median" "$batch_cpu" "$(mb "$batch_rss")"
printf '%-34s %7.2f s %7.2f s %6.1f MB\n' "jianbao batch --merge --duplex" "$merge_median" "$merge_cpu" "$(mb "$merge_rss")"
printf 'batch / sequential wall time: %.3f (target ≤ 0.55); CPU time: %.3f\n' "$(echo "$batch_median / $seq_median" | bc -l)" "$(echo "$batch_cpu / $seq_cpu" | bc -l)"
printf 'batch / single render peak RSS: %.2f (target ≤ 2)\n' "$(echo "$batch_rss / $single_rss" | bc -l)"
printf 'batch --merge / single render peak RSS: %.2f\n' "$(echo "$merge_rss / $single_rss" | bc -l)"
