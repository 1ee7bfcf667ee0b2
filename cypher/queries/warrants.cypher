// name: warrants
// title: Arrest warrants of an issuer, with their status on a date
// description: One row per warrant issued by as_of and the person it names. Status on as_of:
// description: 'executed' once the person was arrested or surrendered, 'withdrawn' once the
// description: warrant was withdrawn, otherwise 'outstanding'; ended_on is the day it stopped
// description: being outstanding, if that was by as_of. Denied issuances and denied targets are
// description: left out; other dates sources give (an application taken for the issue date, a
// description: reported suspension) are in alternatives, without those after as_of.
// description: proceedings lists every dated step of the case by as_of (surrender, appearance,
// description: hearings, decisions, a trial date), oldest first, each marked reported when the
// description: warrant's last check came after it, or 'due; not checked since' when it was still
// description: to come then; stage is the latest step reported.
// param: issuer: entity = icc | Id of the issuing court
// param: as_of: date = today | The day statuses are computed for (YYYY-MM-DD)
// columns: warrant_id, person_id, person, issued_on, charges, status, ended_on, stage, proceedings, claim_status, alternatives, sources
// key: warrant_id, person_id
// graph: issuer -TARGETS-> person_id
MATCH (:Entity {id: $issuer})-[i:ISSUED]->(w:Warrant)-[t:TARGETS]->(p:Person)
WHERE w.issued_on <= $as_of
  AND coalesce(i.claim_status, 'confirmed') <> 'denied'
  AND coalesce(t.claim_status, 'confirmed') <> 'denied'
  AND coalesce(w.claim_status, 'confirmed') <> 'denied'
WITH w, p, i, t,
     CASE WHEN w.executed_on <= $as_of THEN w.executed_on END AS executed_on,
     CASE WHEN w.withdrawn_on <= $as_of THEN w.withdrawn_on END AS withdrawn_on
UNWIND [[i, 'issued_on'], [t, null], [w, null]] AS part
WITH w, p, executed_on, withdrawn_on, part[0] AS fact,
     [k IN range(0, size(coalesce(part[0].alt_field, [])) - 1)
        WHERE part[0].alt_value[k] <= toString($as_of)
           OR NOT (part[0].alt_field[k] IN ['since', 'until'] OR part[0].alt_field[k] ENDS WITH '_on')
        | {field: CASE WHEN part[0].alt_field[k] = 'since' AND part[1] IS NOT NULL THEN part[1]
                       ELSE part[0].alt_field[k] END,
           value: part[0].alt_value[k], claim_status: part[0].alt_claim_status[k],
           sources: split(part[0].alt_sources[k], ' ')}] AS found
WITH w, p, executed_on, withdrawn_on, collect(found) AS parts, collect(fact.source_ids) AS cited
// Every date the warrant carries is a step of its case, except the day it was checked.
CALL (w) {
  UNWIND [k IN keys(w) WHERE k <> 'checked_on' AND w[k] IS :: DATE AND w[k] <= $as_of] AS k
  WITH k ORDER BY w[k], k
  RETURN collect({step: replace(k, '_on', ''), on: w[k],
                  seen: CASE WHEN w[k] <= w.checked_on THEN 'reported' ELSE 'due; not checked since' END})
         AS proceedings
}
RETURN w.id AS warrant_id, p.id AS person_id, p.name AS person, w.issued_on AS issued_on,
       w.charges AS charges,
       CASE
         WHEN executed_on IS NOT NULL THEN 'executed'
         WHEN withdrawn_on IS NOT NULL THEN 'withdrawn'
         ELSE 'outstanding'
       END AS status,
       coalesce(executed_on, withdrawn_on) AS ended_on,
       [x IN proceedings WHERE x.seen = 'reported' | x.step + ' ' + toString(x.on)][-1] AS stage,
       proceedings,
       coalesce(w.claim_status, 'confirmed') AS claim_status,
       reduce(acc = [], found IN parts | acc + found) AS alternatives,
       reduce(acc = [], ids IN cited | acc + [x IN coalesce(ids, []) WHERE NOT x IN acc]) AS sources
ORDER BY issued_on, person_id
