"""Time `geoalign seed` on a synthetic graph, against one relationship per transaction.

Runs on its own throw-away Neo4j instance ("bench", loopback ports 27687/27474), never on the
graph `make run` serves; starts it, loads, measures, and stops it again.

    .venv/bin/python benchmarks/load_benchmark.py --nodes 100000 --relationships 1000000

Prints relationships per second for the batched loader and for single-relationship
transactions (a bounded sample), their ratio, and the loader process's peak memory.
"""

from __future__ import annotations

import argparse
import itertools
import resource
import tempfile
import time
from pathlib import Path

from synthetic_graph import write

from graph.db import Database
from graph.loader import seed, statement_for
from graph.seed_files import SeedSet
from graph.server import LocalServer
from graph.settings import Settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--relationships", type=int, default=1_000_000)
    parser.add_argument("--single-sample", type=int, default=2_000, help="relationships written one per tx")
    parser.add_argument("--batch-size", type=int, default=5_000)
    args = parser.parse_args()

    settings = Settings(
        neo4j_uri=None,
        neo4j_password=None,
        geoalign_instance="bench",
        geoalign_bolt_port=27687,
        geoalign_http_port=27474,
        geoalign_neo4j_heap="1g",
        geoalign_neo4j_pagecache="1g",
    )
    server = LocalServer(settings)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "synthetic"
        started = time.perf_counter()
        write(folder, args.nodes, args.relationships)
        print(
            f"generated {args.nodes:,} nodes, {args.relationships:,} relationships "
            f"in {time.perf_counter() - started:.1f}s"
        )
        server.start()
        try:
            with Database(settings) as db:
                seed_set = SeedSet([folder])
                started = time.perf_counter()
                seed_set.validate()
                validated = time.perf_counter() - started
                report = seed(db, seed_set, reset=True, batch_size=args.batch_size)
                loaded = report.seconds
                batched_rate = args.relationships / loaded
                print(f"validation alone: {validated:.1f}s")
                print(
                    f"seed (validate + write + clean-up): {loaded:.1f}s, "
                    f"{batched_rate:,.0f} relationships/s end to end"
                )

                sample = list(itertools.islice(seed_set.relationship_rows(), args.single_sample))
                started = time.perf_counter()
                db.write_batches(
                    lambda row: statement_for(
                        "merge_relationships", "__TYPE__", row["type"], seed_set.model.relationships
                    ),
                    sample,
                    batch_size=1,
                    extra={"run": "single"},
                )
                single_rate = len(sample) / (time.perf_counter() - started)
                print(
                    f"one relationship per transaction: {single_rate:,.0f} relationships/s "
                    f"({len(sample):,} sampled)"
                )
                print(f"batched / single: {batched_rate / single_rate:.1f}x")
        finally:
            server.stop()
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"loader process peak RSS: {peak_mib:.0f} MiB")


if __name__ == "__main__":
    main()
