"""The index: records in a Chroma collection (dense) plus an in-process BM25 index (lexical).

Embedded mode keeps Chroma on local disk under ``data_dir``. A build writes a fresh directory
(``index-<time>-<id>``: the Chroma files, a copy of the corpus it was built from, and its manifest,
written last) and then swaps the ``index`` symlink with one atomic ``os.replace``, so a reader never
opens a half-written index. Server mode (``chroma run``) uses one collection per corpus digest, filled
under a temporary name and renamed when complete.

Server mode, several replicas: the version served is the one *published on the Chroma server*, not whatever
corpus file each replica has. ``ingest`` stores the corpus text it built from in the ``<collection>-versions``
collection (one entry per digest) and then names that digest as current in the collection's metadata (one
request: the swap). Every replica's :func:`version_token` reads that name; a new one makes it open the
digest's collection and rebuild BM25 and the cited lines from the published text, so lexical, dense and line
numbers are always one version on every replica. A replica that starts while a version is published serves
it (its own corpus file only seeds the first version, on an empty server).

Safe on a live system:

* One build at a time across processes: ``data_dir/.ingest.lock`` (``filelock``). A second ingest waits
  up to ``ingest_wait_s`` and then refuses with :class:`IngestBusy`.
* A process that opens a build holds a shared ``flock`` on its ``.lease`` file for as long as it uses
  it (the kernel drops it when the process dies, kill -9 included). A build is deleted only when it is
  neither the current one, nor among the ``index_keep`` newest, nor leased; builds an interrupted
  ingest left half-written are removed at the next ingest or start.
* A running :class:`bot.qa.service.QAService` sees a new version by :func:`version_token` and reopens it
  with ``open_index(settings, build=False)``: the records, BM25 and lines come from the build's own copy
  of the corpus, so the lexical index, the collection and the cited lines are one version.
* A read-only data directory serves an existing valid build from a private temporary copy (Chroma
  writes to its files when it opens them); building there is refused with one clear line.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import os
import shutil
import tempfile
import threading
import time
import uuid
import weakref
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import bm25s
import numpy as np

from bot.config import Settings
from bot.document.parser import parse_document
from bot.errors import CorpusMissing, IndexUnavailable
from bot.models import Record
from bot.text import lexical_tokens

try:  # POSIX: leases are flock()s; elsewhere only the newest ``index_keep`` builds are kept
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

INDEX_FORMAT = 1
LOCK_FILE = ".ingest.lock"
LEASE_FILE = ".lease"
MANIFEST = "manifest.json"
CORPUS_COPY = "corpus.md"
BUILD_PREFIX = "index-"
VERSIONS_SUFFIX = "-versions"
CURRENT_KEY = "current"


class IngestBusy(IndexUnavailable):
    """Another process holds the ingest lock and did not finish within the wait."""

    def __init__(self, lock: Path, waited_s: float) -> None:
        super().__init__(
            f"別のインデックス作成が実行中です（{waited_s:g}秒待ちました）。終了後に再度お試しください。"
            f" / another ingest is running (lock {lock}, waited {waited_s:g}s); try again when it finishes."
        )
        self.user_message = "インデックスを作成中です。しばらくしてから再度お試しください。"


class IndexReadOnly(IndexUnavailable):
    """The data directory cannot be written, so no index can be built there."""

    def __init__(self, data_dir: Path, what: str = "build the index") -> None:
        super().__init__(
            f"データディレクトリ {data_dir} に書き込めないため、インデックスを作成できません"
            f"（既存の有効なインデックスは読み取り専用で利用できます）。"
            f" / data directory {data_dir} is read-only: cannot {what} (an existing valid index is still served)."
        )


class IndexNotALink(ValueError):
    """``data_dir/index`` exists but is a plain file or directory, not the link to a build."""


# --- the corpus, read once per version -----------------------------------------------------------


def _digest(data: bytes, settings: Settings) -> str:
    h = hashlib.sha256(data)
    h.update(f"\x1f{settings.embedding_backend}\x1f{settings.embedding_model}\x1f{INDEX_FORMAT}".encode())
    return h.hexdigest()


def corpus_digest(settings: Settings) -> str:
    """Identifies what an index was built from: the corpus bytes, the embedder and the index format."""
    return _digest(settings.corpus_path.read_bytes(), settings)


@dataclass(frozen=True)
class Corpus:
    """One version of the corpus: its bytes read once, with the digest, records and lines derived from them."""

    path: Path
    data: bytes
    digest: str
    records: list[Record]
    lines: list[str]

    @classmethod
    def from_bytes(cls, path: Path, data: bytes, settings: Settings) -> Corpus:
        # the same newline handling as Path.read_text, which corpus_lines() and load_records() use
        text = data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
        return cls(path, data, _digest(data, settings), parse_document(text), text.split("\n"))


def read_corpus(settings: Settings, path: Path | None = None) -> Corpus:
    path = path or settings.corpus_path
    if not path.is_file():
        raise CorpusMissing(path)
    return Corpus.from_bytes(path, path.read_bytes(), settings)


def record_text(record: Record) -> str:
    """What is embedded and BM25-indexed for a record: the pillar, title, amount, ministries, bullets."""
    parts = [*record.heading_path[1:], record.title]
    if record.amount_text:
        parts.append(record.amount_text)
    if record.ministries:
        parts.append("、".join(record.ministries))
    parts.extend(record.body)
    return "\n".join(parts)


def _metadata(record: Record) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "kind": record.kind,
        "title": record.title,
        "pillar": record.pillar or "",
        "ministries": "|" + "|".join(record.ministries) + "|",
        "flags": "|" + "|".join(record.flags) + "|",
        "line_start": record.line_start,
        "line_end": record.line_end,
    }
    if record.amount_oku is not None:
        meta["amount_oku"] = record.amount_oku
    return meta


def _client(settings: Settings, path: Path | None = None):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.chroma_mode == "server":
        return _server_client(settings.chroma_host, settings.chroma_port)
    assert path is not None
    return chromadb.PersistentClient(path=str(path), settings=chroma_settings)


@functools.lru_cache(maxsize=8)
def _server_client(host: str, port: int):  # -> chromadb.HttpClient (imported lazily)
    """One HTTP client per Chroma server per process: building one costs several requests (tenant and database
    checks), and :func:`version_token` asks the server for the published version every ``index_reload_s``."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    return chromadb.HttpClient(host=host, port=port,
                               settings=ChromaSettings(anonymized_telemetry=False, allow_reset=False))


def _fill(collection, records: list[Record], vectors: np.ndarray) -> None:
    collection.add(
        ids=[r.id for r in records],
        documents=[record_text(r) for r in records],
        metadatas=[_metadata(r) for r in records],
        embeddings=[v.tolist() for v in vectors],
    )


def _embed_records(settings: Settings, records: list[Record], ef) -> np.ndarray:
    from bot.search.embeddings import EmbeddingCache

    cache = EmbeddingCache(settings.data_dir / "embedding_cache.sqlite3")
    return cache.embed(ef.embedder, [record_text(r) for r in records])


# --- one ingest at a time -------------------------------------------------------------------------


def writable(path: Path) -> bool:
    """Whether this process may create files in ``path`` (False on a read-only mount, for root too)."""
    return os.access(path, os.W_OK | os.X_OK)


def _require_writable(settings: Settings) -> None:
    try:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise IndexReadOnly(settings.data_dir) from exc
    if not writable(settings.data_dir):
        raise IndexReadOnly(settings.data_dir)


@contextlib.contextmanager
def ingest_lock(settings: Settings, wait_s: float | None = None) -> Iterator[None]:
    """Holds ``data_dir/.ingest.lock`` (all processes on this machine); waits at most ``wait_s`` for it."""
    from filelock import FileLock, Timeout

    wait = settings.ingest_wait_s if wait_s is None else wait_s
    path = settings.data_dir / LOCK_FILE
    lock = FileLock(str(path))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if wait <= 0:
            raise IngestBusy(path, 0) from None
        log.warning("another ingest is running (%s); waiting up to %gs for it to finish", path, wait)
        try:
            lock.acquire(timeout=wait)
        except Timeout:
            raise IngestBusy(path, wait) from None
    try:
        yield
    finally:
        lock.release()


def build_index(settings: Settings, *, wait_s: float | None = None) -> dict[str, Any]:
    """(Re)build the index from the corpus and swap it in atomically; returns the manifest.

    One build at a time: waits for another up to ``wait_s`` (default ``settings.ingest_wait_s``),
    then raises :class:`IngestBusy`. Raises :class:`IndexReadOnly` where nothing can be written.
    """
    _require_writable(settings)
    with ingest_lock(settings, wait_s):
        return _build_locked(settings, read_corpus(settings))


def _build_locked(settings: Settings, corpus: Corpus) -> dict[str, Any]:
    from bot.search.embeddings import BotEmbeddingFunction

    started = time.perf_counter()
    ef = BotEmbeddingFunction.from_settings(settings)
    vectors = _embed_records(settings, corpus.records, ef)
    manifest = {
        "format": INDEX_FORMAT,
        "digest": corpus.digest,
        "corpus": str(corpus.path),
        "records": len(corpus.records),
        "record_ids": [r.id for r in corpus.records],
        "embedder": ef.embedder.name,
        "collection": settings.collection,
        "created_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    if settings.chroma_mode == "server":
        _build_server(settings, corpus, ef, vectors, manifest)
    else:
        _build_embedded(settings, corpus, ef, vectors, manifest)
    manifest["build_s"] = round(time.perf_counter() - started, 3)
    log.info("index built: %d records in %.2fs", len(corpus.records), manifest["build_s"])
    return manifest


def _build_server(settings: Settings, corpus: Corpus, ef, vectors: np.ndarray, manifest: dict[str, Any]) -> None:
    client = _client(settings)
    final = f"{settings.collection}-{corpus.digest[:12]}"
    manifest["build"] = final
    try:  # the same corpus is already there and complete: replicas may be reading it, so leave it be
        existing = client.get_collection(final, embedding_function=ef)
        if existing.count() == len(corpus.records) and (existing.metadata or {}).get("digest") == corpus.digest:
            manifest["created_at"] = (existing.metadata or {}).get("created_at", manifest["created_at"])
            log.info("collection %s is already complete on the server", final)
            _publish(client, settings, corpus, final, manifest["created_at"])  # it may be a step back: serve it
            return
    except Exception as exc:  # noqa: BLE001 - absent (first build) or unreadable: build it
        log.debug("collection %s not reusable (%s); building it", final, exc)
    tmp = f"{final}-tmp-{uuid.uuid4().hex[:8]}"
    col = client.create_collection(
        tmp, embedding_function=ef, configuration={"hnsw": {"space": "cosine"}},
        metadata={"digest": corpus.digest, "created_at": manifest["created_at"]},
    )
    _fill(col, corpus.records, vectors)
    with contextlib.suppress(Exception):  # absent on first build; any other failure shows on rename
        client.delete_collection(final)
    col.modify(name=final)
    _publish(client, settings, corpus, final, manifest["created_at"])


def _versions(client, settings: Settings):
    """The corpora built on this server (id: digest, document: the corpus text); its metadata names the current one."""
    return client.get_or_create_collection(f"{settings.collection}{VERSIONS_SUFFIX}", embedding_function=None)


def _publish(client, settings: Settings, corpus: Corpus, collection: str, created_at: str) -> None:
    """Make ``corpus`` the version every replica serves: its text first, then the pointer (one request)."""
    versions = _versions(client, settings)
    versions.upsert(ids=[corpus.digest], documents=[corpus.data.decode("utf-8")], embeddings=[[1.0]],
                    metadatas=[{"collection": collection, "created_at": created_at}])
    versions.modify(metadata={CURRENT_KEY: corpus.digest})


def _published_digest(client, settings: Settings) -> str | None:
    try:
        meta = client.get_collection(f"{settings.collection}{VERSIONS_SUFFIX}", embedding_function=None).metadata
    except Exception:  # noqa: BLE001 - no version published yet (a new server, or one built before publishing)
        return None
    return (meta or {}).get(CURRENT_KEY)


def _published(client, settings: Settings) -> Corpus | None:
    """The published version's corpus, from the server's own copy of its text; None when nothing is published."""
    digest = _published_digest(client, settings)
    if digest is None:
        return None
    got = _versions(client, settings).get(ids=[digest], include=["documents"])
    if not got["ids"]:
        raise ValueError(f"published version {digest[:12]} has no corpus text on the server")
    corpus = Corpus.from_bytes(settings.corpus_path, got["documents"][0].encode("utf-8"), settings)
    if corpus.digest != digest:
        raise ValueError(f"published corpus text does not match its digest {digest[:12]}")
    return corpus


def _build_embedded(settings: Settings, corpus: Corpus, ef, vectors: np.ndarray, manifest: dict[str, Any]) -> None:
    data_dir = settings.data_dir
    _collect_garbage(settings)  # what an interrupted ingest left behind goes first
    target = data_dir / f"{BUILD_PREFIX}{time.strftime('%Y%m%d%H%M%S')}-{uuid.uuid4().hex[:8]}"
    manifest["build"] = target.name
    try:
        target.mkdir()
        (target / LEASE_FILE).touch()
        client = _client(settings, target / "chroma")
        try:
            col = client.create_collection(
                settings.collection, embedding_function=ef, configuration={"hnsw": {"space": "cosine"}}
            )
            _fill(col, corpus.records, vectors)
        finally:
            client.close()
        (target / CORPUS_COPY).write_bytes(corpus.data)
        tmp_manifest = target / f".{MANIFEST}.tmp"
        tmp_manifest.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), "utf-8")
        os.replace(tmp_manifest, target / MANIFEST)  # the manifest marks a build complete
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    link_tmp = data_dir / f".index-link-{uuid.uuid4().hex[:8]}"
    os.symlink(target.name, link_tmp)
    index_dir = settings.index_dir
    aside: Path | None = None
    if index_dir.is_dir() and not index_dir.is_symlink():
        aside = data_dir / f".index-replaced-{uuid.uuid4().hex[:8]}"
        log.warning("%s is a directory, not a link to an index build: replacing it", index_dir)
        os.replace(index_dir, aside)
    elif index_dir.exists() and not index_dir.is_symlink():
        log.warning("%s is a plain file, not a link to an index build: replacing it", index_dir)
    os.replace(link_tmp, index_dir)
    if aside is not None:
        shutil.rmtree(aside, ignore_errors=True)
    _collect_garbage(settings)


# --- leases and garbage -----------------------------------------------------------------------------


class _Lease:
    """A shared ``flock`` on a build's ``.lease`` file: this process uses that build."""

    def __init__(self, fd: int) -> None:
        self._fd = fd

    @classmethod
    def take(cls, build: Path) -> _Lease | None:
        """Raises FileNotFoundError when the build is gone; None where no lease can be taken (read-only)."""
        if fcntl is None:
            return None
        path = build / LEASE_FILE
        try:
            fd = os.open(path, os.O_RDONLY | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        except FileNotFoundError:
            raise
        except OSError:  # read-only: nothing can delete the build either
            try:
                fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
            except OSError:
                if not build.is_dir():
                    raise FileNotFoundError(build) from None
                return None
        try:
            fcntl.flock(fd, fcntl.LOCK_SH)  # waits only while a cleaner deletes this very build
        except OSError:
            os.close(fd)
            return None
        return cls(fd)

    def close(self) -> None:
        fd, self._fd = self._fd, -1
        if fd >= 0:
            os.close(fd)

    def __del__(self) -> None:
        self.close()


def _remove_if_unused(build: Path) -> bool:
    """Deletes ``build`` unless a live process holds its lease; holds the lease exclusively meanwhile."""
    fd = -1
    if fcntl is not None:
        try:
            fd = os.open(build / LEASE_FILE, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        except OSError:
            fd = -1
        if fd >= 0:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)
                return False
    try:
        shutil.rmtree(build, ignore_errors=True)
    finally:
        if fd >= 0:
            os.close(fd)
    return True


def _current_build(settings: Settings) -> str | None:
    try:
        return os.path.basename(os.readlink(settings.index_dir))
    except OSError:
        return None


def _collect_garbage(settings: Settings) -> list[str]:
    """Deletes builds no process uses; call with the ingest lock held. Returns the names deleted.

    Kept: the current build, the ``index_keep`` newest complete builds and every leased one. Deleted:
    half-written builds (no manifest: an ingest was interrupted) and older unleased ones.
    """
    data_dir = settings.data_dir
    current = _current_build(settings)
    builds = [p for p in data_dir.glob(f"{BUILD_PREFIX}*") if p.is_dir() and not p.is_symlink()]

    def built_at(p: Path) -> float:
        try:
            return (p / MANIFEST).stat().st_mtime
        except OSError:
            return -1.0

    complete = sorted((p for p in builds if built_at(p) >= 0), key=built_at, reverse=True)
    keep = {current} | {p.name for p in complete[: settings.index_keep]}
    removed = []
    for p in builds:
        if p.name in keep:
            continue
        partial = built_at(p) < 0
        if _remove_if_unused(p):
            removed.append(p.name)
            if partial:
                log.warning("removed %s: a partial index build left by an interrupted ingest", p)
            else:
                log.info("removed old index build %s", p)
    for p in [*data_dir.glob(".index-link-*"), *data_dir.glob(".index-replaced-*")]:
        if p.is_dir() and not p.is_symlink():
            shutil.rmtree(p, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                p.unlink()
    return removed


def tidy(settings: Settings) -> list[str]:
    """At start: clean up after an interrupted ingest when no ingest runs now (never waits)."""
    if settings.chroma_mode != "embedded" or not settings.data_dir.is_dir() or not writable(settings.data_dir):
        return []
    try:
        with ingest_lock(settings, wait_s=0):
            return _collect_garbage(settings)
    except IngestBusy:
        return []
    except OSError as exc:  # tidying is best effort
        log.warning("could not tidy %s: %s", settings.data_dir, exc)
        return []


# --- opening ------------------------------------------------------------------------------------------


class _Resources:
    """What an open embedded build holds: the Chroma client, the lease, maybe a temporary copy."""

    def __init__(self, client=None, lease: _Lease | None = None, tmp: Path | None = None) -> None:
        self.client, self.lease, self.tmp = client, lease, tmp

    def close(self) -> None:
        client, self.client = self.client, None
        if client is not None:
            with contextlib.suppress(Exception):
                client.close()
        lease, self.lease = self.lease, None
        if lease is not None:
            lease.close()
        tmp, self.tmp = self.tmp, None
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)


@dataclass
class RecordIndex:
    """Everything retrieval needs for one index version: records, Chroma collection, BM25, lines.

    ``token`` identifies the version on disk (the build's directory name, or the digest in server
    mode); :func:`version_token` tells whether a newer one has been swapped in since.
    """

    records: list[Record]
    collection: Any
    embedding_function: Any
    bm25: bm25s.BM25
    manifest: dict[str, Any]
    lines: list[str] = field(default_factory=list)
    token: str | None = None
    resources: Any = field(default=None, repr=False)

    @property
    def by_id(self) -> dict[str, Record]:
        return self._by_id

    def __post_init__(self) -> None:
        self._by_id = {r.id: r for r in self.records}
        self._holders = 0
        self._holders_lock = threading.Lock()
        if self.resources is not None:  # released when the last user drops this version, or at exit
            self._finalizer = weakref.finalize(self, self.resources.close)

    @property
    def version(self) -> dict[str, Any]:
        """What /healthz reports: the corpus digest, when the build was made and its name."""
        return {
            "digest": self.manifest.get("digest"),
            "built_at": self.manifest.get("created_at"),
            "build": self.manifest.get("build") or self.token,
        }

    def close(self) -> None:
        """Closes the collection and releases the build (so a later ingest may delete it)."""
        if self.resources is not None:
            self._finalizer()

    def hold(self) -> None:
        """A service starts serving this version (several may share one index)."""
        with self._holders_lock:
            self._holders += 1

    def release(self) -> None:
        """A service stopped serving it and no request of its uses it any more: the last one closes it."""
        with self._holders_lock:
            self._holders -= 1
            last = self._holders <= 0
        if last:
            self.close()

    def lexical(self, query: str, n: int) -> list[tuple[str, float]]:
        tokens = lexical_tokens(query)
        if not tokens:
            return []
        docs, scores = self.bm25.retrieve([tokens], k=min(n, len(self.records)), show_progress=False)
        return [(self.records[int(i)].id, float(s)) for i, s in zip(docs[0], scores[0]) if s > 0]

    def query_vector(self, query: str) -> np.ndarray:
        """The query's embedding (cached per process for repeated questions)."""
        return np.asarray(self.embedding_function.embed_query([query])[0])

    def nearest(self, vector: np.ndarray, n: int) -> list[tuple[str, float]]:
        """The ``n`` records closest to a query vector, with cosine similarity."""
        res = self.collection.query(
            query_embeddings=[vector.tolist()], n_results=min(n, len(self.records)), include=["distances"]
        )
        return [(i, 1.0 - float(d)) for i, d in zip(res["ids"][0], res["distances"][0])]

    def dense(self, query: str, n: int) -> list[tuple[str, float]]:
        return self.nearest(self.query_vector(query), n)


def _bm25(records: list[Record]) -> bm25s.BM25:
    logging.getLogger("bm25s").setLevel(logging.WARNING)  # bm25s sets DEBUG on its logger at import
    model = bm25s.BM25()
    model.index([lexical_tokens(record_text(r)) for r in records], show_progress=False)
    return model


def version_token(settings: Settings) -> str | None:
    """Cheap: which index version is current now (the build the link names; the corpus digest in server mode)."""
    if settings.chroma_mode == "server":
        try:
            return _published_digest(_client(settings), settings) or corpus_digest(settings)
        except Exception:  # noqa: BLE001 - server or corpus unreachable now: no news, keep serving
            return None
    return _current_build(settings)


def _resolve_build(settings: Settings) -> Path:
    link = settings.index_dir
    if not link.is_symlink():
        if link.is_dir():
            raise IndexNotALink(f"{link} is a directory, not a link to an index build")
        if link.exists():
            raise IndexNotALink(f"{link} is a plain file, not a link to an index build")
        raise FileNotFoundError(f"index missing: {link}")
    return link.parent / os.path.basename(os.readlink(link))


def _build_corpus(settings: Settings, build: Path, manifest: dict[str, Any]) -> Corpus:
    """The corpus a build was made from: its own copy, else the corpus file if it still matches."""
    copy = build / CORPUS_COPY
    if copy.is_file():
        corpus = Corpus.from_bytes(settings.corpus_path, copy.read_bytes(), settings)
        if corpus.digest == manifest.get("digest"):
            return corpus
    corpus = read_corpus(settings)
    if corpus.digest != manifest.get("digest"):
        raise ValueError("index built from another corpus or embedder")
    return corpus


def _needs_copy(chroma: Path) -> bool:
    files = [chroma, *chroma.rglob("*")]
    return not all(os.access(p, os.W_OK) for p in files)


def _open_embedded(settings: Settings, corpus: Corpus | None) -> tuple[Any, Any, dict[str, Any], Corpus, _Resources]:
    """Opens the current build under a lease; ``corpus`` None takes the build's own copy of the corpus."""
    from bot.search.embeddings import BotEmbeddingFunction

    for attempt in range(3):
        build = _resolve_build(settings)
        try:
            lease = _Lease.take(build)
        except FileNotFoundError:  # deleted between readlink and open: the link has moved on
            continue
        resources = _Resources(lease=lease)
        try:
            manifest_path = build / MANIFEST
            if not manifest_path.is_file():
                raise FileNotFoundError(f"index build incomplete or gone: {build}")
            manifest = json.loads(manifest_path.read_text("utf-8"))
            if manifest.get("format") != INDEX_FORMAT:
                raise ValueError(f"index format {manifest.get('format')}, expected {INDEX_FORMAT}")
            if corpus is not None and manifest.get("digest") != corpus.digest:
                raise ValueError("index built from another corpus or embedder")
            version = corpus if corpus is not None else _build_corpus(settings, build, manifest)
            manifest["build"] = build.name  # what version_token() compares with
            chroma = build / "chroma"
            if _needs_copy(chroma):
                resources.tmp = Path(tempfile.mkdtemp(prefix="bot-index-"))
                shutil.copytree(chroma, resources.tmp / "chroma")
                log.warning("index %s is read-only: serving a private copy in %s", build, resources.tmp)
                chroma = resources.tmp / "chroma"
            ef = BotEmbeddingFunction.from_settings(settings)
            resources.client = _client(settings, chroma)
            col = resources.client.get_collection(settings.collection, embedding_function=ef)
            if col.count() != manifest["records"]:
                raise ValueError(f"index holds {col.count()} records, manifest says {manifest['records']}")
            return col, ef, manifest, version, resources
        except BaseException:
            resources.close()
            if attempt < 2 and not build.exists():
                continue
            raise
    raise FileNotFoundError(f"index kept moving while being opened: {settings.index_dir}")


def _open_server(settings: Settings, corpus: Corpus | None) -> tuple[Any, Any, dict[str, Any], Corpus, _Resources]:
    from bot.search.embeddings import BotEmbeddingFunction

    client = _client(settings)
    published = _published(client, settings)
    if published is not None:
        if corpus is not None and corpus.digest != published.digest:
            log.info("serving the version published on the Chroma server (%s), not %s (%s): `ingest` publishes it",
                     published.digest[:12], settings.corpus_path, corpus.digest[:12])
        corpus = published
    corpus = corpus or read_corpus(settings)
    ef = BotEmbeddingFunction.from_settings(settings)
    col = client.get_collection(f"{settings.collection}-{corpus.digest[:12]}", embedding_function=ef)
    meta = col.metadata or {}
    manifest = {"digest": corpus.digest, "records": col.count(), "collection": col.name, "build": col.name,
                "created_at": meta.get("created_at")}
    return col, ef, manifest, corpus, _Resources()


def _make(col, ef, manifest, corpus: Corpus, resources: _Resources, token: str | None) -> RecordIndex:
    return RecordIndex(records=corpus.records, collection=col, embedding_function=ef, bm25=_bm25(corpus.records),
                       manifest=manifest, lines=corpus.lines, token=token, resources=resources)


def open_index(settings: Settings, *, build: bool = True) -> RecordIndex:
    """Open the index, building it when missing, stale or corrupt (with a message on stderr).

    ``build=False`` (a live reload) opens whatever version is current and raises if it is unusable:
    a running server never builds, it only follows what ``ingest`` swapped in.
    """
    server = settings.chroma_mode == "server"
    opener = _open_server if server else _open_embedded
    if not build:
        col, ef, manifest, corpus, res = opener(settings, None)
        return _make(col, ef, manifest, corpus, res, manifest.get("build") if not server else corpus.digest)
    corpus = read_corpus(settings)
    tidy(settings)
    try:
        opened = opener(settings, corpus)
    except Exception as exc:  # noqa: BLE001 - any unreadable index is rebuilt, the reason logged
        log.warning("index unusable (%s: %s); rebuilding from %s", type(exc).__name__, exc, settings.corpus_path)
        opened = _rebuild_and_open(settings, corpus, opener)
    col, ef, manifest, corpus, res = opened
    ids = set(col.get(include=[])["ids"]) if server else set(manifest["record_ids"])
    if ids != {r.id for r in corpus.records}:
        log.warning("index records differ from the corpus; rebuilding")
        res.close()
        col, ef, manifest, corpus, res = _rebuild_and_open(settings, corpus, opener, force=True)
    token = corpus.digest if server else manifest.get("build")
    return _make(col, ef, manifest, corpus, res, token)


def _rebuild_and_open(settings: Settings, corpus: Corpus, opener, force: bool = False):
    try:
        _require_writable(settings)
        with ingest_lock(settings):
            if not force:
                try:  # another process may have built it while this one waited for the lock
                    return opener(settings, corpus)
                except Exception as exc:  # noqa: BLE001
                    log.debug("still unusable after waiting for the lock (%s); building", exc)
            _build_locked(settings, corpus)
            return opener(settings, corpus)
    except IndexUnavailable:
        raise
    except Exception as exc:  # noqa: BLE001
        raise IndexUnavailable(f"cannot build or open index: {exc}") from exc
