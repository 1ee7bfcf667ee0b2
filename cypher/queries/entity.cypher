// name: entity
// title: One entity with all its relationships
// description: The node's properties and every relationship in and out, each with the other end,
// description: its dates, claim status and sources. No row when the id is unknown.
// param: id: string | Id of the entity
// example: id=mali
// columns: id, labels, properties, relationships
MATCH (n:Entity {id: $id})
OPTIONAL MATCH (n)-[r]-(other:Entity)
WITH n, r, other
ORDER BY coalesce(r.since, r.announced_on)
RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'] AS labels,
       properties(n) AS properties,
       [x IN collect(CASE WHEN r IS NULL THEN null ELSE {
          direction: CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END,
          type: type(r), key: r.key,
          other: {id: other.id, name: other.name, labels: [l IN labels(other) WHERE l <> 'Entity']},
          since: r.since, until: r.until, announced_on: r.announced_on, notified_on: r.notified_on,
          effective_on: r.effective_on, revoked_on: r.revoked_on, detail: r.detail,
          claim_status: r.claim_status, dispute: r.dispute, quote: r.quote, sources: r.source_ids
       } END) WHERE x IS NOT NULL] AS relationships
