# Two entry points: `make run` (demo site on SQLite) and `make test` (the whole suite).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1
# The suite runs in this many processes (pytest-xdist), one per core by default.
TEST_WORKERS ?= auto

.PHONY: run test install install-dev lint format messages clean backup restore fault-check fresh-site bench soak import-eval

$(VENV)/.python-ok:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is required (set PYTHON=...).")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	@touch $@

$(VENV)/.installed: $(VENV)/.python-ok requirements.txt
	$(BIN)/pip install --quiet -r requirements.txt
	@touch $@

# Third-party clients the tests read outputs with (ical.js on Node.js, the Nu HTML Checker on
# Java), from tests/js/package-lock.json.
$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt tests/js/package-lock.json
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@if command -v npm >/dev/null; then npm ci --prefix tests/js --no-audit --no-fund --silent; \
	else echo "The ical.js and HTML checker tests will be skipped: npm not found. Install it with: apt-get install -y nodejs npm"; fi
	@touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: export WAGTAILADMIN_BASE_URL ?= http://$(HOST):$(PORT)
run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo_content
	$(BIN)/python manage.py update_index --chunk_size 500 > /dev/null
	$(BIN)/python manage.py ensure_admin
	$(BIN)/python manage.py meetings_sync
	@echo "Site: http://$(HOST):$(PORT)/  English: http://$(HOST):$(PORT)/en/  Ukrainian: http://$(HOST):$(PORT)/uk/  Admin: http://$(HOST):$(PORT)/admin/"
	@# A task worker beside the server (the change feed's sync, the search index), stopped with it.
	$(BIN)/python manage.py db_worker --interval 1 & WORKER=$$!; \
	trap 'kill $$WORKER' EXIT INT TERM; $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install-dev
	@test -x /usr/bin/chromium || command -v chromium >/dev/null || echo "Browser tests will be skipped: Chromium not found. Install it with: apt-get install -y chromium"
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	DJANGO_SETTINGS_MODULE=cms.settings.test $(BIN)/python manage.py check
	DJANGO_SETTINGS_MODULE=cms.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest -n $(TEST_WORKERS)
	$(BIN)/pytest tests/fourth_language --ds=cms.settings.test_fourth_language

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Refresh the translation catalogues after changing UI strings (needs GNU gettext).
messages: install-dev
	$(BIN)/python scripts/admin_catalogue.py
	$(BIN)/ruff format meetings/admin_catalogue.py
	cd meetings && ../$(BIN)/python ../manage.py makemessages -l pl -l en -l uk --no-obsolete
	cd home && ../$(BIN)/python ../manage.py makemessages -l pl -l en -l uk --no-obsolete
	$(BIN)/python manage.py makemessages -l pl -l en -l uk --no-obsolete --ignore=.venv --ignore=meetings --ignore=home --ignore=tests
	$(BIN)/python manage.py compilemessages --ignore=.venv

# An archive of the database and the media files under backups/ (its path is printed).
backup: install
	@$(BIN)/python manage.py backup_site

# Put an archive made by `make backup` back: make restore FILE=backups/spotkania-….tar.gz
restore: install
	@test -n "$(FILE)" || (echo "Usage: make restore FILE=backups/spotkania-YYYYmmdd-HHMMSS.tar.gz" && exit 2)
	$(BIN)/python manage.py restore_site "$(FILE)"

# Restart PostgreSQL under traffic and check that the site recovers (needs root or the
# cluster's owner, and the local PostgreSQL cluster).
fault-check: install
	$(BIN)/python scripts/pg_restart_check.py

# The plugin's wheel in a new `wagtail start` site, integrated by docs/plugin.md's steps and
# checked over HTTP, for every supported pair of Django and Wagtail versions (oldest, newest).
FRESH_SITE_PAIRS ?= 5.2:8.0 5.2.19:8.0.1
fresh-site: install-dev
	@status=0; for pair in $(FRESH_SITE_PAIRS); do \
	  $(BIN)/python scripts/fresh_site_check.py --django $${pair%%:*} --wagtail $${pair##*:} || status=1; \
	done; exit $$status

# How the import reads the corpus's development and held-out texts: precision and recall per
# field, and each text not read exactly (scripts/import_eval.py).
import-eval: install
	$(BIN)/python scripts/import_eval.py

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles .pytest_cache .ruff_cache

# Load tests on PostgreSQL under gunicorn (docs/benchmarks.md). BENCH_DATABASE_URL names the
# databases (one per data size, suffixed _<meetings>); BENCH_QUICK=1 for a short smoke run.
bench: install
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(BIN)/python bench/run.py

# Mixed traffic while announcements are published, edited and unpublished (SOAK_SECONDS, 300).
soak: install
	$(BIN)/python bench/soak.py
