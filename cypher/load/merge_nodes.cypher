// access: write (run by the loader; every other file under cypher/ only reads)
// Upsert nodes of one label. `__LABEL__` is replaced by a label from graph/model.yaml, and
// `__OTHER_LABELS__` by all the model's other labels, so a node whose label changed in the files
// loses the old one.
// ON CREATE / ON MATCH for the same reason as in merge_relationships.cypher.
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
  ON CREATE SET n = row.props, n.load_run = $run
  ON MATCH SET n = row.props, n.load_run = $run
REMOVE n:__OTHER_LABELS__
SET n:__LABEL__
