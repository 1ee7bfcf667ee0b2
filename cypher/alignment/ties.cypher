// The ties around some entities, bundled per neighbour and per day, for the alignment index
// (graph/alignment/index.py). For each entity in $ids, each neighbour and each day in $days: how many
// weighted ties between the two hold on the day, their summed value and the largest absolute
// value; with $with_ids also each tie's [value, element id], from which the index picks the
// contributions it lists. A tie holds from `since` (or its announcement) until `until` or a
// revocation; its value is weight x claim factor x credibility factor, x the fade of a one-off
// act. Read-only; the weights, factors and types come from the weight table, as parameters.
// $others (a list of ids, or null) keeps only those neighbours; $states_only only States.
UNWIND $ids AS id
MATCH (a:Entity {id: id})-[r]-(b)
WHERE a <> b
  AND ($others IS NULL OR b.id IN $others)
  AND (NOT $states_only OR b:State)
WITH a, b, r, coalesce(r.since, r.announced_on) AS start,
     $weights[type(r)] * coalesce($factors[coalesce(r.claim_status, 'confirmed')], 0.0)
       * $credibility[toString(coalesce(r.credibility, $ungraded))] AS base
WHERE start IS NOT NULL AND base IS NOT NULL AND base <> 0
UNWIND range(0, size($days) - 1) AS i
WITH a, b, r, start, base, i, $days[i] AS day
WHERE start <= day AND NOT coalesce(r.until <= day, false) AND NOT coalesce(r.revoked_on <= day, false)
WITH a.id AS from, b, i, r,
     base * CASE WHEN type(r) IN $one_off
                 THEN 0.5 ^ (duration.inDays(start, day).days / 365.25 / $half_life) ELSE 1.0 END AS value
RETURN from, b.id AS to, b:State AS state, i AS day, count(*) AS ties, sum(value) AS total,
       max(abs(value)) AS peak, collect(CASE WHEN $with_ids THEN [value, elementId(r)] END) AS members
