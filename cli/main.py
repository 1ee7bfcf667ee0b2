"""The `geoalign` command: the app of cli/app.py with every command group registered."""

from __future__ import annotations

from cli.app import app

# Importing a group registers its commands, and `--help` lists them in that order.
# isort: off
from cli import server, queries, records, votes  # noqa: E402
# isort: on

COMMAND_GROUPS = (server, queries, records, votes)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
