// One Dataset node says which version of the seed files the graph holds, and when it was loaded.
MERGE (d:Dataset {id: 'seed'})
SET d.version = $version, d.loaded_at = datetime(), d.load_run = $run,
    d.folders = $folders, d.counts = $counts, d.seconds = $seconds
