// How many nodes and relationships an export should hold: its files are checked against these.
CALL () { MATCH (n) WHERE n:Entity OR n:Source OR n:Dispute RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN nodes, relationships
