// Mali and everything it is tied to, drawn as a graph.
MATCH (s:State {id: 'mali'})-[r]-(other)
RETURN s, r, other
