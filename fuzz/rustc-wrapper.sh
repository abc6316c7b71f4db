#!/bin/sh
# Cargo's RUSTC_WRAPPER for fuzz builds: compiles the crates named in $JIANBAO_FUZZ_PLAIN (a
# space-separated list of crate names, e.g. "zlib_rs pdf_writer") without coverage
# instrumentation, those in $JIANBAO_FUZZ_NO_CMP with edge coverage but without comparison
# tracing, and every other crate as RUSTFLAGS asks.
#
# Why: the `render` and `structured` targets feed the PDF writer, the font subsetter and the
# deflate compressor only data jianbao itself produced from fixed fonts. Instrumenting them spent
# about a third of each execution on comparisons the fuzzer cannot steer, and their counters added
# coverage "features" for compressed bytes, which grew the corpus with inputs that test nothing new.
rustc="$1"
shift
crate=""
prev=""
for arg in "$@"; do
    if [ "$prev" = "--crate-name" ]; then crate="$arg"; fi
    prev="$arg"
done
plain=0
for name in $JIANBAO_FUZZ_PLAIN; do
    if [ "$name" = "$crate" ]; then plain=1; fi
done
nocmp=0
for name in $JIANBAO_FUZZ_NO_CMP; do
    if [ "$name" = "$crate" ]; then nocmp=1; fi
done
if [ "$plain" = 0 ] && [ "$nocmp" = 0 ]; then exec "$rustc" "$@"; fi
for arg in "$@"; do
    shift
    case "$arg" in
        -Cllvm-args=-sanitizer-coverage-trace-compares) continue ;;
        -Cpasses=sancov-module | -Cllvm-args=-sanitizer-coverage*) [ "$plain" = 0 ] || continue ;;
    esac
    set -- "$@" "$arg"
done
exec "$rustc" "$@"
