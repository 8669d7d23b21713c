"""The state store on both engines: SQLite (the default) and PostgreSQL (replicas), from migrations to retention.

Every test gets a fresh, empty store from the ``state_url`` fixture (tests/conftest.py), once per engine.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, func, inspect, select, text

from bot.models import Answer, Citation
from bot.state.conversations import ConversationStore, Exchange
from bot.state.db import INITIAL_REVISION, alembic_config, connect, engine_url, load_tables, migrate
from bot.state.feedback import FEEDBACK, FeedbackStore
from bot.state.slack_state import SLACK_RATE_WINDOWS, SlackState

CITE = Citation(n=1, id="r-1", title="施策A", line_start=3, line_end=4, quote="施策A 1億円")
HEAD = ScriptDirectory.from_config(alembic_config()).get_current_head()


def _fresh_engine(url: str) -> Engine:
    """An engine of its own (connect() shares one per URL): a second replica's connection pool."""
    return create_engine(engine_url(url))


def _revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _together(n: int, work: Callable[[int], object]) -> list:
    """Run ``work(i)`` for i < n on n threads released at the same moment; bounded by a 60 s wait."""
    barrier = threading.Barrier(n, timeout=30)

    def run(i: int) -> object:
        barrier.wait()
        return work(i)

    pool = ThreadPoolExecutor(n)
    try:
        return [f.result(timeout=60) for f in [pool.submit(run, i) for i in range(n)]]
    finally:
        pool.shutdown(wait=False, cancel_futures=True)  # a stuck thread fails the test instead of hanging it


# --- migrations ---------------------------------------------------------------------------------


def test_the_migrated_schema_is_exactly_the_declared_tables(state_url: str) -> None:
    engine = connect(state_url)
    assert _revision(engine) == HEAD
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), load_tables()) == []


def test_replicas_starting_at_once_migrate_once(state_url: str) -> None:
    engines = [_fresh_engine(state_url) for _ in range(4)]
    _together(4, lambda i: migrate(engines[i]))
    assert {_revision(e) for e in engines} == {HEAD}
    with engines[0].connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar_one() == 1


def test_a_database_from_before_migrations_is_adopted_with_its_rows(state_url: str) -> None:
    """A data directory made by the old create_all: the initial tables, no alembic_version."""
    engine = _fresh_engine(state_url)
    with engine.connect() as conn:
        command.upgrade(alembic_config(conn), INITIAL_REVISION)
        conn.execute(text("DROP TABLE alembic_version"))
        conn.execute(FEEDBACK.insert().values(
            created_at=func.now(), source="web", answer_key="a1", voter="u1", rating="up", question="q",
            answer="a", citations="[]", comment=""))
        conn.commit()
    store = FeedbackStore(state_url)
    assert _revision(engine) == HEAD
    assert [(r["answer_key"], r["rating"]) for r in store.rows()] == [("a1", "up")]


def test_postgresql_urls_get_the_psycopg_driver() -> None:
    assert engine_url("postgresql://bot:pw@db:5432/state") == "postgresql+psycopg://bot:pw@db:5432/state"
    assert engine_url("postgres://db/state") == "postgresql+psycopg://db/state"
    assert engine_url("postgresql+psycopg://db/state") == "postgresql+psycopg://db/state"
    assert engine_url("sqlite:////tmp/x.sqlite3") == "sqlite:////tmp/x.sqlite3"


# --- feedback -----------------------------------------------------------------------------------


def _vote(store: FeedbackStore, rating: str, **kw: str) -> int:
    return store.add(question="施策Aの予算は？", answer="1億円です[1]。", citations=[CITE], rating=rating, **kw)  # type: ignore[arg-type]


def test_feedback_is_one_row_per_answer_and_voter(state_url: str) -> None:
    store = FeedbackStore(state_url)
    first = _vote(store, "up", answer_key="a1", voter="u1")
    assert _vote(store, "down", answer_key="a1", voter="u1", comment="古い") == first
    _vote(store, "up", answer_key="a1", voter="u2")
    _vote(store, "up", answer_key="a2", voter="u1")
    assert store.withdraw("a1", "u2") is True and store.withdraw("a1", "u2") is False
    _vote(store, "up")
    _vote(store, "up")
    rows = [(r["answer_key"][:5], r["voter"], r["rating"], r["comment"]) for r in store.rows()]
    assert rows == [("a1", "u1", "down", "古い"), ("a2", "u1", "up", ""), ("once-", "", "up", ""),
                    ("once-", "", "up", "")]
    assert next(store.rows())["created_at"].endswith("+00:00")
    assert next(store.export_eval_candidates())["feedback"]["bot_citations"] == [(3, 4)]


def test_the_same_vote_through_two_replicas_at_once_is_one_row(state_url: str) -> None:
    stores = [FeedbackStore(_fresh_engine(state_url)) for _ in range(2)]
    for store in stores:
        migrate(store._engine)
    ids = _together(8, lambda i: _vote(stores[i % 2], ("up", "down")[i % 2], answer_key="a1", voter="u1"))
    assert len(set(ids)) == 1
    assert [(r["answer_key"], r["voter"]) for r in stores[0].rows()] == [("a1", "u1")]


# --- conversations and permalinks ---------------------------------------------------------------


def _exchange(key: str, question: str) -> Exchange:
    answer = Answer(question=question, answer=f"{question}の答えです[1]。", citations=[CITE])
    return Exchange(key=key, question=question, answer=answer, suggestions=["次の質問は？"])


def test_conversations_and_permalinks(state_url: str) -> None:
    store = ConversationStore(state_url, max_exchanges=2)
    conv, keys = "c" * 32, [f"{i:x}" * 32 for i in range(1, 4)]
    for position, key in enumerate(keys):
        store.add(conv, position, _exchange(key, f"質問{position}"))
    assert [e.question for e in store.conversation(conv)] == ["質問1", "質問2"], "latest max_exchanges, in order"
    store.set_vote(keys[0], "up")
    found = store.get(keys[0])
    assert found is not None and found.vote == "up" and found.suggestions == ["次の質問は？"]
    assert found.answer.citations == [CITE]
    assert store.get("f" * 32) is None and store.get("'; DROP TABLE web_exchanges; --") is None
    assert store.conversation("nope") == []
    other = ConversationStore(_fresh_engine(state_url))
    assert [e.key for e in other.conversation(conv)] == keys, "another replica reads the same conversation"


# --- Slack --------------------------------------------------------------------------------------


def test_slack_claims_threads_and_answer_records(state_url: str) -> None:
    now = [1000.0]
    one, two = SlackState(state_url, clock=lambda: now[0]), SlackState(_fresh_engine(state_url), clock=lambda: now[0])
    assert one.claim("slack:ev:1") and not two.claim("slack:ev:1") and not one.claim("slack:ev:1")
    assert two.claim("slack:ev:2")
    one.own("T", "C", "1.0", "U1")
    one.own("T", "C", "1.0", "U1")
    two.own("T", "C", "1.0", "U2")
    assert two.askers("T", "C", "1.0") == {"U1", "U2"} and one.askers("T", "C", "2.0") == set()
    key = one.put_answer(team="T", channel="D1", thread_ts="1.0", user="U1", question="質問",
                         answer=Answer(question="質問", answer="回答[1]。", citations=[CITE]), top_level=True)
    record = two.answer(key)
    assert record is not None and (record.question, record.answer.citations, record.top_level) == ("質問", [CITE], True)
    assert two.answer("0" * 16) is None
    assert [r.key for r in two.recent_answers("T", "D1", within_s=60, limit=5)] == [key]


def test_claims_racing_on_two_replicas_have_one_winner(state_url: str) -> None:
    states = [SlackState(state_url), SlackState(_fresh_engine(state_url))]
    won = _together(8, lambda i: states[i % 2].claim("slack:event:Ev1"))
    assert won.count(True) == 1


def test_the_rate_limit_is_exact_under_concurrent_replicas(state_url: str) -> None:
    """16 threads on two engines, 10 messages each, limit 25: exactly 25 allowed (one upsert per message)."""
    states = [SlackState(state_url), SlackState(_fresh_engine(state_url))]
    allowed = _together(16, lambda i: sum(states[i % 2].allow("slack:T:U1", 25) for _ in range(10)))
    assert sum(allowed) == 25
    with states[0]._engine.connect() as conn:
        assert conn.execute(select(SLACK_RATE_WINDOWS.c.hits)).scalar_one() == 160


def test_the_rate_limit_window_restarts_after_a_minute(state_url: str) -> None:
    now = [1000.0]
    state = SlackState(state_url, clock=lambda: now[0])
    assert [state.allow("u", 2) for _ in range(3)] == [True, True, False]
    assert state.allow("v", 2), "per user"
    now[0] += 59.9
    assert not state.allow("u", 2)
    now[0] += 0.1
    assert [state.allow("u", 2) for _ in range(3)] == [True, True, False]
    assert state.allow("u", 0) and state.allow("u", -1), "0 or less: no limit"


def test_retention_prunes_old_threads_answers_claims_and_windows(state_url: str) -> None:
    day = 86400.0
    now = [100 * day]
    state = SlackState(state_url, clock=lambda: now[0], retention_days=30)
    answer = Answer(question="q", answer="a")

    def put(thread: str) -> str:
        return state.put_answer(team="T", channel="C", thread_ts=thread, user="U", question="q", answer=answer)

    state.claim("old-claim")
    state.own("T", "C", "old", "U")
    state.own("T", "C", "active", "U")
    old_key = put("old")
    state.allow("u", 5)
    now[0] += 29 * day
    state.own("T", "C", "active", "U")  # asked again: kept from now on
    new_key = put("new")
    now[0] += 2 * day
    state.claim("new-claim")
    assert state.prune() == {"slack_claims": 1, "slack_rate_windows": 1, "slack_threads": 1, "slack_answers": 1}
    assert state.answer(old_key) is None and state.answer(new_key) is not None
    assert state.askers("T", "C", "old") == set() and state.askers("T", "C", "active") == {"U"}
    assert not state.claim("new-claim"), "a claim younger than a day is kept"
    assert state.prune() == {"slack_claims": 0, "slack_rate_windows": 0, "slack_threads": 0, "slack_answers": 0}


def test_pruning_happens_by_itself_now_and_then(state_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.state import slack_state

    monkeypatch.setattr(slack_state, "PRUNE_EVERY", 3)
    now = [0.0]
    state = SlackState(state_url, clock=lambda: now[0], retention_days=1)
    state.claim("a")
    now[0] += 2 * 86400
    state.claim("b")
    assert not state.claim("a"), "not yet pruned: two writes"
    assert state.claim("a"), "the fourth write pruned first: the third call pruned 'a' away"


def test_every_table_is_in_one_schema_on_both_engines(state_url: str) -> None:
    tables = set(inspect(connect(state_url)).get_table_names())
    assert tables == {*load_tables().tables, "alembic_version"}
