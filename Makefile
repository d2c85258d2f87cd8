# Two commands for a newcomer: `make book` (set-up included) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: book test setup clean

$(BIN)/jupyter-book: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

setup: $(BIN)/jupyter-book

book: setup
	$(BIN)/jupyter-book build -W --keep-going .

test: setup
	$(BIN)/python -m pytest

clean:
	rm -rf _build data/interim data/processed book/articles book/generated
