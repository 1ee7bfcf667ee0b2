// The UN General Assembly votes component of the alignment index (graph/alignment/votes.py): for
// each target in $targets, each state that voted with it ($subjects, or every state when null)
// and each day in $days, the roll calls of the $window_days before the day (the day included)
// in which both cast a vote, their summed agreement (yes = 1, abstain = 0.5, no = 0; agreement
// 1 - |a - b|), the newest $listed of them with both votes, and the sources of those votes.
// $first and $last bound every window, so that only the votes inside them are read.
UNWIND $targets AS target
MATCH (b:State {id: target})-[vb:VOTED]->(d:Document)
WHERE vb.since > $first AND vb.since <= $last AND vb.vote <> 'absent'
MATCH (d)<-[va:VOTED]-(a:State)
WHERE a <> b AND va.vote <> 'absent' AND ($subjects IS NULL OR a.id IN $subjects)
WITH a, b, d, va, vb,
     CASE va.vote WHEN 'yes' THEN 1.0 WHEN 'abstain' THEN 0.5 ELSE 0.0 END AS x,
     CASE vb.vote WHEN 'yes' THEN 1.0 WHEN 'abstain' THEN 0.5 ELSE 0.0 END AS y
UNWIND range(0, size($days) - 1) AS i
WITH a, b, d, va, vb, x, y, i
WHERE va.since > $days[i] - duration({days: $window_days}) AND va.since <= $days[i]
WITH a, b, d, va, vb, x, y, i ORDER BY va.since DESC, d.id
RETURN a.id AS subject, b.id AS target, i AS day, count(*) AS votes,
       sum(1.0 - abs(x - y)) AS agreement_sum, min(va.since) AS first_vote, max(va.since) AS last_vote,
       collect([coalesce(d.symbol, d.id), va.vote, vb.vote])[..$listed] AS latest,
       collect(DISTINCT va.source_ids)[..$listed] AS sources
