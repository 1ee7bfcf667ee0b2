// name: unga-votes
// title: How each state voted on a UN General Assembly resolution
// description: One row per state recorded in the roll call on the resolution: its vote (yes, no,
// description: abstain, or absent: a member present in the record but not voting), and the roll
// description: call's tally counted from those rows beside the official tally the record gives
// description: (official_yes, official_no, official_abstain; null where the data set gives none).
// description: A resolution voted on in parts has one roll call per part (roll_call tells them apart).
// param: resolution: string = A/RES/68/262 | The resolution's symbol (A/RES/ES-11/1, or ES-11/1), or a roll call's id
// columns: state_id, state, vote, yes, no, abstain, absent, official_yes, official_no, official_abstain, roll_call, symbol, voted_on, sources
// key: roll_call, state_id
// graph: state_id -VOTED-> roll_call
MATCH (d:Document)
WHERE d.kind = 'unga-resolution'
  AND (d.id = $resolution OR d.symbol = $resolution OR d.symbol = 'A/RES/' + $resolution)
MATCH (s:State)-[v:VOTED]->(d)
WITH d, collect({state: s, vote: v}) AS cast
WITH d, cast,
     size([c IN cast WHERE c.vote.vote = 'yes']) AS yes,
     size([c IN cast WHERE c.vote.vote = 'no']) AS no,
     size([c IN cast WHERE c.vote.vote = 'abstain']) AS abstain,
     size([c IN cast WHERE c.vote.vote = 'absent']) AS absent
UNWIND cast AS c
RETURN c.state.id AS state_id, c.state.name AS state, c.vote.vote AS vote, yes, no, abstain, absent,
       d.official_yes AS official_yes, d.official_no AS official_no,
       d.official_abstain AS official_abstain, d.id AS roll_call, d.symbol AS symbol,
       d.voted_on AS voted_on, c.vote.source_ids AS sources
ORDER BY voted_on, roll_call, state
