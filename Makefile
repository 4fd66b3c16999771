# Wegwijs: `make run` starts the assistant, `make test` proves it. Both set up what they need.
PY310 := $(shell scripts/python310.sh)
VENV := .venv/bin
RASA := .venv-rasa/bin/rasa
MODEL = $(shell scripts/model.sh)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test setup system-packages db venvs train validate i18n-extract i18n-update i18n-compile test-unit test-bot test-stories test-e2e test-integration bench bench-nlu bench-callback bench-channels bench-questions bench-load clean

run: setup
	scripts/run.sh

setup: venvs i18n-compile db train

venvs: .venv/.installed .venv-rasa/.installed

.venv/.installed: requirements/app.txt requirements/test.txt
	python3 -m venv .venv
	$(VENV)/pip install -q --upgrade pip
	$(VENV)/pip install -q -r requirements/test.txt
	touch $@

.venv-rasa/.installed: requirements/rasa.txt
	$(PY310) -m venv .venv-rasa
	.venv-rasa/bin/pip install -q --upgrade "pip<24.1"
	.venv-rasa/bin/pip install -q -r requirements/rasa.txt
	touch $@

db: .venv/.installed
	PYTHONPATH=. $(VENV)/python -m api.cli setup

train: .venv-rasa/.installed
	scripts/train.sh

validate: .venv-rasa/.installed
	$(RASA) data validate --config bot/config.yml --domain bot/domain --data bot/data data/nlu --fail-on-warnings
	python3 scripts/check_overlap.py

i18n-extract: .venv/.installed
	PYTHONPATH=. $(VENV)/pybabel extract -F locales/babel.cfg -o locales/messages.pot --no-location --add-comments=TRANSLATORS --keyword=N_ --omit-header .

i18n-update: i18n-extract
	$(VENV)/pybabel update -i locales/messages.pot -d locales -D messages --no-fuzzy-matching --ignore-obsolete
	$(VENV)/python scripts/fill_source_catalog.py

i18n-compile: .venv/.installed
	$(VENV)/pybabel compile -d locales -D messages --use-fuzzy=false 2>/dev/null || $(VENV)/pybabel compile -d locales -D messages

test: setup system-packages validate test-unit test-bot test-stories test-e2e test-integration

# The browser tests drive Debian's chromium; the integration tests run Debian's PostgreSQL and Redis servers (started
# by the tests on loopback, with throw-away data). Install what is missing.
system-packages:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null || missing="$$missing postgresql"; \
	command -v redis-server >/dev/null || missing="$$missing redis-server"; \
	[ -z "$$missing" ] || { $(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q $$missing; }

test-unit:
	PYTHONPATH=. $(VENV)/pytest -q tests/api tests/actions tests/locales tests/security

# Our pieces of the rasa process (tracker store, action calls) run in its own venv.
test-bot:
	PYTHONPATH=. .venv-rasa/bin/python -m pytest -q -p no:cacheprovider --confcutdir=tests/bot tests/bot

test-stories:
	$(RASA) test core --model $(MODEL) --stories tests/conversations --fail-on-prediction-errors --out var/results/stories

test-e2e:
	PYTHONPATH=. $(VENV)/pytest -q tests/e2e

# The production topology without Docker: PostgreSQL, Redis, two rasa replicas; faults included.
test-integration:
	PYTHONPATH=. $(VENV)/pytest -q tests/integration

bench-nlu: setup
	PYTHONPATH=. $(VENV)/python benchmarks/nlu.py

bench: setup
	PYTHONPATH=. $(VENV)/python benchmarks/latency.py

bench-callback: setup
	PYTHONPATH=. $(VENV)/python benchmarks/callback.py

bench-channels: setup
	PYTHONPATH=. $(VENV)/python benchmarks/channels.py

bench-questions: setup
	PYTHONPATH=. $(VENV)/python benchmarks/questions.py

bench-load: setup system-packages
	PYTHONPATH=. $(VENV)/python benchmarks/load.py

clean:
	rm -rf var
