"""The optional LLM-judge metrics against langchain_core's FakeListChatModel and a fixed fake embedder."""

from __future__ import annotations

import numpy as np
import pytest
from langchain_core.language_models import FakeListChatModel

from bot.config import Settings
from bot.eval.judge import answer_relevancy, chat_model, faithfulness, judge_scores, make_judge, parse_json

VECTORS = {
    "総額はいくら？": np.array([1.0, 0.0]),
    "総額は？": np.array([1.0, 0.0]),
    "天気は？": np.array([0.0, 1.0]),
}


def fake_embed(text: str) -> np.ndarray:
    return VECTORS.get(text, np.array([0.6, 0.8]))


def test_parse_json_in_prose_and_fences() -> None:
    assert parse_json('```json\n["a", "b"]\n```') == ["a", "b"]
    assert parse_json('答え: {"question": "x", "noncommittal": 0}') == {"question": "x", "noncommittal": 0}
    with pytest.raises(ValueError):
        parse_json("no json here")


def test_faithfulness_is_the_supported_share() -> None:
    llm = FakeListChatModel(responses=[
        '["総額は2,444億円である。", "前年度は3,000億円である。"]',
        '[{"statement": "総額は2,444億円である。", "verdict": 1}, {"statement": "前年度は3,000億円である。", "verdict": 0}]',
    ])
    assert faithfulness(llm, "総額は？", "総額は2,444億円で、前年度は3,000億円です。", ["総額 2,444億円"]) == 0.5


def test_faithfulness_without_statements_is_none() -> None:
    llm = FakeListChatModel(responses=["[]"])
    assert faithfulness(llm, "q", "", []) is None


def test_answer_relevancy_mean_cosine_and_noncommittal() -> None:
    llm = FakeListChatModel(responses=[
        '{"question": "総額は？", "noncommittal": 0}',
        '{"question": "天気は？", "noncommittal": 0}',
    ])
    assert answer_relevancy(llm, fake_embed, "総額はいくら？", "2,444億円です。", n=2) == pytest.approx(0.5)
    vague = FakeListChatModel(responses=['{"question": "総額は？", "noncommittal": 1}'])
    assert answer_relevancy(vague, fake_embed, "総額はいくら？", "わかりません。", n=1) == 0.0


def test_judge_scores_and_make_judge() -> None:
    replies = ['["A"]', '[{"statement": "A", "verdict": 1}]'] + ['{"question": "総額は？", "noncommittal": 0}'] * 3
    judge = make_judge(Settings(), llm=FakeListChatModel(responses=replies), embed=fake_embed)

    class Item:
        question = "総額はいくら？"

    class Resp:
        answer = "2,444億円です。"
        contexts = ["総額 2,444億円"]

    assert judge(Item(), Resp()) == {"faithfulness": 1.0, "answer_relevancy": pytest.approx(1.0)}


def test_unparseable_judge_reply_scores_nothing() -> None:
    llm = FakeListChatModel(responses=["I cannot answer that."])
    assert judge_scores(llm, fake_embed, "q", "a", []) == {}


def test_no_backend_no_judge() -> None:
    with pytest.raises(ValueError):
        chat_model(Settings(llm_backend="none"))
