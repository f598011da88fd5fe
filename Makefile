# The two commands: `make run` and `make test`. Each (re)builds .venv when it is missing
# or pyproject.toml changed since the last install.
PY ?= python3.11
VENV := .venv
STAMP := $(VENV)/.installed

.PHONY: run test bench bench-peers screenshots install-desktop clean

$(STAMP): pyproject.toml
	test -x $(VENV)/bin/python || $(PY) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VENV)/bin/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/frontline

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/python -m pytest

PEERS := $(VENV)/.bench-peers

# QGIS (Debian's python3-qgis, run with the system python) and geopandas + matplotlib (PyPI).
$(PEERS): $(STAMP)
	$(VENV)/bin/python -m pip install --quiet -e '.[test,bench]'
	command -v apt-get >/dev/null && ( /usr/bin/python3 -c "import qgis.core" 2>/dev/null || \
	  ( apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-qgis >/dev/null ) ) || \
	  echo "QGIS could not be installed: its rows will be skipped"
	touch $(PEERS)

bench-peers: $(PEERS)

bench: $(PEERS)
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/python -m tests.benchmarks.report

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(VENV)/bin/python -m desktop.ui.screenshots

# A menu entry and icon for this user (freedesktop): Exec is this checkout's venv. No MIME
# type: .gpkg files belong to QGIS, Frontline only opens them when asked.
DATA_HOME ?= $(or $(XDG_DATA_HOME),$(HOME)/.local/share)
install-desktop:
	mkdir -p $(DATA_HOME)/applications $(DATA_HOME)/icons/hicolor/scalable/apps
	sed 's|@FRONTLINE@|$(CURDIR)/$(VENV)/bin/frontline|' resources/app/frontline.desktop.in \
	  > $(DATA_HOME)/applications/frontline.desktop
	cp resources/app/frontline.svg $(DATA_HOME)/icons/hicolor/scalable/apps/frontline.svg

clean:
	rm -rf $(VENV)
