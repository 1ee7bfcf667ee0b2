// The ties the alignment index lists as contributions (graph/alignment/index.py), found by element
// id, with their dates, claim status, credibility and sources. Read-only.
UNWIND $ids AS tie
MATCH (a)-[r]->(b)
WHERE elementId(r) = tie
RETURN tie, r {
         type: type(r), from: a.id, to: b.id, .key,
         .since, .until, .announced_on, .effective_on, .revoked_on,
         .claim_status, .credibility, .detail, sources: r.source_ids
       } AS raw
