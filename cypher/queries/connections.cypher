// name: connections
// title: Shortest connections between two entities
// description: The shortest paths (of at most max_hops relationships, and never more than six)
// description: between two entities, in any direction, through facts that are not denied; each
// description: hop with its relation, dates, claim status and sources.
// param: from_id: entity | Id of the first entity
// param: to_id: entity | Id of the second entity
// param: max_hops: integer = 4 [1..6] | Longest path to consider
// example: from_id=mali
// example: to_id=vladimir-putin
// columns: length, hops
// key: hops
// graph: hops
MATCH (a:Entity {id: $from_id}), (b:Entity {id: $to_id})
WHERE a <> b  // shortest paths need two distinct ends
// SHORTEST 25 stops once it has 25 paths, where enumerating every shortest path would not: the
// UN's and the ICC's memberships make hundreds of paths of one length between two states.
MATCH p = SHORTEST 25 (a)-[r WHERE coalesce(r.claim_status, 'confirmed') <> 'denied']-{1,6}(b)
WITH collect(p) AS found
WITH found, reduce(shortest = 7, q IN found | CASE WHEN length(q) < shortest THEN length(q) ELSE shortest END) AS shortest
UNWIND found AS p
WITH p WHERE length(p) = shortest AND length(p) <= $max_hops
RETURN length(p) AS length,
       [r IN relationships(p) | {
          from_id: startNode(r).id, relation: type(r), to_id: endNode(r).id, key: coalesce(r.key, ''),
          since: r.since, until: r.until, announced_on: r.announced_on, effective_on: r.effective_on,
          claim_status: coalesce(r.claim_status, 'confirmed'), sources: r.source_ids
       }] AS hops
LIMIT 25
