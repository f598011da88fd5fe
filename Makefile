# The two commands: `make run` and `make test`. Each (re)builds .venv when it is missing
# or pyproject.toml changed since the last install.
PY ?= python3.11
VENV := .venv
STAMP := $(VENV)/.installed

.PHONY: run test bench bench-peers screenshots install-desktop install dist dist-check translations clean

$(STAMP): pyproject.toml
	test -x $(VENV)/bin/python || $(PY) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VENV)/bin/python -m pip uninstall --quiet -y frontline 2>/dev/null || true  # the old distribution name
	$(VENV)/bin/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/frontline

# Team projects (issue 19): their tests start a throwaway PostgreSQL cluster with PostGIS
# (tests/support/pg_server.py). Debian's postgresql-15-postgis-3 is installed when missing, the
# way bench-peers installs QGIS; where it cannot be (no apt-get, not root) those tests skip.
PG_PRESENT := test -x /usr/lib/postgresql/15/bin/initdb -a -f /usr/share/postgresql/15/extension/postgis.control

test: $(STAMP)
	$(PG_PRESENT) || ( command -v apt-get >/dev/null && ( apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15-postgis-3 >/dev/null ) ) || \
	  echo "PostgreSQL 15 with PostGIS could not be installed: the team-project tests will be skipped"
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

# Interop with what colleagues use (issue 16): Debian's QGIS 3.22 (python3-qgis) and GDAL 3.6
# (gdal-bin, python3-gdal), installed like bench-peers' QGIS and run with the system python,
# check the files Frontline writes (tests/interop): validate_gpkg.py, the project and the history
# GeoJSON replayed by the Temporal Controller at eight dates, every version read back by GDAL.
# kepler.gl's processors (npm, where there is one) go in $(VENV)/kepler for the test in `make
# test` that uses them. Prints a table; exits non-zero on any failure. Not part of `make test`.
.PHONY: interop
INTEROP_PEERS := $(VENV)/.interop-peers
INTEROP_DIR ?= $(VENV)/interop

$(INTEROP_PEERS): $(STAMP)
	command -v apt-get >/dev/null && ( ( /usr/bin/python3 -c "import qgis.core, osgeo.ogr" 2>/dev/null && \
	  command -v ogrinfo >/dev/null ) || ( apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	  apt-get install -y -qq python3-qgis gdal-bin python3-gdal >/dev/null ) ) || \
	  echo "QGIS and GDAL could not be installed: their checks will fail"
	command -v npm >/dev/null && ( test -d $(VENV)/kepler/node_modules/@kepler.gl/processors || \
	  npm install --silent --no-audit --no-fund --prefix $(VENV)/kepler @kepler.gl/processors >/dev/null ) || \
	  echo "kepler.gl's processors could not be installed: their test in make test is skipped"
	touch $(INTEROP_PEERS)

interop: $(INTEROP_PEERS)
	$(VENV)/bin/python -m tests.interop.prepare $(INTEROP_DIR)
	QT_QPA_PLATFORM=offscreen /usr/bin/python3 tests/interop/check.py $(INTEROP_DIR)

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

# For daily use, apart from this checkout's .venv: `pipx install .` when pipx is there, else a venv
# of its own in $(DATA_HOME)/frontline-map with `frontline` linked into ~/.local/bin. A normal
# (not editable) install of the distribution frontline-map: run it again after pulling.
BIN_HOME ?= $(HOME)/.local/bin
APP_VENV ?= $(DATA_HOME)/frontline-map/venv
install:
	if command -v pipx >/dev/null; then pipx install --force . ; else \
	  test -x $(APP_VENV)/bin/python || $(PY) -m venv $(APP_VENV); \
	  $(APP_VENV)/bin/python -m pip install --quiet --upgrade pip && \
	  $(APP_VENV)/bin/python -m pip install --quiet . && \
	  mkdir -p $(BIN_HOME) && ln -sf $(APP_VENV)/bin/frontline $(BIN_HOME)/frontline && \
	  echo "installed $(BIN_HOME)/frontline (put $(BIN_HOME) on your PATH if it is not)"; fi
	rm -rf build  # setuptools' in-tree build folder

# A standalone folder that runs without Python (PyInstaller, one folder) and a tarball of it, in
# $(DIST_DIR); then its check: the tarball unpacked in a temporary folder, its `frontline --version`,
# `render` of the bundled sample and `--screenshot`, run there with an empty environment (no PATH,
# no PYTHONPATH). Slow (minutes): not part of `make test`.
DIST_DIR ?= $(CURDIR)/$(VENV)/dist
DIST_TOOLS := $(VENV)/.dist-tools
DIST_NAME = frontline-$(shell $(VENV)/bin/python -c "from desktop import version; print(version())")-linux-$(shell uname -m)
DIST_DATA = $(filter-out screenshots __pycache__,$(patsubst resources/%/,%,$(wildcard resources/*/)))

$(DIST_TOOLS): $(STAMP)
	$(VENV)/bin/python -m pip install --quiet 'pyinstaller>=6.10'
	touch $(DIST_TOOLS)

dist: $(DIST_TOOLS)
	rm -rf $(DIST_DIR)/frontline $(DIST_DIR)/build
	$(VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN --name frontline \
	  --distpath $(DIST_DIR) --workpath $(DIST_DIR)/build --specpath $(DIST_DIR)/build \
	  --collect-submodules desktop --copy-metadata frontline-map \
	  --add-data $(CURDIR)/resources/__init__.py:desktop/assets \
	  $(foreach d,$(DIST_DATA),--add-data $(CURDIR)/resources/$(d):desktop/assets/$(d)) \
	  $(CURDIR)/desktop/__main__.py
	rm -rf $(DIST_DIR)/build
	tar -C $(DIST_DIR) -czf $(DIST_DIR)/$(DIST_NAME).tar.gz frontline
	$(MAKE) --no-print-directory dist-check

dist-check:
	set -e; T=$$(mktemp -d); trap 'rm -rf $$T' EXIT; cd $$T; \
	tar -xzf $(DIST_DIR)/$(DIST_NAME).tar.gz; B=$$T/frontline/frontline; \
	S=$$(find $$T/frontline -name pokrovsk_myrnohrad_2025.gpkg | head -1); \
	env -i LANG=C.UTF-8 HOME=$$T QT_QPA_PLATFORM=offscreen $$B --version; \
	env -i LANG=C.UTF-8 HOME=$$T QT_QPA_PLATFORM=offscreen $$B render $$S --at 2025-11-01 -o map.png --size 800x500; \
	env -i LANG=C.UTF-8 HOME=$$T QT_QPA_PLATFORM=offscreen $$B --screenshot window.png --size 1200x800; \
	test -s map.png && test -s window.png && echo "dist-check: the bundle ran render and --screenshot in $$T"

# The Ukrainian interface: pyside6-lupdate gathers every tr() text of desktop/ui into the .ts
# (translations already made are kept), pyside6-lrelease builds the .qm the app loads. Both files
# are committed, so `make test` and `make run` never need these tools; run this after changing
# or adding interface strings, translate the new entries in the .ts, and run it again.
TS := resources/translations/frontline_uk.ts
translations: $(STAMP)
	$(VENV)/bin/python -m desktop.ui.message_catalog  # the core's Message templates, for lupdate
	$(VENV)/bin/pyside6-lupdate $$(find desktop/ui -name '*.py' | sort) -ts $(TS) -no-obsolete \
	  -locations none -target-language uk_UA
	$(VENV)/bin/pyside6-lrelease $(TS) -qm $(TS:.ts=.qm)

clean:
	rm -rf $(VENV)
