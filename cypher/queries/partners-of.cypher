// name: partners-of
// title: Partners of an actor on a date
// description: Security, military, economic and aid ties of an actor, in either direction, that
// description: held on as_of (begun by then, not yet ended). Alleged and disputed ties are
// description: included with their claim status; denied ones are left out.
// param: actor: string = russia | Id of the actor
// param: as_of: date = today | The day the ties are read for (YYYY-MM-DD)
// columns: partner_id, partner, relation, since, until, detail, claim_status, sources
MATCH (a:Entity {id: $actor})-[r:PARTNERS_WITH|COOPERATES_WITH|SUPPLIED_ARMS_TO|DELIVERED_AID_TO|DEPLOYED_TO|BACKED_BY|MEMBER_OF]-(other:Entity)
WHERE coalesce(r.since, r.announced_on) <= $as_of
  AND (r.until IS NULL OR r.until > $as_of)
  AND r.claim_status <> 'denied'
RETURN other.id AS partner_id, other.name AS partner, type(r) AS relation,
       r.since AS since, r.until AS until, r.detail AS detail,
       r.claim_status AS claim_status, r.source_ids AS sources
ORDER BY since, partner_id
