"""What the Slack bot keeps between events, in the shared state store, so several replicas act as one.

- claims: an event (or slash command) already taken by some replica; a retry reaching another one is dropped.
- rate windows: the per-user one-minute window, counted exactly across replicas (one upsert per message).
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
    case,
    delete,
    insert,
    select,
)

from bot.config import Settings
from bot.models import Answer
from bot.state.db import METADATA, connect, insert_for

log = logging.getLogger(__name__)

SLACK_CLAIMS = Table(
    "slack_claims",
    METADATA,
    Column("key", String(255), primary_key=True),
    Column("at", Float, nullable=False),
    Index("slack_claims_at", "at"),
)

SLACK_RATE_WINDOWS = Table(
    "slack_rate_windows",
    METADATA,
    Column("who", String(255), primary_key=True),
    Column("started", Float, nullable=False),
    Column("hits", Integer, nullable=False),
    Index("slack_rate_windows_started", "started"),
)
"""One row per user: when their current one-minute window began and how many messages it has seen."""


def _where_and_who() -> list[Column]:
    """Workspace, channel, thread and person: the place an answer belongs to (fresh columns for each table)."""
    return [Column(name, String(32), nullable=False) for name in ("team", "channel", "thread_ts", "user")]


SLACK_THREADS = Table(
    "slack_threads",
    METADATA,
    *_where_and_who(),
    Column("at", Float, nullable=False),
    PrimaryKeyConstraint("team", "channel", "thread_ts", "user", name="slack_thread_asker"),
    Index("slack_threads_at", "at"),
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
    Index("slack_answers_at", "at"),
)

WINDOW_S = 60.0
"""The rate limit's window: ``slack_rate_limit_per_minute`` messages per user per minute."""
CLAIM_TTL_S = 24 * 3600.0
"""A claim only has to outlive Slack's retries (minutes): kept a day, or the retention period if shorter."""
PRUNE_EVERY = 500
"""Writes per process between two prunings: each is a few indexed deletes, so cheap and occasional."""


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

    def __init__(self, target: str | Engine, clock: Callable[[], float] = time.time, *,
                 retention_days: float = Settings.model_fields["slack_retention_days"].default) -> None:
        """``target``: a state-store URL (``Settings.state_url``) or an engine; ``clock``: wall time, for tests;
        ``retention_days``: how long threads, answers and claims are kept (``BOT_SLACK_RETENTION_DAYS``)."""
        self._engine = target if isinstance(target, Engine) else connect(target)
        self._insert = insert_for(self._engine)
        self._clock = clock
        self._retention_s = retention_days * 86400
        self._writes = 0

    @classmethod
    def from_settings(cls, settings: Settings) -> SlackState:
        return cls(settings.state_url, retention_days=settings.slack_retention_days)

    def claim(self, key: str) -> bool:
        """True for the first replica and thread to claim ``key``; False for every later copy (one statement)."""
        now = self._clock()
        stmt = self._insert(SLACK_CLAIMS).values(key=key[:255], at=now).on_conflict_do_nothing()
        with self._engine.begin() as conn:
            first = conn.execute(stmt.returning(SLACK_CLAIMS.c.key)).first() is not None
        self._maybe_prune(now)
        return first

    def allow(self, who: str, per_minute: int) -> bool:
        """At most ``per_minute`` messages per user in a one-minute window, counted exactly across replicas.

        One statement claims the hit: an upsert that restarts a window older than a minute or adds one to it,
        and returns the new count. Under concurrency the database serialises it on the user's row (a read of
        the count followed by a write would let two replicas both see room for one more). ``per_minute`` ≤ 0
        means no limit. The window starts at the user's first message, not on the clock's minute.
        """
        if per_minute <= 0:
            return True
        now = self._clock()
        w = SLACK_RATE_WINDOWS.c
        expired = w.started <= now - WINDOW_S
        stmt = self._insert(SLACK_RATE_WINDOWS).values(who=who[:255], started=now, hits=1)
        stmt = stmt.on_conflict_do_update(
            index_elements=[w.who],
            set_={"started": case((expired, now), else_=w.started), "hits": case((expired, 1), else_=w.hits + 1)},
        ).returning(w.hits)
        with self._engine.begin() as conn:
            hits = conn.execute(stmt).scalar_one()
        self._maybe_prune(now)
        return hits <= per_minute

    def own(self, team: str, channel: str, thread_ts: str, user: str) -> None:
        """Record that the bot answers ``user`` in this thread (idempotent; refreshes the time kept from)."""
        now = self._clock()
        stmt = self._insert(SLACK_THREADS).values(team=team, channel=channel, thread_ts=thread_ts, user=user, at=now)
        with self._engine.begin() as conn:
            conn.execute(stmt.on_conflict_do_update(index_elements=list(SLACK_THREADS.primary_key.columns),
                                                    set_={"at": now}))
        self._maybe_prune(now)

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
        self._maybe_prune(self._clock())
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
        self._writes += 1
        if self._writes % PRUNE_EVERY == 0:
            self.prune(now)

    def prune(self, now: float | None = None) -> dict[str, int]:
        """Delete what is past keeping: claims and rate windows soon, threads and answers after the retention
        period (a thread a person still asks in is refreshed by :meth:`own`). Rows deleted, per table."""
        now = self._clock() if now is None else now
        cutoffs = {
            SLACK_CLAIMS: SLACK_CLAIMS.c.at < now - min(CLAIM_TTL_S, self._retention_s),
            SLACK_RATE_WINDOWS: SLACK_RATE_WINDOWS.c.started <= now - WINDOW_S,
            SLACK_THREADS: SLACK_THREADS.c.at < now - self._retention_s,
            SLACK_ANSWERS: SLACK_ANSWERS.c.at < now - self._retention_s,
        }
        with self._engine.begin() as conn:
            return {table.name: conn.execute(delete(table).where(old)).rowcount for table, old in cutoffs.items()}


def _record(row: object) -> AnswerRecord:
    r = dict(row)  # type: ignore[call-overload]
    r["answer"] = Answer.model_validate_json(r["answer"])
    return AnswerRecord(**r)
