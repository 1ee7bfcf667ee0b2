"""From a news text to candidate facts: `geoalign ingest` proposes dated, quoted, linked facts in
the seed format, and `geoalign review` lets a person accept or reject them. Rule-based: the
lexicon of event verbs (lexicon.yaml) and the names the graph does not hold (names.yaml) are
data files people extend."""
