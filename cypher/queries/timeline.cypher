// name: timeline
// title: Everything dated about one entity
// description: One row per dated stage of every relationship that touches the entity (a
// description: withdrawal gives up to four rows: announced, notified, effective, revoked),
// description: oldest first. Denied versions of disputed facts are included and say so.
// param: entity: string | Id of the entity
// example: entity=mali
// columns: date, subject_id, relation, object_id, detail, claim_status, sources
// graph: subject_id -relation-> object_id
MATCH (e:Entity {id: $entity})-[r]-(:Entity)
WITH DISTINCT r
UNWIND [
  ['since', r.since], ['until', r.until], ['announced', r.announced_on],
  ['notified', r.notified_on], ['effective', r.effective_on], ['revoked', r.revoked_on]
] AS stage
WITH r, stage WHERE stage[1] IS NOT NULL
RETURN stage[1] AS date, startNode(r).id AS subject_id,
       type(r) + ' (' + stage[0] + ')' AS relation, endNode(r).id AS object_id,
       r.detail AS detail, r.claim_status AS claim_status, r.source_ids AS sources
ORDER BY date, subject_id, relation
