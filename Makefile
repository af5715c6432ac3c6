# Aula: `make demo` runs the site with demo data; `make test` runs every test.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
DEV_SETTINGS := lms_site.settings.dev

.PHONY: css icons vendor-charts demo test test-unit test-e2e check-production install install-dev migrate seed serve worker lint messages bench bench-full bench-compare bench-wrk bench-certificates bench-assessments bench-search clean

$(PY):
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

migrate: install
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(PY) manage.py migrate --noinput

seed: migrate
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(PY) manage.py seed_demo

# The site and, beside it, the background worker (search inside videos, certificates,
# receipts and e-mails need it); stopping the server (Ctrl-C) stops the worker too.
serve:
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(PY) manage.py qcluster & worker=$$!; \
	trap 'kill -TERM -- -$$worker 2>/dev/null || kill $$worker 2>/dev/null' EXIT INT TERM; \
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(PY) manage.py runserver 127.0.0.1:8000

demo: seed serve

worker: install
	$(PY) manage.py qcluster

# Browser tests run in their own pytest process: their live server needs the database
# restored between tests (serialized rollback), which unit tests sharing the process upset.
# One at a time by default: on a 2-core machine two at a time (E2E_PROCESSES=2, each with its
# own test database, Redis database and Chromium) finished in about the same time and let a
# video's real-time playback and the editor's checks run late.
test: test-unit test-e2e

E2E_PROCESSES ?= 0
test-e2e: install-dev
	$(PY) -m pytest -n $(E2E_PROCESSES) --durations=10 e2e $(PYTEST_ARGS)

# The production set-up of deploy/ run for real on loopback: nginx with deploy/nginx/aula.conf,
# two gunicorn app servers, the worker, PostgreSQL (CHECK_POSTGRES_URL) and a Redis of its own
# (deploy/production_check.py). Needs nginx, redis-server, openssl and psql; CI runs it.
check-production: install-dev
	$(PY) deploy/production_check.py

# The unit tests alone (CI runs them on SQLite; `make test` runs them plus the browser tests),
# in one process per core (pytest-xdist; at most 8: each takes a Redis database of its own).
TEST_PROCESSES ?= auto
test-unit: install-dev
	$(PY) -m pytest -n $(TEST_PROCESSES) --maxprocesses=8 --durations=15 $(PYTEST_ARGS)

# Bootstrap's stylesheet reduced to the rules our templates, Python and scripts use
# (PurgeCSS from npm, pinned; purgecss.config.cjs) and the SVG sprite of the icons named in
# core/icons.py. Both outputs are committed: CI and deployments need neither npm nor a build.
BOOTSTRAP_CSS = $(shell $(PY) -c 'import importlib.util as u; print(list(u.find_spec("bootstrap").submodule_search_locations)[0])')/css/bootstrap.min.css
css: install
	BOOTSTRAP_CSS=$(BOOTSTRAP_CSS) npx --yes purgecss@8.0.0 --config purgecss.config.cjs
	sed -i '1s|^@charset "UTF-8";|@charset "UTF-8";/* Aula: Bootstrap reduced by PurgeCSS to what the templates use. Built by make css: do not edit. */|' lms_site/static/css/bootstrap.min.css

# Chart.js for the admin home's and course statistics' charts, from npm (pinned), copied with
# its licence into lms_site/static/vendor/chartjs/ (committed, served by us: no CDN).
CHARTJS_VERSION = 4.6.2
vendor-charts:
	rm -rf .vendor-charts && mkdir .vendor-charts
	cd .vendor-charts && npm pack --silent chart.js@$(CHARTJS_VERSION) && tar xzf chart.js-$(CHARTJS_VERSION).tgz
	mkdir -p lms_site/static/vendor/chartjs
	cp .vendor-charts/package/dist/chart.umd.min.js .vendor-charts/package/LICENSE.md lms_site/static/vendor/chartjs/
	# No source map is shipped: its reference would fail collectstatic's manifest storage.
	sed -i '/^\/\/# sourceMappingURL=/d' lms_site/static/vendor/chartjs/chart.umd.min.js
	echo "chart.js $(CHARTJS_VERSION) from npm (make vendor-charts)" > lms_site/static/vendor/chartjs/VERSION
	rm -rf .vendor-charts

icons: install
	DJANGO_SETTINGS_MODULE=$(DEV_SETTINGS) $(PY) manage.py build_icons

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

# Update the catalogues after changing strings, translate, then compile (needs gettext).
messages: install
	$(PY) manage.py makemessages --all --ignore=.venv --ignore=staticfiles --ignore=bench --no-obsolete
	$(PY) manage.py compilemessages --ignore=.venv -v0

# Aula cached, Aula uncached (every cache off) and NOW-LMS 2.0.4, page by page: requests/s and
# workers' CPU ms per request, on the demo data and a synthetic site, production settings,
# gunicorn 2 sync workers, PostgreSQL + Redis at 127.0.0.1 (SQLite when they do not answer);
# about 15 minutes on 2 cores. BENCH_ARGS="--quick" for a smoke run, "--rounds 9" as issue 30.
# wrk drives the load (installed here when missing, as .ci/run installs its packages);
# NOW-LMS is installed into /tmp/nowlms-venv on first use.
BENCH_POSTGRES ?= postgres://postgres@127.0.0.1:5432/postgres
BENCH_REDIS ?= redis://127.0.0.1:6379/3
bench: install-dev bench-wrk
	$(PY) bench/courses_pages.py --postgres $(BENCH_POSTGRES) --redis $(BENCH_REDIS) $(BENCH_ARGS)

# The same with the large synthetic site (1,000 courses, 300 resources, 10,000 students,
# 100,000 completions) beside the demo data.
bench-full: install-dev bench-wrk
	$(PY) bench/courses_pages.py --full --postgres $(BENCH_POSTGRES) --redis $(BENCH_REDIS) $(BENCH_ARGS)

# `make bench` compares with NOW-LMS already; kept for old habits.
bench-compare: bench

bench-wrk:
	@command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; } \
		|| echo "wrk could not be installed: a slower Python loop will drive the load"

# PDF render time and certificates per minute through the queue (one worker).
bench-certificates: install-dev
	$(PY) bench/certificates.py

# Needs PostgreSQL and Redis on 127.0.0.1 (BENCH_DATABASE_URL, BENCH_REDIS_URL): its own
# database, dropped and created again on every run.
bench-assessments: install-dev
	$(PY) bench/assessments_load.py $(BENCH_ARGS)

# Search latency over 500 courses and 20,000 caption cues, on SQLite (and PostgreSQL with
# BENCH_ARGS="--postgres postgres://postgres@127.0.0.1:5432/postgres": a database of its own, dropped after).
bench-search: install-dev
	$(PY) bench/search.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) staticfiles .test-media
