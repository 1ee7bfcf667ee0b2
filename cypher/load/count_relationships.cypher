// How many relationships of one type the graph holds (answered from Neo4j's count store).
// `__TYPE__` is replaced by a relationship type from graph/model.yaml only.
MATCH ()-[r:__TYPE__]->()
RETURN count(r) AS count
