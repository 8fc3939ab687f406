# relgraph — common tasks. The README's Quick start uses `make flagship` and `make test`.
SWIFT ?= swift
RELGRAPH := .build/release/relgraph
# Release builds link the Swift runtime and Foundation statically (why, and the
# flags: scripts/release-flags.sh). Every script that builds the release binary
# passes the same flags, so they share one build.
export RELEASE_FLAGS := $(shell scripts/release-flags.sh)
FLAGSHIP := graphs/iskp-isi-nexus.yaml

.PHONY: all deps build flagship test goldens clean install uninstall browser-check memcheck bench fuzz test-asan test-tsan stress readability corpus corpus-check corpus-baseline faults stability

all: build

deps:
	@scripts/ensure-deps.sh

build: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product relgraph
	$(SWIFT) build $(RELEASE_FLAGS) --product relgraph-serve

# README command 1: the main job on the flagship example (and its named views, graphs/views/iskp-isi-nexus.VIEW.svg).
flagship: build
	$(RELGRAPH) validate $(FLAGSHIP)
	$(RELGRAPH) render $(FLAGSHIP) --format svg,dot,png,pdf --out-dir graphs
	$(RELGRAPH) render $(FLAGSHIP) --all-views --out-dir graphs/views

# README command 2: the whole test suite, against Debian's Graphviz (2.42) and then,
# when ../shared/graphviz/ holds it, against Graphviz 14 in its own build folder
# (scripts/graphviz14.sh says plainly when it cannot).
GRAPHVIZ14 := scripts/graphviz14.sh
test:
	@scripts/ensure-deps.sh --test
	$(SWIFT) test
	@if $(GRAPHVIZ14) --check; then \
	  echo "relgraph: the suite again, built against Graphviz 14 (.build-gv14)"; \
	  $(GRAPHVIZ14) $(SWIFT) test --scratch-path .build-gv14; \
	fi

# The fault battery of issue 28 (docs/reliability.md, "Fault battery"): 65 cases of
# full and read-only disks, ulimit -f, signals mid-write, hostile manifests, links,
# FIFOs, bombs, hostile DOT, STIX and CSV, git revisions and the preview server,
# against the debug build. FAULTS_SLOW=1 adds the slow cases (a 48 MB manifest,
# 100,000 STIX objects); the fast ones also run in `make test` (FaultTests).
faults:
	$(SWIFT) build --product relgraph
	$(SWIFT) build --product relgraph-serve
	scripts/faults.sh

# Re-accept golden files (DOT/SVG) after an intended change, for each Graphviz
# (goldens are kept per version); review `git diff` after.
goldens:
	@scripts/ensure-deps.sh --test
	RELGRAPH_ACCEPT_GOLDENS=1 $(SWIFT) test --filter Golden
	@if $(GRAPHVIZ14) --check; then \
	  RELGRAPH_ACCEPT_GOLDENS=1 $(GRAPHVIZ14) $(SWIFT) test --scratch-path .build-gv14 --filter Golden; \
	fi

clean:
	rm -rf .build .build-gv14 .build-graphviz14

# Install the binary, shell completions (bash, zsh, fish) and man pages under
# $(DESTDIR)$(PREFIX) (default /usr/local); `make uninstall` removes them.
PREFIX ?= /usr/local
install: deps
	scripts/install.sh "$(DESTDIR)$(PREFIX)"

uninstall:
	scripts/install.sh "$(DESTDIR)$(PREFIX)" --uninstall

# Readability table (docs/readability.md): the flagship, its views, generated and hub
# networks and every engine, measured with `relgraph measure`. RECORD=NAME also writes
# the table into docs/readability.md under the heading NAME (e.g. RECORD=after).
readability: build
	scripts/readability.sh $(if $(RECORD),--record "$(RECORD)")

# The corpus of real public networks (graphs/corpus/README.md): regenerate every
# graphs/corpus/NAME.yaml from its public data (PyPI packages, ../shared/data, and
# git mirrors of public repositories at pinned commits), or check that the committed
# files are what the converters make (a network whose data is not on this machine is
# reported as skipped; CORPUS_FLAGS=--strict makes that fail).
corpus:
	@scripts/corpus/ensure-deps.sh
	python3 scripts/corpus/build.py

corpus-check:
	@scripts/corpus/ensure-deps.sh
	python3 scripts/corpus/build.py --check $(CORPUS_FLAGS)

# Validate, render (A4 page fit) and measure every corpus network with RELGRAPH
# (default: the release build), printing the baseline table of graphs/corpus/README.md.
corpus-baseline:
	scripts/corpus/baseline.sh $(RELGRAPH)

# How much a drawing moves when its network changes by one line or entity: 12 edits
# per network drawn afresh and with --layout-from, measured with `measure --moved-from`
# (the table of README "Keeping the picture across versions"; needs PyYAML).
stability: build
	python3 scripts/stability.py --relgraph $(RELGRAPH)

# Load an HTML report with inlined relgraph SVG in headless Chromium; screenshots in docs/.
# Then hover highlighting and the auto theme's page switch, and `relgraph serve` updating
# an open page, through Chromium's DevTools protocol (docs/hover.png, docs/serve*.png;
# needs Python's websocket-client, installed with pip when missing).
browser-check:
	scripts/browser-check.sh
	@python3 -c 'import websocket' 2>/dev/null || pip install --user --quiet websocket-client
	scripts/hover-check.py "$$(swift build -c release --show-bin-path)/relgraph"
	scripts/serve-check.py "$$(swift build -c release --show-bin-path)/relgraph"

# valgrind memcheck of one render of the flagship (leaks grouped by library).
memcheck:
	scripts/memcheck.sh

# Benchmarks (docs/benchmarks.md): generated networks vs nop, the Graphviz CLI and Python peers.
bench:
	scripts/bench/run.sh

# Fuzzing (docs/reliability.md): each libFuzzer target for FUZZ_SECONDS (default 600).
fuzz:
	scripts/fuzz/run.sh $(FUZZ_SECONDS)

# The whole test suite under AddressSanitizer (docs/reliability.md). Leak checking
# is valgrind's job (`make memcheck`): LeakSanitizer reports the Swift runtime's,
# XCTest's and Graphviz's own allocations at exit, in every child relgraph too.
test-asan:
	@scripts/ensure-deps.sh --test
	RELGRAPH_SANITIZER=address ASAN_OPTIONS=detect_leaks=0 \
	  $(SWIFT) test --sanitize=address --scratch-path .build-asan

# The concurrency and stress tests under ThreadSanitizer.
test-tsan:
	@scripts/ensure-deps.sh --test
	RELGRAPH_SANITIZER=thread $(SWIFT) test --sanitize=thread --scratch-path .build-tsan --filter 'Concurrency|ConcurrentMap|StreamedDOT|Stress|MemoryGrowth|FlagshipRenderTests.concurrent'
