// access: write (run by the loader; every other file under cypher/ only reads)
// Delete nodes an earlier seed wrote that the files no longer contain.
MATCH (n)
WHERE (n:Entity OR n:Source OR n:Dispute) AND n.load_run IS NOT NULL AND n.load_run <> $run
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
