// name: stale-facts
// title: Facts most likely to be out of date, oldest checks first
// description: One row per fact (relationship, or fact node with relation 'IS') that needs a new
// description: check on as_of: a fact still open (a lasting tie with no end, other than a part
// description: in an event, which the event's own dates bound; an announced
// description: withdrawal with neither effect nor revocation, a step scheduled after as_of, an
// description: outstanding warrant, an event with no end) last checked more than max_age_days
// description: before as_of; and any fact with a date that was still to come when it was last
// description: checked and has passed by as_of (an effect date in the past with no confirmation).
// description: Denied facts are left out. A fact never checked comes first. Each lasting type
// description: sets how old its check may grow (graph/model.yaml, max_age_days with its reason),
// description: and a membership of an organisation that sets its own membership_max_age_days is
// description: held to that; max_age_days applies to the other open facts. settled_by says
// description: where a new check would look (the UN depositary, a court's records, a wire report).
// param: as_of: date = today | The day the list is drawn up for (YYYY-MM-DD)
// param: max_age_days: integer = 180 [0..36500] | How old a check of an open fact may be, where its type sets no age
// columns: subject_id, relation, object_id, key, checked_on, days_since_check, max_age_days, settled_by, reasons, claim_status, sources
// key: subject_id, relation, object_id, key
// `lasting` is set by the loader on the types graph/model.yaml marks lasting. Every date a fact
// carries is one of its properties of type DATE, except checked_on itself.
CALL () {
  MATCH (a:Entity)-[r]->(b:Entity)
  WHERE coalesce(r.claim_status, 'confirmed') <> 'denied'
    AND coalesce(r.since, r.announced_on) <= $as_of
  WITH a, r, b,
       CASE
         WHEN r.lasting AND NOT b:Event AND (r.until IS NULL OR r.until > $as_of)
           THEN 'holds with no end recorded'
         WHEN r.announced_on IS NOT NULL AND r.revoked_on IS NULL
              AND (r.effective_on IS NULL OR r.effective_on > $as_of)
           THEN 'announced; neither effect nor revocation recorded by as_of'
       END AS open,
       [k IN keys(r) WHERE k <> 'checked_on' AND r[k] IS :: DATE
                       AND r[k] > r.checked_on AND r[k] <= $as_of
          | k + ' ' + toString(r[k]) + ' has passed since the last check'] AS passed
  RETURN a.id AS subject_id, type(r) AS relation, b.id AS object_id, r.key AS key, open, passed,
         r.checked_on AS checked_on, r.claim_status AS claim_status, r.source_ids AS sources,
         coalesce(CASE WHEN type(r) = 'MEMBER_OF' THEN b.membership_max_age_days END, r.max_age_days)
           AS max_age,
         coalesce(CASE WHEN type(r) = 'MEMBER_OF' THEN b.membership_settled_by END, r.settled_by)
           AS settled_by
  UNION ALL
  MATCH (n:Entity)
  WHERE (n:Warrant OR n:Event OR n:Document OR n:Government)
    AND coalesce(n.claim_status, 'confirmed') <> 'denied'
  WITH n,
       CASE
         WHEN n:Warrant AND n.issued_on <= $as_of
              AND coalesce(n.executed_on > $as_of, true) AND coalesce(n.withdrawn_on > $as_of, true)
           THEN 'outstanding warrant'
         WHEN n.since <= $as_of AND (n.until IS NULL OR n.until > $as_of) THEN 'under way with no end recorded'
       END AS open,
       [k IN keys(n) WHERE k <> 'checked_on' AND n[k] IS :: DATE
                       AND n[k] > n.checked_on AND n[k] <= $as_of
          | k + ' ' + toString(n[k]) + ' has passed since the last check'] AS passed
  RETURN n.id AS subject_id, 'IS' AS relation, null AS object_id, null AS key, open, passed,
         n.checked_on AS checked_on, n.claim_status AS claim_status, n.source_ids AS sources,
         null AS max_age, n.settled_by AS settled_by
}
WITH *, duration.inDays(checked_on, $as_of).days AS days_since_check,
     coalesce(max_age, $max_age_days) AS max_age_days
WHERE checked_on IS NULL OR passed <> []
   OR (open IS NOT NULL AND days_since_check > max_age_days)
RETURN subject_id, relation, object_id, key, checked_on, days_since_check, max_age_days,
       coalesce(settled_by, 'a new report of the fact') AS settled_by,
       CASE WHEN checked_on IS NULL THEN ['never checked'] ELSE [] END
         + CASE WHEN open IS NOT NULL AND days_since_check > max_age_days
                THEN [open + ', last checked ' + toString(days_since_check) + ' days before as_of'] ELSE [] END
         + passed AS reasons,
       coalesce(claim_status, 'confirmed') AS claim_status, sources
ORDER BY checked_on, subject_id, relation, object_id, key
