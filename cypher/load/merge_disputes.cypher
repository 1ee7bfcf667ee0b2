// access: write (run by the loader; every other file under cypher/ only reads)
// Upsert disputes: each names a disagreement that several fact versions point to.
UNWIND $rows AS row
MERGE (d:Dispute {id: row.id})
SET d = row.props, d.load_run = $run
