"""The one reader of the project's Cypher files. Every statement geoalign runs is a `.cypher`
file under cypher/ (cypher/README.md, "Files"), named here by its path there without the suffix:
`statement("load/merge_nodes")`, `statement("queries/withdrawals")`.

A file may write only if its first line says `// access: write` (the loader's statements and the
schema); every other file only reads, and tests/test_cypher_files.py EXPLAINs every file shipped
to hold both to that.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

from graph.settings import CYPHER_DIR

WRITE_HEADER = "// access: write"


def read(path: Path) -> str:
    """A Cypher file's text, read afresh: a catalog folder of the user's may live anywhere, and
    an edited file is read again by the next `Catalog.load`."""
    return path.read_text(encoding="utf-8")


@cache
def statement(name: str) -> str:
    """The text of cypher/NAME.cypher, read once (the files ship with geoalign), comments
    included: it pastes into Neo4j Browser as it is."""
    return read(CYPHER_DIR / f"{name}.cypher")


def statements(name: str) -> list[str]:
    """The `;`-separated statements of a file with several (the schema, the fact index), `//`
    comment lines dropped."""
    body = "\n".join(line for line in statement(name).splitlines() if not line.strip().startswith("//"))
    return [part.strip() for part in body.split(";") if part.strip()]


def filled(name: str, placeholder: str, value: str, allowed: Iterable[str]) -> str:
    """A statement with a label or relationship type filled in: the only text of any statement
    that varies, and only ever a name of the model's allow-list, never input."""
    if value not in set(allowed):
        raise ValueError(f"{value!r} is not in the model's allow-list")
    return statement(name).replace(placeholder, value)


def may_write(name: str) -> bool:
    return statement(name).startswith(WRITE_HEADER)


def shipped() -> list[str]:
    """The name of every Cypher file the project ships."""
    return sorted(str(path.relative_to(CYPHER_DIR).with_suffix("")) for path in CYPHER_DIR.rglob("*.cypher"))
