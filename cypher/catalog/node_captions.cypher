// Name and labels of the nodes an answer draws as a graph (`format=graph`).
MATCH (n:Entity) WHERE n.id IN $ids
RETURN n.id AS id, n.name AS name, [l IN labels(n) WHERE l <> 'Entity'] AS labels
