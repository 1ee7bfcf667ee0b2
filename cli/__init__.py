"""The `geoalign` command line: a thin shell over graph/, beside the API. main.py builds the
app from the command groups (server.py: the local Neo4j, seeding and serving; queries.py: canned
queries, alignment and the stale list; records.py: sources, ingest and review, export and diff)."""
