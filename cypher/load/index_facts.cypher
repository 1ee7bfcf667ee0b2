// access: write (run by the loader; every other file under cypher/ only reads)
// The fact index, rebuilt at the end of every load: one FactIndex node per cited source (key
// 'source:<id>') and per dispute (key 'dispute:<id>'), holding the facts that cite the source
// (for the fact itself or for another value of one of its fields) or belong to the dispute, as
// relationship element ids and entity ids, and how many (`facts`). The source, sources and
// disputes queries read a source's or a dispute's facts from it instead of looking through
// every fact in the graph. Only the load writes facts, so the index cannot fall behind them.
MATCH (x:FactIndex)
CALL (x) { DELETE x } IN TRANSACTIONS OF 10000 ROWS;
MATCH (:Entity)-[r]->(:Entity)
WITH r, r.source_ids + reduce(acc = [], ids IN coalesce(r.alt_sources, []) | acc + split(ids, ' ')) AS cited
UNWIND [key IN ['dispute:' + r.dispute] WHERE key IS NOT NULL] + [id IN cited | 'source:' + id] AS key
WITH key, collect(DISTINCT elementId(r)) AS relationships
MERGE (x:FactIndex {key: key})
SET x.relationships = relationships;
MATCH (n:Entity) WHERE n.source_ids IS NOT NULL OR n.alt_sources IS NOT NULL OR n.dispute IS NOT NULL
WITH n, coalesce(n.source_ids, []) + reduce(acc = [], ids IN coalesce(n.alt_sources, []) | acc + split(ids, ' ')) AS cited
UNWIND [key IN ['dispute:' + n.dispute] WHERE key IS NOT NULL] + [id IN cited | 'source:' + id] AS key
WITH key, collect(DISTINCT n.id) AS entities
MERGE (x:FactIndex {key: key})
SET x.entities = entities;
MATCH (x:FactIndex)
SET x.facts = size(coalesce(x.relationships, [])) + size(coalesce(x.entities, []))
