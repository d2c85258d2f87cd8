# Two commands for a newcomer: `make book` (set-up included) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Debian's Chromium for the browser tests (Playwright drives it; no browser is downloaded). Needs root or sudo.
APT_GET := $(shell [ "$$(id -u)" = 0 ] && echo apt-get || echo sudo apt-get)

.PHONY: book test setup clean borders

$(BIN)/jupyter-book: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

/usr/bin/chromium:
	$(APT_GET) update -qq
	$(APT_GET) install -y -qq chromium

setup: $(BIN)/jupyter-book

book: setup
	$(BIN)/jupyter-book build -W --keep-going .

test: setup node_modules/axe-core/axe.min.js /usr/bin/chromium
	$(BIN)/python -m pytest

# Re-derive the maps' borders (data/borders.geojson, committed) from Debian's gmt-dcw; the build never runs this.
borders: setup
	[ -f /usr/share/gmt-dcw/dcw-gmt.nc ] || { $(APT_GET) update -qq && $(APT_GET) install -y -qq gmt-dcw; }
	$(BIN)/pip install --quiet -r scripts/requirements-borders.txt
	$(BIN)/python scripts/derive_borders.py

clean:
	rm -rf _build data/interim data/processed book/articles book/generated book/checks book/ports book/claims book/verdicts book/_generated_static artifacts
