"""The feedback store: one row per (answer, voter), updated or withdrawn; older clients get a row per vote."""

from __future__ import annotations

from pathlib import Path

from bot.models import Citation
from bot.state.feedback import FeedbackStore

CITE = Citation(n=1, id="r-1", title="施策A", line_start=3, line_end=4, quote="施策A 1億円")


def _vote(store: FeedbackStore, rating: str, **kw: str) -> int:
    return store.add(question="施策Aの予算は？", answer="1億円です[1]。", citations=[CITE], rating=rating, **kw)  # type: ignore[arg-type]


def test_a_second_vote_on_the_same_answer_updates_the_row(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "state.sqlite3")
    first = _vote(store, "up", answer_key="a1", voter="u1")
    second = _vote(store, "down", answer_key="a1", voter="u1", comment="古い")
    assert first == second
    assert [(r["rating"], r["comment"]) for r in store.rows()] == [("down", "古い")]


def test_votes_of_other_voters_and_answers_are_kept_apart(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "state.sqlite3")
    _vote(store, "up", answer_key="a1", voter="u1")
    _vote(store, "up", answer_key="a1", voter="u2")
    _vote(store, "down", answer_key="a2", voter="u1")
    assert [(r["answer_key"], r["voter"], r["rating"]) for r in store.rows()] == [
        ("a1", "u1", "up"), ("a1", "u2", "up"), ("a2", "u1", "down"),
    ]


def test_withdraw_removes_only_that_vote(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "state.sqlite3")
    _vote(store, "up", answer_key="a1", voter="u1")
    _vote(store, "up", answer_key="a1", voter="u2")
    assert store.withdraw("a1", "u1") is True
    assert store.withdraw("a1", "u1") is False
    assert [r["voter"] for r in store.rows()] == ["u2"]


def test_votes_without_a_key_are_rows_of_their_own(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "state.sqlite3")
    _vote(store, "up")
    _vote(store, "up")
    assert len(list(store.rows())) == 2
    assert next(store.export_eval_candidates())["feedback"]["bot_citations"] == [(3, 4)]
