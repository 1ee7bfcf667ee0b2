"""The canned queries, entity search, paths and the alignment index on the curated graph, then on
the curated graph plus a world-shaped synthetic one (benchmarks/world_graph.py): latency through
the API with its result cache off, at concurrency 1 and 8, and how much each grew.

Everything stays on this machine (the benchmarks' own Neo4j, "bench"; the API on a free
loopback port), every measurement is bounded in requests and in time (a request still running
after SECONDS_PER_MEASURE counts as a failure), and the run stops both servers.

    .venv/bin/python benchmarks/scale_benchmark.py --quick      # the world at 1/20, a few minutes
    .venv/bin/python benchmarks/scale_benchmark.py              # the full world (~1M relationships)
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path
from typing import Any

import aiohttp
from api_benchmark import serve_api, summary, wait_ready
from bench_server import bench_server
from world_graph import write as write_world

from graph.catalog.registry import default_catalog
from graph.db.database import Database
from graph.load.online import seed
from graph.seed.seedset import SeedSet

# Realistic parameters for each canned query (the catalog's examples and defaults otherwise).
PARAMS: dict[str, dict[str, str]] = {
    "members-as-of": {"org": "ecowas", "date": "2024-06-01"},
    "withdrawals": {"org": "icc", "as_of": "2025-10-01"},
    "warrants": {"issuer": "icc", "as_of": "2025-10-01"},
    "partners-of": {"actor": "russia", "as_of": "2025-10-01"},
    "left-org-partnered-with": {"as_of": "2025-10-01"},
    "timeline": {"entity": "mali"},
    "entity-search": {"q": "mali"},
}
OTHERS = {
    "GET /entities?q=": "/entities?q=burkina",
    "GET /paths": "/paths?from_id=mali&to_id=vladimir-putin&max_hops=4",
    "alignment score": "/alignment/mali?toward=russia&as_of=2025-10-01",
    "alignment series (100 steps)": (
        "/alignment/mali/series?toward=russia&from_date=2017-09-01&to_date=2025-12-01&step=month"
    ),
    "alignment shifts": "/alignment-shifts?toward=russia&from_date=2019-01-01&to_date=2025-10-01",
}
SECONDS_PER_MEASURE = 20.0


def targets() -> dict[str, str]:
    catalog = default_catalog()
    found = {}
    for name, query in sorted(catalog.queries.items()):
        params = {**query.example_params(), **PARAMS.get(name, {})}
        found[name] = f"/queries/{name}/run?" + "&".join(f"{k}={v}" for k, v in params.items())
    return {**found, **OTHERS}


async def _measure(base: str, path: str, requests: int, concurrency: int) -> tuple[list[float], int, int]:
    """Latencies of up to `requests` answers, how many were not 200 (a request still unanswered
    when SECONDS_PER_MEASURE is up counts as one and ends the measurement), and the size of the
    last answer."""
    latencies: list[float] = []
    failures, size = 0, 0
    stop = time.monotonic() + SECONDS_PER_MEASURE
    queue = iter(range(requests))
    async with aiohttp.ClientSession() as session:

        async def client() -> None:
            nonlocal failures, size
            for _ in queue:
                left = stop - time.monotonic()
                if left <= 0:
                    return
                started = time.perf_counter()
                try:
                    async with session.get(
                        base + path, timeout=aiohttp.ClientTimeout(total=left)
                    ) as response:
                        body = await response.read()
                except TimeoutError:
                    failures += 1
                    latencies.append(time.perf_counter() - started)
                    return
                latencies.append(time.perf_counter() - started)
                failures += response.status != 200
                size = len(body)

        await asyncio.gather(*(client() for _ in range(concurrency)))
    return latencies, failures, size


def plans(db: Database) -> None:
    """PROFILE every canned query with the benchmark's parameters: each operator with its rows
    and database hits, indented under the one it feeds."""
    catalog = default_catalog()
    with db.driver.session(database=db.settings.neo4j_database) as session:
        for name, query in sorted(catalog.queries.items()):
            params = query.bind({**query.example_params(), **PARAMS.get(name, {})})
            result = session.run("PROFILE " + query.cypher, params)
            rows = len(list(result))
            profile = result.consume().profile
            print(f"\n{name} ({rows} rows)")

            def walk(step: dict[str, Any], depth: int) -> None:
                details = str(step.get("args", {}).get("Details", ""))[:70]
                operator = step["operatorType"].split("@")[0]
                print(
                    f"  {'  ' * depth}{operator} rows={step.get('rows')} hits={step.get('dbHits')}  {details}"
                )
                for child in step.get("children", []):
                    walk(child, depth + 1)

            walk(profile, 0)


def measure_all(base: str, requests: int) -> dict[tuple[str, int], tuple[float, float, int, int]]:
    results = {}
    for name, path in targets().items():
        asyncio.run(_measure(base, path, 3, 1))  # warm-up
        for concurrency in (1, 8):
            latencies, failures, size = asyncio.run(_measure(base, path, requests * concurrency, concurrency))
            p50, p99, _ = summary(latencies, 1.0)
            results[(name, concurrency)] = (p50, p99, failures, size)
            print(
                f"  {name:30} {concurrency:>2}: p50 {p50:8.1f} ms, p99 {p99:8.1f} ms, {failures} not 200",
                flush=True,
            )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="the world at 1/20 of its size")
    parser.add_argument("--factor", type=float, default=None, help="the world's size (1.0: full)")
    parser.add_argument("--requests", type=int, default=10, help="requests per client and measurement")
    parser.add_argument("--plans", action="store_true", help="print each canned query's PROFILE on the world")
    args = parser.parse_args()
    factor = args.factor if args.factor is not None else (0.05 if args.quick else 1.0)
    with (
        tempfile.TemporaryDirectory() as scratch,
        bench_server("1g", "1g") as settings,
        Database(settings) as db,
    ):
        seed(db, SeedSet.from_settings(settings), reset=True)
        api, base = serve_api("0", GEOALIGN_REQUEST_TIMEOUT=str(SECONDS_PER_MEASURE))
        try:
            wait_ready(base)
            before = measure_all(base, args.requests)
            folder = Path(scratch) / "world"
            started = time.perf_counter()
            counts = write_world(folder, factor)
            generated = time.perf_counter() - started
            report = seed(db, SeedSet.from_settings(settings, [folder]), force=True)
            print(
                f"world x{factor:g}: {counts['relationships']:,} relationships, {counts['Person']:,} "
                f"persons; generated in {generated:.1f} s, loaded in {report.seconds:.1f} s"
            )
            if args.plans:
                plans(db)
            after = measure_all(base, args.requests)
        finally:
            api.terminate()
            api.wait(timeout=30)
    seed_part, world_part = f"{'seed p50':>9} {'p99':>9}", f"{'world p50':>9} {'p99':>9}"
    print(f"{'':30} {'conc':>4} | {seed_part} | {world_part} | {'growth':>6} | answer bytes")
    worst = 0.0
    for (name, concurrency), (p50, p99, failed, size) in before.items():
        w50, w99, wfailed, wsize = after[(name, concurrency)]
        growth = w99 / p99 if p99 else 0.0
        worst = max(worst, growth)
        note = f" ({failed}/{wfailed} not 200)" if failed or wfailed else ""
        print(
            f"{name:30} {concurrency:>4} | {p50:8.1f}ms {p99:8.1f}ms | {w50:8.1f}ms {w99:8.1f}ms | "
            f"{growth:5.1f}x | {size:,} -> {wsize:,}{note}"
        )
    slowest = max(after.items(), key=lambda item: item[1][1])
    print(
        f"figures: world x{factor:g}, load {report.seconds:.1f} s, largest p99 growth {worst:.1f}x, "
        f"slowest world p99 {slowest[1][1]:.0f} ms ({slowest[0][0]}, concurrency {slowest[0][1]})"
    )


if __name__ == "__main__":
    main()
