#!/usr/bin/env bash
# duban's libFuzzer targets (docs/fuzzing.md). `make fuzz` runs `all`, `make fuzz-regress` runs `regress`.
#
#   scripts/fuzz/run.sh build               build .build-fuzz/release/DubanFuzz (ASan + libFuzzer)
#   scripts/fuzz/run.sh regress [TARGET…]   build, replay every fixture of Tests/Fuzz/regressions/TARGET/
#   scripts/fuzz/run.sh fuzz [TARGET…]      build, fuzz each target for FUZZ_SECONDS
#   scripts/fuzz/run.sh all                 build, regress, fuzz: every target, even after a failure
#
# Targets: yaml, status, ledger (default: all three). Environment: FUZZ_SECONDS (60), FUZZ_FLAGS (more
# libFuzzer flags, e.g. "-seed=1 -len_control=0"), FUZZ_SEEDS (more read-only seed folders, e.g.
# "inputs" for the status target), SWIFT (swift), DUBAN_FUZZ_RULES (rules),
# DUBAN_FUZZ_AS_OF (2022-07-06). Exit status 1 when any target crashed, leaked, hung or ran out
# of memory; the input is in .build-fuzz/artifacts/TARGET/ (see docs/fuzzing.md for what to do).
# New corpus entries go to .build-fuzz/corpus/TARGET/ (git-ignored) and are reused next time.
set -uo pipefail
cd "$(dirname "$0")/../.."

SWIFT=${SWIFT:-swift}
SCRATCH=.build-fuzz
BIN=$SCRATCH/release/DubanFuzz
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_FLAGS=${FUZZ_FLAGS:-}
FUZZ_SEEDS=${FUZZ_SEEDS:-}
ALL_TARGETS=(yaml status ledger)
COMMON=(-rss_limit_mb=2048 -timeout=5)
if [ -z "${ASAN_SYMBOLIZER_PATH:-}" ] && command -v llvm-symbolizer >/dev/null 2>&1; then
    export ASAN_SYMBOLIZER_PATH=$(command -v llvm-symbolizer)
fi

# The build's output goes to a log (SwiftPM repeats its package-wide warnings on every build);
# it is shown when the build fails.
build() {
    mkdir -p "$SCRATCH/logs"
    echo "fuzz: building $BIN (log: $SCRATCH/logs/build.log)"
    if ! "$SWIFT" build -c release --product DubanFuzz --scratch-path "$SCRATCH" \
        -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -DFUZZING -Xswiftc -use-ld=lld \
        >"$SCRATCH/logs/build.log" 2>&1; then
        grep -v '^    /' "$SCRATCH/logs/build.log" | tail -n 40 >&2
        echo "fuzz: the build failed (log: $SCRATCH/logs/build.log)" >&2
        return 1
    fi
}

# Per-target options: maximum input length, dictionary, read-only seed folders.
options() {
    case $1 in
    yaml)
        MAX_LEN=32768
        DICT=scripts/fuzz/yaml.dict
        SEEDS=(Tests/Fuzz/corpus/yaml Tests/Fuzz/corpus/status inputs)
        ;;
    status)
        MAX_LEN=16384
        DICT=$SCRATCH/status.dict
        mkdir -p "$SCRATCH"
        python3 scripts/fuzz/status-dict.py "${DUBAN_FUZZ_RULES:-rules}" >"$DICT" || return 1
        SEEDS=(Tests/Fuzz/corpus/status)
        ;;
    ledger)
        MAX_LEN=4096
        DICT=scripts/fuzz/ledger.dict
        SEEDS=(Tests/Fuzz/corpus/ledger)
        ;;
    *)
        echo "fuzz: unknown target '$1' (targets: ${ALL_TARGETS[*]})" >&2
        return 1
        ;;
    esac
    local existing=() seed
    for seed in "${SEEDS[@]}"; do [ -d "$seed" ] && existing+=("$seed"); done
    SEEDS=("${existing[@]}")
}

# Replays the regression fixtures of each target; fails if any crashes, leaks or exceeds the timeout.
regress() {
    local failed=0 target files
    for target in "$@"; do
        mapfile -t files < <(find "Tests/Fuzz/regressions/$target" -type f ! -name 'README*' ! -name '.*' 2>/dev/null | sort)
        if [ ${#files[@]} -eq 0 ]; then
            echo "fuzz: $target: no regression fixtures"
            continue
        fi
        # One process per fixture: libFuzzer stops at the first failing input.
        local file log passed=0
        rm -rf "$SCRATCH/logs/regress-$target" && mkdir -p "$SCRATCH/logs/regress-$target"
        for file in "${files[@]}"; do
            log=$SCRATCH/logs/regress-$target/$(basename "$file").log
            if DUBAN_FUZZ_TARGET=$target "$BIN" "${COMMON[@]}" "$file" >"$log" 2>&1; then
                passed=$((passed + 1))
            else
                echo "fuzz: $target: FAILS: $file (log: $log)" >&2
                grep -E '^(==[0-9]+==ERROR|SUMMARY|.*invariant broken|Fatal error)' "$log" | head -n 3 | sed 's/^/    /' >&2
                failed=1
            fi
        done
        echo "fuzz: $target: $passed of ${#files[@]} regression fixtures pass"
    done
    return $failed
}

# Fuzzes each target for FUZZ_SECONDS; fails if libFuzzer stops on a finding.
fuzz() {
    local failed=0 target
    for target in "$@"; do
        options "$target" || { failed=1; continue; }
        local corpus=$SCRATCH/corpus/$target artifacts=$SCRATCH/artifacts/$target/ log=$SCRATCH/logs/fuzz-$target.log
        mkdir -p "$corpus" "$artifacts" "$SCRATCH/logs"
        echo "fuzz: $target for ${FUZZ_SECONDS}s (corpus $corpus, seeds ${SEEDS[*]}, log $log)"
        # The scratch corpus must be the first folder named: libFuzzer writes new entries there.
        # shellcheck disable=SC2086 # FUZZ_FLAGS and FUZZ_SEEDS are lists
        DUBAN_FUZZ_TARGET=$target "$BIN" "$corpus" "${COMMON[@]}" -max_len=$MAX_LEN -dict="$DICT" \
            -max_total_time="$FUZZ_SECONDS" -print_final_stats=1 -artifact_prefix="$artifacts" \
            $FUZZ_FLAGS "${SEEDS[@]}" $FUZZ_SEEDS >"$log" 2>&1
        local status=$?
        grep -E '^#[0-9]+[[:space:]]+(INITED|DONE)|^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$log" | sed "s/^/fuzz: $target: /"
        # Loading the corpus counts against -max_total_time (status: ~30 ms per valid report).
        local inited done
        inited=$(grep -oE '^#[0-9]+[[:space:]]+INITED' "$log" | grep -oE '[0-9]+' | head -n 1)
        done=$(grep -oE '^#[0-9]+[[:space:]]+DONE' "$log" | grep -oE '[0-9]+' | head -n 1)
        if [ $status -eq 0 ] && [ -n "$inited" ] && [ "$inited" = "$done" ]; then
            echo "fuzz: $target: all ${FUZZ_SECONDS}s went into loading the corpus; raise FUZZ_SECONDS or empty $corpus" >&2
        fi
        if [ $status -ne 0 ]; then
            echo "fuzz: $target FOUND SOMETHING (exit $status); log: $log" >&2
            grep -E '^(==[0-9]+==ERROR|SUMMARY|ALARM|.*invariant broken|Fatal error|artifact_prefix|Test unit written)' "$log" | tail -n 20 >&2
            echo "fuzz: minimise it, save it under Tests/Fuzz/regressions/$target/ and report it (docs/fuzzing.md)" >&2
            failed=1
        fi
    done
    return $failed
}

targets() { if [ $# -eq 0 ]; then echo "${ALL_TARGETS[@]}"; else echo "$@"; fi; }

command=${1:-all}
[ $# -gt 0 ] && shift
case $command in
build) build ;;
regress) build || exit 1; regress $(targets "$@") ;;
fuzz) build || exit 1; fuzz $(targets "$@") ;;
all)
    build || exit 1
    status=0
    regress "${ALL_TARGETS[@]}" || status=1
    fuzz "${ALL_TARGETS[@]}" || status=1
    exit $status
    ;;
*)
    sed -n '2,14p' "$0" >&2
    exit 2
    ;;
esac
