"""Throw-away servers for tests: a PostgreSQL cluster and a Chroma server on 127.0.0.1.

Each helper is a context manager that skips the test when the server cannot run
here: no binaries, no unprivileged user to run PostgreSQL as, or no answer within
the start-up timeout. Under CI (the ``CI`` variable is set) the same condition
fails the test instead: CI must prove the real-server paths, not skip them. Data lives in a fresh temp dir that is
removed afterwards; the server process is stopped by its own pid.
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import pytest

START_TIMEOUT = 30.0


def unavailable(reason: str) -> NoReturn:
    """Skip a real-server test with ``reason``; under CI, fail it."""
    if os.environ.get("CI"):
        pytest.fail(f"real server unavailable under CI: {reason}", pytrace=False)
    pytest.skip(reason)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _stop(proc: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> None:
    if proc.poll() is None:
        proc.send_signal(sig)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


def _tail(path: Path, lines: int = 5) -> str:
    try:
        return " | ".join(path.read_text(errors="replace").strip().splitlines()[-lines:])
    except OSError:
        return ""


# --- PostgreSQL --------------------------------------------------------------------


def postgres_bindir() -> Path | None:
    """The directory holding ``initdb`` and ``postgres``, newest version first."""
    candidates: list[Path] = []
    found = shutil.which("initdb")
    if found:
        candidates.append(Path(found).resolve().parent)

    def version(p: Path) -> int:
        return int(p.parent.name) if p.parent.name.isdigit() else 0

    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=version, reverse=True)
    for bindir in candidates:
        if (bindir / "initdb").is_file() and (bindir / "postgres").is_file():
            return bindir
    return None


def _server_user() -> tuple[int, int] | None:
    """(uid, gid) to run the server as: PostgreSQL refuses to run as root."""
    if os.geteuid() != 0:
        return None  # already unprivileged: run as ourselves
    for name in ("postgres", "nobody"):
        with suppress(KeyError):
            entry = pwd.getpwnam(name)
            return entry.pw_uid, entry.pw_gid
    unavailable("running as root and no unprivileged user (postgres/nobody) for PostgreSQL")


@dataclass
class PostgresServer:
    port: int
    socket_dir: Path
    user: str = "postgres"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        """A new empty database; returns its SQLAlchemy URL."""
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=self.port, user=self.user, dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


def _wait_for_postgres(
    proc: subprocess.Popen[bytes], port: int, user: str, log: Path
) -> str | None:
    """None when the server accepts connections, else why it did not."""
    import psycopg

    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return f"postgres exited with {proc.returncode}: {_tail(log)}"
        try:
            with psycopg.connect(
                host="127.0.0.1", port=port, user=user, dbname="postgres", connect_timeout=2
            ):
                return None
        except psycopg.OperationalError:
            time.sleep(0.1)
    return f"postgres did not accept connections within {START_TIMEOUT:.0f} s: {_tail(log)}"


@contextmanager
def postgres_server(*settings: str) -> Iterator[PostgresServer]:
    """A fresh cluster (trust auth, no fsync) on a free 127.0.0.1 port; skips if impossible.

    ``settings`` are extra server settings ("timezone=Asia/Ho_Chi_Minh").
    """
    try:
        import psycopg  # noqa: F401
    except ImportError:
        unavailable("the psycopg driver is not installed (pip install 'psycopg[binary]')")
    bindir = postgres_bindir()
    if bindir is None:
        unavailable("PostgreSQL server binaries (initdb, postgres) not found")
    owner = _server_user()
    # Short path: the unix socket path must stay under ~100 bytes.
    root = Path(tempfile.mkdtemp(prefix="planbot-pg-"))
    as_user: dict[str, Any] = {}
    if owner is not None:
        os.chown(root, *owner)
        as_user = {"user": owner[0], "group": owner[1], "extra_groups": []}
    env = {**os.environ, "HOME": str(root), "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
    env.pop("PGDATA", None)
    log = root / "server.log"
    proc: subprocess.Popen[bytes] | None = None
    try:
        init = subprocess.run(
            [str(bindir / "initdb"), "-D", str(root / "data"), "-U", "postgres"]
            + ["--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"],
            cwd=root,
            env=env,
            capture_output=True,
            timeout=60,
            check=False,
            **as_user,
        )
        if init.returncode != 0:
            reason = (init.stderr or init.stdout).decode(errors="replace").strip()[-300:]
            unavailable(f"initdb failed: {reason}")
        port = free_port()
        with log.open("wb") as out:
            proc = subprocess.Popen(
                [str(bindir / "postgres"), "-D", str(root / "data"), "-p", str(port)]
                + ["-h", "127.0.0.1", "-k", str(root), "-F"]
                + ["-c", "synchronous_commit=off", "-c", "full_page_writes=off"]
                + [arg for setting in settings for arg in ("-c", setting)],
                cwd=root,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                **as_user,
            )
        problem = _wait_for_postgres(proc, port, "postgres", log)
        if problem:
            unavailable(problem)
        yield PostgresServer(port=port, socket_dir=root)
    finally:
        if proc is not None:
            _stop(proc, signal.SIGINT)  # "fast" shutdown
        shutil.rmtree(root, ignore_errors=True)


# --- Chroma ------------------------------------------------------------------------


def chroma_command() -> list[str] | None:
    """The ``chroma`` CLI of this environment (it ships the server)."""
    beside = Path(sys.executable).parent / "chroma"
    if beside.is_file():
        return [str(beside)]
    found = shutil.which("chroma")
    return [found] if found else None


def _chroma_ready(port: int) -> bool:
    for path in ("/api/v2/heartbeat", "/api/v1/heartbeat"):
        url = f"http://127.0.0.1:{port}{path}"
        with suppress(OSError), urllib.request.urlopen(url, timeout=2) as r:
            if r.status == 200:
                return True
    return False


@contextmanager
def chroma_server() -> Iterator[int]:
    """A Chroma server on a free 127.0.0.1 port with a temp directory; yields the port."""
    cmd = chroma_command()
    if cmd is None:
        unavailable("the chroma CLI (server) is not installed")
    root = Path(tempfile.mkdtemp(prefix="planbot-chroma-"))
    port = free_port()
    log = root / "server.log"
    env = {**os.environ, "ANONYMIZED_TELEMETRY": "False", "NO_COLOR": "1"}
    proc: subprocess.Popen[bytes] | None = None
    try:
        with log.open("wb") as out:
            proc = subprocess.Popen(
                [*cmd, "run", "--path", str(root / "db"), "--host", "127.0.0.1"]
                + ["--port", str(port)],
                cwd=root,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + START_TIMEOUT
        while not _chroma_ready(port):
            if proc.poll() is not None:
                unavailable(f"chroma server exited with {proc.returncode}: {_strip(_tail(log))}")
            if time.monotonic() > deadline:
                unavailable(f"chroma server did not answer within {START_TIMEOUT:.0f} s")
            time.sleep(0.1)
        yield port
    finally:
        if proc is not None:
            _stop(proc)
        shutil.rmtree(root, ignore_errors=True)


def _strip(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)
