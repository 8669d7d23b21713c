"""The index on disk: built on first use, rebuilt when corrupt, swapped atomically, and in server mode."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from bot.config import Settings
from bot.errors import CorpusMissing
from bot.search.index import build_index, open_index
from tests.conftest import session_data_dir


@pytest.fixture(scope="module")
def n_records(service) -> int:
    """Also makes sure the session index (and its embedding cache) exists before these tests copy it."""
    return len(service.records)


def _settings(tmp_path: Path) -> Settings:
    """A fresh data dir that reuses the session's embedding cache (the vectors are the same)."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    shutil.copy(session_data_dir() / "embedding_cache.sqlite3", tmp_path / "embedding_cache.sqlite3")
    return Settings(data_dir=tmp_path)


def test_missing_index_is_built_on_first_use(tmp_path: Path, caplog: pytest.LogCaptureFixture, n_records: int) -> None:
    settings = _settings(tmp_path / "d")
    index = open_index(settings)
    assert len(index.records) == index.collection.count() == n_records
    assert settings.index_dir.is_symlink() and (settings.index_dir / "manifest.json").is_file()
    assert "rebuilding" in caplog.text


def test_corrupt_index_is_rebuilt(tmp_path: Path, caplog: pytest.LogCaptureFixture, n_records: int) -> None:
    settings = _settings(tmp_path / "d")
    build_index(settings)
    (settings.index_dir / "manifest.json").write_text("{not json", encoding="utf-8")
    index = open_index(settings)
    assert index.collection.count() == n_records
    assert "index unusable" in caplog.text


def test_index_from_another_corpus_is_rebuilt(tmp_path: Path, caplog: pytest.LogCaptureFixture, n_records: int) -> None:
    settings = _settings(tmp_path / "d")
    build_index(settings)
    corpus = tmp_path / "corpus.md"
    corpus.write_text(settings.corpus_path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    index = open_index(settings.model_copy(update={"corpus_path": corpus}))
    assert index.manifest["corpus"] == str(corpus)
    assert "another corpus" in caplog.text


def test_rebuild_swaps_atomically_and_keeps_readers_working(tmp_path: Path, n_records: int) -> None:
    settings = _settings(tmp_path / "d")
    build_index(settings)
    first = settings.index_dir.resolve()
    reader = open_index(settings)
    build_index(settings)
    second = settings.index_dir.resolve()
    assert first != second and second.is_dir()
    for _ in range(3):  # more builds than index_keep: the reader's lease keeps its build on disk
        build_index(settings)
        assert first.is_dir(), "a build a live reader holds is never deleted"
        assert reader.dense("交通空白", 1)  # the old reader still answers
    builds = sorted(p.name for p in settings.data_dir.glob("index-*"))
    assert len(builds) == settings.index_keep + 1, builds  # the newest two, and the one in use
    reader.close()
    build_index(settings)
    assert not first.exists(), "released: the next build deletes it"
    assert len(list(settings.data_dir.glob("index-*"))) == settings.index_keep
    leftovers = [p.name for p in settings.data_dir.iterdir() if p.name.startswith(".index-")]
    assert leftovers == []


def test_failed_build_leaves_the_current_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, n_records: int
) -> None:
    settings = _settings(tmp_path / "d")
    build_index(settings)
    before = settings.index_dir.resolve()

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("bot.search.index._fill", boom)
    with pytest.raises(RuntimeError):
        build_index(settings)
    assert settings.index_dir.resolve() == before
    assert open_index(settings).collection.count() == n_records


def test_missing_corpus_is_a_clear_error(tmp_path: Path, n_records: int) -> None:
    settings = _settings(tmp_path / "d").model_copy(update={"corpus_path": tmp_path / "nope.md"})
    with pytest.raises(CorpusMissing, match="nope.md"):
        open_index(settings)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_server_mode_against_a_real_chroma_server(tmp_path: Path, n_records: int) -> None:
    port = _free_port()
    chroma = Path(sys.executable).parent / "chroma"
    proc = subprocess.Popen(
        [str(chroma), "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "NO_PROXY": "127.0.0.1"},
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        corpus = tmp_path / "corpus.md"
        shutil.copy(Settings().corpus_path, corpus)
        settings = _settings(tmp_path / "d").model_copy(
            update={"chroma_mode": "server", "chroma_port": port, "corpus_path": corpus, "index_reload_s": 0}
        )
        index = open_index(settings)  # builds the collection on the server
        assert index.collection.count() == n_records
        again = open_index(settings)  # a second replica opens the same collection
        [(rid, _)] = again.dense("ふるさと住民登録制度", 1)
        assert again.by_id[rid].line_start == 190
        assert build_index(settings)["build"] == index.collection.name  # same corpus: the collection is kept
        assert again.dense("ふるさと住民登録制度", 1)  # and replicas reading it never notice

        from bot.qa.service import QAService

        service = QAService(settings)
        corpus.write_text(corpus.read_text(encoding="utf-8") + "\n- 追記：テスト用の行です。\n", encoding="utf-8")
        assert service.reload() is False, "a corpus file edited is not a version until `ingest` publishes it"
        assert "reload_error" not in service.health()["serving"]
        assert open_index(settings).token == index.token, "a replica starting now serves the published version"
        manifest = build_index(settings)
        assert service.reload() is True  # a replica follows the collection of the new corpus digest
        serving = service.health()["serving"]
        assert serving["digest"] == manifest["digest"] and "reload_error" not in serving
        assert not service.ask("ふるさと住民登録制度の予算は？").refused
        assert again.dense("ふるさと住民登録制度", 1)  # the old version's collection is still there
    finally:
        proc.terminate()
        proc.wait(timeout=10)
