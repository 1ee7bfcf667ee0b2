"""Loading a validated seed set into Neo4j: the schema (schema.py), the online loader through
the running server (online.py), the bulk path through `neo4j-admin database import` (bulk.py and
its CSV files, csv_files.py), and what every load shares: its run, its phases, the fact index and
the Dataset node (run.py)."""
