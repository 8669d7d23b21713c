"""``LangChainEmbeddings``: our embedder behind LangChain's interface, passages through the content-hash cache."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from bot.search.embeddings import EmbeddingCache, LangChainEmbeddings


class Lengths:
    """A deterministic embedder: the vector is [length, 1.0]; it counts the passages it had to embed."""

    name = "fake-lengths"

    def __init__(self) -> None:
        self.embedded: list[str] = []

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        self.embedded.extend(texts)
        return np.asarray([[len(t), 1.0] for t in texts], dtype=np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return np.asarray([len(text), 0.0], dtype=np.float32)


def test_documents_and_queries_as_lists_of_floats(tmp_path: Path) -> None:
    embedder = Lengths()
    lc = LangChainEmbeddings(embedder, EmbeddingCache(tmp_path / "cache.sqlite3"))
    assert lc.embed_documents(["ab", "abc"]) == [[2.0, 1.0], [3.0, 1.0]]
    assert lc.embed_query("abcd") == [4.0, 0.0]
    assert lc.embed_documents(["abc", "x"]) == [[3.0, 1.0], [1.0, 1.0]]
    assert embedder.embedded == ["ab", "abc", "x"]  # "abc" came from the cache the second time


def test_without_a_cache_every_passage_is_embedded() -> None:
    embedder = Lengths()
    lc = LangChainEmbeddings(embedder)
    lc.embed_documents(["ab"])
    lc.embed_documents(["ab"])
    assert embedder.embedded == ["ab", "ab"]
