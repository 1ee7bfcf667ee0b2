// Upsert nodes of one label. `__LABEL__` is replaced by a label from graph/model.yaml only.
// ON CREATE / ON MATCH for the same reason as in merge_relationships.cypher.
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
  ON CREATE SET n = row.props, n:__LABEL__, n.load_run = $run
  ON MATCH SET n = row.props, n:__LABEL__, n.load_run = $run
