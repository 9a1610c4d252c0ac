# Regenerates every dataset and report. Targets are the files they produce;
# a step runs only when what it is made from changed. `make help` lists them.

SHELL := /bin/bash
.DEFAULT_GOAL := help
CLI := node --import tsx lib/cli/main.ts
NODE_DEPS := node_modules/.package-lock.json
SYSTEM_STAMP := .tmp/system-deps.stamp
# Touched once a CPython 3.14 is in place (PYTHON314, PATH, or fetched into .cache/python3.14/ as root).
PYTHON314_STAMP := .tmp/python314.stamp
# What the peers and browser tests need from Debian.
APT_PACKAGES := chromium pigz python3-pil python3-aiohttp python3-gevent python3-psutil

EXPERIMENTS := $(patsubst experiments/%/experiment.ts,%,$(wildcard experiments/*/experiment.ts))
REPORTS := $(EXPERIMENTS:%=reports/%.html)
REPORT_LIB := $(shell find lib/report lib/verdicts lib/stats -name '*.ts' -not -name '*.test.ts')
# `make runs PROFILE=smoke RUN_FLAGS='--data-dir .tmp/try/data'` and the like; MACHINE_ID in the environment names this machine.
PROFILE ?= full
RUN_FLAGS ?=

.PHONY: all help deps system-deps python314 runs quick test typecheck reports new clean
.SECONDEXPANSION:
# Two experiments measured at once would disturb each other's timings on a 2-core machine, even under `make -j`.
.NOTPARALLEL:

## all: install what is missing, run every experiment at its full profile, build every report
all: deps runs $(REPORTS) reports/index.html README.md

## runs: run each experiment this machine has not yet run with this code and these parameters
# Whether to run is the code hash's question (--if-stale reads data/<id>/<machine>/run.json), never file
# times: pulling another machine's results, or a checkout that rewrites data/, never stops this one's run.
runs: | $(NODE_DEPS)
	$(CLI) run --all --profile $(PROFILE) --if-stale $(RUN_FLAGS)

## help: list the targets
help:
	@grep -E '^## ' Makefile | sed 's/^## /  make /'

## deps: npm packages from the lockfile, and (as root) the Debian packages the peers and browser tests use, and a CPython 3.14
deps: $(NODE_DEPS) system-deps python314

$(NODE_DEPS): package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

system-deps: $(SYSTEM_STAMP)

# Checks each package; installs the missing ones as root, otherwise says what to run and goes on without them.
$(SYSTEM_STAMP):
	@missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -z "$$missing" ]; then mkdir -p .tmp && touch $@; \
	elif [ "$$(id -u)" = 0 ]; then \
	  echo "installing Debian packages: $$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null && mkdir -p .tmp && touch $@; \
	else \
	  echo "note: missing Debian packages: $$missing"; \
	  echo "      run: sudo apt-get install -y $$missing"; \
	  echo "      (going on without them: their peers and browser checks are skipped and the reports say so)"; \
	fi

python314: $(PYTHON314_STAMP)

# The peers that use InterpreterPoolExecutor need 3.14; Debian 12 has 3.11. The script says what it uses
# or, without root, what to do, and exits 0 either way; it touches the stamp only once a 3.14 works
# (after moving the repo or changing PYTHON314, `rm .tmp/python314.stamp` or `make clean` to look again).
$(PYTHON314_STAMP): lib/peers/provision-python314.sh
	@lib/peers/provision-python314.sh --stamp $@ || echo "note: no CPython 3.14 this time (see above); its peers are skipped, visibly, and the next make tries again"

# A report is rebuilt when any machine's data of its experiment, or the code that draws it, changed.
reports/%.html: $$(shell find data/$$* experiments/$$* -type f -not -path '*/.*' -not -name '*.test.ts' 2>/dev/null) $(REPORT_LIB) | $(NODE_DEPS)
	$(CLI) report $*

reports/index.html: $(REPORTS) $(REPORT_LIB) | $(NODE_DEPS)
	$(CLI) index

# Only the findings block between its markers is rewritten; touched so Make sees it done.
README.md: reports/index.html
	$(CLI) readme
	@touch $@

## reports: rebuild every report from data/ without running anything
reports: deps
	$(CLI) report --all && $(CLI) index && $(CLI) readme

## quick: every experiment at its quick profile, into .tmp/quick/ (the committed data/ is not touched)
quick: deps
	$(CLI) run --all --profile quick --calibrate-budget 0 --attempts 1 --data-dir .tmp/quick/data
	$(CLI) report --all --data-dir .tmp/quick/data --reports-dir .tmp/quick/reports
	$(CLI) index --data-dir .tmp/quick/data --reports-dir .tmp/quick/reports
	@echo "A first look (quick profile: few repetitions, wide intervals; the published results are in reports/)."
	@echo "Open: file://$(CURDIR)/.tmp/quick/reports/index.html"

## test: type-check and run every test (unit, end to end on the smoke profile, headless Chromium)
test: deps typecheck
	npx vitest run

typecheck: $(NODE_DEPS)
	npx tsc --noEmit -p .

## new ID=my-study: scaffold experiments/my-study/ from the template
new: $(NODE_DEPS)
	@test -n "$(ID)" || { echo "usage: make new ID=my-study"; exit 2; }
	$(CLI) new $(ID)

## clean: remove build scratch and generated inputs (never data/ results or reports/)
clean:
	rm -rf .tmp data/inputs
