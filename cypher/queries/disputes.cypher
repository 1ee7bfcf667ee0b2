// name: disputes
// title: Where sources disagree
// description: Every recorded disagreement and each version of the disputed fact, with the
// description: version's claim status and its own sources. Optionally only those touching one entity.
// param: entity: string = any | Id of an entity, or 'any' for all disputes
// columns: dispute_id, summary, subject_id, relation, object_id, claim_status, detail, sources
MATCH (d:Dispute)
CALL (d) {
  MATCH (a:Entity)-[r]->(b:Entity) WHERE r.dispute = d.id
  RETURN a.id AS subject_id, type(r) AS relation, b.id AS object_id,
         r.claim_status AS claim_status, coalesce(r.detail, r.quantity) AS detail, r.source_ids AS sources
  UNION ALL
  MATCH (n:Entity) WHERE n.dispute = d.id
  RETURN n.id AS subject_id, 'IS' AS relation, null AS object_id,
         n.claim_status AS claim_status, coalesce(n.description, n.name) AS detail, n.source_ids AS sources
}
WITH d, subject_id, relation, object_id, claim_status, detail, sources
WHERE $entity = 'any' OR $entity IN [subject_id, object_id]
RETURN d.id AS dispute_id, d.summary AS summary, subject_id, relation, object_id,
       claim_status, toString(detail) AS detail, sources
ORDER BY dispute_id, claim_status, subject_id
