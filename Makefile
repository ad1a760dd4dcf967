# khabar — make demo: set up and map the seeds into the embedded store; make test: the test suite.
# The interpreter the environment is made with: the system's CPython, /usr/bin/python3, where it is 3.11
# or later with venv, pip's wheel and its C headers (Debian's is linked statically, without the
# shared-library calls of a --enable-shared build such as pyenv's: the extraction maps an article in
# 0.8-0.9 of the time, bench/corpus.py); else the first python3 on the PATH. PYTHON=... overrides.
SYSTEM_PYTHON := /usr/bin/python3
ifeq ($(origin PYTHON),undefined)
PYTHON := $(shell $(SYSTEM_PYTHON) -c "import ensurepip, os, sys, sysconfig, venv; ensurepip.version(); \
	sys.exit(sys.version_info < (3, 11) or not os.path.exists(sysconfig.get_paths()['include'] + '/Python.h'))" \
	2>/dev/null && echo $(SYSTEM_PYTHON) || echo python3)
endif
VENV   ?= .venv
BIN    := $(VENV)/bin
OUT    ?= out
SHARED ?= ../shared

.PHONY: default install system-deps demo test test-virtuoso eval model bench docs clean
default: test

COMPILED := $(wildcard khabar/*/*.pyx) $(shell $(PYTHON) -c "import runpy; print(*(m.replace('.', '/') + '.py' for m in runpy.run_path('khabar/compiled.py')['MODULES']))")
$(BIN)/khabar: pyproject.toml requirements.lock hatch_build.py khabar/compiled.py $(COMPILED)  # compiled at install: the .pyx, and the modules khabar/compiled.py names
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	$(BIN)/pip install --quiet --no-deps -e .
	@touch $@

install: $(BIN)/khabar  ## create .venv and install khabar with its pinned test dependencies

system-deps:  ## what pip cannot install, for the tests that skip without it: Debian's chromium (browser tests), rapper (raptor2-utils)
	@missing=""; [ -x /usr/bin/chromium ] || missing="chromium"; command -v rapper >/dev/null || missing="$$missing raptor2-utils"; \
	if [ -z "$$missing" ]; then echo "system-deps: chromium and rapper are installed"; exit 0; fi; \
	SUDO=""; [ "$$(id -u)" -eq 0 ] || SUDO=sudo; \
	echo "system-deps: installing$$missing (apt-get)"; \
	$$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing

demo: install  ## map the seeds (validated), load them into the embedded store, run three queries, write tables and a report
	$(BIN)/khabar map seeds -o $(OUT)/seeds.trig --errors $(OUT)/errors.jsonl
	rm -rf $(OUT)/store
	$(BIN)/khabar load $(OUT)/seeds.trig --store $(OUT)/store
	@echo; echo "== Who met whom, and when"; $(BIN)/khabar query $(OUT)/store @queries/who-met-whom.rq
	@echo; echo "== Who said what";          $(BIN)/khabar query $(OUT)/store @queries/who-said-what.rq
	@echo; echo "== Statements per speaker"; $(BIN)/khabar query $(OUT)/store @queries/statements-per-speaker.rq
	@echo; $(BIN)/khabar stats $(OUT)/store
	@echo; $(BIN)/khabar export $(OUT)/store --tables $(OUT)/tables
	$(BIN)/khabar report $(OUT)/store -o $(OUT)/report
	@echo "open $(OUT)/report/index.html in a browser (it works offline)"

test: install  ## run the test suite and the docstring examples of khabar/ (pyproject: --doctest-modules; its last line counts the tests skipped and says how to run them)
	$(BIN)/python -m pytest -q

test-virtuoso: install  ## load and query the seeds in a real Virtuoso (apt-installed if missing; own instance on loopback)
	tests/virtuoso/run.sh

eval: install  ## score the extraction on the seeds, the diplomacy dev set and the random dev set, side by side
	$(BIN)/python tools/eval.py --shared $(SHARED)

model: install  ## rebuild the named-entity recogniser (mappers/models/) from NewsFANE Gold, deterministically
	$(BIN)/python mappers/build_ner.py --newsfane $(SHARED)/corpora/newsfane

bench: install  ## benchmarks: ratios against a baseline measured in the same run
	$(BIN)/python bench/corpus.py --corpus $(SHARED)/corpora/saudinewsnet
	$(BIN)/python bench/memory.py --corpus $(SHARED)/corpora/saudinewsnet
	$(BIN)/python bench/store.py --corpus $(SHARED)/corpora/saudinewsnet
	$(BIN)/python bench/scaling.py --corpus $(SHARED)/corpora/saudinewsnet
	$(BIN)/python bench/article_length.py --corpus $(SHARED)/corpora/saudinewsnet
	$(BIN)/python bench/serve_load.py

docs: install  ## CLI reference from --help; ontology documentation (pyLODE) for khabar serve
	$(BIN)/python docs/make_cli_reference.py > docs/cli.md
	@echo "wrote docs/cli.md"
	$(BIN)/python docs/build_ontology_docs.py

clean:
	rm -rf $(OUT) .pytest_cache
