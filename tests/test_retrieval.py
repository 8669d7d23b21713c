"""The hybrid retriever: LangChain's standard retriever tests, filters and fusion, on the real index."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import pytest
from langchain_tests.integration_tests import RetrieversIntegrationTests

from bot.config import Settings
from bot.search.index import RecordIndex, open_index
from bot.search.retriever import HybridRetriever
from tests.conftest import session_data_dir


@lru_cache(maxsize=1)
def _shared_index() -> RecordIndex:
    return open_index(Settings(data_dir=session_data_dir()))


class TestHybridRetrieverStandard(RetrieversIntegrationTests):
    @property
    def retriever_constructor(self) -> type[HybridRetriever]:
        return HybridRetriever

    @property
    def retriever_constructor_params(self) -> dict[str, Any]:
        return {"index": _shared_index(), "k": 5}

    @property
    def retriever_query_example(self) -> str:
        return "ふるさと住民登録制度の予算は？"


@pytest.fixture(scope="module")
def retriever(service) -> HybridRetriever:
    return HybridRetriever(index=service.index, k=5)


@pytest.mark.parametrize(
    ("query", "line"),
    [
        ("ふるさと住民登録制度の予算は？", 190),
        ("交通空白の解消", 100),
        ("ＲＥＳＡＳ", 58),
        ("ワット・ビット連携", 204),
        ("群マネ", 240),
        ("スマート農林水産業", 133),
    ],
)
def test_named_measure_is_first(retriever: HybridRetriever, query: str, line: int) -> None:
    doc = retriever.invoke(query)[0]
    assert doc.metadata["line_start"] <= line <= doc.metadata["line_end"]
    assert {"rrf", "bm25", "dense"} <= doc.metadata.keys()


def test_documents_carry_record_metadata(retriever: HybridRetriever) -> None:
    doc = retriever.invoke("産官学共創")[0]
    assert doc.metadata["title"] == "産官学共創に向けた拠点の形成"
    assert doc.metadata["flags"] == ["内数"]
    assert doc.metadata["ministries"] == ["文部科学省", "経済産業省"]
    assert doc.id == doc.metadata["id"]


def test_ministry_filter(retriever: HybridRetriever) -> None:
    docs = retriever.invoke("地域の施策", k=20, ministry="環境省")
    assert docs and all("環境省" in d.metadata["ministries"] for d in docs)


def test_pillar_filter(retriever: HybridRetriever) -> None:
    docs = retriever.invoke("施策", k=20, pillar="(4)")
    assert docs and all(d.metadata["pillar"].startswith("(4)") for d in docs)


def test_unknown_words_only_return_nothing_lexical(service) -> None:
    assert service.index.lexical("zzzzqqq", 5) == []
