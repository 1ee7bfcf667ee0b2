"""The online loader against the bulk importer, side by side on the same world-shaped data
(benchmarks/world_graph.py beside the curated seed data):

- `geoalign seed --reset --online`: validation, then batched Cypher through the running server;
- `geoalign seed --reset` on the local server: validation, CSV files, `neo4j-admin database
  import full` with the server stopped, restart, schema, fact index (graph/load/bulk.py);
- the importer alone on the same CSV files, the floor either path is measured against.

On the benchmarks' own throw-away Neo4j ("bench", loopback only), stopped at the end.

    .venv/bin/python benchmarks/import_benchmark.py --quick     # the world at 1/20
    .venv/bin/python benchmarks/import_benchmark.py             # ~1M relationships
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import time
from pathlib import Path

from bench_server import bench_server
from world_graph import write as write_world

from graph.db.database import Database
from graph.load.bulk import bulk_seed, run_importer
from graph.load.csv_files import write_import_files
from graph.load.online import LoadReport, seed
from graph.local_neo4j.server import LocalServer
from graph.seed.seedset import SeedSet


def phases(report: LoadReport) -> str:
    return ", ".join(f"{name} {seconds:.1f}" for name, seconds in report.phases.items())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="the world at 1/20 of its size")
    parser.add_argument("--factor", type=float, default=None, help="the world's size (1.0: full)")
    args = parser.parse_args()
    factor = args.factor if args.factor is not None else (0.05 if args.quick else 1.0)
    with tempfile.TemporaryDirectory() as scratch, bench_server("1g", "1g") as settings:
        folder = Path(scratch) / "world"
        sizes = write_world(folder, factor)
        seed_set = SeedSet.from_settings(settings, [folder])
        rels = sizes["relationships"]
        print(f"world x{factor:g}: {rels:,} relationships, {sizes['Person']:,} persons", flush=True)

        with Database(settings) as db:
            online = seed(db, seed_set, reset=True)
        print(f"online loader:  {online.seconds:7.1f} s  ({phases(online)})", flush=True)

        server = LocalServer(settings)
        bulk = bulk_seed(server, seed_set)
        print(f"bulk importer:  {bulk.seconds:7.1f} s  ({phases(bulk)})", flush=True)
        if bulk.counts != online.counts:
            raise SystemExit(f"the two loads wrote different counts: {bulk.counts} != {online.counts}")

        csv = Path(scratch) / "csv"
        files = write_import_files(seed_set, csv, "raw")
        server.stop()
        started = time.perf_counter()
        run_importer(server, files.arguments(), files.multiline, csv)
        raw = time.perf_counter() - started
        server.start()
        shutil.rmtree(csv, ignore_errors=True)
        print(f"importer alone: {raw:7.1f} s  (neo4j-admin database import full on the same CSV)", flush=True)

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"figures: world x{factor:g}, {rels:,} relationships; online {online.seconds:.1f} s "
        f"({online.seconds / raw:.1f}x the importer alone), seed --reset {bulk.seconds:.1f} s "
        f"({bulk.seconds / raw:.1f}x), importer alone {raw:.1f} s; loader process peak {peak:.0f} MiB"
    )


if __name__ == "__main__":
    main()
