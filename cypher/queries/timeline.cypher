// name: timeline
// title: Everything dated about one entity
// description: One row per dated stage of every fact that touches the entity (a withdrawal gives
// description: up to four rows: announced, notified, effective, revoked), oldest first. Every
// description: version is shown and labelled: version 'stated' is the fact's preferred date,
// description: 'alternative' a date other sources give for the same stage; denied facts and
// description: denied alternatives are included and say so in claim_status.
// param: entity: entity | Id of the entity
// example: entity=mali
// columns: date, subject_id, relation, object_id, fact_key, version, detail, claim_status, sources
// key: date, subject_id, relation, object_id, fact_key, version
// graph: subject_id -relation-> object_id
MATCH (e:Entity {id: $entity})-[r]-(:Entity)
WITH DISTINCT r
CALL (r) {
  UNWIND [
    ['since', r.since], ['until', r.until], ['announced', r.announced_on],
    ['notified', r.notified_on], ['effective', r.effective_on], ['revoked', r.revoked_on]
  ] AS stage
  WITH stage WHERE stage[1] IS NOT NULL
  RETURN stage[0] AS stage, stage[1] AS date, 'stated' AS version, r.detail AS detail,
         coalesce(r.claim_status, 'confirmed') AS claim_status, r.source_ids AS sources
  UNION ALL
  UNWIND range(0, size(coalesce(r.alt_field, [])) - 1) AS i
  WITH i WHERE r.alt_field[i] IN ['since', 'until', 'announced_on', 'notified_on', 'effective_on', 'revoked_on']
  RETURN replace(r.alt_field[i], '_on', '') AS stage, date(r.alt_value[i]) AS date, 'alternative' AS version,
         r.alt_detail[i] AS detail, r.alt_claim_status[i] AS claim_status,
         split(r.alt_sources[i], ' ') AS sources
}
RETURN date, startNode(r).id AS subject_id, type(r) + ' (' + stage + ')' AS relation,
       endNode(r).id AS object_id, coalesce(r.key, '') AS fact_key, version, detail, claim_status, sources
ORDER BY date, subject_id, relation, version DESC
