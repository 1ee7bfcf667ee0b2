// name: warrants
// title: Arrest warrants of an issuer, with their status on a date
// description: Warrants issued by as_of and the people they name. Status: 'executed' once the
// description: person was arrested or surrendered, 'withdrawn' once the warrant was withdrawn,
// description: otherwise 'outstanding'.
// param: issuer: string = icc | Id of the issuing court
// param: as_of: date = today | The day statuses are computed for (YYYY-MM-DD)
// columns: person_id, person, issued_on, charges, status, sources
// graph: issuer -TARGETS-> person_id
MATCH (:Entity {id: $issuer})-[i:ISSUED]->(w:Warrant)-[:TARGETS]->(p:Person)
WHERE w.issued_on <= $as_of AND i.claim_status <> 'denied'
RETURN p.id AS person_id, p.name AS person, w.issued_on AS issued_on, w.charges AS charges,
       CASE
         WHEN w.executed_on <= $as_of THEN 'executed'
         WHEN w.withdrawn_on <= $as_of THEN 'withdrawn'
         ELSE 'outstanding'
       END AS status,
       w.source_ids AS sources
ORDER BY issued_on, person_id
