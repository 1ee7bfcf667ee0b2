// access: write (run by the loader; every other file under cypher/ only reads)
// After a bulk import (graph/load/bulk.py): the node properties no CSV cell can carry (a list whose
// text is empty, [] or [""]), set on the nodes by id.
UNWIND $rows AS row
MATCH (n {id: row.id}) WHERE n:Entity OR n:Source OR n:Dispute
SET n += row.props
