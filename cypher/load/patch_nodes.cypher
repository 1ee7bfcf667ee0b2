// After a bulk import (graph/bulk/): the node properties no CSV cell can carry (a list whose
// text is empty, [] or [""]), set on the nodes by id.
UNWIND $rows AS row
MATCH (n {id: row.id}) WHERE n:Entity OR n:Source OR n:Dispute
SET n += row.props
