// name: members-as-of
// title: Members of an organisation on a date
// description: States whose membership had begun on or before the date and had not yet ended.
// param: org: string = ecowas | Id of the organisation
// param: date: date = today | The day membership is read for (YYYY-MM-DD)
// columns: member_id, member, since, until
// graph: member_id -MEMBER_OF-> org
MATCH (m:Entity)-[r:MEMBER_OF]->(:Entity {id: $org})
WHERE r.since <= $date AND (r.until IS NULL OR r.until > $date)
  AND r.claim_status <> 'denied'
RETURN m.id AS member_id, m.name AS member, min(r.since) AS since, max(r.until) AS until
ORDER BY member
