"""The catalog of canned queries: every `.cypher` file of cypher/queries/ with its header
(queries.py), the parameters it declares and how values are checked and converted
(parameters.py), the registry that runs them read-only, bounded and cached (registry.py), and the
forms an answer takes: plain JSON values, CSV and table cells, source grades (answers.py)."""
