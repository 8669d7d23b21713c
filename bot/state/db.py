"""The one state store: an SQLite file in ``BOT_DATA_DIR`` by default, any SQLAlchemy URL for replicas.

Every table of the bot's state (feedback, and what the surfaces keep between requests) is declared on
:data:`METADATA` by the module that owns it and created by :func:`connect`. SQLAlchemy Core, not an ORM:
the state is a few small tables written from worker threads.
"""

from __future__ import annotations

import threading
from pathlib import Path

from sqlalchemy import Engine, MetaData, create_engine, event

METADATA = MetaData()
"""Every state table; each owner module declares its own on it."""

_engines: dict[str, Engine] = {}
_lock = threading.Lock()


def sqlite_url(path: Path) -> str:
    """The URL of an SQLite file, its folder created."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001 - SQLAlchemy's event signature
    """WAL lets readers go on while one thread writes; a writer waits up to 10 s for another. In WAL mode
    synchronous=NORMAL never corrupts the file and saves an fsync per write (Slack acks write once each)."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def connect(url: str) -> Engine:
    """One engine per URL per process, with every table of :data:`METADATA` created."""
    with _lock:
        engine = _engines.get(url)
        if engine is None:
            engine = create_engine(url, pool_pre_ping=True)
            if engine.dialect.name == "sqlite":
                event.listen(engine, "connect", _sqlite_pragmas)
            METADATA.create_all(engine)
            _engines[url] = engine
        return engine
