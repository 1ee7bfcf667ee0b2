// access: write (run by the loader; every other file under cypher/ only reads)
// After a bulk import (graph/load/bulk.py): the relationship properties no CSV cell can carry (a list
// whose text is empty), set on the relationships by from, type, to and key.
UNWIND $rows AS row
MATCH (:Entity {id: row.from})-[r]->(:Entity {id: row.to})
WHERE type(r) = row.type AND r.key = row.key
SET r += row.props
