// Create relationships of one type that the graph holds none of yet (a first load, or after
// --reset). Nothing can be merged with, and validation has already refused two records with the
// same (from, type, to, key), so CREATE is enough and skips MERGE's look through every existing
// relationship of the start node, a search that grows with the node's degree.
// `__TYPE__` is replaced by a relationship type from graph/model.yaml only.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
CREATE (a)-[r:__TYPE__]->(b)
SET r = row.props, r.load_run = $run
