// access: write (run by the loader; every other file under cypher/ only reads)
// The datasets loaded beside the project's seed files (an imported folder with its own
// dataset.yaml, such as the UN General Assembly's historical votes): one Dataset node each, with
// its title, licence and citation, and the seed version it was loaded with. Parts the load no
// longer holds are removed.
OPTIONAL MATCH (old:Dataset)
WHERE old.id STARTS WITH 'part-' AND NOT old.id IN [part IN $parts | part.id]
DETACH DELETE old
WITH count(*) AS removed
UNWIND $parts AS part
MERGE (d:Dataset {id: part.id})
SET d.version = $version, d.loaded_at = datetime(), d.load_run = $run, d.part_of = 'seed',
    d.folder = part.folder, d.title = part.title, d.publisher = part.publisher,
    d.license = part.license, d.license_url = part.license_url, d.citation = part.citation
