"""Recent read results kept in memory for a few seconds, for a server that answers the same
canned questions again and again.

The graph changes only when it is seeded (or edited by hand), so a result a few seconds old is as
good as a fresh one; `seconds` bounds how stale an answer can be (plus the time one refresh
takes). While one caller computes a result, others asking the same question wait for it, or, if
an expired result is at hand, get that one meanwhile, instead of running the query again.
"""

from __future__ import annotations

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


class ResultCache:
    """At most `max_entries` results of any kind, each served for `seconds` after it was
    computed. Keys must tell kinds apart (a key's first item naming its kind does)."""

    def __init__(self, seconds: float, max_entries: int = 512, clock: Callable[[], float] = time.monotonic):
        self.seconds = seconds
        self.max_entries = max_entries
        self._clock = clock
        self._entries: OrderedDict[Hashable, tuple[float, Any]] = OrderedDict()
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
            with self._lock:
                self._entries[key] = (self._clock(), computed)
                self._entries.move_to_end(key)
                while len(self._entries) > self.max_entries:
                    self._entries.popitem(last=False)
                self._computing.pop(key, None)  # only now: a newcomer finds the entry, not a gap
            return computed
