# Shared by the benchmark scripts (`. "$(dirname "$0")/common.sh"`): the build, a temporary
# directory, medians and one timed run. Needs /usr/bin/time (Debian package `time`) and bc.

# Builds the release binary and moves to the repository: then `$bin` is the binary and `$tmp` a
# directory removed on exit.
bench_setup() {
  cd "$(dirname "${BASH_SOURCE[0]}")/.."
  cargo build --release -q
  bin=$PWD/target/release/jianbao
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
}

# The median of the numbers on standard input, one a line.
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# Runs a command once and prints its wall time in seconds and its peak RSS in KB.
wall_and_rss() {
  local start end kb
  start=$(date +%s%N)
  kb=$( { /usr/bin/time -f '%M' "$@"; } 2>&1 >/dev/null | tail -1)
  end=$(date +%s%N)
  echo "$(echo "($end - $start) / 1000000000" | bc -l) $kb"
}

# Runs a command `$runs` times and prints the median wall time (s) and the largest peak RSS (KB).
median_wall_and_rss() {
  local results
  results=$(for _ in $(seq "$runs"); do wall_and_rss "$@"; done)
  echo "$(cut -d' ' -f1 <<<"$results" | median) $(cut -d' ' -f2 <<<"$results" | sort -n | tail -1)"
}

# Writes to OUT the definition SEED with its blocks repeated N times — labels dropped and
# {ref:…} replaced by 1, so that the copies do not clash — for documents of about N × the seed's
# pages (the seed, samples/cqa-2020-03-10.toml, gives 980 pages for 210 and 9,800 for 2,100).
repeat_blocks() { # SEED N OUT
  local head blocks
  head=$(grep -n '^\[\[blocks\]\]' "$1" | head -1 | cut -d: -f1)
  blocks=$(sed -n "${head},\$p" "$1" | sed 's/^label = .*//; s/{ref:[^}]*}/1/g')
  { sed -n "1,$((head - 1))p" "$1"
    for _ in $(seq "$2"); do printf '%s\n' "$blocks"; done; } > "$3"
}
