// name: sources
// title: All sources
// description: Every source the graph cites, newest first, with how many facts cite it (for the
// description: fact itself or for another value of one of its fields).
// columns: id, title, publisher, published, url, kind, facts
// key: id
MATCH (s:Source)
CALL (s) {
  OPTIONAL MATCH (:Entity)-[r]->(:Entity)
  WHERE s.id IN r.source_ids OR any(ids IN coalesce(r.alt_sources, []) WHERE s.id IN split(ids, ' '))
  RETURN count(r) AS relationship_facts
}
CALL (s) {
  OPTIONAL MATCH (n:Entity)
  WHERE s.id IN n.source_ids OR any(ids IN coalesce(n.alt_sources, []) WHERE s.id IN split(ids, ' '))
  RETURN count(n) AS node_facts
}
RETURN s.id AS id, s.title AS title, s.publisher AS publisher, s.published AS published,
       s.url AS url, s.kind AS kind, relationship_facts + node_facts AS facts
ORDER BY published DESC, id
