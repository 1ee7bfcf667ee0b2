// The property names of every exported node, per label: a CSV file's header comes before its
// rows. Exported are the facts' nodes (Entity: states, persons, warrants ...), the sources and the
// disputes; the load's own bookkeeping (Dataset, FactIndex) goes into the manifest or nowhere.
MATCH (n)
WHERE n:Entity OR n:Source OR n:Dispute
WITH [label IN labels(n) WHERE label <> 'Entity'][0] AS label, keys(n) AS names
UNWIND names AS name
RETURN label, collect(DISTINCT name) AS names
