// name: partners-of
// title: Partners of an actor on a date
// description: One row per security, military, economic or aid tie of the actor, in either
// description: direction, that held on as_of (begun by then, not yet ended; a delivery counts
// description: from the day it was made). Alleged and disputed ties are included with their claim
// description: status; denied ones are left out. Other values sources give are in alternatives.
// param: actor: entity = russia | Id of the actor
// param: as_of: date = today | The day the ties are read for (YYYY-MM-DD)
// columns: partner_id, partner, relation, direction, since, detail, claim_status, alternatives, sources
// key: partner_id, relation, direction, since, detail
MATCH (a:Entity {id: $actor})-[r:PARTNERS_WITH|COOPERATES_WITH|SUPPLIED_ARMS_TO|DELIVERED_AID_TO|DEPLOYED_TO|BACKED_BY|MEMBER_OF]-(other:Entity)
WHERE coalesce(r.since, r.announced_on) <= $as_of
  AND (r.until IS NULL OR r.until > $as_of)
  AND coalesce(r.claim_status, 'confirmed') <> 'denied'
RETURN other.id AS partner_id, other.name AS partner, type(r) AS relation,
       CASE WHEN startNode(r) = a THEN 'out' ELSE 'in' END AS direction,
       coalesce(r.since, r.announced_on) AS since, r.detail AS detail,
       coalesce(r.claim_status, 'confirmed') AS claim_status,
       [i IN range(0, size(coalesce(r.alt_field, [])) - 1)
          WHERE r.alt_value[i] <= toString($as_of)
             OR NOT (r.alt_field[i] IN ['since', 'until'] OR r.alt_field[i] ENDS WITH '_on')
          | {field: r.alt_field[i], value: r.alt_value[i], claim_status: r.alt_claim_status[i],
             sources: split(r.alt_sources[i], ' ')}] AS alternatives,
       r.source_ids AS sources
ORDER BY since, partner_id
