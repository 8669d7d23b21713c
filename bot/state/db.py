"""The one state store: an SQLite file in ``BOT_DATA_DIR`` by default, PostgreSQL (or any SQLAlchemy URL) for replicas.

Every table of the bot's state (feedback, and what the surfaces keep between requests) is declared on
:data:`METADATA` by the module that owns it. The schema itself belongs to Alembic (``bot/state/migrations``):
:func:`connect` upgrades the database to the newest revision before handing out the engine, under a lock
(a PostgreSQL advisory lock, or a file lock beside an SQLite file) so two replicas starting at once do not
both run a migration. SQLAlchemy Core, not an ORM: the state is a few small tables written from worker threads.
"""

from __future__ import annotations

import contextlib
import importlib
import threading
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Connection, Engine, MetaData, create_engine, event, inspect, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url

METADATA = MetaData()
"""Every state table; each owner module declares its own on it (see :func:`load_tables`)."""

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
INITIAL_REVISION = "0001"
"""The revision whose tables ``create_all`` made before Alembic owned the schema (a data directory from then)."""

MIGRATION_LOCK_ID = 0x63686F75
"""PostgreSQL advisory lock key held while migrating (any fixed 64-bit number; "chou" in ASCII)."""

TABLE_OWNERS = ("bot.state.feedback", "bot.state.conversations", "bot.state.slack_state")
"""The modules that declare tables on :data:`METADATA`: a new one is listed here and gets a migration."""

_engines: dict[str, Engine] = {}
_lock = threading.Lock()


def sqlite_url(path: Path) -> str:
    """The URL of an SQLite file, its folder created."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def engine_url(url: str) -> str:
    """The one place a ``postgresql://`` (or ``postgres://``) URL gets the psycopg 3 driver.

    SQLAlchemy's bare ``postgresql://`` means psycopg2, which the bot does not install; operators write the
    URL their PostgreSQL documents, so the driver is chosen here rather than in every deployment's settings.
    """
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def load_tables() -> MetaData:
    """:data:`METADATA` with every owner module's tables declared on it: importing a module declares its tables."""
    for owner in TABLE_OWNERS:
        importlib.import_module(owner)
    return METADATA


def insert_for(engine: Engine):
    """The dialect's ``insert`` (with ``on_conflict_do_update``): one statement where a read-then-write would race."""
    return postgresql.insert if engine.dialect.name == "postgresql" else sqlite.insert


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001 - SQLAlchemy's event signature
    """WAL lets readers go on while one thread writes; a writer waits up to 10 s for another. In WAL mode
    synchronous=NORMAL never corrupts the file and saves an fsync per write (Slack acks write once each)."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def alembic_config(connection: Connection | None = None):
    """Alembic's configuration without an ``alembic.ini``: the migrations folder inside the package."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


@contextlib.contextmanager
def _migration_lock(engine: Engine) -> Iterator[Connection]:
    """One migrating process at a time: the others wait, then find the schema already at head."""
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": MIGRATION_LOCK_ID})
            conn.commit()
            try:
                yield conn
            finally:
                conn.rollback()
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": MIGRATION_LOCK_ID})
                conn.commit()
        return
    database = engine.url.database
    if engine.dialect.name == "sqlite" and database and database != ":memory:":
        from filelock import FileLock

        with FileLock(f"{database}.migrate.lock", timeout=120), engine.connect() as conn:
            yield conn
        return
    with engine.connect() as conn:  # an in-memory database is private to this process
        yield conn


def migrate(engine: Engine) -> None:
    """Upgrade the database to the newest revision; a pre-Alembic database is first stamped as the initial one."""
    from alembic import command

    with _migration_lock(engine) as conn:
        tables = set(inspect(conn).get_table_names())
        config = alembic_config(conn)
        if "alembic_version" not in tables and "feedback" in tables:
            command.stamp(config, INITIAL_REVISION)
        command.upgrade(config, "head")
        conn.commit()


def connect(url: str) -> Engine:
    """One engine per URL per process, the database migrated to the newest schema."""
    with _lock:
        engine = _engines.get(url)
        if engine is None:
            engine = create_engine(engine_url(url), pool_pre_ping=True)
            if engine.dialect.name == "sqlite":
                event.listen(engine, "connect", _sqlite_pragmas)
            load_tables()
            migrate(engine)
            _engines[url] = engine
        return engine


def new_revision(message: str) -> Path:
    """Write the next migration for what changed on :data:`METADATA` (a developer's tool, not run by the bot).

    Autogenerated against a scratch SQLite database at the current head; review the file before committing it.
    """
    import tempfile

    from alembic import command
    from alembic.script import ScriptDirectory

    config = alembic_config()
    head = ScriptDirectory.from_config(config).get_current_head()
    with tempfile.TemporaryDirectory() as scratch:
        engine = create_engine(f"sqlite:///{Path(scratch) / 'head.sqlite3'}")
        load_tables()
        with engine.connect() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
            script = command.revision(config, message=message, autogenerate=True, rev_id=f"{int(head or 0) + 1:04d}")
            conn.commit()
        engine.dispose()
    return Path(script.path)  # type: ignore[union-attr]
