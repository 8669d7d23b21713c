"""The pure eval metrics on tiny hand-made inputs (no index, no model)."""

from __future__ import annotations

import math

import pytest

from bot.eval.baseline import chunk_document
from bot.eval.metrics import (
    Outcome,
    count_relevant,
    covers,
    fact_present,
    facts_found,
    first_hit_rank,
    ndcg_at_k,
    percentile,
    recall_at_k,
    reciprocal_rank,
    summarize,
)


def test_covers_is_inclusive_on_both_ends() -> None:
    assert covers((10, 12), [10])
    assert covers((10, 12), [12])
    assert not covers((10, 12), [9, 13])
    assert not covers((10, 12), [])


def test_rank_metrics() -> None:
    spans = [(1, 2), (5, 6), (10, 12)]
    assert first_hit_rank(spans, [11]) == 3
    assert first_hit_rank(spans, [99]) is None
    assert recall_at_k(spans, [11], 1) == 0.0
    assert recall_at_k(spans, [11], 3) == 1.0
    assert reciprocal_rank(spans, [5]) == 0.5
    assert reciprocal_rank(spans, [99]) == 0.0


def test_ndcg_binary_relevance() -> None:
    assert ndcg_at_k([(1, 1), (2, 2)], [1], 5, n_relevant=1) == 1.0
    # the only relevant item at rank 2: 1/log2(3)
    assert ndcg_at_k([(9, 9), (1, 1)], [1], 5, n_relevant=1) == pytest.approx(1 / math.log2(3))
    # two relevant in the collection, one retrieved at rank 1
    assert ndcg_at_k([(1, 1), (9, 9)], [1, 5], 5, n_relevant=2) == pytest.approx(1 / (1 + 1 / math.log2(3)))
    assert ndcg_at_k([(9, 9)], [1], 5, n_relevant=0) == 0.0
    assert count_relevant([(1, 3), (4, 4), (5, 9)], [2, 5]) == 2


def test_facts_after_nfkc_commas_spaces_and_markers() -> None:
    answer = "総額は２，４４４ 億円[1]＋事項要求です。"
    assert fact_present("2,444億円", answer)
    assert fact_present("事項要求", answer)
    assert not fact_present("2,037億円", answer)
    assert fact_present(["サーキュラーエコノミー", "事項要求"], answer)  # one alternative suffices
    assert facts_found(["2,444億円", "内数"], answer) == [True, False]


def test_percentile() -> None:
    assert percentile([], 50) == 0.0
    assert percentile([3.0, 1.0, 2.0], 50) == 2.0
    assert percentile([0.0, 10.0], 95) == pytest.approx(9.5)


def _outcome(id: str, *, refuse: bool = False, refused: bool = False, facts: list[bool] | None = None,
             cited: list[tuple[int, int]] | None = None, gold: list[int] | None = None, ms: float = 10.0) -> Outcome:
    return Outcome(
        id=id, category="amount" if not refuse else "unanswerable", split="test", should_refuse=refuse,
        gold_lines=gold if gold is not None else ([] if refuse else [12]), refused=refused,
        facts_ok=facts if facts is not None else ([] if refuse else [True]), cited=cited or [],
        retrieved=cited or [], n_relevant=0 if refuse else 1, numbers=2, ungrounded=[], latency_ms=ms,
    )


def test_pass_rules() -> None:
    assert _outcome("a", cited=[(12, 13)]).passed
    assert not _outcome("b", cited=[(20, 20)]).passed  # facts present but no citation covers a gold line
    assert not _outcome("c", facts=[True, False], cited=[(12, 13)]).passed
    assert not _outcome("d", refused=True, cited=[(12, 13)]).passed
    assert _outcome("e", refuse=True, refused=True).passed
    assert not _outcome("f", refuse=True, refused=False, cited=[(1, 2)]).passed
    assert _outcome("b", cited=[(20, 20)]).why_failed() == "no citation covers a gold line"
    assert _outcome("f", refuse=True).why_failed() == "answered; should refuse"


def test_summarize() -> None:
    outs = [
        _outcome("ok", cited=[(12, 13), (40, 40)], ms=10),  # pass; 1 of 2 citations on gold
        _outcome("miss", facts=[False], cited=[(12, 12)], ms=20),  # fails on facts
        _outcome("false-refusal", refused=True, ms=30),
        _outcome("refusal", refuse=True, refused=True, ms=40),
        _outcome("answered-oos", refuse=True, refused=False, cited=[(5, 5)], ms=50),
    ]
    m = summarize(outs)
    assert m["n"] == 5 and m["n_answerable"] == 3 and m["n_refuse"] == 2
    assert m["pass_rate"] == pytest.approx(2 / 5)
    assert m["fact_recall"] == pytest.approx(1 / 3)
    # answered answerable questions cite (12,13), (40,40), (12,12): 2 of 3 cover line 12
    assert m["citation_precision"] == pytest.approx(2 / 3)
    assert m["citation_recall"] == pytest.approx(2 / 3)
    assert m["refusal_precision"] == pytest.approx(1 / 2)
    assert m["refusal_recall"] == pytest.approx(1 / 2)
    assert m["false_refusal_rate"] == pytest.approx(1 / 3)
    assert m["recall@1"] == pytest.approx(2 / 3)
    assert m["latency_p50_ms"] == 30.0
    assert m["numeric_grounding"] == 1.0


def test_summarize_without_denominators() -> None:
    m = summarize([_outcome("a", cited=[(12, 12)])])
    assert m["refusal_precision"] is None and m["refusal_recall"] is None


def test_chunks_keep_their_lines() -> None:
    text = "\n".join(f"{i}行目の本文です。" * 3 for i in range(1, 61))
    chunks = chunk_document(text, chunk_size=120, chunk_overlap=20)
    lines = text.split("\n")
    assert len(chunks) > 5
    for c in chunks:
        assert c.text == "\n".join(lines[c.line_start - 1 : c.line_end])
