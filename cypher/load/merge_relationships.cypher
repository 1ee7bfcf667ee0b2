// Upsert relationships of one type between existing nodes, told apart by `key`.
// `__TYPE__` is replaced by a relationship type from graph/model.yaml only.
// ON CREATE / ON MATCH rather than a plain SET after MERGE: the plain SET conflicts with the
// MERGE's read of `key`, and the planner then materialises every row (Eager), a third slower.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:__TYPE__ {key: row.props.key}]->(b)
  ON CREATE SET r = row.props, r.load_run = $run
  ON MATCH SET r = row.props, r.load_run = $run
