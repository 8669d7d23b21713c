"""A tiny made-up budget summary in the real document's shape, and a bot over it with a fake embedder.

Behaviour tests use it so that they do not depend on line 190 of the real file: every figure, title
and line number here is known by heart. The embedder is deterministic (a bag of characters): no model.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import numpy as np

from bot.config import Settings
from bot.document.parser import parse_document
from bot.qa.compose import ExtractiveComposer
from bot.qa.service import QAService
from bot.search.index import RecordIndex, _bm25, record_text

TINY = """
**テスト創生基本構想
政策パッケージ関連
令和 9 年度予算概算要求・税制改正要望**

**令和 8 年 8 月 1 日
内閣官房テスト本部事務局**

# 内閣官房・内閣府 令和9年度 テスト創生予算 概算要求

令和9年度 テスト創生予算 概算要求額 **120億円+事項要求**
(令和8年度当初予算額 100億円)

1. 新しいテスト交付金 **90億円** (R8当初: 80億円)

## 2. ~3. 計30億円+事項要求

### 2. 暮らしの創生

#### 【主な事業】

- 山里バス支援事業 4.5億円
- 漁村の見守り事業 1.5億円

### 3. 稼ぐ力の創生

#### 【主な事業】

- 特産品の海外展開事業 事項要求

## (1) 暮らしの創生

### ○雪国の除雪支援【計12.0億円（内数）】（国土交通省、総務省）

- 豪雪地帯の除雪を支援し、2030年までに除雪の担い手を1,000人確保することを目指す。

### ○星空観光の推進【計3.0億円】（環境省）

- 星空を生かした観光地づくりを支援する。

### ○里海と里山の交流拠点【計4.5億円＋テスト交付金（内数）】（農林水産省）

- 里海と里山をつなぐ交流拠点を整備する。
- これまで累計25億円を投じた交流事業の成果を引き継ぐ。

### ○港町の防災強化【計2.0億円】（国土交通省）

- 港の防波堤を補強する。
- 2028年度までに港町の避難計画を見直す。
"""

TITLE = "テスト創生基本構想 政策パッケージ関連 令和9年度予算概算要求・税制改正要望"


class BagOfCharacters:
    """A deterministic stand-in for the embedding model: character counts hashed into 64 dimensions."""

    name = "fake-bag-of-characters"

    @staticmethod
    def _vector(text: str) -> list[float]:
        v = np.zeros(64, dtype=np.float32)
        for ch in text:
            v[ord(ch) % 64] += 1.0
        norm = float(np.linalg.norm(v)) or 1.0
        return (v / norm).tolist()

    def embed_query(self, input: list[str]) -> list[list[float]]:  # noqa: A002 - Chroma's parameter name
        return [self._vector(t) for t in input]


def tiny_service(tmp: Path) -> QAService:
    """The bot over :data:`TINY`, with an in-memory Chroma collection filled by the fake embedder."""
    import chromadb

    corpus = tmp / "tiny.md"
    corpus.write_text(TINY, encoding="utf-8")
    records = parse_document(TINY)
    embedder = BagOfCharacters()
    client = chromadb.EphemeralClient()
    collection = client.create_collection(f"tiny-{uuid.uuid4().hex[:8]}", configuration={"hnsw": {"space": "cosine"}})
    collection.add(ids=[r.id for r in records], documents=[record_text(r) for r in records],
                   embeddings=[embedder._vector(record_text(r)) for r in records])
    index = RecordIndex(records=records, collection=collection, embedding_function=embedder, bm25=_bm25(records),
                        manifest={"digest": "tiny", "records": len(records)})
    return QAService(Settings(corpus_path=corpus, data_dir=tmp / "data"), index=index, composer=ExtractiveComposer())
