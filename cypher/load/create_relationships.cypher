// access: write (run by the loader; every other file under cypher/ only reads)
// Create relationships of one type that the graph holds none of yet (a first load, or after
// --reset). Nothing can be merged with, and validation has already refused two records with the
// same (from, type, to, key), so CREATE is enough and skips MERGE's look through every existing
// relationship of the start node, a search that grows with the node's degree.
// The time fields (graph/model.py TIME_FIELDS) arrive as ISO text in row.dates and are stored as
// dates. They are given in the CREATE itself, where a missing one (date(null) is null) is simply
// not written; as SETs after `r += row.props` they would cost a second materialisation (Eager).
// `__TYPE__` is replaced by a relationship type from graph/model.yaml only.
UNWIND $rows AS row
MATCH (a:Entity {id: row.from})
MATCH (b:Entity {id: row.to})
CREATE (a)-[r:__TYPE__ {
  load_run: $run,
  since: date(row.dates.since), until: date(row.dates.until),
  announced_on: date(row.dates.announced_on), notified_on: date(row.dates.notified_on),
  effective_on: date(row.dates.effective_on), revoked_on: date(row.dates.revoked_on)
}]->(b)
SET r += row.props
