// How complete the graph's list of an organisation's members is, as the organisation's node
// declares it (seed_data/README.md, "Coverage"); an organisation that declares nothing is not
// complete.
MATCH (o:Entity)
WHERE o.id IN $ids
RETURN o.id AS id, coalesce(o.members_complete, false) AS complete, o.members_complete_on AS as_of,
       coalesce(o.members_source_ids, []) AS sources
