// name: sources
// title: All sources, with their grades
// description: Every source the graph cites, newest first, with its Admiralty reliability grade
// description: (A-F) and how many facts cite it (for the fact itself or for another value of one
// description: of its fields).
// columns: id, title, publisher, published, url, kind, reliability, facts
// key: id
// Citations are counted by the fact index (cypher/load/index_facts.cypher): a fact cites a
// source once, whether for itself or for an alternative value.
MATCH (s:Source)
OPTIONAL MATCH (c:FactIndex {key: 'source:' + s.id})
RETURN s.id AS id, s.title AS title, s.publisher AS publisher, s.published AS published,
       s.url AS url, s.kind AS kind, s.reliability AS reliability, coalesce(c.facts, 0) AS facts
ORDER BY published DESC, id
