// Every exported node with all its properties, in a stable order (label, then id), so that the
// same graph gives the same files, byte for byte.
MATCH (n)
WHERE n:Entity OR n:Source OR n:Dispute
WITH [label IN labels(n) WHERE label <> 'Entity'][0] AS label, n
RETURN label, n.id AS id, properties(n) AS properties
ORDER BY label, id
