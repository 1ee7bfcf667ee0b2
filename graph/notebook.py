"""An IPython extension for Cypher notebooks: `%load_ext graph.notebook`.

- `%%cypher` runs the cell's Cypher against the configured Neo4j (the same settings as the CLI
  and the API) and returns a pandas DataFrame. Cells run read-only; `%%cypher --write` allows
  writes. Parameters come from the notebook's variables with `-p name` (repeatable).
- `%catalog NAME key=value ...` runs a canned query from the catalog.
- `alignment_series(...)` gives the alignment index's scores over time as a DataFrame.
"""

from __future__ import annotations

import shlex
from datetime import date
from typing import Any

import pandas as pd
from IPython.core.interactiveshell import InteractiveShell
from IPython.core.magic import Magics, cell_magic, line_magic, magics_class

from graph.alignment.index import AlignmentIndex
from graph.catalog.registry import default_catalog
from graph.db.database import Database
from graph.settings import get_settings
from graph.values import plain

_database: Database | None = None


def database() -> Database:
    """One connection for the notebook, opened on first use."""
    global _database
    if _database is None:
        _database = Database(get_settings())
    return _database


def catalog(name: str, **params: Any) -> pd.DataFrame:
    result = default_catalog().run(database(), name, params)
    return pd.DataFrame(result.rows, columns=result.columns)


def alignment_series(subject: str, toward: str, start: str, end: str, step: str = "year") -> pd.DataFrame:
    points = AlignmentIndex(database()).series(
        subject, toward, date.fromisoformat(start), date.fromisoformat(end), step
    )
    return pd.DataFrame(
        {"date": [pd.Timestamp(p.as_of) for p in points], "score": [p.score for p in points]}
    ).assign(subject=subject, toward=toward)


@magics_class
class CypherMagics(Magics):
    @cell_magic
    def cypher(self, line: str, cell: str) -> pd.DataFrame:
        """%%cypher [--write] [-p name ...]: run the cell, return a DataFrame."""
        args = shlex.split(line)
        write = "--write" in args
        names = [args[i + 1] for i, arg in enumerate(args) if arg == "-p" and i + 1 < len(args)]
        namespace = self.shell.user_ns if self.shell else {}
        params = {name: namespace[name] for name in names}
        db = database()
        if write:
            db.write(cell, params)
            return pd.DataFrame()
        columns, records = db.read(cell, params)
        return pd.DataFrame([[plain(record[c]) for c in columns] for record in records], columns=columns)

    @line_magic("catalog")  # type: ignore[arg-type]
    def catalog_magic(self, line: str) -> pd.DataFrame:
        """%catalog NAME key=value ...: run a canned query, return a DataFrame."""
        name, *pairs = shlex.split(line)
        params = dict(pair.split("=", 1) for pair in pairs)
        return catalog(name, **params)


def load_ipython_extension(ipython: InteractiveShell) -> None:
    ipython.register_magics(CypherMagics)
