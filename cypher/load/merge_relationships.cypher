// access: write (run by the loader; every other file under cypher/ only reads)
// Upsert relationships of one type between existing nodes, told apart by `key`.
// `__TYPE__` is replaced by a relationship type from graph/model.yaml only.
// ON CREATE / ON MATCH rather than a plain SET after MERGE: the plain SET conflicts with the
// MERGE's read of `key`, and the planner then materialises every row (Eager), a third slower.
// `SET r = row.props` removes every property first, so a date dropped from the files goes; the
// time fields then come back from row.dates (ISO text, as in create_relationships.cypher).
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
MERGE (a)-[r:__TYPE__ {key: row.props.key}]->(b)
  ON CREATE SET r = row.props, r.load_run = $run,
    r.since = date(row.dates.since), r.until = date(row.dates.until),
    r.announced_on = date(row.dates.announced_on), r.notified_on = date(row.dates.notified_on),
    r.effective_on = date(row.dates.effective_on), r.revoked_on = date(row.dates.revoked_on)
  ON MATCH SET r = row.props, r.load_run = $run,
    r.since = date(row.dates.since), r.until = date(row.dates.until),
    r.announced_on = date(row.dates.announced_on), r.notified_on = date(row.dates.notified_on),
    r.effective_on = date(row.dates.effective_on), r.revoked_on = date(row.dates.revoked_on)
