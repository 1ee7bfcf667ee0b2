"""Neo4j access: the one owner of the driver (database.py), with its read helper (READ
routing, timeout, parameters only) and batched write helper, the result cache, and the time
budget of one request that bounds every read made for it (deadline.py)."""
