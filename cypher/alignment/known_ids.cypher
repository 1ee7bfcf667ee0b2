// Which of the ids given name an entity: the alignment index checks its subject, and a target
// or a bloc's members, before it reads any tie.
MATCH (n:Entity)
WHERE n.id IN $ids
RETURN n.id AS id
