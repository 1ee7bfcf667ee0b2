// name: coups
// title: Coups, who led them and whom they ousted
// description: One row per coup in the graph (optionally in one state), with its leaders, the
// description: people it removed and the government it brought to power. Denied facts are left
// description: out; other dates sources give for the coup are in alternatives.
// param: state: entity = any | Id of a state, or 'any'
// columns: coup_id, coup, date, state_id, leaders, ousted, government_id, alternatives, sources
// key: coup_id
// graph: coup_id -TOOK_PLACE_IN-> state_id
MATCH (c:Event {kind: 'coup'})-[t:TOOK_PLACE_IN]->(s:State)
WHERE ($state = 'any' OR s.id = $state) AND coalesce(t.claim_status, 'confirmed') <> 'denied'
OPTIONAL MATCH (leader:Person)-[l:LEADS]->(c) WHERE coalesce(l.claim_status, 'confirmed') <> 'denied'
OPTIONAL MATCH (c)-[o:OUSTED]->(ousted:Person) WHERE coalesce(o.claim_status, 'confirmed') <> 'denied'
OPTIONAL MATCH (g:Government)-[:CAME_TO_POWER_IN]->(c)
WITH c, s, t, collect(DISTINCT leader.name) AS leaders, collect(DISTINCT ousted.name) AS ousted,
     head(collect(DISTINCT g.id)) AS government_id, collect(DISTINCT o) AS removals
UNWIND [t] + removals AS fact
WITH c, s, leaders, ousted, government_id,
     [i IN range(0, size(coalesce(fact.alt_field, [])) - 1)
        | {field: type(fact) + '.' + fact.alt_field[i], value: fact.alt_value[i],
           claim_status: fact.alt_claim_status[i], sources: split(fact.alt_sources[i], ' ')}] AS found
WITH c, s, leaders, ousted, government_id, collect(found) AS parts
RETURN c.id AS coup_id, c.name AS coup, c.date AS date, s.id AS state_id, leaders, ousted,
       government_id, reduce(acc = [], found IN parts | acc + found) AS alternatives,
       c.source_ids AS sources
ORDER BY date
