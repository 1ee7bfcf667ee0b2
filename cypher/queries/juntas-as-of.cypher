// name: juntas-as-of
// title: Military governments in power on a date
// description: One row per government of kind military-junta that ruled on the date: the state
// description: it ruled, its leaders then, and the coup that brought it to power. Denied facts
// description: are left out.
// param: date: date = today | The day to read (YYYY-MM-DD)
// columns: government_id, government, state_id, ruling_since, leaders, coup_id, sources
// key: government_id
// graph: government_id -RULES-> state_id
MATCH (g:Government {kind: 'military-junta'})-[r:RULES]->(s:State)
WHERE r.since <= $date AND (r.until IS NULL OR r.until > $date)
  AND coalesce(r.claim_status, 'confirmed') <> 'denied'
OPTIONAL MATCH (p:Person)-[l:LEADS]->(g)
  WHERE l.since <= $date AND (l.until IS NULL OR l.until > $date)
    AND coalesce(l.claim_status, 'confirmed') <> 'denied'
OPTIONAL MATCH (g)-[c2p:CAME_TO_POWER_IN]->(c:Event)
  WHERE coalesce(c2p.claim_status, 'confirmed') <> 'denied'
RETURN g.id AS government_id, g.name AS government, s.id AS state_id, r.since AS ruling_since,
       collect(DISTINCT p.name) AS leaders, head(collect(DISTINCT c.id)) AS coup_id,
       r.source_ids AS sources
ORDER BY state_id
