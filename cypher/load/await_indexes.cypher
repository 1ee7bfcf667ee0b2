// After a bulk import the indexes fill from the imported store: wait (ten minutes at most) until
// every one is online, so that the first queries do not scan.
CALL db.awaitIndexes(600)
