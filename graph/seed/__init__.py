"""The seed files: reading them (reading.py), validating every record before anything is
written (validation.py), the rows the loader writes, with the preferred value of a disputed field
(rows.py, preferred.py), and the seed set itself, its folders and its version (seedset.py)."""
