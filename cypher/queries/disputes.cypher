// name: disputes
// title: Where sources disagree
// description: Every recorded disagreement, one row per version. Where sources disagree about a
// description: value of one fact, the row of version 'preferred' holds the value the graph uses
// description: (by the rule in cypher/README.md) and each 'alternative' row another value, each
// description: with its claim status and its own sources. Where the dispute is whether a fact
// description: happened at all, each fact is a row of version 'fact' with its claim status.
// description: Optionally only the disputes touching one entity.
// param: entity: entity = any | Id of an entity, or 'any' for all disputes
// columns: dispute_id, summary, subject_id, relation, object_id, version, field, value, claim_status, detail, sources
// key: dispute_id, subject_id, relation, object_id, version, field, value
// The facts of all disputes come from the fact index (cypher/load/index_facts.cypher), looked
// up by element id; for one entity, they are found among that entity's own relationships.
CALL () {
  MATCH (d:Dispute) WHERE $entity = 'any'
  MATCH (x:FactIndex {key: 'dispute:' + d.id})
  UNWIND coalesce(x.relationships, []) AS indexed
  MATCH (a:Entity)-[r]->(b:Entity) WHERE elementId(r) = indexed
  RETURN a.id AS subject_id, type(r) AS relation, b.id AS object_id, r AS fact
  UNION ALL
  MATCH (e:Entity {id: $entity})-[r]-(:Entity) WHERE r.dispute IS NOT NULL
  RETURN startNode(r).id AS subject_id, type(r) AS relation, endNode(r).id AS object_id, r AS fact
  UNION ALL
  MATCH (d:Dispute) WHERE $entity = 'any'
  MATCH (x:FactIndex {key: 'dispute:' + d.id})
  UNWIND coalesce(x.entities, []) AS indexed
  MATCH (n:Entity {id: indexed})
  RETURN n.id AS subject_id, 'IS' AS relation, null AS object_id, n AS fact
  UNION ALL
  MATCH (n:Entity {id: $entity}) WHERE n.dispute IS NOT NULL
  RETURN n.id AS subject_id, 'IS' AS relation, null AS object_id, n AS fact
}
MATCH (d:Dispute {id: fact.dispute})
WITH d, subject_id, relation, object_id, fact
CALL (fact) {
  WITH fact WHERE size(coalesce(fact.alt_field, [])) = 0
  RETURN 'fact' AS version, null AS field, null AS value,
         coalesce(fact.claim_status, 'confirmed') AS claim_status,
         toString(coalesce(fact.detail, fact.description, fact.name)) AS detail, fact.source_ids AS sources
  UNION ALL
  UNWIND coalesce(fact.alt_field, []) AS disputed
  WITH DISTINCT disputed
  RETURN 'preferred' AS version, disputed AS field, toString(fact[disputed]) AS value,
         coalesce(fact.claim_status, 'confirmed') AS claim_status,
         toString(coalesce(fact.detail, fact.description, fact.name)) AS detail, fact.source_ids AS sources
  UNION ALL
  UNWIND range(0, size(coalesce(fact.alt_field, [])) - 1) AS i
  RETURN 'alternative' AS version, fact.alt_field[i] AS field, fact.alt_value[i] AS value,
         fact.alt_claim_status[i] AS claim_status, fact.alt_detail[i] AS detail,
         split(fact.alt_sources[i], ' ') AS sources
}
RETURN d.id AS dispute_id, d.summary AS summary, subject_id, relation, object_id,
       version, field, value, claim_status, detail, sources
ORDER BY dispute_id, subject_id, relation, field, version DESC, claim_status
