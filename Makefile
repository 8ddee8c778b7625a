# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: run test setup system-deps bench wild exports schema clean

run: setup
	$(BIN)/argmap

# The tests also need tmux, pdffonts, a small TeX Live and Chromium (the live seminar's
# browser test); each is skipped with a message when it cannot be installed. Then exports/
# must be what `make exports` draws now.
test: setup
	@./scripts/system-deps.sh dot fonts tmux pdffonts pdflatex chromium
	$(BIN)/python -m pytest -q
	$(BIN)/python -m argmap.exports_build --check

# The editable install leaves argmap uncompiled and PYTHONDONTWRITEBYTECODE (set on some
# machines) stops Python caching it: compile once, as `pip install` does for a wheel.
setup: $(STAMP) system-deps
	@$(BIN)/python -m compileall -q argmap >/dev/null

# Re-install only when the dependencies change.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -e ".[test]"
	@touch $(STAMP)

# Graphviz and the fonts the diagrams name: without the fonts, figures differ by machine.
system-deps:
	@./scripts/system-deps.sh dot fonts

bench: setup
	$(BIN)/python -m benchmarks

# The shared wild-Argdown check against the reference CLI (installed from npm), each of
# its findings then verified against what argmap documents (benchmarks/wild_check.py).
wild: setup
	$(BIN)/python -m benchmarks.wild_check

exports: setup
	$(BIN)/python -m argmap.exports_build

schema: setup
	$(BIN)/python -m argmap.schema

clean:
	rm -rf $(VENV) .pytest_cache build dist *.egg-info
