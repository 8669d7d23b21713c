"""The index: records in a Chroma collection (dense) plus an in-process BM25 index (lexical).

Embedded mode keeps Chroma on local disk under ``data_dir``. A build writes a fresh directory and
then swaps the ``index`` symlink with one atomic ``os.replace``, so a reader never opens a
half-written index. Server mode (``chroma run``) uses one collection per corpus digest, filled under
a temporary name and renamed when complete.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import bm25s
import numpy as np

from bot.config import Settings
from bot.document.parser import load_records
from bot.errors import IndexUnavailable
from bot.models import Record
from bot.text import lexical_tokens

log = logging.getLogger(__name__)

INDEX_FORMAT = 1


def record_text(record: Record) -> str:
    """What is embedded and BM25-indexed for a record: the pillar, title, amount, ministries, bullets."""
    parts = [*record.heading_path[1:], record.title]
    if record.amount_text:
        parts.append(record.amount_text)
    if record.ministries:
        parts.append("、".join(record.ministries))
    parts.extend(record.body)
    return "\n".join(parts)


def corpus_digest(settings: Settings) -> str:
    """Identifies what an index was built from: the corpus bytes, the embedder and the index format."""
    h = hashlib.sha256(settings.corpus_path.read_bytes())
    h.update(f"\x1f{settings.embedding_backend}\x1f{settings.embedding_model}\x1f{INDEX_FORMAT}".encode())
    return h.hexdigest()


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
        return chromadb.HttpClient(host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings)
    assert path is not None
    return chromadb.PersistentClient(path=str(path), settings=chroma_settings)


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


def build_index(settings: Settings) -> dict[str, Any]:
    """(Re)build the index from the corpus and swap it in atomically; returns the manifest."""
    from bot.search.embeddings import BotEmbeddingFunction

    started = time.perf_counter()
    records = load_records(settings.corpus_path)
    digest = corpus_digest(settings)
    ef = BotEmbeddingFunction.from_settings(settings)
    vectors = _embed_records(settings, records, ef)
    manifest = {
        "format": INDEX_FORMAT,
        "digest": digest,
        "corpus": str(settings.corpus_path),
        "records": len(records),
        "record_ids": [r.id for r in records],
        "embedder": ef.embedder.name,
        "collection": settings.collection,
        "created_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    if settings.chroma_mode == "server":
        client = _client(settings)
        final = f"{settings.collection}-{digest[:12]}"
        tmp = f"{final}-tmp-{uuid.uuid4().hex[:8]}"
        col = client.create_collection(
            tmp, embedding_function=ef, configuration={"hnsw": {"space": "cosine"}}, metadata={"digest": digest}
        )
        _fill(col, records, vectors)
        try:
            client.delete_collection(final)
        except Exception:  # noqa: BLE001 - absent on first build; any other failure shows on rename
            pass
        col.modify(name=final)
    else:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        target = settings.data_dir / f"index-{time.strftime('%Y%m%d%H%M%S')}-{uuid.uuid4().hex[:8]}"
        client = _client(settings, target / "chroma")
        col = client.create_collection(
            settings.collection, embedding_function=ef, configuration={"hnsw": {"space": "cosine"}}
        )
        _fill(col, records, vectors)
        (target / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), "utf-8")
        link_tmp = settings.data_dir / f".index-link-{uuid.uuid4().hex[:8]}"
        os.symlink(target.name, link_tmp)
        previous = settings.index_dir.resolve() if settings.index_dir.is_symlink() else None
        if settings.index_dir.exists() and not settings.index_dir.is_symlink():
            shutil.rmtree(settings.index_dir)
        os.replace(link_tmp, settings.index_dir)
        _remove_stale(settings, keep={target.name, previous.name if previous else ""})
    manifest["build_s"] = round(time.perf_counter() - started, 3)
    log.info("index built: %d records in %.2fs", len(records), manifest["build_s"])
    return manifest


def _remove_stale(settings: Settings, keep: set[str]) -> None:
    """Old index directories go; the one just replaced stays until the next build (a reader may hold it)."""
    for p in settings.data_dir.glob("index-*"):
        if p.name not in keep and p.is_dir():
            shutil.rmtree(p, ignore_errors=True)
    for p in settings.data_dir.glob(".index-link-*"):
        p.unlink(missing_ok=True)


@dataclass
class RecordIndex:
    """Everything retrieval needs, loaded once per process: records, Chroma collection, BM25."""

    records: list[Record]
    collection: Any
    embedding_function: Any
    bm25: bm25s.BM25
    manifest: dict[str, Any]

    @property
    def by_id(self) -> dict[str, Record]:
        return self._by_id

    def __post_init__(self) -> None:
        self._by_id = {r.id: r for r in self.records}

    def lexical(self, query: str, n: int) -> list[tuple[str, float]]:
        tokens = lexical_tokens(query)
        if not tokens:
            return []
        docs, scores = self.bm25.retrieve([tokens], k=min(n, len(self.records)), show_progress=False)
        return [(self.records[int(i)].id, float(s)) for i, s in zip(docs[0], scores[0]) if s > 0]

    def dense(self, query: str, n: int) -> list[tuple[str, float]]:
        vec = self.embedding_function.embed_query([query])[0]
        res = self.collection.query(
            query_embeddings=[np.asarray(vec).tolist()], n_results=min(n, len(self.records)), include=["distances"]
        )
        return [(i, 1.0 - float(d)) for i, d in zip(res["ids"][0], res["distances"][0])]


def _bm25(records: list[Record]) -> bm25s.BM25:
    logging.getLogger("bm25s").setLevel(logging.WARNING)  # bm25s sets DEBUG on its logger at import
    model = bm25s.BM25()
    model.index([lexical_tokens(record_text(r)) for r in records], show_progress=False)
    return model


def _open_embedded(settings: Settings, digest: str):
    from bot.search.embeddings import BotEmbeddingFunction

    manifest_path = settings.index_dir / "manifest.json"
    if not settings.index_dir.exists():
        raise FileNotFoundError("index missing")
    manifest = json.loads(manifest_path.read_text("utf-8"))
    if manifest.get("digest") != digest:
        raise ValueError("index built from another corpus or embedder")
    ef = BotEmbeddingFunction.from_settings(settings)
    client = _client(settings, settings.index_dir.resolve() / "chroma")
    col = client.get_collection(settings.collection, embedding_function=ef)
    if col.count() != manifest["records"]:
        raise ValueError("index holds %d records, manifest says %d" % (col.count(), manifest["records"]))
    return col, ef, manifest


def _open_server(settings: Settings, digest: str):
    from bot.search.embeddings import BotEmbeddingFunction

    ef = BotEmbeddingFunction.from_settings(settings)
    col = _client(settings).get_collection(f"{settings.collection}-{digest[:12]}", embedding_function=ef)
    return col, ef, {"digest": digest, "records": col.count(), "collection": col.name}


def open_index(settings: Settings) -> RecordIndex:
    """Open the index, building it when missing, stale or corrupt (with a message on stderr)."""
    records = load_records(settings.corpus_path)
    digest = corpus_digest(settings)
    opener = _open_server if settings.chroma_mode == "server" else _open_embedded
    try:
        col, ef, manifest = opener(settings, digest)
    except Exception as exc:  # noqa: BLE001 - any unreadable index is rebuilt, the reason logged
        log.warning("index unusable (%s: %s); rebuilding from %s", type(exc).__name__, exc, settings.corpus_path)
        try:
            build_index(settings)
            col, ef, manifest = opener(settings, digest)
        except Exception as exc2:  # noqa: BLE001
            raise IndexUnavailable(f"cannot build or open index: {exc2}") from exc2
    ids = set(col.get(include=[])["ids"]) if settings.chroma_mode == "server" else set(manifest["record_ids"])
    if ids != {r.id for r in records}:
        log.warning("index records differ from the corpus; rebuilding")
        build_index(settings)
        col, ef, manifest = opener(settings, digest)
    return RecordIndex(records=records, collection=col, embedding_function=ef, bm25=_bm25(records), manifest=manifest)
