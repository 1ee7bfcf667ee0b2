// access: write (run by the loader; every other file under cypher/ only reads)
// Delete relationships an earlier seed wrote that the files no longer contain.
// Relationships without load_run were not written by the seed and are left alone.
MATCH (:Entity)-[r]->(:Entity)
WHERE r.load_run IS NOT NULL AND r.load_run <> $run
CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS
