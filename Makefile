# The two commands: `make run` and `make test`. Each (re)builds .venv when it is missing
# or pyproject.toml changed since the last install.
PY ?= python3.11
VENV := .venv
STAMP := $(VENV)/.installed

.PHONY: run test bench bench-peers screenshots clean

$(STAMP): pyproject.toml
	test -x $(VENV)/bin/python || $(PY) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VENV)/bin/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/frontline

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/python -m pytest

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/python -m pytest tests/benchmarks -q -s -p no:cacheprovider --override-ini addopts=

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/python -m desktop.ui.screenshots

clean:
	rm -rf $(VENV)
