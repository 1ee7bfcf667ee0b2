// The datasets the graph holds (the seed files' version, and any imported dataset), with their
// titles, licences and citations: the manifest's `datasets`.
MATCH (d:Dataset)
RETURN d.id AS id, properties(d) AS properties
ORDER BY id
