"""Stage timings: every stage of the answer path is reported, and timing it changes no result."""

from __future__ import annotations

from pathlib import Path

from bot.search.retriever import HybridRetriever
from bot.timing import Stopwatch
from tests.tiny import tiny_service

SEARCH_STAGES = {"lexical", "embed", "dense", "fuse"}
ANSWER_STAGES = {"analyse", *SEARCH_STAGES, "rerank", "retrieve", "compose", "verify", "total"}


def test_stopwatch_adds_up_a_stage_entered_twice() -> None:
    watch = Stopwatch()
    with watch.stage("a"):
        pass
    first = watch.laps["a"]
    with watch.stage("a"):
        pass
    assert set(watch.laps) == {"a"}
    assert watch.laps["a"] >= first


def test_an_answer_reports_every_stage(tmp_path: Path) -> None:
    answer = tiny_service(tmp_path).ask("山里バス支援事業の予算は？")
    assert not answer.refused
    assert set(answer.timings_ms) == ANSWER_STAGES
    assert all(ms >= 0 for ms in answer.timings_ms.values())
    inner = sum(answer.timings_ms[s] for s in (*SEARCH_STAGES, "rerank"))
    assert inner <= answer.timings_ms["retrieve"] + 0.05  # the search stages are parts of the retrieval step


def test_a_list_chosen_by_metadata_runs_no_search(tmp_path: Path) -> None:
    answer = tiny_service(tmp_path).ask("国土交通省が担当する施策を教えてください。")
    assert set(answer.timings_ms) == {"analyse", "retrieve", "compose", "verify", "total"}


def _dense_untimed(index, query: str, n: int) -> list[tuple[str, float]]:
    """The dense search as it was before it was split into embed and nearest: one embed, one Chroma query."""
    vec = index.embedding_function.embed_query([query])[0]
    res = index.collection.query(query_embeddings=[list(vec)], n_results=min(n, len(index.records)),
                                 include=["distances"])
    return [(i, 1.0 - float(d)) for i, d in zip(res["ids"][0], res["distances"][0])]


def test_timing_the_search_changes_no_hit(tmp_path: Path) -> None:
    """The timed search (embed, then nearest) ranks exactly as the untimed lexical + dense fusion it replaced."""
    index = tiny_service(tmp_path).index
    every = len(index.records)  # the whole fused ranking, so any change in either list shows
    retriever = HybridRetriever(index=index, k=every)
    for query in ("山里バス支援事業の予算は？", "除雪の担い手", "星空観光", "海外展開"):
        watch = Stopwatch()
        timed = retriever.search(query, watch=watch)
        untimed = retriever._fuse(index.lexical(query, 30), _dense_untimed(index, query, 30), every, None, None)
        assert [(r.id, s) for r, s in timed] == [(r.id, s) for r, s in untimed]
        assert set(watch.laps) == SEARCH_STAGES
