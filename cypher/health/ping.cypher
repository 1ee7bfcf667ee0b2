// Whether Neo4j answers a query at all: what the /health answer reports (Database.ping).
RETURN 1 AS ok
