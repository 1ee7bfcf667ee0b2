"""The command line as a person sees it: answers that fit 80 and 140 columns without cutting a
value short, and errors that name the option or setting and the fix."""

from __future__ import annotations

import re
import socket

import pytest
from typer.testing import CliRunner

from cli.main import app
from graph.catalog.registry import default_catalog
from graph.db.database import Database

DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _run(*args: str, columns: int = 80, **env: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": str(columns), **env})
    return result.exit_code, result.output


@pytest.mark.parametrize("columns", [80, 140])
def test_an_answer_fits_the_terminal_and_cuts_nothing(seeded: Database, columns: int) -> None:
    rows = default_catalog().run(seeded, "withdrawals", {}).rows
    code, output = _run("query", "withdrawals", columns=columns)
    assert code == 0, output
    lines = output.splitlines()
    assert all(len(line.rstrip()) <= columns for line in lines), max(lines, key=len)
    assert "…" not in output
    for row in rows:  # every state, and each of its dates whole, on one line
        assert row["state"] in output
        for name in ("announced_on", "notified_on", "effective_on", "revoked_on"):
            if row[name]:
                assert row[name] in DAY.findall(output), (row["state"], name)
    assert "not shown: sources, alternatives" in output
    assert ("┃ state" in output) == (columns == 140), "a table where it fits, one block per row where not"


def test_columns_are_chosen_by_name(seeded: Database) -> None:
    code, output = _run("query", "withdrawals", "--columns", "state,status")
    assert code == 0 and "state" in output and "status" in output and "announced_on" not in output
    code, output = _run("query", "withdrawals", "--columns", "state,colour")
    assert code == 2 and "--columns" in output and "no column colour" in output and "announced_on" in output


def test_a_malformed_date_names_the_option() -> None:
    code, output = _run(
        "alignment", "score", "mali", "--toward", "russia", "--as-of", "2025/10/01", columns=120
    )
    assert code == 2
    assert "'--as-of'" in output and "'2025/10/01' is not a date: write YYYY-MM-DD" in output


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_an_unreachable_neo4j_says_how_to_start_it() -> None:
    code, output = _run("query", "withdrawals", GEOALIGN_BOLT_PORT=str(_free_port()), columns=200)
    assert code == 1
    assert "Neo4j is not reachable" in output and "`geoalign neo4j start`" in output


def test_a_taken_api_port_names_the_setting() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        code, output = _run("serve", "--port", str(taken.getsockname()[1]), columns=200)
    assert code == 1
    assert "cannot serve on 127.0.0.1" in output and "GEOALIGN_API_PORT" in output


def test_the_stale_list_reads_at_80_columns(seeded: Database) -> None:
    """`geoalign stale`: one line per fact with its last check, its reasons indented below, a count
    at the end; --fail turns a non-empty list into exit status 1, an empty one stays 0."""
    day = "2026-12-01"
    rows = default_catalog().run(seeded, "stale-facts", {"as_of": day}).rows
    code, output = _run("stale", "--as-of", day, "--fail")
    lines = output.splitlines()
    assert all(len(line.rstrip()) <= 80 for line in lines), max(lines, key=len)
    assert "…" not in output
    if rows:
        assert code == 1 and f"{len(rows)} fact(s) to check again as of {day}" in output
        groups: dict[str, list[dict]] = {}
        for row in rows:
            groups.setdefault(row["settled_by"], []).append(row)
        # a rule line per group, where a new check would look and how many facts, its facts under it
        headers = [i for i, line in enumerate(lines) if line.startswith("─") or "──" in line]
        assert len(headers) == len(groups) >= 2
        text = "\n".join(lines)
        starts = [text.index(f"{name} ({len(found)})") for name, found in groups.items()]
        assert starts == sorted(starts), "groups in the order of their oldest check"
        for (name, found), start, end in zip(groups.items(), starts, [*starts[1:], len(text)], strict=True):
            block = text[start:end]
            for row in found:
                assert f"{row['checked_on']}  {row['subject_id']} {row['relation']}" in block, (name, row)
    else:
        assert code == 0 and f"No stale facts on {day}" in output
    code, output = _run("stale", "--as-of", "1900-01-01", "--fail")  # before every fact
    assert code == 0 and "No stale facts on 1900-01-01" in output
