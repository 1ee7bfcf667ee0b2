"""Latency and throughput of the required canned queries, through the API (as served, with its
result cache, and with the cache off) and straight through the driver, at concurrency 1 and 32,
in one run.

Everything stays on this machine: a throw-away Neo4j instance ("bench", loopback ports 27687 and
27474) holding the seed data, and the API served by uvicorn on a free loopback port. Each
measurement sends a fixed number of requests, then the script stops both servers.

    .venv/bin/python benchmarks/api_benchmark.py --requests 400
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import aiohttp
import httpx
from bench_server import BENCH_ENV, bench_server

from graph.catalog.registry import default_catalog
from graph.db.database import Database
from graph.load.online import seed
from graph.seed.seedset import SeedSet

QUERIES: dict[str, dict[str, Any]] = {
    "left-org-partnered-with": {"as_of": "2025-10-01"},
    "members-as-of": {"org": "ecowas", "date": "2024-06-01"},
    "withdrawals": {"org": "icc", "as_of": "2025-10-01"},
    "warrants": {"issuer": "icc", "as_of": "2025-10-01"},
    "partners-of": {"actor": "russia", "as_of": "2025-10-01"},
    "timeline": {"entity": "mali"},
    "connections": {"from_id": "mali", "to_id": "vladimir-putin", "max_hops": 4},
}


def summary(latencies: list[float], elapsed: float) -> tuple[float, float, float]:
    ordered = sorted(latencies)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p99 * 1000, len(ordered) / elapsed


def through_driver(db: Database, name: str, params: dict[str, Any], requests: int, concurrency: int) -> tuple:
    catalog = default_catalog()

    def one(_: int) -> float:
        started = time.perf_counter()
        catalog.run(db, name, params)
        return time.perf_counter() - started

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        latencies = list(pool.map(one, range(requests)))
    return summary(latencies, time.perf_counter() - started)


async def _through_api(
    base: str, name: str, params: dict[str, Any], requests: int, concurrency: int
) -> tuple:
    # aiohttp rather than httpx: the load generator shares the machine's two cores with the API
    # and Neo4j, and aiohttp spends a fraction of httpx's CPU per request.
    connector = aiohttp.TCPConnector(limit=concurrency)
    timeout = aiohttp.ClientTimeout(total=30)
    async with aiohttp.ClientSession(base, connector=connector, timeout=timeout) as client:
        gate = asyncio.Semaphore(concurrency)

        async def one() -> float:
            async with gate:
                started = time.perf_counter()
                async with client.get(f"/queries/{name}/run", params=params) as response:
                    response.raise_for_status()
                    await response.read()
                return time.perf_counter() - started

        started = time.perf_counter()
        latencies = await asyncio.gather(*(one() for _ in range(requests)))
        return summary(list(latencies), time.perf_counter() - started)


def through_api(base: str, name: str, params: dict[str, Any], requests: int, concurrency: int) -> tuple:
    return asyncio.run(_through_api(base, name, params, requests, concurrency))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def wait_ready(base: str, deadline: float = 60.0) -> None:
    stop = time.monotonic() + deadline
    while time.monotonic() < stop:
        try:
            if httpx.get(f"{base}/ready", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise SystemExit("the API did not become ready")


def measure(run: Callable[..., tuple], *args: Any) -> tuple:
    run(*args[:-2], 20, 1)  # warm-up: plans cached, connections open
    return run(*args)


def serve_api(cache_seconds: str, **settings: str) -> tuple[subprocess.Popen[bytes], str]:
    """The API on the benchmark instance, on a free loopback port; `settings` are further
    GEOALIGN_ variables, by their names."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")} | BENCH_ENV | settings
    env["GEOALIGN_RESULT_CACHE_SECONDS"] = cache_seconds
    command = [sys.executable, "-m", "uvicorn", "api.app:create_app", "--factory"]
    api = subprocess.Popen(
        [*command, "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"], env=env
    )
    return api, f"http://127.0.0.1:{port}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=400, help="requests per query and concurrency")
    args = parser.parse_args()
    with bench_server() as settings, Database(settings) as db:
        seed(db, SeedSet.from_settings(settings), reset=True)
        # The API as `geoalign serve` runs it (repeated reads answered from memory for
        # GEOALIGN_RESULT_CACHE_SECONDS), and the same API with that cache off.
        apis = {"API": serve_api("5"), "API, no cache": serve_api("0")}
        try:
            for _, base in apis.values():
                wait_ready(base)
            print(
                f"{'query':24} {'conc':>4} | {'path':14} {'p50':>8} {'p99':>8} {'req/s':>7} | "
                f"{'driver p50':>10} {'p99':>8} {'req/s':>7} | API/driver"
            )
            for name, params in QUERIES.items():
                for concurrency in (1, 32):
                    d50, d99, drate = measure(through_driver, db, name, params, args.requests, concurrency)
                    for label, (_, base) in apis.items():
                        a50, a99, arate = measure(through_api, base, name, params, args.requests, concurrency)
                        api_part = f"{label:14} {a50:7.1f}ms {a99:7.1f}ms {arate:7.0f}"
                        driver_part = f"{d50:9.1f}ms {d99:7.1f}ms {drate:7.0f}"
                        print(
                            f"{name:24} {concurrency:>4} | {api_part} | {driver_part} | {arate / drate:.2f}"
                        )
        finally:
            for api, _ in apis.values():
                api.terminate()
                api.wait(timeout=30)


if __name__ == "__main__":
    main()
