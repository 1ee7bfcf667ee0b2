// Upsert relationships of one type between existing nodes, told apart by `key`.
// `__TYPE__` is replaced by a relationship type from graph/model.yaml only.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:__TYPE__ {key: row.props.key}]->(b)
SET r = row.props, r.load_run = $run
