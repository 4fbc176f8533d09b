# The two commands of the README:
#   make run    install, migrate, load the demo partnerships, and serve on http://127.0.0.1:8000/
#   make test   install, lint, and run the whole test suite on SQLite and on PostgreSQL
VENV ?= .venv
PY := $(VENV)/bin/python
PG_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: install run test test-sqlite test-postgres lint audit

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed

# The demo's personas sign in with their password alone; a deployment requires a second
# factor of managers, administrators, analysts and auditors (ASSURE_SECOND_FACTOR).
run: install
	$(VENV)/bin/assure demo
	ASSURE_SECOND_FACTOR=optional $(VENV)/bin/assure serve $(or $(ADDRESS),127.0.0.1:8000)

lint: install
	$(VENV)/bin/ruff check assure analytics demo tests
	$(VENV)/bin/ruff format --check assure analytics demo tests
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy assure analytics demo

# Known vulnerabilities in the installed packages (needs a route to OSV; decision 0029).
audit: install
	$(PY) -m pip install --quiet pip-audit
	$(VENV)/bin/pip-audit --strict -s osv

test: install lint
	bash scripts/ensure-chromium
	$(PY) manage.py makemigrations --check --dry-run
	$(MAKE) test-sqlite
	$(MAKE) test-postgres

# Two workers (pytest-xdist): the machines these run on have two cores; each worker loads the
# demo once. worksteal keeps both busy when one draws the long browser sweeps.
test-sqlite:
	$(VENV)/bin/pytest -q -p no:cacheprovider --durations=15 -n 2 --dist worksteal

# PostgreSQL is what a council runs in production: run the suite there too when it is reachable
# (the tests that can open the database; the others would run the same: tests/conftest.py).
test-postgres:
	@if $(PY) -c "import psycopg; psycopg.connect('$(PG_URL)', connect_timeout=3).close()" 2>/dev/null; then \
		ASSURE_DATABASE_URL=$(PG_URL) $(VENV)/bin/pytest -q -p no:cacheprovider --durations=15 -n 2 --dist worksteal -m "not browser"; \
	else echo "PostgreSQL is not reachable at $(PG_URL): skipped the PostgreSQL run"; fi
