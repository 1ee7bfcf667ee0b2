"""`geoalign seed --reset` on the local server through Neo4j's bulk importer (`neo4j-admin
database import full`): the same validated rows as the online loader, written as CSV files and
imported into an empty database while the server is stopped."""
