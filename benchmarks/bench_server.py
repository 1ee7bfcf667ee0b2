"""The benchmarks' own throw-away Neo4j: instance "bench" on loopback ports 27687 and 27474,
started for one run and deleted afterwards, so a benchmark never touches a user's graph."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager

from graph.local_neo4j.server import LocalServer
from graph.settings import Settings

BENCH_ENV = {"GEOALIGN_INSTANCE": "bench", "GEOALIGN_BOLT_PORT": "27687", "GEOALIGN_HTTP_PORT": "27474"}


@contextmanager
def bench_server(heap: str = "512m", pagecache: str = "256m") -> Iterator[Settings]:
    settings = Settings(
        neo4j_uri=None,
        neo4j_password=None,
        geoalign_instance=BENCH_ENV["GEOALIGN_INSTANCE"],
        geoalign_bolt_port=int(BENCH_ENV["GEOALIGN_BOLT_PORT"]),
        geoalign_http_port=int(BENCH_ENV["GEOALIGN_HTTP_PORT"]),
        geoalign_neo4j_heap=heap,
        geoalign_neo4j_pagecache=pagecache,
    )
    server = LocalServer(settings)
    server.start()
    try:
        yield settings
    finally:
        server.stop()
        shutil.rmtree(settings.instance_dir, ignore_errors=True)
