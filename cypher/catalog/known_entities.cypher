// Which of the given ids name an entity: the catalog checks `entity` parameters with it, so that
// a query about an unknown id answers "not found" rather than an empty table.
MATCH (n:Entity) WHERE n.id IN $ids
RETURN collect(n.id) AS found
