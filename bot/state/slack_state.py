"""What the Slack bot keeps between events, in the shared state store, so several replicas act as one.

- claims: an event (or slash command) already taken by some replica; a retry reaching another one is dropped.
- rate hits: the per-user one-minute window, counted across replicas.
- threads: the threads the bot started or answered, with the people who asked in them. Only these are
  ever read back from Slack, and only their askers' follow-ups are answered.
- answers: each answer by the short key its 👍/👎 buttons carry, for feedback and for a DM's follow-ups.
"""

from __future__ import annotations

import logging
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import (
    Boolean,
    Column,
    Engine,
    Float,
    Index,
    Integer,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    delete,
    func,
    insert,
    select,
)
from sqlalchemy.exc import IntegrityError

from bot.models import Answer
from bot.state.db import METADATA, connect

log = logging.getLogger(__name__)

SLACK_CLAIMS = Table(
    "slack_claims",
    METADATA,
    Column("key", String(255), primary_key=True),
    Column("at", Float, nullable=False),
)

SLACK_RATE_HITS = Table(
    "slack_rate_hits",
    METADATA,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("who", String(255), nullable=False),
    Column("at", Float, nullable=False),
    Index("slack_rate_hits_who_at", "who", "at"),
)



def _where_and_who() -> list[Column]:
    """Workspace, channel, thread and person: the place an answer belongs to (fresh columns for each table)."""
    return [Column(name, String(32), nullable=False) for name in ("team", "channel", "thread_ts", "user")]


SLACK_THREADS = Table(
    "slack_threads",
    METADATA,
    *_where_and_who(),
    Column("at", Float, nullable=False),
    PrimaryKeyConstraint("team", "channel", "thread_ts", "user", name="slack_thread_asker"),
)

SLACK_ANSWERS = Table(
    "slack_answers",
    METADATA,
    Column("key", String(32), primary_key=True),
    *_where_and_who(),
    Column("question", Text, nullable=False),
    Column("answer", Text, nullable=False),  # the Answer as JSON
    Column("top_level", Boolean, nullable=False, default=False),  # asked outside any thread (a DM's short memory)
    Column("at", Float, nullable=False),
    Index("slack_answers_channel_at", "team", "channel", "at"),
)

CLAIM_TTL_S = 24 * 3600.0
PRUNE_EVERY = 500


@dataclass(frozen=True)
class AnswerRecord:
    """One answer as its buttons find it again."""

    key: str
    team: str
    channel: str
    thread_ts: str
    user: str
    question: str
    answer: Answer
    top_level: bool
    at: float


class SlackState:
    """The Slack bot's shared state; every method is one short transaction, safe from many threads."""

    def __init__(self, target: str | Engine, clock: Callable[[], float] = time.time) -> None:
        """``target``: a state-store URL (``Settings.state_url``) or an engine; ``clock``: wall time, for tests."""
        self._engine = target if isinstance(target, Engine) else connect(target)
        self._clock = clock
        self._writes = 0

    def claim(self, key: str) -> bool:
        """True for the first replica and thread to claim ``key``; False for every later copy."""
        now = self._clock()
        try:
            with self._engine.begin() as conn:
                conn.execute(insert(SLACK_CLAIMS).values(key=key[:255], at=now))
        except IntegrityError:
            return False
        self._maybe_prune(now)
        return True

    def allow(self, who: str, per_minute: int) -> bool:
        """A sliding one-minute window per user, shared by replicas; ``per_minute`` ≤ 0 means no limit."""
        if per_minute <= 0:
            return True
        now = self._clock()
        with self._engine.begin() as conn:
            conn.execute(delete(SLACK_RATE_HITS).where(SLACK_RATE_HITS.c.who == who,
                                                       SLACK_RATE_HITS.c.at <= now - 60))
            hits = conn.execute(select(func.count()).where(SLACK_RATE_HITS.c.who == who)).scalar_one()
            if hits >= per_minute:
                return False
            conn.execute(insert(SLACK_RATE_HITS).values(who=who, at=now))
            return True

    def own(self, team: str, channel: str, thread_ts: str, user: str) -> None:
        """Record that the bot answers ``user`` in this thread (idempotent)."""
        try:
            with self._engine.begin() as conn:
                conn.execute(insert(SLACK_THREADS).values(team=team, channel=channel, thread_ts=thread_ts,
                                                          user=user, at=self._clock()))
        except IntegrityError:
            pass

    def askers(self, team: str, channel: str, thread_ts: str) -> set[str]:
        """The people the bot answers in this thread; empty for a thread that is not ours."""
        t = SLACK_THREADS.c
        with self._engine.connect() as conn:
            rows = conn.execute(select(t.user).where(t.team == team, t.channel == channel, t.thread_ts == thread_ts))
            return {r.user for r in rows}

    def put_answer(self, *, team: str, channel: str, thread_ts: str, user: str, question: str,
                   answer: Answer, top_level: bool = False) -> str:
        """Keep an answer; the returned key is all its buttons carry."""
        key = secrets.token_hex(8)
        with self._engine.begin() as conn:
            conn.execute(insert(SLACK_ANSWERS).values(
                key=key, team=team, channel=channel, thread_ts=thread_ts, user=user, question=question,
                answer=answer.model_dump_json(), top_level=top_level, at=self._clock()))
        return key

    def answer(self, key: str) -> AnswerRecord | None:
        with self._engine.connect() as conn:
            row = conn.execute(select(SLACK_ANSWERS).where(SLACK_ANSWERS.c.key == key)).mappings().first()
        return _record(row) if row else None

    def recent_answers(self, team: str, channel: str, *, within_s: float, limit: int) -> list[AnswerRecord]:
        """The latest answers to top-level questions in a conversation (a DM), oldest first: its short memory."""
        a = SLACK_ANSWERS.c
        query = (select(SLACK_ANSWERS).where(a.team == team, a.channel == channel, a.top_level,
                                             a.at >= self._clock() - within_s)
                 .order_by(a.at.desc()).limit(limit))
        with self._engine.connect() as conn:
            rows = conn.execute(query).mappings().all()
        return [_record(r) for r in reversed(rows)]

    def _maybe_prune(self, now: float) -> None:
        """Claims and hits only matter for a while: drop old ones now and then."""
        self._writes += 1
        if self._writes % PRUNE_EVERY:
            return
        with self._engine.begin() as conn:
            conn.execute(delete(SLACK_CLAIMS).where(SLACK_CLAIMS.c.at < now - CLAIM_TTL_S))
            conn.execute(delete(SLACK_RATE_HITS).where(SLACK_RATE_HITS.c.at < now - 60))


def _record(row: object) -> AnswerRecord:
    r = dict(row)  # type: ignore[call-overload]
    r["answer"] = Answer.model_validate_json(r["answer"])
    return AnswerRecord(**r)
