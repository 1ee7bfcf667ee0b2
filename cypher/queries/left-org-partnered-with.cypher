// name: left-org-partnered-with
// title: States that left an organisation and partnered with someone
// description: States that announced leaving the organisation by as_of (and did not revoke it),
// description: and whose partnership with the partner had begun by as_of. Every version of a
// description: disputed partnership is a row of its own, with its claim status.
// param: org: string = ecowas | Id of the organisation left
// param: partner: string = wagner-group | Id of the partner (a state, armed group or organisation)
// param: as_of: date = today | The day the question is asked for (YYYY-MM-DD)
// columns: state_id, state, left_on, partnered_since, claim_status, sources
// graph: state_id -PARTNERS_WITH-> partner
MATCH (s:State)-[w:WITHDRAWS_FROM]->(:Entity {id: $org})
WHERE w.announced_on <= $as_of
  AND (w.revoked_on IS NULL OR w.revoked_on > $as_of)
  AND w.claim_status <> 'denied'
MATCH (s)-[p:PARTNERS_WITH]->(:Entity {id: $partner})
WHERE p.since <= $as_of
WITH s, p,
     min(CASE WHEN w.effective_on <= $as_of THEN w.effective_on ELSE w.announced_on END) AS left_on,
     collect(w.source_ids) + [p.source_ids] AS cited
CALL (cited) {
  UNWIND cited AS ids
  UNWIND ids AS source_id
  RETURN collect(DISTINCT source_id) AS sources
}
RETURN s.id AS state_id, s.name AS state, left_on, p.since AS partnered_since,
       p.claim_status AS claim_status, sources
ORDER BY state_id, partnered_since
