"""Releases people can take away and cite: `geoalign export` writes every node and relationship
of the graph as CSV, JSON Lines or GraphML files with a manifest.json (the dataset's version, each
file's rows and SHA-256, the licences and a citation); `geoalign diff` lists the facts added,
removed and changed between two releases. The statements it runs are in cypher/export/."""
