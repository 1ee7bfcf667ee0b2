"""The read cache: freshness, bounds, one computation per question, errors not kept; and the API
answering a repeated question from memory."""

from __future__ import annotations

import threading
import time
from datetime import date

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.db.cache import ResultCache, frozen
from graph.db.database import Database
from graph.settings import Settings


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_result_is_kept_for_its_seconds_and_no_longer() -> None:
    clock = Clock()
    cache = ResultCache(5.0, clock=clock)
    calls = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    assert cache.get("q", compute) == 1
    clock.now += 4.9
    assert cache.get("q", compute) == 1
    assert cache.peek("q") == 1
    clock.now += 0.2
    assert cache.peek("q") is None
    assert cache.get("q", compute) == 2


def test_the_oldest_results_make_room() -> None:
    cache = ResultCache(60.0, max_entries=2)
    for key in ("a", "b", "c"):
        cache.get(key, lambda key=key: key.upper())  # type: ignore[misc]
    assert cache.peek("a") is None
    assert (cache.peek("b"), cache.peek("c")) == ("B", "C")


def test_the_cache_holds_a_bounded_number_of_bytes() -> None:
    cache = ResultCache(60.0, max_bytes=300_000)
    for n in range(20):  # twenty answers of about 100 kB each, under keys of 50 kB
        cache.get(("catalog", "x" * 50_000 + str(n)), lambda: ["y" * 100_000])
    assert 0 < cache.bytes <= 300_000
    assert len(cache._entries) == 1  # noqa: SLF001 (what the bound leaves)
    cache.get("huge", lambda: "z" * 1_000_000)  # larger than the whole cache: answered, not kept
    assert cache.peek("huge") is None and cache.bytes <= 300_000


def test_long_expired_results_are_dropped_as_new_ones_come() -> None:
    clock = Clock()
    cache = ResultCache(5.0, clock=clock)
    for n in range(10):
        cache.get(n, lambda n=n: [n] * 10_000)  # type: ignore[misc]
    held = cache.bytes
    clock.now += 5 * 4  # four periods: past the time an expired answer is still lent out
    cache.get("new", lambda: 1)
    assert list(cache._entries) == ["new"]  # noqa: SLF001
    assert cache.bytes < held / 100


def test_a_failure_is_passed_on_and_not_kept() -> None:
    cache = ResultCache(60.0)

    def fail() -> int:
        raise RuntimeError("Neo4j is down")

    with pytest.raises(RuntimeError, match="down"):
        cache.get("q", fail)
    assert cache.get("q", lambda: 7) == 7


def test_callers_asking_at_once_share_one_computation() -> None:
    cache = ResultCache(60.0)
    started = threading.Event()
    calls = []

    def slow() -> int:
        calls.append(1)
        started.set()
        time.sleep(0.3)
        return 42

    results: list[int] = []
    threads = [threading.Thread(target=lambda: results.append(cache.get("q", slow))) for _ in range(8)]
    threads[0].start()
    started.wait(5)
    for thread in threads[1:]:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert results == [42] * 8
    assert len(calls) == 1


def test_parameters_are_told_apart_by_value_and_type() -> None:
    assert frozen({"as_of": date(2025, 1, 1), "ids": ["a", "b"]}) == frozen(
        {"ids": ["a", "b"], "as_of": date(2025, 1, 1)}
    )
    assert frozen({"limit": 1}) != frozen({"limit": "1"})
    assert frozen({"ids": ["a", "b"]}) != frozen({"ids": ["b", "a"]})


def test_the_api_answers_a_repeated_question_from_memory(seeded: Database, settings: Settings) -> None:
    # A hand edit made within the cache's seconds is not seen yet; the same question with the
    # cache off sees it at once. (The edit is undone afterwards.)
    path = "/queries/members-as-of/run?org=ecowas&date=2024-06-01"
    edit = "MATCH (s:State {id: 'mali'}) SET s.name = $name"
    cached = settings.model_copy(update={"geoalign_result_cache_seconds": 60.0})
    uncached = settings.model_copy(update={"geoalign_result_cache_seconds": 0.0})
    with TestClient(create_app(cached)) as client, TestClient(create_app(uncached)) as fresh:
        before = client.get(path).json()["rows"]
        assert "Mali" in {row["member"] for row in before}
        seeded.write(edit, {"name": "Mali (edited)"})
        try:
            assert client.get(path).json()["rows"] == before
            assert "Mali (edited)" in {row["member"] for row in fresh.get(path).json()["rows"]}
        finally:
            seeded.write(edit, {"name": "Mali"})


def test_while_one_caller_refreshes_an_expired_result_the_others_get_the_old_one() -> None:
    clock = Clock()
    cache = ResultCache(5.0, clock=clock)
    cache.get("q", lambda: "old")
    clock.now += 6
    refreshing = threading.Event()
    release = threading.Event()

    def refresh() -> str:
        refreshing.set()
        release.wait(5)
        return "new"

    worker = threading.Thread(target=lambda: cache.get("q", refresh))
    worker.start()
    refreshing.wait(5)
    assert cache.get("q", lambda: "not called") == "old"
    assert cache.peek("q") == "old"
    release.set()
    worker.join(5)
    assert cache.peek("q") == "new"
