# Denyut: make-driven batch pipeline. `make help` lists the targets.
# Each stage reads files and writes files; a stage skips the weeks whose inputs did not change.

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
PY     := $(VENV)/bin/python
CONFIG ?= config/denyut.yaml
DEMO_CONFIG := config/demo.yaml
DEMO_INPUT  := build/demo/input
# The demo's posts are synthetic: its pseudonym key is no secret. Real runs must set their own.
DEMO_KEY    := denyut-demo-key-synthetic-data-only

.PHONY: help lock test-fast venv collect analyze report site publish verify demo demo-data serve test chromium screenshots train-sentiment train-issues train-embedded vendor-plotly bench bench-sentiment bench-estimate bench-pipeline bench-regions bench-pages clean

help: ## show this help
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | sed -e 's|\$$(CONFIG)|$(CONFIG)|g' \
	  | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-16s %s\n", $$1, $$2}'

# Installs come from the lock files (every package pinned, `make lock` writes them), pip and setuptools pinned too.
PIP_VERSIONS := pip==26.3 setuptools==84.2.1

$(VENV)/.installed: pyproject.toml requirements/base.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Denyut needs Python 3.11 (snscrape does not import on 3.12+): install python3.11 or run make PYTHON=/path/to/python3.11")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet $(PIP_VERSIONS)
	$(PY) -m pip install --quiet -r requirements/base.lock
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements/test.lock
	$(PY) -m pip install --quiet -r requirements/test.lock
	touch $@

lock: ## (developers) rewrite requirements/*.lock from pyproject.toml in fresh virtual environments
	rm -rf build/lock && mkdir -p build/lock
	$(PYTHON) -m venv build/lock/base && build/lock/base/bin/pip install --quiet $(PIP_VERSIONS) && build/lock/base/bin/pip install --quiet -e .
	$(PYTHON) -m venv build/lock/test && build/lock/test/bin/pip install --quiet $(PIP_VERSIONS) && build/lock/test/bin/pip install --quiet -e '.[test,transformers,ray]'
	{ echo "# Every package \`make demo\` installs, pinned: written by \`make lock\` (a fresh venv, \`pip install -e .\`, \`pip freeze\`)."; \
	  build/lock/base/bin/pip freeze --exclude-editable; } > requirements/base.lock
	{ echo "# Every package \`make test\` installs (the test, transformers and ray extras), pinned: written by \`make lock\`."; \
	  build/lock/test/bin/pip freeze --exclude-editable | sed 's/^torch==\(.*\)+cpu$$/torch==\1/'; } > requirements/test.lock

venv: $(VENV)/.installed ## create the virtual environment and install Denyut

# A source that failed (exit 1: offline, an API key missing) must not stop `make collect analyze` from analysing
# what the other sources imported: collect then passes, the stages after it run, and the last goal of the command
# exits 1 so that the whole command still says a source failed.
SOURCE_FAILED := build/.sumber-gagal
LAST_GOAL := $(lastword $(MAKECMDGOALS))
define partial_exit
	@if [ "$@" = "$(LAST_GOAL)" ] && [ -n "$(filter collect,$(MAKECMDGOALS))" ] && [ -f $(SOURCE_FAILED) ]; then \
	  rm -f $(SOURCE_FAILED); echo "make: sebuah sumber gagal diambil (lihat tabel collect di atas): kode keluar 1" >&2; exit 1; fi
endef

collect: venv ## import every source of $(CONFIG) into the append-only raw store (a failed source does not stop the stages after it)
	@rm -f $(SOURCE_FAILED)
	@$(PY) -m collectors --config "$(CONFIG)"; rc=$$?; \
	if [ $$rc -eq 1 ] && [ "$(LAST_GOAL)" != "collect" ]; then mkdir -p build && touch $(SOURCE_FAILED); \
	  echo "peringatan: sebuah sumber gagal; tahap berikutnya tetap berjalan atas yang berhasil diambil" >&2; exit 0; fi; \
	exit $$rc

analyze: venv ## raw posts → processed Parquet per ISO week (only stale weeks)
	$(PY) -m analysis.analyze --config "$(CONFIG)"
	$(partial_exit)

report: venv ## processed weeks → reports/<week>/ (only stale weeks)
	$(PY) -m analysis.report --config "$(CONFIG)"
	$(partial_exit)

site: venv ## reports → static website (mkdocs build --strict)
	$(PY) -m analysis.site --config "$(CONFIG)"
	$(partial_exit)

# The report runs first: a week approved or set back to draft since then is published (or withdrawn) as status.yaml says now.
publish: venv ## the public site from the weeks approved in data/review/status.yaml now; WEEKS=2024-W47,… must be among them
	$(PY) -m analysis.report --config "$(CONFIG)"
	$(PY) -m analysis.site --config "$(CONFIG)" --publish $(if $(WEEKS),--weeks $(WEEKS))
	$(partial_exit)

verify: venv ## every published byte against the manifests (weeks, raw posts read, every file of public/); ANCHOR=<head> checks the chain leads to it
	$(PY) -m analysis.site.verify --config "$(CONFIG)" $(if $(ANCHOR),--anchor $(ANCHOR))

# New demo exports replace the demo's raw store: the append-only store must not mix two versions of the data.
$(DEMO_INPUT)/x.jsonl: demo/generate.py demo/corpus.py | $(VENV)/.installed
	rm -rf build/demo/data build/demo/reports
	$(PY) -m demo.generate --out $(DEMO_INPUT)

demo-data: $(DEMO_INPUT)/x.jsonl ## generate the synthetic demo exports (seeded, same bytes every time)

# The demo plays the reviewers from its own ground truth (the pages say so), so the whole review loop shows.
demo: $(VENV)/.installed $(DEMO_INPUT)/x.jsonl ## run the whole pipeline on the demo data (reviewed from its truth) and build the site
	DENYUT_PSEUDONYM_KEY=$(DEMO_KEY) $(MAKE) --no-print-directory collect analyze CONFIG="$(DEMO_CONFIG)"
	DENYUT_PSEUDONYM_KEY=$(DEMO_KEY) $(PY) -m demo.review --config $(DEMO_CONFIG) --truth $(DEMO_INPUT)/truth.csv
	DENYUT_PSEUDONYM_KEY=$(DEMO_KEY) $(MAKE) --no-print-directory analyze report publish CONFIG="$(DEMO_CONFIG)"

serve: venv ## serve the site built last (demo or real, it says which) on http://127.0.0.1:8000/; CONFIG=… serves that one
	$(PY) -m analysis.site.serve $(if $(filter command line environment,$(origin CONFIG)),--config "$(CONFIG)")

# The browser tests drive Debian's Chromium (never a downloaded browser): only it and the fonts it draws
# with, nothing it merely recommends, and no upgrade of packages already installed.
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
chromium:
	@command -v chromium >/dev/null || { \
	  echo "make test: Chromium tidak ada; memasang paket Debian chromium dan fonts-liberation untuk tes peramban" \
	       "(apt-get install --no-install-recommends --no-upgrade)"; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends --no-upgrade chromium fonts-liberation; }

test: $(VENV)/.installed-test chromium ## install what tests need (Chromium included), lint, and run the whole test suite
	$(PY) -m ruff check analysis collectors denyut demo tests bench
	$(PY) -m pytest -n 2

test-fast: $(VENV)/.installed-test ## the tests without the slow and browser ones (whole pipeline runs, site builds, Chromium): about 1.5-2 min on 2 cores
	$(PY) -m ruff check analysis collectors denyut demo tests bench
	$(PY) -m pytest -n 2 -m "not slow and not browser" -q

screenshots: demo chromium ## screenshots of the demo's home and latest weekly page, desktop and phone → build/screenshots/
	$(PY) -m demo.screenshots --config $(DEMO_CONFIG) --out build/screenshots

train-sentiment: $(VENV)/.installed ## a model that learns this election from $(CONFIG)'s verdicts (WEEKS=… or review.train_weeks), nothing downloaded, the shipped model untouched → <data>/models/verdicts
	$(PY) -m analysis.sentiment.train --config "$(CONFIG)" --learn $(if $(WEEKS),--weeks $(WEEKS))

train-issues: $(VENV)/.installed ## an issue tagger that learns from $(CONFIG)'s issue verdicts (cross-fitted, as sentiment) → <data>/models/isu
	$(PY) -m analysis.issues.train --config "$(CONFIG)" --learn

# Developers only: the shipped model itself, from the open data (../shared/data, or downloaded once into .cache/).
train-embedded: $(VENV)/.installed ## (developers) retrain the shipped model in analysis/models/embedded from the open labelled data
	$(PY) -m analysis.sentiment.train $(ARGS)

# The interactive charts' script: plotly.js's basic dist of the version the pinned plotly package writes figures for.
vendor-plotly: $(VENV)/.installed ## (developers) fetch plotly.js's basic dist again with npm into analysis/site/vendor/ (after a plotly upgrade) and print its pin
	v=$$($(PY) -c 'import plotly.offline as o; print(o.get_plotlyjs_version())') && \
	rm -rf build/vendor-plotly && mkdir -p build/vendor-plotly && \
	(cd build/vendor-plotly && npm pack --silent plotly.js-basic-dist-min@$$v >/dev/null && tar xzf plotly.js-basic-dist-min-$$v.tgz) && \
	cp build/vendor-plotly/package/plotly-basic.min.js analysis/site/vendor/plotly-basic.min.js && \
	cp build/vendor-plotly/package/LICENSE analysis/site/vendor/plotly-basic.LICENSE && \
	echo "analysis/site/plotly_bundle.py: VERSION = \"$$v\", SHA256 = \"$$(sha256sum analysis/site/vendor/plotly-basic.min.js | cut -d' ' -f1)\""

bench-sentiment: $(VENV)/.installed-test ## sentiment quality and speed → bench/results/sentiment.json
	$(PY) -m bench.sentiment

bench-estimate: $(VENV)/.installed ## share estimator vs raw model counts vs audit alone on the demo truth → bench/results/estimate.json
	$(PY) -m bench.estimate

.PHONY: bench-issues
bench-issues: $(VENV)/.installed ## issue tagger P/R (patterns; trained, cross-validated) and the issue-share intervals in simulation → bench/results/issues.json
	$(PY) -m bench.issues
bench: bench-issues  # `make bench` runs it too (one more prerequisite of the rule below)

bench-pipeline: $(VENV)/.installed ## the whole pipeline on a generated week of N posts (default 1,000,000) and of 100,000 → bench/results/pipeline.json
	$(PY) -m bench.pipeline --posts $(or $(N),1000000)

bench-regions: $(VENV)/.installed ## the region placer's posts/s on generated weeks of 100,000 and N posts (default 1,000,000), against the normaliser → bench/results/regions.json
	$(PY) -m bench.regions --posts $(or $(N),1000000)

# Lighthouse is not installed by the project: LIGHTHOUSE=/path/to/lighthouse or one on PATH (npm install lighthouse@12).
bench-pages: $(VENV)/.installed-test chromium ## each page's gzip bytes with all it loads, at 360 px, + Lighthouse mobile when found; BASE=<commit> compares (both built now) → bench/results/pages.json
	$(PY) -m bench.pages $(if $(BASE),--base $(BASE)) $(if $(SITE),--site $(SITE)) $(if $(RUNS),--runs $(RUNS))

bench: bench-sentiment bench-estimate bench-pipeline bench-regions bench-pages ## every benchmark (JSON under bench/results/)

clean: ## remove derived outputs (demo, processed data, reports, site); never raw data
	rm -rf build public public-pratinjau .public.builds .public.link .public-pratinjau.builds .public-pratinjau.link data/processed data/site
	find reports -mindepth 1 -maxdepth 1 -type d \( -name '*-W*' -o -name _site \) -exec rm -rf {} +
