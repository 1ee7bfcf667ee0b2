// name: force-departures
// title: Foreign forces that left or were told to leave a state
// description: One row per withdrawal of foreign forces from a state (or a place in it) and per
// description: expulsion of foreign forces by it, with their stages. Denied facts are left out;
// description: other values sources give are in alternatives.
// param: state: entity = niger | Id of the host state
// columns: actor_id, relation, place_id, announced_on, effective_on, detail, claim_status, alternatives, sources
// key: actor_id, relation, place_id, announced_on
// graph: actor_id -relation-> place_id
MATCH (host:State {id: $state})
MATCH (a:Entity)-[r:WITHDREW_FORCES_FROM]->(place:Entity)
WHERE (place = host OR (place)-[:PART_OF]->(host)) AND coalesce(r.claim_status, 'confirmed') <> 'denied'
RETURN a.id AS actor_id, type(r) AS relation, place.id AS place_id, r.announced_on AS announced_on,
       r.effective_on AS effective_on, r.detail AS detail,
       coalesce(r.claim_status, 'confirmed') AS claim_status,
       [i IN range(0, size(coalesce(r.alt_field, [])) - 1)
          | {field: r.alt_field[i], value: r.alt_value[i], claim_status: r.alt_claim_status[i],
             sources: split(r.alt_sources[i], ' ')}] AS alternatives,
       r.source_ids AS sources
UNION
MATCH (host:State {id: $state})-[r:EXPELLED_FORCES_OF]->(foreign:Entity)
WHERE coalesce(r.claim_status, 'confirmed') <> 'denied'
RETURN foreign.id AS actor_id, type(r) AS relation, host.id AS place_id, r.announced_on AS announced_on,
       r.effective_on AS effective_on, r.detail AS detail,
       coalesce(r.claim_status, 'confirmed') AS claim_status,
       [i IN range(0, size(coalesce(r.alt_field, [])) - 1)
          | {field: r.alt_field[i], value: r.alt_value[i], claim_status: r.alt_claim_status[i],
             sources: split(r.alt_sources[i], ' ')}] AS alternatives,
       r.source_ids AS sources
