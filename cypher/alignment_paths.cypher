// Paths of weighted ties between subjects and targets, for the alignment index (graph/alignment.py).
// Read-only; hop limit and types come from the weight table, as parameters.
// $subject is an entity id, or null for every State (used to rank shifts).
MATCH p = (s:Entity)-[*1..3]-(t:Entity)
WHERE t.id IN $targets
  AND (($subject IS NULL AND s:State) OR s.id = $subject)
  AND s <> t
  AND length(p) <= $max_hops
  AND all(r IN relationships(p) WHERE type(r) IN $types)
  AND all(i IN range(0, length(p) - 1) WHERE NOT nodes(p)[i] IN nodes(p)[i + 1..])
RETURN s.id AS subject, t.id AS target,
       [r IN relationships(p) | r {
          type: type(r), from: startNode(r).id, to: endNode(r).id, .key,
          .since, .until, .announced_on, .effective_on, .revoked_on,
          .claim_status, .detail, sources: r.source_ids
       }] AS hops
