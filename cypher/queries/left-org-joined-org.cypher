// name: left-org-joined-org
// title: States that left one organisation and joined another
// description: One row per state that announced leaving `left` by as_of (and had not revoked it)
// description: and was a member of `joined` on as_of: for example the Sahel juntas leaving ECOWAS
// description: for the Alliance of Sahel States. left_effective_on is the day the exit took
// description: effect, where that was by as_of. Denied facts are left out.
// param: left: entity = ecowas | Id of the organisation left
// param: joined: entity = alliance-of-sahel-states | Id of the organisation joined
// param: as_of: date = today | The day to read (YYYY-MM-DD)
// columns: state_id, state, left_announced_on, left_effective_on, joined_since, alternatives, sources
// key: state_id
// coverage: left, joined
// graph: state_id -MEMBER_OF-> joined
MATCH (s:State)-[w:WITHDRAWS_FROM]->(:Entity {id: $left})
WHERE w.announced_on <= $as_of
  AND NOT coalesce(w.revoked_on <= $as_of, false)
  AND coalesce(w.claim_status, 'confirmed') <> 'denied'
MATCH (s)-[m:MEMBER_OF]->(:Entity {id: $joined})
WHERE m.since <= $as_of AND (m.until IS NULL OR m.until > $as_of)
  AND coalesce(m.claim_status, 'confirmed') <> 'denied'
WITH s, m, min(w.announced_on) AS left_announced_on,
     min(CASE WHEN w.effective_on <= $as_of THEN w.effective_on END) AS left_effective_on,
     collect(w) AS exits
UNWIND exits + [m] AS fact
WITH s, m, left_announced_on, left_effective_on, fact,
     [i IN range(0, size(coalesce(fact.alt_field, [])) - 1)
        WHERE fact.alt_value[i] <= toString($as_of)
           OR NOT (fact.alt_field[i] IN ['since', 'until'] OR fact.alt_field[i] ENDS WITH '_on')
        | {field: type(fact) + '.' + fact.alt_field[i], value: fact.alt_value[i],
           claim_status: fact.alt_claim_status[i], sources: split(fact.alt_sources[i], ' ')}] AS found
WITH s, m, left_announced_on, left_effective_on, collect(found) AS parts, collect(fact.source_ids) AS cited
RETURN s.id AS state_id, s.name AS state, left_announced_on, left_effective_on,
       m.since AS joined_since,
       reduce(acc = [], found IN parts | acc + found) AS alternatives,
       reduce(acc = [], ids IN cited | acc + [x IN coalesce(ids, []) WHERE NOT x IN acc]) AS sources
ORDER BY state_id
