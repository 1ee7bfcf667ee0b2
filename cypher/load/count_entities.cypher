// How many entities the graph holds (answered from Neo4j's count store): none means a first
// load or one after --reset, whose nodes are created rather than merged.
MATCH (n:Entity)
RETURN count(n) AS count
