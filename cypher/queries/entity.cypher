// name: entity
// title: One entity with all its relationships
// description: The node's properties, the other values sources give for them, and every
// description: relationship in and out, each with the other end, its dates, claim status, sources
// description: and alternatives. Denied facts are included and say so. No row when the id is unknown.
// param: id: entity | Id of the entity
// example: id=mali
// columns: id, labels, properties, alternatives, relationships
// key: id
MATCH (n:Entity {id: $id})
OPTIONAL MATCH (n)-[r]-(other:Entity)
WITH n, r, other
ORDER BY coalesce(r.since, r.announced_on)
WITH n, collect(CASE WHEN r IS NULL THEN null ELSE {
          direction: CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END,
          type: type(r), key: r.key,
          other: {id: other.id, name: other.name, labels: [l IN labels(other) WHERE l <> 'Entity']},
          since: r.since, until: r.until, announced_on: r.announced_on, notified_on: r.notified_on,
          effective_on: r.effective_on, revoked_on: r.revoked_on, detail: r.detail,
          claim_status: coalesce(r.claim_status, 'confirmed'), dispute: r.dispute, quote: r.quote,
          sources: r.source_ids,
          alternatives: [i IN range(0, size(coalesce(r.alt_field, [])) - 1)
            | {field: r.alt_field[i], value: r.alt_value[i], claim_status: r.alt_claim_status[i],
               detail: r.alt_detail[i], sources: split(r.alt_sources[i], ' ')}]
       } END) AS relationships
RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'] AS labels,
       properties(n) AS properties,
       [i IN range(0, size(coalesce(n.alt_field, [])) - 1)
          | {field: n.alt_field[i], value: n.alt_value[i], claim_status: n.alt_claim_status[i],
             detail: n.alt_detail[i], sources: split(n.alt_sources[i], ' ')}] AS alternatives,
       relationships
