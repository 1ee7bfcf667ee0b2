// name: source
// title: One source and every fact that cites it
// description: The source's properties and the relationships and nodes that cite it, for the
// description: fact itself (cited_for 'fact') or for another value of one of its fields (cited_for
// description: the field's name), each with the claim status of what the source supports.
// param: id: string | Id of the source
// example: id=euronews-2025-09-sahel-icc
// columns: source, facts
// key: source
// The facts come from the fact index (cypher/load/index_facts.cypher), looked up by element id:
// the cost follows the source's own facts, not the size of the graph.
MATCH (s:Source {id: $id})
OPTIONAL MATCH (c:FactIndex {key: 'source:' + s.id})
CALL (c) {
  UNWIND coalesce(c.relationships, []) AS cited
  MATCH (a:Entity)-[r]->(b:Entity) WHERE elementId(r) = cited
  RETURN collect({subject_id: a.id, relation: type(r), object_id: b.id, key: r.key, fact: r}) AS by_relationships
}
CALL (c) {
  UNWIND coalesce(c.entities, []) AS cited
  MATCH (n:Entity {id: cited})
  RETURN collect({subject_id: n.id, relation: 'IS', object_id: null, key: null, fact: n}) AS by_nodes
}
WITH s, [f IN by_relationships + by_nodes WHERE f.subject_id IS NOT NULL] AS citing
RETURN properties(s) AS source,
       reduce(acc = [], f IN citing | acc + [
         c IN [['fact', f.fact.claim_status, f.fact.source_ids, f.fact.quote]]
              + [i IN range(0, size(coalesce(f.fact.alt_field, [])) - 1)
                 | [f.fact.alt_field[i], f.fact.alt_claim_status[i], split(f.fact.alt_sources[i], ' '),
                    nullIf(f.fact.alt_quote[i], '')]]
         WHERE s.id IN c[2]
         | {subject_id: f.subject_id, relation: f.relation, object_id: f.object_id, key: f.key,
            cited_for: c[0], claim_status: coalesce(c[1], 'confirmed'), quote: c[3]}
       ]) AS facts
