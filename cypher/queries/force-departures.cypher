// name: force-departures
// title: Foreign forces that left or were told to leave a state
// description: Withdrawals of foreign forces from a state (or a place in it) and expulsions of
// description: foreign forces by it, with their stages.
// param: state: string = niger | Id of the host state
// columns: actor_id, relation, place_id, announced_on, effective_on, detail, claim_status, sources
// graph: actor_id -relation-> place_id
MATCH (host:State {id: $state})
MATCH (a:Entity)-[r:WITHDREW_FORCES_FROM]->(place:Entity)
WHERE place = host OR (place)-[:PART_OF]->(host)
RETURN a.id AS actor_id, type(r) AS relation, place.id AS place_id, r.announced_on AS announced_on,
       r.effective_on AS effective_on, r.detail AS detail, r.claim_status AS claim_status,
       r.source_ids AS sources
UNION
MATCH (host:State {id: $state})-[r:EXPELLED_FORCES_OF]->(foreign:Entity)
RETURN foreign.id AS actor_id, type(r) AS relation, host.id AS place_id, r.announced_on AS announced_on,
       r.effective_on AS effective_on, r.detail AS detail, r.claim_status AS claim_status,
       r.source_ids AS sources
