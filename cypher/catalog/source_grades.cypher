// The grades of the sources an answer cites: the catalog adds them to every answer, so that each
// source shows its Admiralty reliability (A-F) beside its publisher and kind.
MATCH (s:Source) WHERE s.id IN $ids
RETURN s.id AS id, s.reliability AS reliability, s.publisher AS publisher, s.kind AS kind
ORDER BY id
