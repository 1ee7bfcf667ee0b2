// The property names of every relationship, per type (a CSV file's header comes before its rows).
MATCH ()-[r]->()
WITH type(r) AS type, keys(r) AS names
UNWIND names AS name
RETURN type, collect(DISTINCT name) AS names
