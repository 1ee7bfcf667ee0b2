# The two set-up commands: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint install neo4j-start neo4j-stop seed serve clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Start the local Neo4j, apply the schema, load the seed data, serve the API until Ctrl-C.
run: $(STAMP)
	$(BIN)/geoalign neo4j start
	$(BIN)/geoalign seed
	$(BIN)/geoalign serve

# Lint and type-check, then the whole suite on the tests' own Neo4j (own ports and data folder).
test: $(STAMP) lint
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check graph api tests benchmarks
	$(BIN)/ruff format --check graph api tests benchmarks
	$(BIN)/mypy

neo4j-stop: $(STAMP)
	$(BIN)/geoalign neo4j stop

clean:
	rm -rf $(VENV) .geoalign
