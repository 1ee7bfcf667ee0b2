// Which version of the seed files the graph holds, from which folders, loaded when.
MATCH (d:Dataset {id: 'seed'})
RETURN d.version AS version, d.folders AS folders, d.counts AS counts, toString(d.loaded_at) AS loaded_at
