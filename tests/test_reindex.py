"""Re-indexing a live system: one ingest at a time, kill -9, live reload under load, self-healing.

Loopback only and bounded. Every test works in its own data directory with a copy of the session's
embedding cache, and a "new version" is a COPY of the corpus (``BOT_CORPUS_PATH``) with a line
appended, so a re-ingest embeds one record, not the whole document. ``corpus/`` is never edited.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from bot.config import DEFAULT_CORPUS, Settings
from bot.qa.service import QAService
from bot.search.index import MANIFEST, build_index, corpus_digest, ingest_lock, open_index, tidy
from tests.conftest import session_data_dir

pytestmark = pytest.mark.slow

QUESTIONS = [
    "ふるさと住民登録制度の予算は？",
    "地方創生2.0予算の概算要求額はいくらですか？",
    "「交通空白」の解消に向けた取組の担当省庁は？",
    "地方創生伴走支援事業の予算は？",
]
CONCURRENT_ROUNDS = int(os.environ.get("BOT_TEST_INGEST_ROUNDS", "10"))  # 20 for the figure
KILL_ROUNDS = int(os.environ.get("BOT_TEST_KILL_ROUNDS", "6"))


@pytest.fixture(scope="module", autouse=True)
def _session_cache(service) -> None:
    """The session index (and so its embedding cache) exists before these tests copy the cache."""
    assert service.records


def _data_dir(path: Path, cache: bool = True) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    if cache:
        shutil.copy(session_data_dir() / "embedding_cache.sqlite3", path / "embedding_cache.sqlite3")
    return path


def _corpus(path: Path, revision: int = 0, lines: int | None = None) -> Path:
    """A copy of the corpus; ``revision`` > 0 appends that many lines (a new version, one record changed)."""
    text = DEFAULT_CORPUS.read_text(encoding="utf-8")
    if lines is not None:
        text = "\n".join(text.split("\n")[:lines]) + "\n"
    if revision and not text.endswith("\n"):
        text += "\n"
    text += "".join(f"- 改訂{n}：テスト用に追記した行です。\n" for n in range(1, revision + 1))
    path.write_text(text, encoding="utf-8")
    return path


def _settings(data_dir: Path, corpus: Path, **kw) -> Settings:
    return Settings(data_dir=data_dir, corpus_path=corpus, **kw)


def _env(settings: Settings, **extra: str) -> dict[str, str]:
    return {**os.environ, "BOT_DATA_DIR": str(settings.data_dir), "BOT_CORPUS_PATH": str(settings.corpus_path),
            "BOT_EMBEDDING_THREADS": "1", "NO_PROXY": "127.0.0.1,localhost", **extra}


def _ingest(settings: Settings, **extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "bot", "ingest"], env=_env(settings, **extra),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _run(settings: Settings, *args: str, **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bot", *args], env=_env(settings, **extra),
                          capture_output=True, text=True, timeout=120, check=False)


def _assert_valid(settings: Settings) -> dict:
    """The current index opens without any rebuild, is complete, and is built from the corpus as it is now."""
    index = open_index(settings, build=False)
    try:
        assert index.collection.count() == len(index.records) == index.manifest["records"]
        assert index.manifest["digest"] == corpus_digest(settings)
        assert index.lines == settings.corpus_path.read_text(encoding="utf-8").split("\n")
        return index.version
    finally:
        index.close()


def _partial_builds(settings: Settings) -> list[str]:
    return [p.name for p in settings.data_dir.glob("index-*") if not (p / MANIFEST).is_file()]


def _one_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    return lines[0]


# --- one ingest at a time ------------------------------------------------------------------------------


def test_second_ingest_refuses_in_one_line_when_told_not_to_wait(tmp_path: Path) -> None:
    settings = _settings(_data_dir(tmp_path / "d"), _corpus(tmp_path / "c.md"))
    build_index(settings)
    before = os.readlink(settings.index_dir)
    with ingest_lock(settings):
        proc = _run(settings, "ingest", BOT_INGEST_WAIT_S="0")
    assert proc.returncode == 3
    line = _one_line(proc.stderr)
    assert "別のインデックス作成が実行中です" in line and "another ingest is running" in line
    assert os.readlink(settings.index_dir) == before
    _assert_valid(settings)


def test_second_ingest_waits_for_the_first(tmp_path: Path) -> None:
    settings = _settings(_data_dir(tmp_path / "d"), _corpus(tmp_path / "c.md"))
    build_index(settings)
    before = os.readlink(settings.index_dir)
    with ingest_lock(settings):
        proc = _ingest(settings, BOT_INGEST_WAIT_S="60")
        time.sleep(2.0)  # the ingest has started and is waiting
        assert proc.poll() is None
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 0, stderr
    assert "waiting up to 60s" in stderr and "indexed" in stderr
    assert os.readlink(settings.index_dir) != before
    _assert_valid(settings)


def test_concurrent_ingests_leave_a_valid_index(tmp_path: Path) -> None:
    """Two ``bot ingest`` started together, N rounds, each on a new corpus version: both succeed in turn."""
    settings = _settings(_data_dir(tmp_path / "d"), tmp_path / "c.md")
    valid = waited = 0
    for n in range(CONCURRENT_ROUNDS):
        _corpus(settings.corpus_path, revision=n)
        procs = [_ingest(settings), _ingest(settings)]
        outs = [p.communicate(timeout=120) for p in procs]
        for p, (_, err) in zip(procs, outs):
            assert p.returncode == 0, err
            assert "Traceback" not in err
        waited += any("waiting up to" in err for _, err in outs)
        _assert_valid(settings)
        assert _partial_builds(settings) == []
        valid += 1
    assert len(list(settings.data_dir.glob("index-*"))) <= settings.index_keep
    print(f"\nconcurrent ingests: index valid after {valid} of {CONCURRENT_ROUNDS} rounds; "
          f"one waited for the other in {waited}")
    assert valid == CONCURRENT_ROUNDS


# --- kill -9 --------------------------------------------------------------------------------------------


def test_kill_9_during_ingest_never_breaks_the_next_answer(tmp_path: Path) -> None:
    settings = _settings(_data_dir(tmp_path / "d"), tmp_path / "c.md")
    _corpus(settings.corpus_path)
    t0 = time.monotonic()
    proc = _ingest(settings)
    assert proc.wait(timeout=120) == 0
    full = time.monotonic() - t0
    rng = random.Random(20261128)
    for n in range(1, KILL_ROUNDS + 1):
        _corpus(settings.corpus_path, revision=n)
        proc = _ingest(settings)
        time.sleep(rng.uniform(0.2, full))
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=30)
        service = QAService(settings)  # what the next process does: tidy, then open (or rebuild)
        try:
            answer = service.ask(QUESTIONS[n % len(QUESTIONS)])
            assert not answer.refused and answer.citations, answer
            assert service.health()["serving"]["digest"] == service.index.manifest["digest"]
            assert _partial_builds(settings) == [], "an interrupted build is cleaned at the next start"
            assert not list(settings.data_dir.glob(".index-link-*"))
        finally:
            service.close()
    _assert_valid(settings)


# --- live reload ----------------------------------------------------------------------------------------


@contextmanager
def _web(service: QAService, settings: Settings) -> Iterator[str]:
    from bot.web.server import BackgroundServer, create_app, offline_environment

    offline_environment()
    unlimited = settings.model_copy(update={"api_rate_limit": ""})  # 4 clients on one address, as fast as they can
    with BackgroundServer(create_app(service, unlimited)) as server:
        yield server.url


def test_reingest_three_times_under_load_serves_the_new_version(tmp_path: Path) -> None:
    """A real server, 4 clients asking without pause, three ``bot ingest`` of new versions: 0 failures."""
    settings = _settings(_data_dir(tmp_path / "d"), _corpus(tmp_path / "c.md"), index_reload_s=0.2)
    service = QAService(settings)
    stop = threading.Event()
    counts = {"ok": 0, "failed": 0}
    failures: list[str] = []
    lock = threading.Lock()

    def client(k: int, url: str) -> None:
        with httpx.Client(base_url=url, timeout=30, trust_env=False) as http:
            i = k
            while not stop.is_set():
                q = QUESTIONS[i % len(QUESTIONS)]
                i += 1
                try:
                    r = http.post("/api/ask", json={"question": q})
                    good = r.status_code == 200 and r.json()["citations"]
                    detail = f"{r.status_code} {r.text[:200]}"
                except httpx.HTTPError as exc:
                    good, detail = False, repr(exc)
                with lock:
                    counts["ok" if good else "failed"] += 1
                    if not good:
                        failures.append(detail)

    with _web(service, settings) as url:
        health = httpx.get(f"{url}/healthz", timeout=10, trust_env=False).json()
        first = health["serving"]
        assert first["digest"] == health["index"]["digest"] and first["built_at"]
        threads = [threading.Thread(target=client, args=(k, url), daemon=True) for k in range(4)]
        for t in threads:
            t.start()
        served = [first["digest"]]
        try:
            for n in range(1, 4):
                time.sleep(0.3)
                _corpus(settings.corpus_path, revision=n)
                proc = _ingest(settings)
                _, err = proc.communicate(timeout=120)
                assert proc.returncode == 0, err
                manifest = json.loads((settings.index_dir / MANIFEST).read_text("utf-8"))
                deadline = time.monotonic() + 20
                while time.monotonic() < deadline:
                    serving = httpx.get(f"{url}/healthz", timeout=10, trust_env=False).json()["serving"]
                    if serving["digest"] == manifest["digest"]:
                        break
                    time.sleep(0.1)
                assert serving["digest"] == manifest["digest"], serving
                assert serving["build"] == manifest["build"] and serving["built_at"] == manifest["created_at"]
                served.append(serving["digest"])
                time.sleep(0.3)
        finally:
            stop.set()
            for t in threads:
                t.join(timeout=30)
    print(f"\nre-ingest x3 under load: {counts['ok']} answers, {counts['failed']} failed; versions {len(served)}")
    assert counts["failed"] == 0, failures[:5]
    assert counts["ok"] > 20
    assert len(set(served)) == 4
    assert service.lines[-2] == "- 改訂3：テスト用に追記した行です。"  # the lines cited are the new version's
    builds = list(settings.data_dir.glob("index-*"))
    assert len(builds) <= settings.index_keep + 1, builds  # old versions were released and deleted
    service.close()


def test_a_request_in_flight_keeps_its_version_until_it_ends(tmp_path: Path) -> None:
    settings = _settings(_data_dir(tmp_path / "d"), _corpus(tmp_path / "c.md"), index_reload_s=0)
    service = QAService(settings)
    old = service.index
    version = service._enter()  # a request that started before the new version arrived
    _corpus(settings.corpus_path, revision=1)
    build_index(settings)
    assert service.reload() is True
    assert service.index is not old
    assert old.resources.lease is not None, "still leased while the request runs"
    assert old.dense("交通空白", 1)
    service._leave(version)
    assert old.resources.lease is None, "released when it ends"
    assert service.reload() is False  # nothing newer
    service.close()


def test_without_reload_a_server_keeps_answering_across_ingests(tmp_path: Path) -> None:
    """The original failure: from the second ingest on, the directory a server had open was deleted.

    With ``BOT_INDEX_KEEP=1`` only the lease this process holds keeps its build from the other processes' clean-up.
    """
    settings = _settings(_data_dir(tmp_path / "d"), _corpus(tmp_path / "c.md"), index_reload_s=0, index_keep=1)
    service = QAService(settings)
    digest = service.health()["serving"]["digest"]
    in_use = settings.data_dir / service.health()["serving"]["build"]
    for n in range(1, 4):
        _corpus(settings.corpus_path, revision=n)
        proc = _ingest(settings, BOT_INDEX_KEEP="1")
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        answer = service.ask(QUESTIONS[n % len(QUESTIONS)])
        assert not answer.refused and answer.citations
        assert in_use.is_dir()
    assert service.health()["serving"]["digest"] == digest
    assert len(list(settings.data_dir.glob("index-*"))) == 2  # the current build and the one in use
    service.close()
    assert in_use.name in tidy(settings)


def test_a_broken_new_version_is_not_loaded_and_the_old_one_serves(tmp_path: Path) -> None:
    settings = _settings(_data_dir(tmp_path / "d"), _corpus(tmp_path / "c.md"), index_reload_s=0)
    service = QAService(settings)
    before = service.health()["serving"]
    _corpus(settings.corpus_path, revision=1)
    build_index(settings)
    (settings.index_dir / MANIFEST).write_text("{not json", encoding="utf-8")
    assert service.reload() is False
    health = service.health()
    assert health["serving"]["digest"] == before["digest"] and "reload_error" in health["serving"]
    assert not service.ask(QUESTIONS[0]).refused
    service.close()


def test_orphans_are_cleaned_at_start_but_not_a_build_in_use(tmp_path: Path) -> None:
    settings = _settings(_data_dir(tmp_path / "d"), _corpus(tmp_path / "c.md"))
    build_index(settings)
    reader = open_index(settings)
    in_use = settings.index_dir.resolve()
    for _ in range(settings.index_keep + 1):
        build_index(settings)
    partial = settings.data_dir / "index-20000101000000-deadbeef"
    (partial / "chroma").mkdir(parents=True)
    (settings.data_dir / ".index-link-deadbeef").symlink_to("nowhere")
    removed = tidy(settings)
    assert partial.name in removed and not partial.exists()
    assert in_use.is_dir() and reader.dense("交通空白", 1)
    assert not list(settings.data_dir.glob(".index-link-*"))
    reader.close()
    assert in_use.name in tidy(settings)


# --- self-healing -------------------------------------------------------------------------------------


def _garbage(path: Path) -> None:
    path.write_bytes(random.Random(1).randbytes(8192))


def _truncated(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


def _other_layout(path: Path) -> None:
    path.unlink()
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE vec (k TEXT, v BLOB)")


@pytest.mark.parametrize("corrupt", [_garbage, _truncated, _other_layout])
def test_corrupt_embedding_cache_is_moved_aside_and_rebuilt(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, corrupt
) -> None:
    settings = _settings(_data_dir(tmp_path / "d"), _corpus(tmp_path / "c.md", lines=20))
    cache = settings.data_dir / "embedding_cache.sqlite3"
    corrupt(cache)
    manifest = build_index(settings)
    assert f"embedding cache {cache} is unreadable" in caplog.text
    [aside] = settings.data_dir.glob("embedding_cache.sqlite3.corrupt-*")
    assert aside.name in caplog.text
    with sqlite3.connect(cache) as conn:
        assert conn.execute("SELECT count(*) FROM vec").fetchone()[0] == manifest["records"]
    _assert_valid(settings)


def test_corrupt_embedding_cache_via_the_cli(tmp_path: Path) -> None:
    settings = _settings(_data_dir(tmp_path / "d"), _corpus(tmp_path / "c.md", lines=20))
    cache = settings.data_dir / "embedding_cache.sqlite3"
    _garbage(cache)
    proc = _run(settings, "ingest")
    assert proc.returncode == 0, proc.stderr
    assert str(cache) in proc.stderr and "moved aside" in proc.stderr and "Traceback" not in proc.stderr
    _assert_valid(settings)


@pytest.mark.parametrize("kind", ["file", "directory"])
def test_index_that_is_not_a_link_is_reported_and_replaced(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, kind: str
) -> None:
    settings = _settings(_data_dir(tmp_path / "d"), _corpus(tmp_path / "c.md"))
    if kind == "file":
        settings.index_dir.write_text("not an index", encoding="utf-8")
    else:
        (settings.index_dir / "chroma").mkdir(parents=True)
    service = QAService(settings)  # a start heals it
    try:
        assert not service.ask(QUESTIONS[0]).refused
    finally:
        service.close()
    assert f"{settings.index_dir} is a {'plain file' if kind == 'file' else 'directory'}" in caplog.text
    assert settings.index_dir.is_symlink()
    _assert_valid(settings)


def test_index_as_a_plain_file_via_the_cli(tmp_path: Path) -> None:
    settings = _settings(_data_dir(tmp_path / "d"), _corpus(tmp_path / "c.md"))
    settings.index_dir.write_text("not an index", encoding="utf-8")
    proc = _run(settings, "ingest")
    assert proc.returncode == 0, proc.stderr
    assert f"{settings.index_dir} is a plain file" in proc.stderr and "Traceback" not in proc.stderr
    _assert_valid(settings)


# --- read-only data directory ------------------------------------------------------------------------

DENY_WRITES = """
import os, runpy, sys
_real = os.access
_root = os.environ["BOT_TEST_READ_ONLY"]
def _access(path, mode, *a, **k):
    if mode & os.W_OK and os.path.abspath(os.fspath(path)).startswith(_root):
        return False
    return _real(path, mode, *a, **k)
os.access = _access
sys.argv = ["bot", *sys.argv[1:]]
runpy.run_module("bot", run_name="__main__")
"""


def _tree(root: Path) -> dict[str, str]:
    """Every file and link under ``root`` with a hash of its content: proof that nothing was written."""
    out = {}
    for p in sorted(root.rglob("*")):
        if p.is_symlink():
            out[str(p)] = "-> " + os.readlink(p)
        elif p.is_file():
            out[str(p)] = hashlib.sha256(p.read_bytes()).hexdigest()
        else:
            out[str(p)] = "dir"
    return out


def _make_immutable(root: Path, on: bool) -> bool:
    """``chattr +i``: read-only for root too, where the file system supports it (ext4 does)."""
    if shutil.which("chattr") is None:
        return False
    paths = [str(p) for p in [root, *root.rglob("*")] if not p.is_symlink()]
    proc = subprocess.run(["chattr", "+i" if on else "-i", *paths], capture_output=True, check=False)
    if not on:
        return proc.returncode == 0
    try:
        (root / ".probe").touch()
    except OSError:
        return True
    (root / ".probe").unlink()
    subprocess.run(["chattr", "-i", *paths], capture_output=True, check=False)
    return False


@pytest.mark.parametrize("how", ["chattr", "access"])
def test_read_only_data_dir_serves_and_ingest_says_why(tmp_path: Path, how: str) -> None:
    """Read-only for real with ``chattr +i`` (root ignores mode bits, not the immutable flag; skipped where the
    file system does not support it), and simulated: each CLI process is told by ``os.access`` that the data
    directory is read-only. Either way the directory's bytes are compared before and after: nothing was written."""
    settings = _settings(_data_dir(tmp_path / "d"), _corpus(tmp_path / "c.md"))
    build_index(settings)
    before = _tree(settings.data_dir)
    if how == "chattr":
        if not _make_immutable(settings.data_dir, True):
            pytest.skip("chattr +i is not supported here")
        try:
            ask = _run(settings, "ask", QUESTIONS[0], "--json")
            ingest = _run(settings, "ingest")
        finally:
            assert _make_immutable(settings.data_dir, False)
    else:
        env = _env(settings, BOT_TEST_READ_ONLY=str(settings.data_dir))
        run = [sys.executable, "-c", DENY_WRITES]
        ask = subprocess.run([*run, "ask", QUESTIONS[0], "--json"], env=env, capture_output=True, text=True,
                             timeout=120, check=False)
        ingest = subprocess.run([*run, "ingest"], env=env, capture_output=True, text=True, timeout=120, check=False)
    assert ask.returncode == 0, ask.stderr
    answer = json.loads(ask.stdout)
    assert not answer["refused"] and answer["citations"]
    assert "read-only: serving a private copy" in ask.stderr
    assert ingest.returncode == 2
    line = _one_line(ingest.stderr)
    assert "書き込めないため" in line and "read-only: cannot build the index" in line
    assert _tree(settings.data_dir) == before
