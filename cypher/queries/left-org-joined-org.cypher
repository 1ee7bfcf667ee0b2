// name: left-org-joined-org
// title: States that left one organisation and joined another
// description: States that announced leaving `left` by as_of and were members of `joined` on
// description: as_of: for example the Sahel juntas leaving ECOWAS for the Alliance of Sahel States.
// param: left: string = ecowas | Id of the organisation left
// param: joined: string = alliance-of-sahel-states | Id of the organisation joined
// param: as_of: date = today | The day to read (YYYY-MM-DD)
// columns: state_id, state, left_announced_on, left_effective_on, joined_since, sources
// graph: state_id -MEMBER_OF-> joined
MATCH (s:State)-[w:WITHDRAWS_FROM]->(:Entity {id: $left})
WHERE w.announced_on <= $as_of AND (w.revoked_on IS NULL OR w.revoked_on > $as_of)
  AND w.claim_status <> 'denied'
MATCH (s)-[m:MEMBER_OF]->(:Entity {id: $joined})
WHERE m.since <= $as_of AND (m.until IS NULL OR m.until > $as_of)
RETURN s.id AS state_id, s.name AS state, w.announced_on AS left_announced_on,
       w.effective_on AS left_effective_on, m.since AS joined_since,
       w.source_ids + [i IN m.source_ids WHERE NOT i IN w.source_ids] AS sources
ORDER BY state_id
