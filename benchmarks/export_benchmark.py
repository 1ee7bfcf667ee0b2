"""`geoalign export` on the curated graph and on the world-shaped one (benchmarks/world_graph.py
beside the seed data, ~1M relationships): seconds, bytes and the process's peak memory for each
format, and `geoalign diff` between the CSV and the JSON Lines release of one graph (which must
find no change).

On the benchmarks' own throw-away Neo4j ("bench", loopback only), stopped at the end; the world
is loaded with the bulk importer, which is quickest.

    .venv/bin/python benchmarks/export_benchmark.py --quick     # the world at 1/20
    .venv/bin/python benchmarks/export_benchmark.py             # ~1M relationships
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from bench_server import bench_server
from world_graph import write as write_world

from graph.db.database import Database
from graph.export.release import FORMATS, Release, diff_releases, export_release
from graph.load.bulk import bulk_seed
from graph.local_neo4j.server import LocalServer
from graph.seed.seedset import SeedSet
from graph.settings import Settings


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(settings: Settings, name: str, out: Path) -> list[str]:
    lines = []
    with Database(settings) as db:
        for form in FORMATS:
            started = time.perf_counter()
            manifest = export_release(db, out / f"{name}-{form}", form, timeout=3600)
            seconds = time.perf_counter() - started
            size = sum(entry["bytes"] for entry in manifest["files"])
            counts = manifest["counts"]
            line = (
                f"{name:8} {form:8} {counts['nodes']:>9,} nodes {counts['relationships']:>10,} rels "
                f"{seconds:7.1f} s {size / 1e6:9.1f} MB  peak {peak_mib():7.0f} MiB"
            )
            print(line, flush=True)
            lines.append(line)
    started = time.perf_counter()
    changes = sum(
        1 for _ in diff_releases(Release.open(out / f"{name}-csv"), Release.open(out / f"{name}-jsonl"))
    )
    line = f"{name:8} diff csv/jsonl: {changes} change(s) in {time.perf_counter() - started:.1f} s"
    print(line, flush=True)
    return [*lines, line]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="the world at 1/20 of its size")
    args = parser.parse_args()
    factor = 0.05 if args.quick else 1.0
    with tempfile.TemporaryDirectory() as scratch, bench_server("1g", "1g") as settings:
        root = Path(scratch)
        server = LocalServer(settings)
        bulk_seed(server, SeedSet.from_settings(settings))
        summary = measure(settings, "curated", root)
        sizes = write_world(root / "world", factor)
        print(f"world x{factor:g}: {sizes['relationships']:,} relationships generated", flush=True)
        bulk_seed(server, SeedSet.from_settings(settings, [root / "world"]))
        summary += measure(settings, "world", root)
    print("\n".join(["", *summary]))


if __name__ == "__main__":
    main()
