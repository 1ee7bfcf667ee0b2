// The model as Neo4j sees it: labels and the relationship types between them.
CALL db.schema.visualization()
