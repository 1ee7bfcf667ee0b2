// access: write (run by the loader; every other file under cypher/ only reads)
// geoalign seed --reset: empty the whole database first. Relationships go first, in batches,
// so that no single transaction has to hold a node together with all of its relationships.
MATCH ()-[r]->()
CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS;
MATCH (n)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
