"""How /health answers while heavy requests run: 16 clients keep asking for alignment shifts,
alignment series, paths and the source list (result cache off), while one prober asks /health
every 50 ms (`--shifts-only`: all 16 ask for shifts). Prints the probe's p50, p99 and worst
latency, and how the heavy requests ended.

Everything stays on this machine: the benchmarks' own Neo4j ("bench") with the seed data, and
the API on a free loopback port; the run stops by itself after --seconds.

    .venv/bin/python benchmarks/health_under_load.py --seconds 30
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from collections import Counter

import aiohttp
from api_benchmark import serve_api, wait_ready
from bench_server import bench_server

from graph.db.database import Database
from graph.load.online import seed
from graph.seed.seedset import SeedSet

HEAVY = [
    "/alignment-shifts?toward=russia&from_date=2019-01-01&to_date=2026-01-01",
    "/alignment/mali/series?toward=international-justice&from_date=2000-01-01&to_date=2026-01-01&step=quarter",
    "/paths?from_id=niger&to_id=benjamin-netanyahu&max_hops=6",
    "/sources",
]
CLIENTS = 16


async def load(base: str, seconds: float, heavy_paths: list[str]) -> tuple[list[float], Counter[str]]:
    stop = time.monotonic() + seconds
    outcomes: Counter[str] = Counter()
    probes: list[float] = []
    timeout = aiohttp.ClientTimeout(total=seconds + 30)
    async with aiohttp.ClientSession(timeout=timeout) as session:

        async def heavy(index: int) -> None:
            turn = index
            while time.monotonic() < stop:
                path = heavy_paths[turn % len(heavy_paths)]
                async with session.get(base + path) as response:
                    await response.read()
                    outcomes[f"{path.split('?')[0]} {response.status}"] += 1
                turn += 1

        async def probe() -> None:
            while time.monotonic() < stop:
                started = time.perf_counter()
                async with session.get(f"{base}/health") as response:
                    await response.read()
                probes.append(time.perf_counter() - started)
                await asyncio.sleep(0.05)

        await asyncio.gather(probe(), *(heavy(i) for i in range(CLIENTS)))
    return probes, outcomes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=30.0, help="how long the load lasts")
    parser.add_argument("--shifts-only", action="store_true", help="every heavy client asks for shifts")
    args = parser.parse_args()
    with bench_server() as settings, Database(settings) as db:
        seed(db, SeedSet.from_settings(settings), reset=True)
        api, base = serve_api("0")
        try:
            wait_ready(base)
            heavy_paths = HEAVY[:1] if args.shifts_only else HEAVY
            probes, outcomes = asyncio.run(load(base, args.seconds, heavy_paths))
        finally:
            api.terminate()
            api.wait(timeout=30)
    ordered = sorted(probes)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    print(f"/health under {CLIENTS} heavy clients for {args.seconds:.0f} s: {len(ordered)} probes")
    p50, worst = statistics.median(ordered) * 1000, ordered[-1] * 1000
    print(f"  p50 {p50:.1f} ms, p99 {p99 * 1000:.1f} ms, worst {worst:.1f} ms")
    for outcome, count in sorted(outcomes.items()):
        print(f"  {outcome}: {count}")


if __name__ == "__main__":
    main()
