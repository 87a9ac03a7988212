# duban — set-up, build, run and test. `make run` and `make test` are all a fresh machine needs.
SWIFT    ?= swift
BUILD    := $(SWIFT) build
DUBAN    := .build/debug/duban
SUDO     := $(shell [ "$$(id -u)" = 0 ] || command -v sudo >/dev/null 2>&1 && [ "$$(id -u)" != 0 ] && echo sudo)

.PHONY: all deps build release run test validate sanitize calendar-check rules-readme clean bench fuzz fuzz-regress

all: build

## deps: install libyaml-dev and pkg-config when they are missing (Debian/Ubuntu).
deps:
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists yaml-0.1; then \
		echo "duban: installing libyaml-dev and pkg-config"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libyaml-dev pkg-config >/dev/null; \
	fi
	@pkg-config --exists yaml-0.1 || { echo "duban: libyaml (pkg-config yaml-0.1) is still missing" >&2; exit 1; }

build: deps
	$(BUILD)

## run: the nightly job: validate rules/, then check inputs/ as of the day in .duban.yml,
## print the text report and write json, markdown and sarif into out/.
run: build
	$(DUBAN) validate rules
	@mkdir -p out
	@for format in json markdown sarif; do $(DUBAN) check --format $$format --output out/report.$$format || true; done
	@$(DUBAN) check || echo "duban check: exit status $$? (1: violations, 2: an unreadable submission; see docs/checks.md)"

## test: the whole test suite: Swift tests, then the JSON Schemas against rules/ and inputs/, then
## the ledger generator against its oracle (scripts/ledger/test_gen_ledgers.py, a few seconds).
test: deps
	$(SWIFT) test
	@python3 -c "import jsonschema, yaml" 2>/dev/null || pip install -q jsonschema pyyaml
	python3 scripts/check-schemas.py
	python3 -m unittest discover -s scripts/ledger -p 'test_*.py'

## validate: what CI checks on the rule files.
validate: build
	$(DUBAN) validate rules

## sanitize: the whole test suite under AddressSanitizer (leak checks on; scripts/lsan.supp holds
## the toolchain's own leaks) in .build-asan, then under ThreadSanitizer in .build-tsan; the tests
## that run `duban` run the sanitized binary built next to them. Fails on any report.
SANITIZE_ENV := DUBAN_TEST_TIMEOUT_SCALE=5
sanitize: deps
	$(SWIFT) build --build-tests --sanitize=address --scratch-path .build-asan
	$(SANITIZE_ENV) DUBAN_TEST_SANITIZER=address \
		ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 LSAN_OPTIONS=suppressions=$(CURDIR)/scripts/lsan.supp:print_suppressions=0 \
		$(SWIFT) test --skip-build --sanitize=address --scratch-path .build-asan
	$(SWIFT) build --build-tests --sanitize=thread --scratch-path .build-tsan
	$(SANITIZE_ENV) DUBAN_TEST_SANITIZER=thread TSAN_OPTIONS=halt_on_error=0 \
		$(SWIFT) test --skip-build --sanitize=thread --scratch-path .build-tsan

## fuzz: build the libFuzzer targets (yaml, status, ledger), replay their regression fixtures, then fuzz
## each for FUZZ_SECONDS; fails on a crash, leak, hang or regression (docs/fuzzing.md).
FUZZ_SECONDS ?= 60
fuzz: deps
	SWIFT="$(SWIFT)" FUZZ_SECONDS=$(FUZZ_SECONDS) bash scripts/fuzz/run.sh all

## fuzz-regress: replay every saved fuzz regression fixture (Tests/Fuzz/regressions/) through the fuzz binary.
fuzz-regress: deps
	SWIFT="$(SWIFT)" bash scripts/fuzz/run.sh regress

## calendar-check: compare rules/calendar with the independent chinesecalendar package.
calendar-check:
	python3 -c "import chinese_calendar" 2>/dev/null || pip install -q chinesecalendar
	python3 scripts/check-calendar.py

clean:
	rm -rf .build .build-asan .build-tsan out

## rules-readme: regenerate the generated part of rules/README.md from the rule files.
rules-readme: deps
	-DUBAN_RECORD=1 $(SWIFT) test --filter RulesReadmeTests >/dev/null 2>&1
	$(SWIFT) test --filter RulesReadmeTests

## release: the build for nightly checks of many files: optimised, the Swift runtime linked in
## (it starts in about 5 ms instead of 12, for a binary of about 80 MB): .build/release/duban.
## `make bench` measures this build (in .build-bench).
RELEASE_FLAGS := -c release --static-swift-stdlib
release: deps
	$(BUILD) $(RELEASE_FLAGS) --product duban

## bench: throughput, scaling and memory of `duban check` on 1,000, 10,000 and 100,000 generated
## files against a libyaml probe and a Python peer, then of `duban ledger` on generated credit
## ledgers of 2 and 20 million rows against cat, a C split-only pass, DuckDB and Python's csv
## (BENCHMARKS.md). Builds in .build-bench. BENCH_ARGS=--quick: 1,000 and 10,000 files, 2 M rows;
## --ledgers-only / --no-ledgers: one half only.
bench: deps
	@python3 -c "import yaml; assert yaml.__with_libyaml__" 2>/dev/null || pip install -q pyyaml
	@python3 -c "import duckdb" 2>/dev/null || pip install -q duckdb
	SWIFT="$(SWIFT)" RELEASE_FLAGS="$(RELEASE_FLAGS)" python3 scripts/bench/run.py $(BENCH_ARGS)
