"""Provision and run a local Neo4j Community server as a plain Java process.

The jars come from Maven Central through `mvn` (see pom.xml beside this file) and are kept under the
state folder, so only the first start needs the network. Each instance (the user's, the tests')
has its own config, data, logs, pid file and password under `instances/<name>/`.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, ServiceUnavailable
from rich.console import Console

from graph.errors import ServerError
from graph.settings import Settings

POM = Path(__file__).with_name("pom.xml")
ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
MIN_JAVA = 17
INITIAL_PASSWORD = "neo4j"  # what a fresh Neo4j accepts once, before it must be changed
LOG_TAIL_LINES = 25


@dataclass(frozen=True)
class ServerStatus:
    running: bool
    pid: int | None
    bolt_uri: str
    browser_url: str | None
    user: str
    password_hint: str
    instance_dir: Path

    def describe(self) -> str:
        state = f"running (pid {self.pid})" if self.running else "stopped"
        lines = [
            f"Neo4j:    {state}",
            f"Bolt:     {self.bolt_uri}",
            f"Browser:  {self.browser_url or '(not managed here)'}",
            f"User:     {self.user}",
            f"Password: {self.password_hint}",
        ]
        return "\n".join(lines)


class LocalServer:
    def __init__(self, settings: Settings) -> None:
        if not settings.manages_local_server:
            raise ServerError(
                f"NEO4J_URI is set ({settings.neo4j_uri}): geoalign uses that Neo4j "
                "and manages no local server"
            )
        self.settings = settings
        self.lib_dir = settings.geoalign_state_dir / "lib"
        self.home = settings.instance_dir
        self.conf_dir = self.home / "conf"
        self.data_dir = self.home / "data"
        self.logs_dir = self.home / "logs"
        self.pid_file = self.home / "neo4j.pid"
        self.console_log = self.logs_dir / "console.log"

    # ----- provisioning -------------------------------------------------------------------

    def java_version(self) -> int:
        java = self.settings.geoalign_java
        try:
            proc = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60)
        except FileNotFoundError:
            raise ServerError(
                f"Java not found: '{java}' is not on PATH. Neo4j 5.26 needs Java {MIN_JAVA}+ "
                "(Debian/Ubuntu: apt-get install openjdk-17-jre-headless), or set GEOALIGN_JAVA "
                "to a java executable."
            ) from None
        match = re.search(r'version "(\d+)', proc.stderr + proc.stdout)
        if proc.returncode != 0 or not match:
            raise ServerError(f"'{java} -version' failed: {(proc.stderr or proc.stdout).strip()}")
        version = int(match.group(1))
        if version < MIN_JAVA:
            raise ServerError(f"'{java}' is Java {version}; Neo4j 5.26 needs Java {MIN_JAVA} or newer")
        return version

    def provision(self) -> None:
        """Fetch the server jars once; later calls find them and do nothing."""
        with _locked(self.lib_dir.with_name("lib.lock")):
            self._provision()

    def _provision(self) -> None:
        marker = self.lib_dir / ".complete"
        if marker.exists() and marker.read_text() == POM.read_text():
            return
        mvn = shutil.which("mvn")
        if mvn is None:
            raise ServerError(
                "Maven ('mvn') is needed once to fetch Neo4j from Maven Central "
                "(Debian/Ubuntu: apt-get install maven)"
            )
        staging = self.lib_dir.with_name("lib.partial")
        shutil.rmtree(staging, ignore_errors=True)
        command = [
            mvn,
            "-B",
            "-f",
            str(POM),
            "dependency:copy-dependencies",
            f"-DoutputDirectory={staging}",
            "-DincludeScope=runtime",
        ]
        returncode, output = _run_with_progress(
            command, "Fetching Neo4j from Maven Central (first start only)"
        )
        if returncode != 0:
            raise ServerError("fetching Neo4j with mvn failed:\n" + _tail(output))
        shutil.rmtree(self.lib_dir, ignore_errors=True)
        staging.rename(self.lib_dir)
        marker.write_text(POM.read_text())

    def write_config(self) -> None:
        s = self.settings
        for folder in (self.conf_dir, self.data_dir, self.logs_dir):
            folder.mkdir(parents=True, exist_ok=True)
        bolt = f"127.0.0.1:{s.geoalign_bolt_port}"
        http = f"127.0.0.1:{s.geoalign_http_port}"
        lines = [
            "# Written by geoalign on every start; edit the settings, not this file.",
            "server.default_listen_address=127.0.0.1",
            "server.default_advertised_address=127.0.0.1",
            f"server.bolt.listen_address={bolt}",
            f"server.bolt.advertised_address={bolt}",
            f"server.http.listen_address={http}",
            f"server.http.advertised_address={http}",
            "server.https.enabled=false",
            "dbms.security.auth_enabled=true",
            "dbms.usage_report.enabled=false",
            # Browser asks for consent to product analytics unless the server turns them off.
            "client.allow_telemetry=false",
            f"server.memory.heap.initial_size={s.geoalign_neo4j_heap}",
            f"server.memory.heap.max_size={s.geoalign_neo4j_heap}",
            f"server.memory.pagecache.size={s.geoalign_neo4j_pagecache}",
            # Browser may fetch the API's guide and style, and opens the guide on connecting.
            # (Neo4j 5.26 still names this setting "whitelist"; "allowlist" is refused as unknown.)
            "browser.remote_content_hostname_whitelist=127.0.0.1,localhost",
            f"browser.post_connect_cmd=play {s.api_base}/browser/guide",
            # The transaction log of a curated graph stays small: keep a day of it, and do not
            # preallocate 250 MB log files for every instance (the tests start several).
            "db.tx_log.preallocate=false",
            "db.tx_log.rotation.retention_policy=1 days",
        ]
        for name in ("data", "logs", "plugins", "import", "run", "lib", "licenses"):
            target = self.lib_dir if name == "lib" else self.home / name
            lines.append(f"server.directories.{name}={target}")
        (self.conf_dir / "neo4j.conf").write_text("\n".join(lines) + "\n")

    # ----- lifecycle ----------------------------------------------------------------------

    def pid(self) -> int | None:
        """The pid of this instance's server if it is alive, else None."""
        try:
            pid = int(self.pid_file.read_text().strip())
        except (FileNotFoundError, ValueError):
            return None
        return pid if _is_our_server(pid, self.home) else None

    def status(self) -> ServerStatus:
        s = self.settings
        if s.neo4j_password is not None:
            hint = "from NEO4J_PASSWORD"
        elif s.password_file.exists():
            hint = f"stored in {s.password_file}"
        else:
            hint = f"generated on first start, stored in {s.password_file}"
        pid = self.pid()
        return ServerStatus(
            running=pid is not None,
            pid=pid,
            bolt_uri=s.bolt_uri,
            browser_url=s.browser_url,
            user=s.neo4j_user,
            password_hint=hint,
            instance_dir=self.home,
        )

    def start(self) -> ServerStatus:
        """Start the server and return once Bolt answers; harmless when it already runs."""
        with _locked(self.home / ".lock"):
            return self._start()

    def _start(self) -> ServerStatus:
        running = self.pid()
        if running is not None:
            self._wait_for_bolt(running)
            return self.status()
        self.java_version()
        for port, what, variable in (
            (self.settings.geoalign_bolt_port, "Bolt", "GEOALIGN_BOLT_PORT"),
            (self.settings.geoalign_http_port, "HTTP", "GEOALIGN_HTTP_PORT"),
        ):
            if not _port_free(port):
                raise ServerError(
                    f"port {port} on 127.0.0.1 ({what}) is already in use; stop whatever holds it "
                    f"or choose another port with {variable}"
                )
        self.provision()
        self.write_config()
        command = [
            self.settings.geoalign_java,
            f"-Xms{self.settings.geoalign_neo4j_heap}",
            f"-Xmx{self.settings.geoalign_neo4j_heap}",
            "-XX:+UseG1GC",
            "-XX:+ExitOnOutOfMemoryError",
            "-Dfile.encoding=UTF-8",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "-cp",
            f"{self.lib_dir}/*",
            ENTRY_POINT,
            f"--home-dir={self.home}",
            f"--config-dir={self.conf_dir}",
            "--console-mode",
        ]
        with self.console_log.open("ab") as log:
            process = subprocess.Popen(
                command,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
                cwd=self.home,
                env=server_environment(),
            )
        self.pid_file.write_text(str(process.pid))
        try:
            self._wait_for_bolt(process.pid, process)
            self._ensure_password()
        except BaseException:
            self._terminate(process.pid)
            raise
        return self.status()

    def stop(self, timeout: float = 60.0) -> bool:
        """Shut the server down cleanly; return False when it was not running."""
        with _locked(self.home / ".lock"):
            return self._stop(timeout)

    def _stop(self, timeout: float) -> bool:
        pid = self.pid()
        if pid is None:
            self.pid_file.unlink(missing_ok=True)
            return False
        self._terminate(pid, timeout)
        return True

    # ----- helpers ------------------------------------------------------------------------

    def _terminate(self, pid: int, timeout: float = 60.0) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while _alive(pid):
            if time.monotonic() > deadline:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
                timeout = 10.0
                deadline = time.monotonic() + timeout
            time.sleep(0.2)
        self.pid_file.unlink(missing_ok=True)

    def _wait_for_bolt(self, pid: int, process: subprocess.Popen[bytes] | None = None) -> None:
        port = self.settings.geoalign_bolt_port
        deadline = time.monotonic() + self.settings.geoalign_start_timeout
        while time.monotonic() < deadline:
            if not _alive(pid):
                code = process.poll() if process else None
                raise ServerError(
                    f"Neo4j exited during start-up (exit code {code}). The end of its log:\n"
                    + self.log_tail()
                )
            with socket.socket() as sock:
                sock.settimeout(1.0)
                if sock.connect_ex(("127.0.0.1", port)) == 0 and _alive(pid):
                    return
            time.sleep(0.3)
        raise ServerError(
            f"Neo4j did not answer on Bolt port {port} within "
            f"{self.settings.geoalign_start_timeout:.0f}s. The end of its log:\n" + self.log_tail()
        )

    def _ensure_password(self) -> None:
        """Replace Neo4j's one-time initial password with ours on the first start."""
        s = self.settings
        wanted = s.password
        if wanted is None:
            wanted = secrets.token_urlsafe(18)
            s.password_file.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(s.password_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w") as out:
                out.write(wanted + "\n")
        uri = s.bolt_uri
        deadline = time.monotonic() + 30
        while True:
            try:
                with GraphDatabase.driver(uri, auth=(s.neo4j_user, wanted)) as driver:
                    driver.verify_connectivity()
                return
            except AuthError:
                break  # still the initial password, or a different one
            except ServiceUnavailable:
                if time.monotonic() > deadline:
                    raise ServerError("Neo4j opened its Bolt port but does not answer") from None
                time.sleep(0.5)
        try:
            with GraphDatabase.driver(uri, auth=(s.neo4j_user, INITIAL_PASSWORD)) as driver:
                driver.execute_query(
                    "ALTER CURRENT USER SET PASSWORD FROM $old TO $new",
                    {"old": INITIAL_PASSWORD, "new": wanted},
                    database_="system",
                )
        except AuthError:
            raise ServerError(
                f"Neo4j rejects the password ({self.status().password_hint}); this instance was set "
                f"up with another one. Set NEO4J_PASSWORD to it, or delete {self.home} to start afresh."
            ) from None

    def log_tail(self, lines: int = LOG_TAIL_LINES) -> str:
        parts = []
        for log in (self.console_log, self.logs_dir / "neo4j.log"):
            if log.exists():
                parts.append(f"--- {log}\n" + _tail(log.read_text(errors="replace"), lines))
        return "\n".join(parts) or "(no log written)"


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """One start, stop or provisioning at a time for the same folder, across processes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def server_environment() -> dict[str, str]:
    """The JVM's environment: ours without the NEO4J_ variables, so that NEO4J_PASSWORD (which
    reaches Neo4j over Bolt, when the initial password is changed) stays out of a process whose
    environment other local users' tools can read, and no NEO4J_ setting overrides neo4j.conf."""
    return {name: value for name, value in os.environ.items() if not name.startswith("NEO4J_")}


_DOWNLOADED = re.compile(r"^(\[INFO\] )?Downloaded from \S+: \S+ \((?P<size>[\d.]+) (?P<unit>[kMG]?B)")
_UNITS = {"B": 1, "kB": 1_000, "MB": 1_000_000, "GB": 1_000_000_000}


def downloaded_bytes(line: str) -> float | None:
    """The size of the file a line of Maven's batch output says it downloaded, if it says so."""
    found = _DOWNLOADED.match(line.strip())
    return None if found is None else float(found["size"]) * _UNITS[found["unit"]]


def _run_with_progress(command: list[str], title: str) -> tuple[int, str]:
    """Run Maven, showing how many files it has downloaded: a live line on a terminal, a line
    before and after elsewhere (CI logs). Returns the exit code and Maven's whole output."""
    console = Console(stderr=True)
    files, size, lines = 0, 0.0, []
    started = time.monotonic()
    if not console.is_terminal:
        console.print(f"{title} ...")
    with (
        console.status(title) as status,
        subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True
        ) as process,
    ):
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line)
            got = downloaded_bytes(line)
            if got is not None:
                files += 1
                size += got
                status.update(f"{title}: {files} files, {size / 1e6:.1f} MB")
    if files:
        console.print(f"Fetched {files} files ({size / 1e6:.1f} MB) in {time.monotonic() - started:.0f} s.")
    return process.returncode, "".join(lines)


def _tail(text: str, lines: int = LOG_TAIL_LINES) -> str:
    return "\n".join(text.rstrip().splitlines()[-lines:])


def _port_free(port: int) -> bool:
    with socket.socket() as sock:
        # As a server would bind: connections lingering in TIME_WAIT do not make a port busy.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _alive(pid: int) -> bool:
    """True while the process exists and is not a zombie (reaping it if it is our child)."""
    try:
        if os.waitpid(pid, os.WNOHANG) != (0, 0):
            return False
    except ChildProcessError:
        pass
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    if stat.rsplit(")", 1)[1].split()[0] != "Z":
        return True
    # A zombie leader can still have live threads: the JVM's main thread ends before its shutdown
    # does. The process is gone only once no thread is left but the leader.
    try:
        if len(os.listdir(f"/proc/{pid}/task")) > 1:
            return True
    except FileNotFoundError:
        return False
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reap it if it is ours
    return False


def _is_our_server(pid: int, home: Path) -> bool:
    if not _alive(pid):
        return False
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except FileNotFoundError:
        return False
    return ENTRY_POINT in cmdline and f"--home-dir={home}" in cmdline
