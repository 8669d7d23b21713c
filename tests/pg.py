"""A throwaway PostgreSQL for the tests: Debian's server binaries, a temporary cluster on a free loopback port.

Nothing is running before the tests (CI starts from a clean machine), so the session starts its own cluster
and deletes it at the end. PostgreSQL refuses to run as root: as root (CI) the cluster belongs to the
``postgres`` system user the Debian package creates, and every server command runs through ``runuser``.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import psycopg


def server_bin() -> Path | None:
    """The newest installed PostgreSQL's ``bin`` folder (``postgresql`` in Debian), or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ThrowawayPostgres:
    """``start()`` a cluster in a temporary directory (socket there too), ``database()`` per test, ``stop()``."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="bot-test-pg-"))
        self.data = self.root / "data"
        self.port = free_port()
        self.as_root = os.geteuid() == 0

    def _run(self, *args: str, timeout: float = 60) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_root else []
        subprocess.run([*prefix, *args], check=True, timeout=timeout, capture_output=True, cwd=self.root)

    def start(self) -> ThrowawayPostgres:
        try:
            return self._start()
        except BaseException:
            self.stop()
            raise

    def _start(self) -> ThrowawayPostgres:
        if self.as_root:
            shutil.chown(self.root, "postgres", "postgres")
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust",
                  "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync")
        # a test cluster: durability is not wanted (fsync off), only loopback and a private socket folder
        options = (f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.root} "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
        self._run(str(self.bin / "pg_ctl"), "start", "-D", str(self.data), "-o", options,
                  "-l", str(self.root / "server.log"), "-w", "-t", "60", timeout=90)
        return self

    @property
    def admin_dsn(self) -> str:
        return f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres"

    def database(self) -> str:
        """A new empty database; its ``postgresql://`` URL (the form operators write in BOT_DATABASE_URL)."""
        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.admin_dsn, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        try:
            if (self.data / "postmaster.pid").exists():
                self._run(str(self.bin / "pg_ctl"), "stop", "-D", str(self.data), "-m", "immediate", "-w",
                          "-t", "30", timeout=60)
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
