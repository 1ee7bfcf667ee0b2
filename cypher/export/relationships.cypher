// Every relationship with all its properties, ordered by start node (the id constraint's index
// gives that order without a sort), then type, end node and key: each type's file is sorted by
// (from, to, key), and only one node's relationships are sorted at a time, whatever the graph's size.
MATCH (a:Entity)
WHERE a.id IS NOT NULL
WITH a
ORDER BY a.id
CALL (a) {
  MATCH (a)-[r]->(b)
  RETURN type(r) AS type, b.id AS to, r
  ORDER BY type, to, r.key
}
RETURN a.id AS from, type, to, properties(r) AS properties
