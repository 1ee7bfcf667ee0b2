"""geoalign core: settings, Neo4j access, the local server manager, the loader and the catalog.

Nothing in this package imports FastAPI; the API, the CLI, the tests and the notebooks all
build on it.
"""
