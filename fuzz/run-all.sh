#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each, one after another, and prints a
# table (target, executions, crashes). Needs the nightly toolchain and a C++
# compiler (libFuzzer is built from source by libfuzzer-sys).
#
#   fuzz/run-all.sh 120            # every target, 2 minutes each
#   fuzz/run-all.sh 60 import_aws  # only the named targets
#
# Corpora grow in fuzz/corpus/<target> (seeded from the test fixtures on the
# first run); crashes land in fuzz/artifacts/<target>/. Both are ignored by git.
set -euo pipefail
secs=${1:?usage: fuzz/run-all.sh SECONDS [TARGET...]}
shift
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
cd "$here"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    mapfile -t targets < <(sed -n 's/^name = "\(.*\)"/\1/p' Cargo.toml | grep -v '^callqa-fuzz$')
fi
triple=$(rustc +nightly -vV | sed -n 's/^host: //p')
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$here/target}
# The flags `cargo fuzz build` uses, without ASan (no cargo-fuzz needed;
# `cargo +nightly fuzz run TARGET` works on these targets as well).
RUSTFLAGS="--cfg fuzzing -Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares -Cdebug-assertions -Coverflow-checks" \
    cargo +nightly build --release --target "$triple" --bins >&2
bin=$CARGO_TARGET_DIR/$triple/release
seed() {
    local t=$1 dir=corpus/$1
    mkdir -p "$dir"
    [ -n "$(ls -A "$dir")" ] && return
    local fx=$root/crates/import/tests/fixtures
    case $t in
        call_record) cp "$root"/examples/*.json "$root"/crates/model/tests/data/* "$dir"/ 2>/dev/null || true ;;
        standard) cp "$root"/standards/*.toml "$dir"/ 2>/dev/null || true ;;
        # Structured input: any bytes decode to a standard and calls; long
        # random seeds start it on rich standards.
        evaluate) for i in 1 2 3 4 5 6 7 8; do head -c 4096 /dev/urandom > "$dir/random-$i"; done ;;
        analyzer) printf 'Добрый день, компания «Ромашка».\n' > "$dir/seed" ;;
        import_asterisk_cdr) cp "$fx"/cdr_* "$dir"/ ;;
        import_asterisk_cel) cp "$fx"/cel_* "$dir"/ ;;
        import_ami) cp "$fx"/ami_* "$dir"/ ;;
        import_freeswitch) cp "$fx"/fs_* "$dir"/ ;;
        import_whisper) cp "$fx"/rec-* "$fx"/outbound-* "$dir"/ ;;
        import_vosk) cp "$fx"/vosk-* "$dir"/ ;;
        import_speechkit) cp "$fx"/sk* "$dir"/ ;;
        import_aws) cp "$fx"/aws-* "$dir"/ ;;
        import_vtt) cp "$fx"/*.vtt "$dir"/ ;;
        import_srt) cp "$fx"/*.srt "$dir"/ ;;
        import_hvb) cp "$fx"/hvb-* "$dir"/ ;;
        *) cp "$fx"/* "$dir"/ ;;
    esac
}
printf '| target | seconds | execs | exec/s | crashes |\n|---|---|---|---|---|\n'
status=0
for t in "${targets[@]}"; do
    seed "$t"
    mkdir -p "artifacts/$t"
    log=$(mktemp)
    set +e
    "$bin/$t" "corpus/$t" -max_total_time="$secs" -print_final_stats=1 -timeout=20 \
        -rss_limit_mb=2048 -artifact_prefix="artifacts/$t/" >"$log" 2>&1
    rc=$?
    set -e
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    crashes=$(find "artifacts/$t" -type f | wc -l)
    if [ "$rc" -ne 0 ]; then status=1; tail -40 "$log" >&2; fi
    printf '| %s | %s | %s | %s | %s |\n' "$t" "$secs" "${execs:-?}" "${rate:-?}" "$crashes"
    rm -f "$log"
done
exit $status
