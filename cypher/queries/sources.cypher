// name: sources
// title: All sources
// description: Every source the graph cites, newest first, with how many facts cite it (for the
// description: fact itself or for another value of one of its fields).
// columns: id, title, publisher, published, url, kind, facts
// key: id
// Citations are counted by the fact index (cypher/load/index_facts.cypher): a fact cites a
// source once, whether for itself or for an alternative value.
MATCH (s:Source)
OPTIONAL MATCH (c:FactIndex {key: 'source:' + s.id})
RETURN s.id AS id, s.title AS title, s.publisher AS publisher, s.published AS published,
       s.url AS url, s.kind AS kind, coalesce(c.facts, 0) AS facts
ORDER BY published DESC, id
