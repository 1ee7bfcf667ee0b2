// name: coups
// title: Coups, who led them and whom they ousted
// description: Every coup in the graph (optionally in one state), with its leaders, the people it
// description: removed and the government it brought to power.
// param: state: string = any | Id of a state, or 'any'
// columns: coup_id, coup, date, state_id, leaders, ousted, government_id, sources
// graph: coup_id -TOOK_PLACE_IN-> state_id
MATCH (c:Event {kind: 'coup'})-[:TOOK_PLACE_IN]->(s:State)
WHERE $state = 'any' OR s.id = $state
OPTIONAL MATCH (leader:Person)-[:LEADS]->(c)
OPTIONAL MATCH (c)-[o:OUSTED]->(ousted:Person) WHERE o.claim_status <> 'denied'
OPTIONAL MATCH (g:Government)-[:CAME_TO_POWER_IN]->(c)
RETURN c.id AS coup_id, c.name AS coup, c.date AS date, s.id AS state_id,
       collect(DISTINCT leader.name) AS leaders, collect(DISTINCT ousted.name) AS ousted,
       head(collect(DISTINCT g.id)) AS government_id, c.source_ids AS sources
ORDER BY date
