// Upsert nodes of one label. `__LABEL__` is replaced by a label from graph/model.yaml only.
UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n = row.props, n:__LABEL__, n.load_run = $run
