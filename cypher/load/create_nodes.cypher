// access: write (run by the loader; every other file under cypher/ only reads)
// Create nodes of one label in a graph that holds no entity yet (a first load, or after
// --reset): nothing can be merged with, and validation has already refused two records with
// the same id, so CREATE is enough and skips MERGE's look-up and the label clean-up of
// merge_nodes.cypher. `__LABEL__` is replaced by a label from graph/model.yaml only.
UNWIND $rows AS row
CREATE (n:Entity:__LABEL__)
SET n = row.props, n.load_run = $run
