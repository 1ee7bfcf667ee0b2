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

from bench_server import bench_server
from synthetic_graph import write

from graph import cypher
from graph.db.database import Database
from graph.load.online import seed
from graph.seed.seedset import SeedSet


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--relationships", type=int, default=1_000_000)
    parser.add_argument("--single-sample", type=int, default=2_000, help="relationships written one per tx")
    parser.add_argument("--batch-size", type=int, default=5_000)
    parser.add_argument("--writers", type=int, default=2, help="batches the loader writes at once")
    parser.add_argument("--heap", default="1g", help="JVM heap of the benchmark's Neo4j")
    parser.add_argument("--pagecache", default="1g", help="page cache of the benchmark's Neo4j")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch, bench_server(args.heap, args.pagecache) as settings:
        folder = Path(scratch) / "synthetic"
        started = time.perf_counter()
        write(folder, args.nodes, args.relationships)
        print(
            f"generated {args.nodes:,} nodes, {args.relationships:,} relationships "
            f"in {time.perf_counter() - started:.1f}s"
        )
        with Database(settings) as db:
            seed_set = SeedSet([folder])
            report = seed(db, seed_set, reset=True, batch_size=args.batch_size, writers=args.writers)
            for phase, seconds in report.phases.items():
                print(f"  {phase}: {seconds:.1f}s")
            write_rate = args.relationships / report.phases["relationships"]
            print(f"relationship writes: {write_rate:,.0f} relationships/s")
            print(
                f"whole seed (validate, write, clean-up): {report.seconds:.1f}s, "
                f"{args.relationships / report.seconds:,.0f} relationships/s"
            )

            # The same statement the loader used for these first-of-their-type relationships,
            # one relationship per transaction; the sample is deleted again afterwards.
            sample = list(itertools.islice(seed_set.relationship_rows(), args.single_sample))
            started = time.perf_counter()
            db.write_batches(
                lambda row: cypher.filled(
                    "load/create_relationships", "__TYPE__", row["type"], seed_set.model.relationships
                ),
                sample,
                batch_size=1,
                extra={"run": "single"},
            )
            single_rate = len(sample) / (time.perf_counter() - started)
            db.write("MATCH ()-[r {load_run: 'single'}]->() DELETE r")
            print(
                f"one relationship per transaction: {single_rate:,.0f} relationships/s "
                f"({len(sample):,} sampled)"
            )
            print(f"batched writes / single: {write_rate / single_rate:.1f}x")
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"loader process peak RSS: {peak_mib:.0f} MiB")


if __name__ == "__main__":
    main()
