// name: wanted-visits
// title: Visits by people under an outstanding warrant to the issuer's member states
// description: People named in a warrant of the issuer who visited a state that was a member of
// description: the issuer on the day of the visit while the warrant was outstanding (Putin in
// description: Mongolia, Netanyahu in Hungary).
// param: issuer: string = icc | Id of the issuing court
// columns: person_id, person, state_id, state, visited_on, warrant_issued_on, sources
// graph: person_id -VISITED-> state_id
MATCH (:Entity {id: $issuer})-[:ISSUED]->(w:Warrant)-[:TARGETS]->(p:Person)-[v:VISITED]->(s:State)
WHERE v.since >= w.issued_on AND (w.executed_on IS NULL OR w.executed_on > v.since)
  AND (w.withdrawn_on IS NULL OR w.withdrawn_on > v.since)
MATCH (s)-[m:MEMBER_OF]->(:Entity {id: $issuer})
WHERE m.since <= v.since AND (m.until IS NULL OR m.until > v.since)
RETURN DISTINCT p.id AS person_id, p.name AS person, s.id AS state_id, s.name AS state,
       v.since AS visited_on, w.issued_on AS warrant_issued_on, v.source_ids AS sources
ORDER BY visited_on
