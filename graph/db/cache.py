"""Recent read results kept in memory for a few seconds, for a server that answers the same
canned questions again and again.

The graph changes only when it is seeded (or edited by hand), so a result a few seconds old is as
good as a fresh one; `seconds` bounds how stale an answer can be (plus the time one refresh
takes). While one caller computes a result, others asking the same question wait for it, or, if
an expired result is at hand, get that one meanwhile, instead of running the query again.
"""

from __future__ import annotations

import dataclasses
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from typing import Any, TypeVar, cast

T = TypeVar("T")


def frozen(value: Any) -> Hashable:
    """A hashable stand-in for parameter values (lists and maps included)."""
    if isinstance(value, Mapping):
        return tuple(sorted((str(k), frozen(v)) for k, v in value.items()))
    if isinstance(value, list | tuple):
        return tuple(frozen(v) for v in value)
    return (type(value).__name__, value)


# An expired entry is kept this many periods in all: the next caller of a popular question gets it
# while one refresh runs, instead of every caller queueing behind that refresh.
STALE_PERIODS = 4


def approximate_size(value: Any) -> int:
    """Bytes a value holds, roughly: the sizes of its containers and everything in them."""
    seen: set[int] = set()
    pending = [value]
    total = 0
    while pending:
        item = pending.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        total += sys.getsizeof(item)
        if isinstance(item, Mapping):
            pending += [*item.keys(), *item.values()]
        elif isinstance(item, list | tuple | set | frozenset):
            pending += list(item)
        elif dataclasses.is_dataclass(item) and not isinstance(item, type):
            pending += [getattr(item, f.name) for f in dataclasses.fields(item)]
    return total


class ResultCache:
    """Results of any kind, each served for `seconds` after it was computed: at most
    `max_entries` of them and about `max_bytes` in all (keys included), the least recently used
    going first; expired ones are dropped as new ones come in. Keys must tell kinds apart (a
    key's first item naming its kind does)."""

    def __init__(
        self,
        seconds: float,
        max_entries: int = 512,
        clock: Callable[[], float] = time.monotonic,
        max_bytes: int = 64_000_000,
    ):
        self.seconds = seconds
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._clock = clock
        self._entries: OrderedDict[Hashable, tuple[float, Any, int]] = OrderedDict()
        self.bytes = 0  # what the entries hold, by approximate_size
        self._lock = threading.Lock()
        self._computing: dict[Hashable, threading.Lock] = {}

    def _usable(self, key: Hashable) -> tuple[bool, Any]:
        """A fresh value; or, while a caller is refreshing an expired one, that expired value (so a
        burst of callers does not queue behind the refresh). Call with the lock held."""
        entry = self._entries.get(key)
        if entry is None:
            return False, None
        if self._clock() - entry[0] < self.seconds or key in self._computing:
            self._entries.move_to_end(key)
            return True, entry[1]
        return False, None

    def peek(self, key: Hashable) -> Any:
        """What `get` would answer for `key` without computing anything, or None."""
        with self._lock:
            return self._usable(key)[1]

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The cached value for `key`, or `compute()`'s (an exception is passed on, not kept)."""
        with self._lock:
            found, value = self._usable(key)
            if found:
                return cast(T, value)
            gate = self._computing.setdefault(key, threading.Lock())
        with gate:
            with self._lock:
                entry = self._entries.get(key)
                if entry is not None and self._clock() - entry[0] < self.seconds:
                    return cast(T, entry[1])  # computed by the caller this one waited for
            try:
                computed = compute()
            except BaseException:
                with self._lock:
                    self._computing.pop(key, None)
                raise
            size = approximate_size(key) + approximate_size(computed)
            with self._lock:
                self._drop(key)
                if size <= self.max_bytes:
                    self._entries[key] = (self._clock(), computed, size)
                    self.bytes += size
                self._trim()
                self._computing.pop(key, None)  # only now: a newcomer finds the entry, not a gap
            return computed

    def _drop(self, key: Hashable) -> None:
        entry = self._entries.pop(key, None)
        if entry is not None:
            self.bytes -= entry[2]

    def _trim(self) -> None:
        """Entries expired for a while go (unless being refreshed), then the least recently used
        while the cache holds too many or too much. Call with the lock held."""
        oldest = self._clock() - STALE_PERIODS * self.seconds
        for key in [k for k, e in self._entries.items() if e[0] <= oldest and k not in self._computing]:
            self._drop(key)
        while self._entries and (len(self._entries) > self.max_entries or self.bytes > self.max_bytes):
            self._drop(next(iter(self._entries)))
