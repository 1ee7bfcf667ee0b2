// name: members-as-of
// title: Members of an organisation on a date
// description: One row per member whose membership had begun on or before the date and had not
// description: yet ended. Where a withdrawal notified by then was due to end it later,
// description: expected_until gives that day. Denied memberships are left out; other dates that
// description: sources give for the membership are in alternatives.
// param: org: entity = ecowas | Id of the organisation
// param: date: date = today | The day membership is read for (YYYY-MM-DD)
// columns: member_id, member, since, expected_until, claim_status, alternatives, sources
// key: member_id
// coverage: org
// graph: member_id -MEMBER_OF-> org
MATCH (m:Entity)-[r:MEMBER_OF]->(o:Entity {id: $org})
WHERE r.since <= $date AND (r.until IS NULL OR r.until > $date)
  AND coalesce(r.claim_status, 'confirmed') <> 'denied'
OPTIONAL MATCH (m)-[w:WITHDRAWS_FROM]->(o)
  WHERE w.notified_on <= $date AND w.effective_on > $date
    AND NOT coalesce(w.revoked_on <= $date, false)
    AND coalesce(w.claim_status, 'confirmed') <> 'denied'
WITH m, r, min(w.effective_on) AS expected_until
RETURN m.id AS member_id, m.name AS member, r.since AS since, expected_until,
       coalesce(r.claim_status, 'confirmed') AS claim_status,
       [i IN range(0, size(coalesce(r.alt_field, [])) - 1)
          WHERE r.alt_value[i] <= toString($date)
             OR NOT (r.alt_field[i] IN ['since', 'until'] OR r.alt_field[i] ENDS WITH '_on')
          | {field: r.alt_field[i], value: r.alt_value[i], claim_status: r.alt_claim_status[i],
             sources: split(r.alt_sources[i], ' ')}] AS alternatives,
       r.source_ids AS sources
ORDER BY member
