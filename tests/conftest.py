"""Shared fixtures: one real index per test session, built in a temporary data directory."""

from __future__ import annotations

import tempfile
from functools import lru_cache
from pathlib import Path

import pytest

from bot.config import Settings
from bot.document.parser import load_records
from bot.models import Record

SEED_SHA256 = "ce26e07bd0716940bd30bdc372d0a07d41a1fc161e0e52812bd271ac36eb155a"


@lru_cache(maxsize=1)
def session_data_dir() -> Path:
    """One data directory per test run, so the index is embedded once and shared by every test."""
    return Path(tempfile.mkdtemp(prefix="bot-test-data-"))


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings(data_dir=session_data_dir())


@pytest.fixture(scope="session")
def records(settings: Settings) -> list[Record]:
    return load_records(settings.corpus_path)


@pytest.fixture(scope="session")
def corpus_text(settings: Settings) -> str:
    return Path(settings.corpus_path).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def service(settings: Settings):
    from bot.qa.service import QAService

    return QAService(settings)


@pytest.fixture(scope="session")
def postgres():
    """A PostgreSQL cluster for the whole session, or a skip (a failure in CI, which installs it)."""
    import os

    from tests.pg import ThrowawayPostgres, server_bin

    bin_dir = server_bin()
    if bin_dir is None:
        reason = "PostgreSQL server binaries not found (Debian package postgresql; .ci/run installs it)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    server = ThrowawayPostgres(bin_dir).start()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def state_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty state store on each engine: an SQLite file, or a new database in the session's PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'state.sqlite3'}"
    return request.getfixturevalue("postgres").database()
