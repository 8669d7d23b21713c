"""The Slack bot in a busy workspace: other people's threads, side talk, long threads, DMs, replicas, failures.

Same real surfaces as ``test_slack.py`` (signed requests to uvicorn + Bolt, the Web API on the stand-in),
with the stand-in failing on demand. Expected answers come from the real ``QAService``.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from slack_sdk import WebClient

from bot.config import Settings
from bot.models import Turn
from bot.slack.chat import APOLOGY, PLACEHOLDER, Incoming
from bot.slack.listeners import ThreadReplier
from bot.state.feedback import FeedbackStore
from tests.slack_standin import BOT_ID, BOT_USER_ID, TEAM_ID, Call, Fault, SlackStandIn
from tests.test_slack import (  # noqa: F401 - fixtures are used by name
    QUESTIONS,
    SlackEnv,
    _env,
    assert_cited_answer,
    click,
    mention,
    message_event,
    new_channel,
    new_user,
    no_proxy,
    responses_to,
    slack_settings,
)

FOLLOW_UP = "それはいくら？"  # resolves only with the earlier question (test_slack checks that it matters)


@pytest.fixture()
def standin() -> Iterator[SlackStandIn]:
    s = SlackStandIn().start()
    yield s
    s.stop()


@pytest.fixture()
def env(slack_settings: Settings, service: Any, standin: SlackStandIn, tmp_path: Path) -> Iterator[SlackEnv]:
    settings = slack_settings.model_copy(update={"database_url": f"sqlite:///{tmp_path / 'state.sqlite3'}"})
    yield from _env(settings, service, FeedbackStore(settings.state_url), standin)


def stranger_thread(standin: SlackStandIn, channel: str) -> list[dict[str, Any]]:
    root = standin.user_message(channel, new_user(), "今日の会議の資料です")
    return [root] + [standin.user_message(channel, new_user(), text, thread_ts=root["ts"])
                     for text in ("ありがとうございます", "了解です", "予算の件、後で確認します")]


def nth_reply(standin: SlackStandIn, channel: str, thread: str, n: int) -> Call:
    """The final content of the bot's n-th reply (0-based) in a thread."""

    def probe() -> Call | None:
        posts = standin.calls_to("chat.postMessage", channel=channel, thread_ts=thread)
        posts = [p for p in posts if not p.fault]
        if len(posts) <= n:
            return None
        updates = standin.calls_to("chat.update", channel=channel, ts=posts[n].params["_ts"])
        done = [u for u in updates if not u.fault]
        return done[-1] if done else (posts[n] if posts[n].params["text"] != PLACEHOLDER else None)

    return standin.wait_for(probe)


# -- other people's threads ----------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("fault", [Fault(error="internal_error"), Fault(status=500), Fault(status=429, retry_after=0)],
                         ids=["api-error", "http-500", "http-429"])
def test_strangers_threads_get_nothing_even_when_the_api_fails(env: SlackEnv, fault: Fault) -> None:
    env.standin.fail("*", fault)
    channel = new_channel()
    for message in stranger_thread(env.standin, channel):
        env.send_event(message_event(message))
    env.executor.wait_idle()
    assert [c.method for c in env.standin.calls if c.params.get("channel") == channel] == []


# -- threads the bot owns ----------------------------------------------------------------------------

@pytest.mark.slow
def test_side_talk_is_left_alone_and_small_talk_gets_a_reaction_not_a_turn(env: SlackEnv, service: Any) -> None:
    asker, colleague = new_user(), new_user()
    root = env.mention(QUESTIONS[0], user=asker)
    channel, thread = root["channel"], root["ts"]
    nth_reply(env.standin, channel, thread, 0)
    side = env.standin.user_message(channel, colleague, "ありがとうございます、助かりました", thread_ts=thread)
    aside = env.standin.user_message(channel, colleague, "この件、来週の会議で話しましょう", thread_ts=thread)
    thanks = env.standin.user_message(channel, asker, "了解です", thread_ts=thread)
    for m in (side, aside, thanks):
        env.send_event(message_event(m))
    env.executor.wait_idle()
    assert len(env.standin.calls_to("chat.postMessage", channel=channel)) == 1, "no answer to side or small talk"
    (reaction,) = env.standin.calls_to("reactions.add", channel=channel)
    assert reaction.params["timestamp"] == thanks["ts"]
    follow_up = env.standin.user_message(channel, asker, FOLLOW_UP, thread_ts=thread)
    env.send_event(message_event(follow_up))
    second = nth_reply(env.standin, channel, thread, 1)
    history = [Turn(role="user", content=QUESTIONS[0]), Turn(role="assistant", content=service.ask(QUESTIONS[0]).answer)]
    assert_cited_answer(second, service.ask(FOLLOW_UP, history))


@pytest.mark.slow
def test_anyone_who_mentions_the_bot_in_its_thread_is_answered(env: SlackEnv, service: Any) -> None:
    root = env.mention(QUESTIONS[0])
    channel, thread = root["channel"], root["ts"]
    nth_reply(env.standin, channel, thread, 0)
    env.mention(QUESTIONS[1], channel=channel, thread_ts=thread)
    reply = nth_reply(env.standin, channel, thread, 1)
    assert reply.params["blocks"], "answered, not ignored as side talk"


def test_a_long_thread_is_read_page_by_page_and_the_latest_turns_kept(standin: SlackStandIn, no_proxy: None) -> None:
    """450 messages: three pages of conversations.replies; assistant turns kept, side talk and notices dropped."""
    channel, asker, colleague = new_channel(), new_user(), new_user()
    root = standin.user_message(channel, asker, f"<@{BOT_USER_ID}> 質問0")
    thread = root["ts"]
    for i in range(1, 150):
        standin.user_message(channel, asker, f"質問{i}", thread_ts=thread)
        standin.user_message(channel, BOT_USER_ID, f"回答{i} &amp; 続き", thread_ts=thread, bot_id=BOT_ID)
        standin.user_message(channel, colleague, f"雑談{i}", thread_ts=thread)
    standin.user_message(channel, BOT_USER_ID, PLACEHOLDER, thread_ts=thread, bot_id=BOT_ID)
    current = standin.user_message(channel, asker, FOLLOW_UP, thread_ts=thread)
    msg = Incoming(platform="slack", workspace=TEAM_ID, user=asker, conversation=channel, message_id=current["ts"],
                   text=FOLLOW_UP, addressed=False, in_thread=True, thread_id=thread)
    replier = ThreadReplier(WebClient(token="xoxb-test", base_url=standin.api_url), msg, BOT_USER_ID, BOT_ID)
    turns = replier.history({asker})
    assert len(standin.calls_to("conversations.replies", channel=channel)) == 3
    assert len(turns) == 200
    assert (turns[-2].role, turns[-2].content) == ("user", "質問149")
    assert (turns[-1].role, turns[-1].content) == ("assistant", "回答149 & 続き")
    assert {t.role for t in turns} == {"user", "assistant"} and not any("雑談" in t.content for t in turns)


@pytest.mark.slow
def test_a_failure_in_its_own_thread_gets_one_polite_notice(env: SlackEnv) -> None:
    root = env.mention(QUESTIONS[0])
    channel, thread = root["channel"], root["ts"]
    nth_reply(env.standin, channel, thread, 0)
    env.standin.fail("conversations.replies", status=500)
    env.send_event(message_event(env.standin.user_message(channel, root["user"], FOLLOW_UP, thread_ts=thread)))
    env.executor.wait_idle()
    posts = env.standin.calls_to("chat.postMessage", channel=channel, thread_ts=thread)
    assert [p.params["text"] for p in posts[1:]] == [APOLOGY]


# -- DMs -----------------------------------------------------------------------------------------------

@pytest.mark.slow
def test_a_top_level_dm_follows_up_on_the_previous_answer(env: SlackEnv, service: Any) -> None:
    channel, user = new_channel("D"), new_user()
    first = env.standin.user_message(channel, user, QUESTIONS[0])
    env.send_event(message_event(first, channel_type="im"))
    nth_reply(env.standin, channel, first["ts"], 0)
    second = env.standin.user_message(channel, user, FOLLOW_UP)
    env.send_event(message_event(second, channel_type="im"))
    reply = nth_reply(env.standin, channel, second["ts"], 0)
    history = [Turn(role="user", content=QUESTIONS[0]), Turn(role="assistant", content=service.ask(QUESTIONS[0]).answer)]
    assert_cited_answer(reply, service.ask(FOLLOW_UP, history))


# -- replicas ------------------------------------------------------------------------------------------

@pytest.mark.slow
def test_two_replicas_on_one_store_answer_once_and_count_a_vote_once(
        slack_settings: Settings, service: Any, standin: SlackStandIn, tmp_path: Path) -> None:
    settings = slack_settings.model_copy(update={"database_url": f"sqlite:///{tmp_path / 'shared.sqlite3'}"})
    store = FeedbackStore(settings.state_url)
    for a in _env(settings, service, store, standin):
        for b in _env(settings, service, store, standin):
            message = standin.user_message(new_channel(), new_user(), f"<@{BOT_USER_ID}> {QUESTIONS[2]}")
            a.send_event(mention(message), event_id="EvREPLICA1")
            retry = b.send_event(mention(message), event_id="EvREPLICA1", extra_headers={"X-Slack-Retry-Num": "1"})
            assert retry.headers.get("x-slack-no-retry") == "1"
            update = nth_reply(standin, message["channel"], message["ts"], 0)
            a.executor.wait_idle()
            b.executor.wait_idle()
            assert len(standin.calls_to("chat.postMessage", channel=message["channel"])) == 1
            up = next(e for blk in update.params["blocks"] if blk["type"] == "actions" for e in blk["elements"])
            for env in (a, b):
                responses_to(env, click(env, up, user=message["user"], channel=message["channel"],
                                        message={"ts": update.params["ts"], "text": update.params["text"]}))
            rows = [r for r in store.rows() if r["answer_key"] == up["value"]]
            assert [(r["rating"], r["question"]) for r in rows] == [("up", QUESTIONS[2])]


# -- the busy-workspace run ------------------------------------------------------------------------------

@pytest.mark.slow
def test_forty_mentions_and_a_hundred_stranger_messages_with_the_api_failing(env: SlackEnv, service: Any) -> None:
    """30% of Web API calls fail (API error, HTTP 500, 429): nothing outside the bot's threads, every mention
    answered or apologised for. Prints the acknowledgement latencies (a figure, not an assertion)."""
    mentions = [env.standin.user_message(new_channel(), new_user(), f"<@{BOT_USER_ID}> {QUESTIONS[i % 5]}")
                for i in range(40)]
    strangers = [m for _ in range(25) for m in stranger_thread(env.standin, new_channel())]
    events = [mention(m) for m in mentions] + [message_event(m) for m in strangers]
    events = [e for pair in zip(events[:40], events[40:80]) for e in pair] + events[80:]
    env.standin.fail("*", rate=0.3, mix=(Fault(error="internal_error"), Fault(status=500),
                                         Fault(status=429, retry_after=1)))

    def send(event: dict[str, Any]) -> float:
        started = time.perf_counter()
        env.send_event(event)
        return time.perf_counter() - started

    with ThreadPoolExecutor(max_workers=40) as pool:
        acks = sorted(pool.map(send, events))
    env.executor.wait_idle(timeout=120)
    env.standin.heal()
    p95 = acks[int(0.95 * len(acks)) - 1]
    print(f"\nack latency over {len(acks)} events: p50 {statistics.median(acks) * 1000:.0f} ms, "
          f"p95 {p95 * 1000:.0f} ms, max {acks[-1] * 1000:.0f} ms")
    owned = {(m["channel"], m["ts"]) for m in mentions}
    assert env.standin.posts_outside(owned) == []
    for m in mentions:
        final = nth_reply(env.standin, m["channel"], m["ts"], 0)
        assert final.params.get("blocks") or final.params["text"] == APOLOGY
