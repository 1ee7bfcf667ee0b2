// name: voting-agreement
// title: Agreement in UN General Assembly votes between states
// description: How often two states voted alike in the General Assembly's roll calls between
// description: from_date and to_date, the standard way: yes = 1, abstain = 0.5, no = 0, each roll
// description: call's agreement 1 - |a - b|, averaged over the roll calls both voted in (absences
// description: are left out); votes says how many it rests on. With with_state = any, every state
// description: that voted with the first, ranked by agreement. issue keeps only roll calls of one
// description: topic, by its code (me, nu, di, hr, co, ec) or name. Before 2020 the graph holds
// description: the historical record only where `geoalign votes import` has loaded it.
// param: state: entity = russia | Id of the state
// param: with_state: entity = any | Id of the other state, or any for every state ranked
// param: from_date: date = 2022-01-01 | First day of the window (YYYY-MM-DD)
// param: to_date: date = today | Last day of the window (YYYY-MM-DD)
// param: issue: string = any | A topic code or name, or any
// columns: state_id, state, agreement, votes, first_vote, last_vote
// key: state_id
MATCH (a:State {id: $state})-[va:VOTED]->(d:Document)
WHERE va.since >= $from_date AND va.since <= $to_date AND va.vote <> 'absent'
  AND ($issue = 'any' OR $issue IN coalesce(d.issue_codes, []) OR $issue IN coalesce(d.issues, []))
MATCH (d)<-[vb:VOTED]-(b:State)
WHERE b <> a AND vb.vote <> 'absent' AND ($with_state = 'any' OR b.id = $with_state)
WITH b, d,
     CASE va.vote WHEN 'yes' THEN 1.0 WHEN 'abstain' THEN 0.5 ELSE 0.0 END AS x,
     CASE vb.vote WHEN 'yes' THEN 1.0 WHEN 'abstain' THEN 0.5 ELSE 0.0 END AS y
WITH b, count(d) AS votes, sum(1.0 - abs(x - y)) AS total, min(d.voted_on) AS first_vote,
     max(d.voted_on) AS last_vote
RETURN b.id AS state_id, b.name AS state, round(total / votes, 4) AS agreement, votes, first_vote,
       last_vote
ORDER BY agreement DESC, votes DESC, state_id
