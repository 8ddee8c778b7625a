# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: run test setup system-deps bench exports schema clean

run: setup
	$(BIN)/argmap

test: setup
	@./scripts/system-deps.sh dot tmux
	$(BIN)/python -m pytest -q

setup: $(STAMP) system-deps

# Re-install only when the dependencies change.
$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -e ".[test]"
	@touch $(STAMP)

system-deps:
	@./scripts/system-deps.sh dot

bench: setup
	$(BIN)/python -m benchmarks

exports: setup
	$(BIN)/python -m argmap.exports_build

schema: setup
	$(BIN)/python -m argmap.schema

clean:
	rm -rf $(VENV) .pytest_cache build dist *.egg-info
