"""The one place that owns the Neo4j driver and the two ways of talking to Neo4j.

`read` runs a query in a READ transaction with a timeout; `write_batches` sends rows in
batches through one parameterised statement. Values always travel as parameters.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from itertools import islice
from typing import Any

import neo4j
from neo4j import GraphDatabase
from neo4j.exceptions import (
    AuthError,
    ClientError,
    ConnectionAcquisitionTimeoutError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)

from graph import cypher
from graph.db import deadline
from graph.db.cache import ResultCache, frozen
from graph.errors import DatabaseUnavailable, DatabaseUnreachable, QueryTimeout
from graph.settings import Settings

Row = dict[str, Any]

# Neo4j reports a transaction cancelled by its time limit under these codes.
_TIMEOUT_CODES = {
    "Neo.ClientError.Transaction.TransactionTimedOut",
    "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
}


def _chunks(rows: Iterable[Row], size: int) -> Iterator[list[Row]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


class Database:
    """A driver plus the settings it was made from. Close it when done (or use `with`)."""

    def __init__(self, settings: Settings, cache_seconds: float = 0.0) -> None:
        """`cache_seconds` above 0 keeps read results that long (see graph/db/cache.py): for servers."""
        self.settings = settings
        self.cache: ResultCache | None = (
            ResultCache(cache_seconds, max_bytes=settings.geoalign_result_cache_bytes)
            if cache_seconds > 0
            else None
        )
        password = settings.password
        auth = (settings.neo4j_user, password) if password is not None else None
        self._auth_hint = None if password is not None else _missing_password(settings)
        self.driver = GraphDatabase.driver(
            settings.bolt_uri,
            auth=auth,
            connection_timeout=5.0,
            connection_acquisition_timeout=10.0,
            max_transaction_retry_time=5.0,
            # Server notes such as "property key does not exist" are for people writing Cypher in
            # Browser; the catalog's queries meet them legitimately (an optional property).
            notifications_min_severity=neo4j.NotificationMinimumSeverity.OFF,
        )

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.driver.close()

    def _session(self, access_mode: str) -> neo4j.Session:
        return self.driver.session(database=self.settings.neo4j_database, default_access_mode=access_mode)

    def read(
        self,
        query: str,
        parameters: Mapping[str, Any] | None = None,
        timeout: float | None = None,
        cached: bool = True,
    ) -> tuple[list[str], list[neo4j.Record]]:
        """Run a read-only query; return its column names and records (from the cache, if this
        Database keeps one and `cached`; records are immutable, so callers can share them)."""
        if self.cache is None or not cached:
            return self._read(query, parameters, timeout)
        key = ("read", query, frozen(parameters or {}), timeout)
        return self.cache.get(key, lambda: self._read(query, parameters, timeout))

    def _read(
        self, query: str, parameters: Mapping[str, Any] | None, timeout: float | None
    ) -> tuple[list[str], list[neo4j.Record]]:
        limit = self.settings.geoalign_query_timeout if timeout is None else timeout
        left = deadline.remaining()  # a request's budget, where one is set, bounds each read too
        if left is not None:
            deadline.check()
            limit = min(limit, max(left, 0.001))
        # An auto-commit transaction in a READ session: one round trip instead of the three of
        # BEGIN / RUN / COMMIT, and Neo4j still refuses any write in it.
        try:
            with _translated_errors(self._auth_hint), self._session(neo4j.READ_ACCESS) as session:
                result = session.run(neo4j.Query(query, timeout=limit), dict(parameters or {}))
                records = list(result)
                return list(result.keys()), records
        except QueryTimeout:
            deadline.check()  # when the request's budget is what ran out, say that
            raise

    @contextmanager
    def snapshot(self, timeout: float) -> Iterator[Callable[[str], Iterator[neo4j.Record]]]:
        """One READ transaction for several queries whose records stream as they come (an
        export of the whole graph): all of them read the same state of the graph, and no result
        is held in memory whole. Yields `run(query)`; read each result to its end before the next."""
        with _translated_errors(self._auth_hint), self._session(neo4j.READ_ACCESS) as session:
            transaction = session.begin_transaction(timeout=timeout)
            try:

                def run(query: str) -> Iterator[neo4j.Record]:
                    with _translated_errors(self._auth_hint):
                        yield from transaction.run(query)

                yield run
            finally:
                transaction.close()  # nothing was written: closing rolls back

    def write(self, query: str, parameters: Mapping[str, Any] | None = None) -> None:
        """Run one statement in an auto-commit transaction (schema commands, batched clean-ups
        with CALL ... IN TRANSACTIONS, which a managed transaction cannot run)."""
        with _translated_errors(self._auth_hint), self._session(neo4j.WRITE_ACCESS) as session:
            session.run(query, dict(parameters or {})).consume()

    def write_batches(
        self,
        statement: str | Callable[[Row], str],
        rows: Iterable[Row],
        batch_size: int = 5000,
        extra: Mapping[str, Any] | None = None,
        writers: int = 1,
    ) -> int:
        """Send `rows` as `$rows` in batches, one transaction per batch; return how many were sent.

        `statement` is the query, or a function choosing one per row (when the label or the
        relationship type varies): each batch then runs one query per choice, in one transaction.
        With `writers` above 1, that many batches are written at once, each in its own session;
        only for writes that cannot conflict with each other (their rows touch distinct entities,
        or they only create). Batches are built as they are sent, so memory holds no more than
        `writers + 1` of them whatever the input's size. The first failure stops the rest.
        """
        choose = statement if callable(statement) else (lambda _row: statement)
        parameters = dict(extra or {})

        def grouped(batch: list[Row]) -> dict[str, list[Row]]:
            groups: dict[str, list[Row]] = defaultdict(list)
            for row in batch:
                groups[choose(row)].append(row)
            return groups

        failed = threading.Event()

        def send(groups: dict[str, list[Row]]) -> None:
            if failed.is_set():  # a batch failed: the ones still waiting are not sent
                return
            try:
                with self._session(neo4j.WRITE_ACCESS) as session:
                    session.execute_write(_run_groups, groups, parameters)
            except BaseException:
                failed.set()
                raise

        sent = 0
        with _translated_errors(self._auth_hint):
            if writers <= 1:  # one session for every batch, as a single client would
                with self._session(neo4j.WRITE_ACCESS) as session:
                    for batch in _chunks(rows, batch_size):
                        session.execute_write(_run_groups, grouped(batch), parameters)
                        sent += len(batch)
                return sent
            with ThreadPoolExecutor(writers, thread_name_prefix="geoalign-writer") as pool:
                pending: set[Future[None]] = set()
                for batch in _chunks(rows, batch_size):
                    if len(pending) > writers:  # one batch waits ready while `writers` run
                        done, pending = wait(pending, return_when=FIRST_COMPLETED)
                        for future in done:
                            future.result()  # re-raises a batch's failure here
                    pending.add(pool.submit(send, grouped(batch)))
                    sent += len(batch)
                for future in pending:
                    future.result()
        return sent

    def ping(self) -> None:
        """Raise DatabaseUnavailable unless Neo4j answers a trivial read."""
        self.read(cypher.statement("health/ping"), timeout=5.0, cached=False)


def _run_groups(tx: neo4j.ManagedTransaction, groups: dict[str, list[Row]], extra: dict[str, Any]) -> None:
    for query, rows in groups.items():
        tx.run(query, {"rows": rows, **extra}).consume()


def _missing_password(settings: Settings) -> str:
    """What to do when no password is known: said when Neo4j refuses the connection for it."""
    if settings.manages_local_server:
        return (
            f"no password is known for the local Neo4j ({settings.password_file} does not exist). "
            "If it was started with NEO4J_PASSWORD set, set NEO4J_PASSWORD to the same value again"
        )
    return f"NEO4J_URI is set ({settings.neo4j_uri}) but NEO4J_PASSWORD is not: set NEO4J_PASSWORD"


@contextmanager
def _translated_errors(auth_hint: str | None = None) -> Iterator[None]:
    """Turn the driver's connection and timeout errors into the core's own. `auth_hint` says
    what to do when Neo4j refuses a connection made without a password."""
    try:
        yield
    except (ServiceUnavailable, SessionExpired) as exc:
        raise DatabaseUnreachable(f"Neo4j is not reachable: {exc}") from exc
    except ConnectionAcquisitionTimeoutError as exc:
        raise DatabaseUnavailable(f"Neo4j is busy: no connection became free in time ({exc})") from exc
    except TransientError as exc:  # out of memory for the transaction, leader switch, ...: retry later
        raise DatabaseUnavailable(f"Neo4j could not run the query just now: {exc.message}") from exc
    except AuthError as exc:
        if auth_hint:
            raise DatabaseUnavailable(f"Neo4j refused the connection: {auth_hint}") from exc
        raise DatabaseUnavailable(f"Neo4j refused the credentials: {exc.message}") from exc
    except ClientError as exc:
        if auth_hint and str(exc.code).startswith("Neo.ClientError.Security."):
            raise DatabaseUnavailable(f"Neo4j refused the connection: {auth_hint}") from exc
        if exc.code in _TIMEOUT_CODES:
            raise QueryTimeout("the query ran past its time limit and was cancelled") from exc
        raise
