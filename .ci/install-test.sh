#!/usr/bin/env bash
# The .deb on a clean machine (issue 18): builds the packages (.ci/package.sh), then
#  1. a container-like root with no Rust toolchain: the .deb unpacked (dpkg -x) into an empty
#     directory, plus only the shared libraries `ldd` lists for the binary and the dynamic
#     loader; `chroot` into it and render a sample with HOME an empty directory;
#  2. `dpkg -i` on this machine, then `/usr/bin/jianbao render` from an empty directory under
#     `env -i` (and `dpkg -r` after).
# Each render must write a PDF that starts with %PDF. Needs root (CI runs as root; otherwise
# sudo, as .ci/run does). Prints how long each part took.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
# chroot is in /usr/sbin, which `env -i` leaves off PATH.
chroot=$(PATH="$PATH:/usr/sbin:/sbin" command -v chroot)
step() { printf '== %s (%s)\n' "$1" "$(date -u +%H:%M:%S)" >&2; }
start=$(date +%s)

# JIANBAO_DEB=FILE tests that .deb instead of building one.
deb=${JIANBAO_DEB:-$(bash .ci/package.sh | tail -n 1)}
[ -f "$deb" ] || { echo "install-test: no .deb built" >&2; exit 1; }
built=$(date +%s)

work=$(mktemp -d)
cleanup() {
  as_root rm -rf "$work" 2>/dev/null || true
  if [ "${installed:-0}" = 1 ]; then as_root dpkg -r jianbao >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

# A 公文 sample that names no other file (no picture, seal or table file), so that nothing but
# the definition is copied in; it uses the gongwen layout and the bundled fonts.
sample=samples/gongwen-2020-07.toml
if grep -qE '\.(png|jpe?g|csv|txt|md|docx)["'"'"']' "$sample"; then
  echo "install-test: $sample names other files" >&2
  exit 1
fi

check_pdf() {
  local pdf=$1 what=$2
  if [ ! -s "$pdf" ] || [ "$(head -c 5 "$pdf")" != "%PDF-" ]; then
    echo "install-test: $what did not write a PDF ($pdf)" >&2
    exit 1
  fi
  echo "install-test: $what: $(stat -c %s "$pdf") bytes of PDF" >&2
}

step "1. container-like root from dpkg -x"
root="$work/root"
mkdir -p "$root/tmp" "$root/home/clerk" "$root/work"
chmod 1777 "$root/tmp"
dpkg -x "$deb" "$root"
# Only what the binary links: the libraries ldd lists and the dynamic loader, at the same paths.
ldd "$root/usr/bin/jianbao" | awk '{ for (i = 1; i <= NF; i++) if ($i ~ /^\//) print $i }' |
  sort -u | while read -r lib; do
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib"
  done
for tool in usr/bin/cargo usr/bin/rustc bin/sh usr/bin/env; do
  if [ -e "$root/$tool" ]; then echo "install-test: the root is not clean: /$tool" >&2; exit 1; fi
done
cp "$sample" "$root/work/sample.toml"
echo "install-test: the root holds $(find "$root" -type f | wc -l) files, $(du -sh "$root" | cut -f1)" >&2
as_root env -i HOME=/home/clerk PATH=/usr/bin JIANBAO_LANG=en \
  "$chroot" "$root" /usr/bin/jianbao render /work/sample.toml -o /work/out.pdf
check_pdf "$root/work/out.pdf" "jianbao render in the chroot"
as_root env -i HOME=/home/clerk PATH=/usr/bin JIANBAO_LANG=en \
  "$chroot" "$root" /usr/bin/jianbao layouts -v >&2
chrooted=$(date +%s)

step "2. dpkg -i on this machine, render from an empty directory under env -i"
as_root dpkg -i "$deb" >/dev/null
installed=1
empty="$work/empty"
home="$work/home"
mkdir -p "$empty" "$home"
cp "$sample" "$empty/sample.toml"
(cd "$empty" && env -i HOME="$home" PATH=/usr/bin:/bin /usr/bin/jianbao render sample.toml -o out.pdf)
check_pdf "$empty/out.pdf" "/usr/bin/jianbao render after dpkg -i"
for file in /usr/share/man/man1/jianbao.1.gz /usr/share/man/man1/jianbao-render.1.gz \
  /usr/share/bash-completion/completions/jianbao /usr/share/zsh/vendor-completions/_jianbao \
  /usr/share/fish/vendor_completions.d/jianbao.fish /usr/share/jianbao/layouts/gongwen.toml \
  /usr/share/jianbao/fonts/NotoSerifSC-Regular.ttf /usr/share/doc/jianbao/LICENSE-MIT; do
  if [ ! -f "$file" ]; then echo "install-test: dpkg -i did not install $file" >&2; exit 1; fi
done
as_root dpkg -r jianbao >/dev/null
installed=0
if [ -e /usr/bin/jianbao ]; then echo "install-test: dpkg -r left /usr/bin/jianbao" >&2; exit 1; fi
done_at=$(date +%s)

echo "install-test: passed; packages $(( built - start )) s, chroot $(( chrooted - built )) s, dpkg -i $(( done_at - chrooted )) s, total $(( done_at - start )) s" >&2
