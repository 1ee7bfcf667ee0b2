// name: left-org-partnered-with
// title: States that left an organisation and partnered with someone
// description: States that announced leaving the organisation by as_of (and had not revoked it by
// description: then), with each partnership with the partner that had begun by as_of: one row per
// description: partnership. partnered_until is its end, where it had ended by as_of.
// description: still_partnered=false (the default) lists partnerships begun at any time up to
// description: as_of, ended or not; still_partnered=true lists only those that still held on
// description: as_of. Denied withdrawals and partnerships are left out; alleged and disputed ones
// description: say so in claim_status, and other values sources give are in alternatives.
// param: org: entity = ecowas | Id of the organisation left
// param: partner: entity = wagner-group | Id of the partner (a state, armed group or organisation)
// param: as_of: date = today | The day the question is asked for (YYYY-MM-DD)
// param: still_partnered: boolean = false | Only partnerships that still held on as_of
// columns: state_id, state, left_on, partnered_since, partnered_until, claim_status, alternatives, sources
// key: state_id, partnered_since
// coverage: org
// graph: state_id -PARTNERS_WITH-> partner
MATCH (s:State)-[w:WITHDRAWS_FROM]->(:Entity {id: $org})
WHERE w.announced_on <= $as_of
  AND NOT coalesce(w.revoked_on <= $as_of, false)
  AND coalesce(w.claim_status, 'confirmed') <> 'denied'
WITH s, min(CASE WHEN w.effective_on <= $as_of THEN w.effective_on ELSE w.announced_on END) AS left_on,
     collect(w.source_ids) AS withdrawal_sources
MATCH (s)-[p:PARTNERS_WITH]->(:Entity {id: $partner})
WHERE p.since <= $as_of
  AND coalesce(p.claim_status, 'confirmed') <> 'denied'
  AND (NOT $still_partnered OR p.until IS NULL OR p.until > $as_of)
RETURN s.id AS state_id, s.name AS state, left_on, p.since AS partnered_since,
       CASE WHEN p.until <= $as_of THEN p.until END AS partnered_until,
       coalesce(p.claim_status, 'confirmed') AS claim_status,
       [i IN range(0, size(coalesce(p.alt_field, [])) - 1)
          WHERE p.alt_value[i] <= toString($as_of)
             OR NOT (p.alt_field[i] IN ['since', 'until'] OR p.alt_field[i] ENDS WITH '_on')
          | {field: p.alt_field[i], value: p.alt_value[i], claim_status: p.alt_claim_status[i],
             sources: split(p.alt_sources[i], ' ')}] AS alternatives,
       reduce(acc = [], ids IN withdrawal_sources + [p.source_ids]
              | acc + [x IN coalesce(ids, []) WHERE NOT x IN acc]) AS sources
ORDER BY state_id, partnered_since
