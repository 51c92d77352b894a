# Each target bootstraps .venv itself.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: demo test bench lint serve clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

## make demo: install, migrate, load the demo hall and serve it at http://127.0.0.1:8000
demo: export ZWFW_DEBUG = 1
demo: $(STAMP)
	$(BIN)/zwfw migrate --noinput
	$(BIN)/zwfw documents sync
	$(BIN)/zwfw demo
	$(BIN)/zwfw runserver 127.0.0.1:8000

## make serve: production — gunicorn behind the hall's proxy (set the README's "Production" environment first)
serve: $(STAMP)
	$(BIN)/zwfw migrate --noinput
	$(BIN)/zwfw documents sync
	$(BIN)/zwfw collectstatic --noinput
	$(BIN)/gunicorn -c python:zwfw.gunicorn_conf zwfw.wsgi

## make test: run the whole suite (SQLite unless DATABASE_URL is set)
test: $(STAMP)
	$(BIN)/pytest

## make bench: the benchmarks in bench/ at a scale that fits 20 minutes (PostgreSQL via DATABASE_URL)
bench: $(STAMP)
	$(BIN)/python -m bench
	$(BIN)/python -m bench.briefing --scale 0.02
	$(BIN)/python -m bench.worklist --cases 200000 --repeat 30
	$(BIN)/python -m bench.cases --cases 200 --runs 3
	$(BIN)/python -m bench.intake --cases 1000 --runs 3
	$(BIN)/python -m bench.load --seconds 20 --repeat 10

lint: $(STAMP)
	$(BIN)/python -m compileall -q src tests

clean:
	rm -rf $(VENV) var
