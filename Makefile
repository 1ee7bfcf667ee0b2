# The two set-up commands: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test unit lint fuzz install lock upgrade neo4j-start neo4j-stop seed serve sources-status clean

# Every package comes from the lock file, at its pinned version and hash, with the pip that the
# Python ships (no upgrade: the same pip on every machine); then geoalign itself, editable, built
# by the locked hatchling. `make lock` writes the lock files again from pyproject.toml.
LOCK_DEV := requirements/dev.txt
LOCK_RUNTIME := requirements/runtime.txt
UV_COMPILE := $(BIN)/uv pip compile pyproject.toml --universal --python-version 3.11 --generate-hashes --quiet

$(STAMP): pyproject.toml $(LOCK_DEV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r $(LOCK_DEV)
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

# The lock files after a change of pyproject.toml, keeping every pin that still fits (the runtime
# lock takes dev's versions); `make upgrade` moves every pin to the newest version allowed.
lock: $(STAMP)
	$(UV_COMPILE) $(UV_FLAGS) --extra dev -o $(LOCK_DEV)
	$(UV_COMPILE) $(UV_FLAGS) -c $(LOCK_DEV) -o $(LOCK_RUNTIME)

upgrade:
	$(MAKE) lock UV_FLAGS=--upgrade

# Start the local Neo4j, apply the schema, load the seed data, serve the API until Ctrl-C.
run: $(STAMP)
	$(BIN)/geoalign neo4j start
	$(BIN)/geoalign seed
	$(BIN)/geoalign serve

# Lint and type-check, then the whole suite on the tests' own Neo4j (own ports and data folder).
test: $(STAMP) lint
	$(BIN)/pytest

# The tests that need no Neo4j (tests/conftest.py marks the others `neo4j`), without lint.
unit: $(STAMP)
	$(BIN)/pytest -m "not neo4j"

# The OpenAPI contract test for ten minutes instead of the suite's bounded run; prints its figures.
fuzz: $(STAMP)
	FUZZ_SECONDS=600 $(BIN)/pytest -s tests/test_openapi_contract.py

lint: $(STAMP)
	$(BIN)/ruff check graph api cli tests benchmarks
	$(BIN)/ruff format --check graph api cli tests benchmarks
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
