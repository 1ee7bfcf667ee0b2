// access: write (run by the loader; every other file under cypher/ only reads)
// Constraints and indexes, applied by `geoalign seed` before it writes (each is idempotent).
// Every node the seed files describe also carries the label Entity, so one constraint keeps
// ids unique across all labels and one index serves look-ups by id.
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT source_id IF NOT EXISTS FOR (n:Source) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT dispute_id IF NOT EXISTS FOR (n:Dispute) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT dataset_id IF NOT EXISTS FOR (n:Dataset) REQUIRE n.id IS UNIQUE;
// Entity search looks for a text anywhere in names and aliases (CONTAINS): a TEXT index answers
// that without reading every node; the range index it replaces could not.
DROP INDEX entity_search_text IF EXISTS;
CREATE TEXT INDEX entity_search_text_contains IF NOT EXISTS FOR (n:Entity) ON (n.search_text);
CREATE INDEX entity_load_run IF NOT EXISTS FOR (n:Entity) ON (n.load_run);
// The fact index (cypher/load/index_facts.cypher): one node per source and per dispute, by key.
CREATE CONSTRAINT fact_index_key IF NOT EXISTS FOR (n:FactIndex) REQUIRE n.key IS UNIQUE;
// UN General Assembly roll calls are found by symbol (the unga-votes query).
CREATE INDEX document_symbol IF NOT EXISTS FOR (n:Document) ON (n.symbol);
