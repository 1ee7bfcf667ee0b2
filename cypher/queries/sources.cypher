// name: sources
// title: All sources
// description: Every source the graph cites, newest first, with how many facts cite it (for the
// description: fact itself or for another value of one of its fields).
// columns: id, title, publisher, published, url, kind, facts
// key: id
// Citations are counted in one pass over the facts (each fact once per source it cites, for
// itself or for an alternative value), not in one pass per source.
CALL () {
  MATCH (:Entity)-[r]->(:Entity)
  UNWIND r.source_ids + reduce(acc = [], ids IN coalesce(r.alt_sources, []) | acc + split(ids, ' ')) AS cited
  RETURN cited, count(DISTINCT r) AS citing
  UNION ALL
  MATCH (n:Entity) WHERE n.source_ids IS NOT NULL OR n.alt_sources IS NOT NULL
  UNWIND coalesce(n.source_ids, []) + reduce(acc = [], ids IN coalesce(n.alt_sources, []) | acc + split(ids, ' ')) AS cited
  RETURN cited, count(DISTINCT n) AS citing
}
WITH cited, sum(citing) AS citing
WITH collect([cited, citing]) AS counts
MATCH (s:Source)
WITH s, reduce(total = 0, pair IN [p IN counts WHERE p[0] = s.id] | total + pair[1]) AS facts
RETURN s.id AS id, s.title AS title, s.publisher AS publisher, s.published AS published,
       s.url AS url, s.kind AS kind, facts
ORDER BY published DESC, id
