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
