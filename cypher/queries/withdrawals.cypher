// name: withdrawals
// title: Withdrawals from an organisation, with their status on a date
// description: Every state that had announced, notified or revoked a withdrawal by as_of. The
// description: status is computed from the stored dates: revoked, in effect, notified or announced.
// description: Where sources disagree, each version is a row with its claim status; versions the
// description: graph marks as denied are left out.
// param: org: string = icc | Id of the organisation
// param: as_of: date = today | The day statuses are computed for (YYYY-MM-DD)
// columns: state_id, state, announced_on, notified_on, effective_on, revoked_on, status, claim_status, sources
// graph: state_id -WITHDRAWS_FROM-> org
MATCH (s:Entity)-[w:WITHDRAWS_FROM]->(:Entity {id: $org})
WHERE w.announced_on <= $as_of AND w.claim_status <> 'denied'
RETURN s.id AS state_id, s.name AS state,
       w.announced_on AS announced_on, w.notified_on AS notified_on,
       w.effective_on AS effective_on, w.revoked_on AS revoked_on,
       CASE
         WHEN w.revoked_on <= $as_of THEN 'revoked'
         WHEN w.effective_on <= $as_of THEN 'in effect'
         WHEN w.notified_on <= $as_of THEN 'notified'
         ELSE 'announced'
       END AS status,
       w.claim_status AS claim_status, w.source_ids AS sources
ORDER BY announced_on, state_id
