// name: wanted-visits
// title: Visits by people under an outstanding warrant to the issuer's member states
// description: One row per visit by a person named in a warrant of the issuer to a state that was
// description: a member of the issuer on the day of the visit, while the warrant was outstanding
// description: (Putin in Mongolia, Netanyahu in Hungary). Denied facts are left out.
// param: issuer: entity = icc | Id of the issuing court
// columns: person_id, person, state_id, state, visited_on, warrant_issued_on, sources
// key: person_id, state_id, visited_on
// graph: person_id -VISITED-> state_id
MATCH (:Entity {id: $issuer})-[i:ISSUED]->(w:Warrant)-[t:TARGETS]->(p:Person)-[v:VISITED]->(s:State)
WHERE v.since >= w.issued_on AND (w.executed_on IS NULL OR w.executed_on > v.since)
  AND (w.withdrawn_on IS NULL OR w.withdrawn_on > v.since)
  AND all(fact IN [i, t, v] WHERE coalesce(fact.claim_status, 'confirmed') <> 'denied')
MATCH (s)-[m:MEMBER_OF]->(:Entity {id: $issuer})
WHERE m.since <= v.since AND (m.until IS NULL OR m.until > v.since)
  AND coalesce(m.claim_status, 'confirmed') <> 'denied'
WITH p, s, v, min(w.issued_on) AS warrant_issued_on
RETURN p.id AS person_id, p.name AS person, s.id AS state_id, s.name AS state,
       v.since AS visited_on, warrant_issued_on, v.source_ids AS sources
ORDER BY visited_on
