# Digitalisierungsforum: `make run` serves the forum, `make test` runs every check.
SHELL := /bin/bash
PORT ?= 8000
DEMO ?= 1
VENV := .venv
PY := $(VENV)/bin/python
# Django 6.1 needs Python 3.12+: take python3.13 from PATH or pyenv.
PYTHON ?= $(shell command -v python3.13 2>/dev/null || ls -d $$HOME/.pyenv/versions/3.13*/bin/python3.13 2>/dev/null | tail -1 || command -v python3)
APT_RUN := gettext libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
APT_TEST := $(APT_RUN) postgresql chromium poppler-utils

.PHONY: run test setup static system-deps system-deps-test lint test-sqlite test-postgres messages clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

system-deps:
	@missing=$$(for p in $(APT_RUN); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; fi

system-deps-test:
	@missing=$$(for p in $(APT_TEST); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; fi

messages: $(VENV)/.installed
	DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v0

setup: system-deps $(VENV)/.installed node_modules/.package-lock.json messages
	DEBUG=1 $(PY) manage.py migrate --noinput -v0
	DEBUG=1 $(PY) manage.py load_district $${FORUM_KREISSCHLUESSEL:-08336}
	DEBUG=1 $(PY) manage.py load_topics
	@# The strategy file is the Landkreis Lörrach's; another district enters its own in the product.
	@if [ "$${FORUM_KREISSCHLUESSEL:-08336}" = "08336" ]; then DEBUG=1 $(PY) manage.py load_strategy; fi
	@if [ "$(DEMO)" != "0" ]; then DEBUG=1 $(PY) manage.py load_demo; fi

run: setup
	@echo "Digitalisierungsforum: http://127.0.0.1:$(PORT)/"
	DEBUG=1 $(PY) manage.py db_worker --queue-name '*' & worker=$$!; \
	trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:$(PORT)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	DJANGO_SETTINGS_MODULE=config.test_settings $(PY) manage.py makemigrations --check --dry-run
	DEBUG=0 HTTPS=1 SECRET_KEY=$$(head -c 48 /dev/urandom | base64) ALLOWED_HOSTS=forum.example.org EMAIL_HOST=smtp.example.org \
	  $(PY) manage.py check --deploy --fail-level WARNING

test-sqlite:
	$(PY) -m pytest

test-postgres:
	bin/with-postgres $(PY) -m pytest

static: $(VENV)/.installed node_modules/.package-lock.json
	DEBUG=1 $(PY) manage.py collectstatic --noinput -v0

# Three runs side by side: everything on SQLite, and on PostgreSQL the browser tests and the rest, each on its own
# throwaway cluster (the PostgreSQL run alone took longer than the SQLite one). The two logs are printed after.
test: system-deps-test $(VENV)/.installed node_modules/.package-lock.json messages static lint
	@mkdir -p var; \
	$(MAKE) --no-print-directory test-sqlite > var/test-sqlite.log 2>&1 & sqlite=$$!; \
	PGPORT=54330 bin/with-postgres $(PY) -m pytest tests/browser > var/test-postgres-browser.log 2>&1 & browser=$$!; \
	PGPORT=54329 bin/with-postgres $(PY) -m pytest --ignore=tests/browser; postgres=$$?; \
	wait $$browser; browser_status=$$?; \
	wait $$sqlite; status=$$?; \
	echo "== PostgreSQL browser run =="; \
	if [ $$browser_status -eq 0 ]; then tail -n 3 var/test-postgres-browser.log; else cat var/test-postgres-browser.log; fi; \
	echo "== SQLite run =="; \
	if [ $$status -eq 0 ]; then tail -n 5 var/test-sqlite.log; else cat var/test-sqlite.log; fi; \
	[ $$status -eq 0 ] && [ $$postgres -eq 0 ] && [ $$browser_status -eq 0 ]

clean:
	rm -rf $(VENV) node_modules staticfiles var/forum.sqlite3*
