// name: withdrawals
// title: Withdrawals from an organisation, with their status on a date
// description: One row per withdrawal announced by as_of, with the stages that had happened by
// description: then. Status, from those dates: revoked, in effect, notified or announced. A stage
// description: after as_of is not shown as past: an effect date that follows from a notification
// description: given by then is in expected_effective_on. Denied withdrawals are left out; where
// description: sources give other dates, they are listed in alternatives (field, value, claim
// description: status, sources), without those after as_of.
// param: org: entity = icc | Id of the organisation
// param: as_of: date = today | The day statuses are computed for (YYYY-MM-DD)
// columns: state_id, state, announced_on, notified_on, effective_on, revoked_on, expected_effective_on, status, claim_status, alternatives, sources
// key: state_id, announced_on
// coverage: org
// graph: state_id -WITHDRAWS_FROM-> org
MATCH (s:Entity)-[w:WITHDRAWS_FROM]->(:Entity {id: $org})
WHERE w.announced_on <= $as_of AND coalesce(w.claim_status, 'confirmed') <> 'denied'
WITH s, w,
     CASE WHEN w.notified_on <= $as_of THEN w.notified_on END AS notified_on,
     CASE WHEN w.effective_on <= $as_of THEN w.effective_on END AS effective_on,
     CASE WHEN w.revoked_on <= $as_of THEN w.revoked_on END AS revoked_on
RETURN s.id AS state_id, s.name AS state, w.announced_on AS announced_on,
       notified_on, effective_on, revoked_on,
       CASE WHEN notified_on IS NOT NULL AND effective_on IS NULL AND revoked_on IS NULL
            THEN w.effective_on END AS expected_effective_on,
       CASE
         WHEN revoked_on IS NOT NULL THEN 'revoked'
         WHEN effective_on IS NOT NULL THEN 'in effect'
         WHEN notified_on IS NOT NULL THEN 'notified'
         ELSE 'announced'
       END AS status,
       coalesce(w.claim_status, 'confirmed') AS claim_status,
       [i IN range(0, size(coalesce(w.alt_field, [])) - 1)
          WHERE w.alt_value[i] <= toString($as_of)
             OR NOT (w.alt_field[i] IN ['since', 'until'] OR w.alt_field[i] ENDS WITH '_on')
          | {field: w.alt_field[i], value: w.alt_value[i], claim_status: w.alt_claim_status[i],
             sources: split(w.alt_sources[i], ' ')}] AS alternatives,
       w.source_ids AS sources
ORDER BY announced_on, state_id
