// access: write (run by the loader; every other file under cypher/ only reads)
// One Dataset node says which version of the seed files the graph holds, when it was loaded, and
// what the data is: title, publisher, licence and citation, from the folder's dataset.yaml (null
// when no folder has one, and then removed).
MERGE (d:Dataset {id: 'seed'})
SET d.version = $version, d.loaded_at = datetime(), d.load_run = $run,
    d.folders = $folders, d.counts = $counts, d.seconds = $seconds,
    d.title = $about.title, d.publisher = $about.publisher, d.license = $about.license,
    d.license_url = $about.license_url, d.citation = $about.citation
