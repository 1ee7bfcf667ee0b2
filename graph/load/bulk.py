"""Load a seed set into the local server with `neo4j-admin database import full`.

The same validation as the online loader, then the rows as CSV files (csv_files.py), then, with
the server stopped, the importer builds the database from them in one pass, and the server is
started again. The schema, the fact index and the Dataset node are then written as the online
loader writes them, so the graph is the one `seed(reset=True)` gives (tests/test_bulk_import.py
compares the two). Only for a server geoalign manages: a remote Neo4j has no importer to run.
"""

from __future__ import annotations

import multiprocessing
import shutil
import subprocess
import tempfile
from multiprocessing.connection import Connection
from pathlib import Path
from typing import cast

from graph import cypher
from graph.db.database import Database
from graph.errors import ServerError
from graph.load.csv_files import ARRAY_DELIMITER, ImportFiles, write_import_files
from graph.load.run import LoadReport, LoadRun
from graph.load.schema import apply_schema
from graph.local_neo4j.server import LocalServer, server_environment
from graph.seed.seedset import SeedSet

ADMIN_TOOL = "org.neo4j.cli.AdminTool"


def bulk_seed(server: LocalServer, seed_set: SeedSet) -> LoadReport:
    """Validate `seed_set`, then replace the local server's whole graph with it through the bulk
    importer; raises SeedDataError (changing nothing) on bad input, ServerError if the import
    fails (the server is started again either way)."""
    run = LoadRun(seed_set)
    lap = run.lap
    settings = server.settings
    scratch = Path(tempfile.mkdtemp(prefix="import-", dir=server.home))
    try:
        files = _validated_files(seed_set, scratch, run.id)
        lap("validate and write CSV")
        server.stop()
        lap("stop")
        try:
            run_importer(server, files.arguments(), files.multiline, scratch)
            lap("import")
        except ServerError:
            # The importer leaves a store it could not finish; the graph was being replaced
            # anyway, so the server starts on an empty one instead of refusing to start.
            for folder in ("databases", "transactions"):
                shutil.rmtree(server.data_dir / folder / settings.neo4j_database, ignore_errors=True)
            raise
        finally:
            server.start()
            lap("start")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    with Database(settings) as db:
        apply_schema(db)
        db.write(cypher.statement("load/await_indexes"))
        lap("schema")
        db.write_batches(cypher.statement("load/patch_nodes"), files.node_patches)
        db.write_batches(cypher.statement("load/patch_relationships"), files.relationship_patches)
        return run.finish(db, files.counts)


def _write_files(seed_set: SeedSet, scratch: Path, run: str, sender: Connection) -> None:
    try:
        sender.send(write_import_files(seed_set, scratch / "csv", run))
    except BaseException as error:  # noqa: BLE001 - any failure goes back to the parent, whole
        sender.send(error)
    finally:
        sender.close()


def _validated_files(seed_set: SeedSet, scratch: Path, run: str) -> ImportFiles:
    """Validate the seed set while a second process writes its CSV files (both read the seed
    files; on two cores they take the time of the longer one, not of both). Bad input stops the
    writer and raises SeedDataError before the server is touched."""
    receiver, sender = multiprocessing.Pipe(duplex=False)
    writer = multiprocessing.get_context("fork").Process(
        target=_write_files, args=(seed_set, scratch, run, sender), daemon=True
    )
    writer.start()
    sender.close()
    try:
        seed_set.validate()
        written = receiver.recv()
    except BaseException:
        writer.terminate()
        raise
    finally:
        writer.join()
        receiver.close()
    if isinstance(written, BaseException):
        raise written
    return cast(ImportFiles, written)


def importer_command(
    server: LocalServer, arguments: list[str], multiline: list[Path], report: Path
) -> list[str]:
    """The java command line of `neo4j-admin database import full` over the server's own jars
    and configuration, into its default database, replacing what is there."""
    settings = server.settings
    command = [
        settings.geoalign_java,
        f"-Xmx{settings.geoalign_neo4j_heap}",
        "-cp",
        f"{server.lib_dir}/*",
        ADMIN_TOOL,
        "database",
        "import",
        "full",
        "--overwrite-destination=true",
        f"--array-delimiter=U+{ord(ARRAY_DELIMITER):04X}",
        f"--max-off-heap-memory={settings.geoalign_neo4j_pagecache}",
        f"--report-file={report}",
        "--threads=2",
        "--verbose",
        *arguments,
    ]
    if multiline:
        command += ["--multiline-fields-format=v2", f"--multiline-fields={','.join(map(str, multiline))}"]
    return [*command, settings.neo4j_database]


def run_importer(server: LocalServer, arguments: list[str], multiline: list[Path], scratch: Path) -> None:
    command = importer_command(server, arguments, multiline, scratch / "import.report")
    environment = {**server_environment(), "NEO4J_HOME": str(server.home), "NEO4J_CONF": str(server.conf_dir)}
    done = subprocess.run(command, capture_output=True, text=True, env=environment, cwd=server.home)
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-15:])
        raise ServerError(f"neo4j-admin database import failed (exit {done.returncode}):\n{tail}")
