// access: write (run by the loader; every other file under cypher/ only reads)
// Upsert sources; SET = replaces every property, so a field removed from the files goes too.
UNWIND $rows AS row
MERGE (s:Source {id: row.id})
SET s = row.props, s.load_run = $run
