"""geoalign's HTTP layer: FastAPI over the `graph` core. No Cypher lives here."""
