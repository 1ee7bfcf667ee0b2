// name: source
// title: One source and every fact that cites it
// description: The source's properties and the relationships and nodes that cite it.
// param: id: string | Id of the source
// example: id=euronews-2025-09-sahel-icc
// columns: source, facts
MATCH (s:Source {id: $id})
CALL (s) {
  OPTIONAL MATCH (a:Entity)-[r]->(b:Entity) WHERE s.id IN r.source_ids
  RETURN collect({subject_id: a.id, relation: type(r), object_id: b.id, key: r.key,
                  claim_status: r.claim_status, quote: r.quote}) AS relationship_facts
}
CALL (s) {
  OPTIONAL MATCH (n:Entity) WHERE s.id IN n.source_ids
  RETURN collect({subject_id: n.id, relation: 'IS', object_id: null, key: null,
                  claim_status: n.claim_status, quote: n.quote}) AS node_facts
}
RETURN properties(s) AS source,
       [f IN relationship_facts + node_facts WHERE f.subject_id IS NOT NULL] AS facts
