# Route 2020 — `make help` lists the targets.
PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help run test install install-test demo lint format messages vendor bench bench-practices bench-newsletter clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/activate
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $(VENV)/.installed $@

install: $(VENV)/.installed ## create the virtualenv and install the platform

install-test: $(VENV)/.installed-test ## install what the tests need, Chromium included
	@bin/ensure-chromium

run: install ## migrate, load the demo content, print the logins, serve on http://127.0.0.1:8000/
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo
	HOST=$(HOST) PORT=$(PORT) VENV=$(VENV) bin/serve

demo: install ## (re)load the demo content without serving
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo

test: install-test ## lint, check migrations, run the suite on SQLite and, with DATABASE_URL, on PostgreSQL
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	DATABASE_URL= $(MANAGE) makemigrations --check --dry-run --settings=route2020.settings.test
	DATABASE_URL= $(BIN)/pytest -q
	@if [ -n "$$DATABASE_URL" ]; then echo "== PostgreSQL: $$DATABASE_URL"; $(BIN)/pytest -q; fi

lint: install-test ## ruff check and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-test ## format the code
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install ## update and compile the English catalogue (needs gettext)
	$(MANAGE) makemessages -l en --no-obsolete --ignore '.venv/*' --ignore 'var/*' --ignore 'bench/*' --ignore 'tests/*' --ignore '*/tests/*'
	$(MANAGE) compilemessages -l en --ignore '.venv/*'

vendor: ## refresh the built front-end files under route2020/static/vendor (needs npm)
	bin/vendor

bench: install-test ## run the page benchmark (SCALE=1000)
	$(PY) bench/pages.py --scale $${SCALE:-1000}

bench-practices: install-test ## practice listing and detail at 1,000 and 100,000 practices
	$(PY) bench/practices.py

bench-newsletter: install-test ## send one Reisflits to 10,000 subscribers
	$(PY) bench/newsletter.py

clean: ## remove the virtualenv and local data
	rm -rf $(VENV) var/
