"""Web chat conversations in the state store: kept across reloads, and each answer reachable by a permalink.

A browser keeps only its conversation id (Gradio's ``BrowserState``); the exchanges live here, so a
reload, another replica or a shared link (``/a/<answer key>``) finds the same answer with its sources.
"""

from __future__ import annotations

import json
import re
import secrets
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field
from sqlalchemy import Column, DateTime, Engine, Integer, String, Table, Text, insert, select, update

from bot.models import Answer
from bot.state.db import METADATA, connect, sqlite_url

KEY = re.compile(r"^[0-9a-f]{16,32}$")
"""Conversation ids and answer keys: random hex, so a key in a URL is checked before any query."""

EXCHANGES = Table(
    "web_exchanges",
    METADATA,
    Column("answer_key", String(32), primary_key=True),
    Column("conversation", String(32), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("question", Text, nullable=False),
    Column("previous", Text, nullable=True),
    Column("answer", Text, nullable=False),
    Column("vote", String(4), nullable=True),
    Column("suggestions", Text, nullable=False, default="[]"),
)


class Exchange(BaseModel):
    """One question and its answer as the page shows it; ``key`` names the answer (its cards, votes, link)."""

    key: str
    question: str
    answer: Answer
    previous: str | None = None
    """The question before this one, which a follow-up was resolved against (for the highlights)."""
    vote: Literal["up", "down"] | None = None
    suggestions: list[str] = Field(default_factory=list)
    """Next questions offered under the answer."""


def new_key() -> str:
    return secrets.token_hex(16)


class ConversationStore:
    """Thread-safe through the engine's pool (Gradio handlers run in worker threads)."""

    def __init__(self, target: Path | str | Engine, max_exchanges: int = 200) -> None:
        if isinstance(target, Engine):
            self._engine = target
        else:
            self._engine = connect(sqlite_url(target) if isinstance(target, Path) else target)
        self.max_exchanges = max_exchanges

    def add(self, conversation: str, position: int, exchange: Exchange) -> None:
        values = {
            "answer_key": exchange.key, "conversation": conversation, "position": position,
            "created_at": datetime.now(UTC), "question": exchange.question, "previous": exchange.previous,
            "answer": exchange.answer.model_dump_json(exclude={"retrieved"}), "vote": exchange.vote,
            "suggestions": json.dumps(exchange.suggestions, ensure_ascii=False),
        }
        with self._engine.begin() as conn:
            conn.execute(insert(EXCHANGES).values(**values))

    def set_vote(self, answer_key: str, vote: str | None) -> None:
        with self._engine.begin() as conn:
            conn.execute(update(EXCHANGES).where(EXCHANGES.c.answer_key == answer_key).values(vote=vote))

    def conversation(self, conversation: str) -> list[Exchange]:
        """The conversation's latest ``max_exchanges`` exchanges in order; [] for an unknown or malformed id."""
        if not KEY.match(conversation or ""):
            return []
        query = (
            select(EXCHANGES).where(EXCHANGES.c.conversation == conversation)
            .order_by(EXCHANGES.c.position.desc()).limit(self.max_exchanges)
        )
        with self._engine.connect() as conn:
            rows = list(conn.execute(query).mappings())
        return [_exchange(r) for r in reversed(rows)]

    def get(self, answer_key: str) -> Exchange | None:
        if not KEY.match(answer_key or ""):
            return None
        with self._engine.connect() as conn:
            row = conn.execute(select(EXCHANGES).where(EXCHANGES.c.answer_key == answer_key)).mappings().first()
        return _exchange(row) if row is not None else None


def _exchange(row) -> Exchange:  # noqa: ANN001 - an SQLAlchemy row mapping
    return Exchange(
        key=row["answer_key"], question=row["question"], previous=row["previous"], vote=row["vote"],
        answer=Answer.model_validate_json(row["answer"]), suggestions=json.loads(row["suggestions"] or "[]"),
    )
