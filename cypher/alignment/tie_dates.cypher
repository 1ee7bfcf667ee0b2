// The ties around some entities, for an alignment series over many days (graph/alignment/index.py):
// for each entity in $ids and each neighbour, every weighted tie that begins by $last and has
// not ended by $first, as [start, end, value before fading, one-off], its days counted from
// 1970-01-01 (end null while the tie holds). The same rule as ties.cypher, read once
// so that the series is summed day by day outside the database. Read-only.
// $others (a list of ids, or null) keeps only those neighbours.
UNWIND $ids AS id
MATCH (a:Entity {id: id})-[r]-(b)
WHERE a <> b
  AND ($others IS NULL OR b.id IN $others)
WITH a, b, r, coalesce(r.since, r.announced_on) AS start,
     CASE WHEN r.until IS NULL THEN r.revoked_on
          WHEN r.revoked_on IS NULL OR r.until < r.revoked_on THEN r.until
          ELSE r.revoked_on END AS end,
     $weights[type(r)] * coalesce($factors[coalesce(r.claim_status, 'confirmed')], 0.0)
       * $credibility[toString(coalesce(r.credibility, $ungraded))] AS base
WHERE start IS NOT NULL AND base IS NOT NULL AND base <> 0 AND start <= $last
  AND (end IS NULL OR end > $first)
RETURN a.id AS from, b.id AS to, b:State AS state,
       collect([
         duration.inDays(date('1970-01-01'), start).days,
         CASE WHEN end IS NULL THEN null ELSE duration.inDays(date('1970-01-01'), end).days END,
         base,
         type(r) IN $one_off
       ]) AS ties
