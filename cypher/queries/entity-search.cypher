// name: entity-search
// title: Find entities by name or alias
// description: Case- and accent-insensitive search in names and aliases ('goita' finds Assimi
// description: Goïta). The API folds the text the same way the loader folds names.
// param: q: string | Text to look for, already folded to lower case without accents
// param: label: label = any | Only entities with this label, or 'any'
// param: limit: integer = 20 [1..200] | Most results to return
// example: q=mali
// columns: id, name, labels, kind
// key: id
MATCH (n:Entity)
WHERE n.search_text CONTAINS $q AND ($label = 'any' OR $label IN labels(n))
RETURN n.id AS id, n.name AS name, [l IN labels(n) WHERE l <> 'Entity'] AS labels, n.kind AS kind
ORDER BY CASE WHEN n.search_text STARTS WITH $q THEN 0 ELSE 1 END, size(n.name), n.name
LIMIT $limit
