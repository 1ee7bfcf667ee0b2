# The two set-up commands: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint fuzz install neo4j-start neo4j-stop seed serve sources-status clean

# The editable install keeps graph/ and seed_data/ where they are; setuptools' notice that a
# folder named like the package sits beside it is exactly that, so it is not printed.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	PYTHONWARNINGS="ignore:Editable installation" $(BIN)/pip install --quiet -e '.[dev]'
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

# The OpenAPI contract test for ten minutes instead of the suite's bounded run; prints its figures.
fuzz: $(STAMP)
	FUZZ_SECONDS=600 $(BIN)/pytest -s tests/test_openapi_contract.py

lint: $(STAMP)
	$(BIN)/ruff check graph api tests benchmarks
	$(BIN)/ruff format --check graph api tests benchmarks
	$(BIN)/mypy

neo4j-start: $(STAMP)
	$(BIN)/geoalign neo4j start

neo4j-stop: $(STAMP)
	$(BIN)/geoalign neo4j stop

# Load the seed data into the running Neo4j (skipped when the graph already holds this version).
seed: neo4j-start
	$(BIN)/geoalign seed

serve: $(STAMP)
	$(BIN)/geoalign serve

sources-status: $(STAMP)
	$(BIN)/geoalign sources status

clean:
	rm -rf $(VENV) .geoalign
