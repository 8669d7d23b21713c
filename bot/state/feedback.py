"""👍/👎 feedback from the web chat and Slack, kept in the state store so it can become eval questions.

A vote with an ``answer_key`` and a ``voter`` is one row per (answer, voter): a second vote updates it
and ``withdraw`` removes it. A vote without a key (an older client) is a row of its own.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from sqlalchemy import Column, DateTime, Engine, Integer, String, Table, Text, UniqueConstraint, delete, select

from bot.models import Citation
from bot.state.db import METADATA, connect, insert_for, sqlite_url

Rating = Literal["up", "down"]

FEEDBACK = Table(
    "feedback",
    METADATA,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("source", String(16), nullable=False),
    Column("answer_key", String(64), nullable=False),
    Column("voter", String(128), nullable=False, default=""),
    Column("rating", String(4), nullable=False),
    Column("question", Text, nullable=False),
    Column("answer", Text, nullable=False),
    Column("citations", Text, nullable=False),
    Column("comment", Text, nullable=False, default=""),
    UniqueConstraint("answer_key", "voter", name="one_vote_per_answer_and_voter"),
)


def _now() -> datetime:
    return datetime.now(UTC)


class FeedbackStore:
    """Thread-safe through the engine's pool: the web chat and the Slack handlers write from worker threads."""

    def __init__(self, target: Path | str | Engine) -> None:
        if isinstance(target, Engine):
            self._engine = target
        else:
            self._engine = connect(sqlite_url(target) if isinstance(target, Path) else target)
        self._insert = insert_for(self._engine)

    def add(self, *, question: str, answer: str, citations: list[Citation], rating: Rating, comment: str = "",
            source: str = "web", answer_key: str | None = None, voter: str = "") -> int:
        """Store a vote; with ``answer_key`` a later vote of the same voter on that answer replaces it."""
        if rating not in ("up", "down"):
            raise ValueError(f"rating must be 'up' or 'down', not {rating!r}")
        values = {
            "created_at": _now(), "source": source, "rating": rating, "question": question, "answer": answer,
            "citations": json.dumps([c.model_dump() for c in citations], ensure_ascii=False), "comment": comment,
        }
        key = answer_key or f"once-{uuid.uuid4().hex}"
        # one statement: two replicas recording the same voter's vote at once still make one row
        stmt = self._insert(FEEDBACK).values(answer_key=key, voter=voter, **values)
        stmt = stmt.on_conflict_do_update(index_elements=[FEEDBACK.c.answer_key, FEEDBACK.c.voter], set_=values)
        with self._engine.begin() as conn:
            return int(conn.execute(stmt.returning(FEEDBACK.c.id)).scalar_one())

    def withdraw(self, answer_key: str, voter: str = "") -> bool:
        """Remove a voter's vote on an answer; True when there was one."""
        with self._engine.begin() as conn:
            result = conn.execute(
                delete(FEEDBACK).where(FEEDBACK.c.answer_key == answer_key, FEEDBACK.c.voter == voter)
            )
            return result.rowcount > 0

    def rows(self) -> Iterator[dict]:
        with self._engine.connect() as conn:
            for r in conn.execute(select(FEEDBACK).order_by(FEEDBACK.c.id)).mappings():
                d = dict(r)
                at = d["created_at"]  # SQLite gives the stored UTC time back without its zone, PostgreSQL with it
                d["created_at"] = (at if at.tzinfo else at.replace(tzinfo=UTC)).isoformat(timespec="seconds")
                d["citations"] = json.loads(d["citations"])
                yield d

    def export_eval_candidates(self) -> Iterator[dict]:
        """Rows in the eval question format; gold lines and facts are left for a person to fill."""
        for r in self.rows():
            yield {
                "id": f"feedback-{r['id']}",
                "question": r["question"],
                "category": "feedback",
                "gold_lines": [],
                "facts": [],
                "should_refuse": False,
                "split": "dev",
                "feedback": {
                    "rating": r["rating"],
                    "comment": r["comment"],
                    "source": r["source"],
                    "bot_answer": r["answer"],
                    "bot_citations": [(c["line_start"], c["line_end"]) for c in r["citations"]],
                },
            }
