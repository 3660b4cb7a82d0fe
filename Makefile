# Kotipolku: `make demo` and `make test` work on a fresh machine (they create .venv and install).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/test
WORKERS ?= 2
STAMP := $(VENV)/.installed

.PHONY: demo test serve lint format install check-pg migrate bench clean

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@echo "Installing Python packages into $(VENV) …"
	@$(PY) -m pip install --quiet --upgrade pip
	@$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

install: $(STAMP)

# Local secrets shared by `make demo` and `make serve` (the demo database is encrypted with them). URL-safe
# characters only: Django's own key alphabet has $ and (, which the shell would expand on `source`.
var/local.env: | $(STAMP)
	@mkdir -p var
	@$(PY) -c "from secrets import token_urlsafe as k; from cryptography.fernet import Fernet as F; print('export SECRET_KEY=\"$${SECRET_KEY:-' + k(50) + '}\"'); print('export FIELD_ENCRYPTION_KEY=\"$${FIELD_ENCRYPTION_KEY:-' + F.generate_key().decode() + '}\"')" > $@
	@chmod 600 $@
	@echo "Created $@ with local secrets (not for production)."

migrate: $(STAMP) var/local.env
	@source var/local.env && $(PY) manage.py compile_translations && $(PY) manage.py migrate --noinput

demo: $(STAMP) var/local.env
	@source var/local.env && export DEBUG=true && \
	  $(PY) manage.py compile_translations && \
	  $(PY) manage.py migrate --noinput && \
	  $(PY) manage.py demo_setup && \
	  echo "Kotipolku demo: http://$(HOST):$(PORT)/  (accounts: see README)" && \
	  exec $(PY) manage.py runserver --noreload $(HOST):$(PORT)

serve: $(STAMP) var/local.env
	@source var/local.env && export DEBUG=false && \
	  $(PY) manage.py compile_translations && \
	  $(PY) manage.py migrate --noinput && \
	  $(PY) manage.py collectstatic --noinput --verbosity 0 && \
	  if [ -n "$${CACHE_URL:-}" ]; then PROCS="--workers $${GUNICORN_WORKERS:-$$(( 2 * $$(nproc) + 1 ))}"; else \
	    PROCS="--workers 1 --worker-class gthread --threads $${GUNICORN_THREADS:-8}"; \
	    echo "make serve: CACHE_URL is not set, so one server process (threads) keeps the rate limits exact;" \
	         "set CACHE_URL=redis://… for several workers (docs/reliability/load.md, F3)."; fi && \
	  exec $(VENV)/bin/gunicorn kotipolku.wsgi:application --bind $(HOST):$(PORT) --preload --timeout 60 \
	    $$PROCS --access-logfile - --forwarded-allow-ips="$${FORWARDED_ALLOW_IPS:-127.0.0.1}"

lint: $(STAMP)
	$(VENV)/bin/ruff check kotipolku
	$(VENV)/bin/ruff format --check kotipolku

format: $(STAMP)
	$(VENV)/bin/ruff check --fix kotipolku
	$(VENV)/bin/ruff format kotipolku

# PostgreSQL runs too when it answers on PG_TEST_URL (CI machines have one); each run uses its own
# test database name so parallel runs cannot collide.
test: $(STAMP) lint
	@DEBUG=true $(PY) manage.py compile_translations
	@echo "== Test suite on SQLite =="
	$(PY) -m pytest -n $(WORKERS)
	@if $(PY) -c "import psycopg,sys; psycopg.connect('$(PG_TEST_URL)', connect_timeout=3).close()" 2>/dev/null; then \
	  echo "== Test suite on PostgreSQL ($(PG_TEST_URL)) =="; \
	  DATABASE_URL=$(PG_TEST_URL) TEST_DATABASE_NAME=test_kotipolku_$$$$ $(PY) -m pytest -n $(WORKERS); \
	else echo "== PostgreSQL not reachable at $(PG_TEST_URL): skipped =="; fi

clean:
	rm -rf var/static .pytest_cache
