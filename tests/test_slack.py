"""The Slack bot through its real surfaces.

HTTP mode: events, slash commands and button clicks are signed with Slack's v0 scheme and POSTed to
``/slack/events`` on a uvicorn server (FastAPI + :func:`bot.slack.mount_http`, served by the web app's own
:class:`~bot.web.server.BackgroundServer`); the bot's Web API calls go to
:class:`~tests.slack_standin.SlackStandIn`, which records them. Socket Mode: the real
``SocketModeHandler`` connects to a local WebSocket stand-in. Expected answers come from the real
``QAService``, never from hard-coded text.
"""

from __future__ import annotations

import itertools
import json
import logging
import os
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
import yaml
from fastapi import FastAPI
from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.signature import SignatureVerifier

from bot.config import Settings
from bot.models import Answer, Turn
from bot.slack import SlackSettingsMissing, build_app, check_settings, mount_http, register, run_socket_mode
from bot.slack.blocks import ACTION_DOWN, ACTION_SHARE, ACTION_UP, THANKS, answer_blocks, question_text, to_mrkdwn
from bot.slack.chat import APOLOGY, PLACEHOLDER, Incoming
from bot.slack.listeners import incoming_from_event
from bot.slack.runner import socket_mode_handler
from bot.state.feedback import FeedbackStore
from bot.state.slack_state import SlackState
from bot.web.server import BackgroundServer
from tests.loopback import without_proxy
from tests.slack_standin import BOT_ID, BOT_USER_ID, TEAM_ID, Call, SlackStandIn, SocketModeStandIn

SECRET = "test-signing-secret-0123456789"
ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = [
    "ふるさと住民登録制度の予算は？",
    "特定地域づくり事業の予算はいくら？",
    "ワット・ビット連携等の推進にはいくら要求されていますか",
    "地方創生伴走支援事業の概算要求額は？",
    "交通空白の解消はいつまで？",
]
_users = itertools.count(1)
_channels = itertools.count(1)


def new_user() -> str:
    return f"U{next(_users):07d}"


def new_channel(prefix: str = "C") -> str:
    return f"{prefix}{next(_channels):07d}"


# -- infrastructure ---------------------------------------------------------------------------

class TrackingExecutor(ThreadPoolExecutor):
    """Bolt's listener pool, made observable: ``wait_idle`` returns once every listener has finished."""

    def __init__(self) -> None:
        super().__init__(max_workers=16, thread_name_prefix="slack-test")
        self._futures: list[Any] = []
        self._lock = threading.Lock()

    def submit(self, fn, /, *args, **kwargs):  # type: ignore[override]
        future = super().submit(fn, *args, **kwargs)
        with self._lock:
            self._futures.append(future)
        return future

    def wait_idle(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                pending = [f for f in self._futures if not f.done()]
            if not pending:
                return
            wait(pending, timeout=max(0.0, deadline - time.monotonic()))
        raise AssertionError(f"listeners still running after {timeout}s")


def signed(body: str, *, timestamp: int | None = None, secret: str = SECRET,
           content_type: str = "application/json") -> dict[str, str]:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    return {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": SignatureVerifier(secret).generate_signature(timestamp=ts, body=body),
    }


def event_callback(event: dict[str, Any], event_id: str | None = None) -> dict[str, Any]:
    return {
        "token": "legacy-unused", "team_id": TEAM_ID, "api_app_id": "A0001", "type": "event_callback",
        "event": event, "event_id": event_id or f"Ev{uuid.uuid4().hex[:10]}", "event_time": int(time.time()),
        "authorizations": [{"team_id": TEAM_ID, "user_id": BOT_USER_ID, "is_bot": True}],
    }


def mention(message: dict[str, Any]) -> dict[str, Any]:
    """The ``app_mention`` event for a stored message."""
    event = {k: v for k, v in message.items() if k in ("user", "text", "ts", "channel", "thread_ts")}
    return {"type": "app_mention", "event_ts": message["ts"], **event}


def message_event(message: dict[str, Any], channel_type: str = "channel") -> dict[str, Any]:
    return {"event_ts": message["ts"], "channel_type": channel_type, **message}


class SignedRequests:
    """Signed requests to one app's ``/slack/events``, as Slack sends them; the environment gives ``base_url``
    and an ``http`` client."""

    http: httpx.Client

    @property
    def base_url(self) -> str:
        raise NotImplementedError

    def post(self, body: str, headers: dict[str, str]) -> httpx.Response:
        return self.http.post(f"{self.base_url}/slack/events", content=body.encode("utf-8"), headers=headers)

    def send_event(self, event: dict[str, Any], *, event_id: str | None = None,
                   extra_headers: dict[str, str] | None = None) -> httpx.Response:
        body = json.dumps(event_callback(event, event_id), ensure_ascii=False)
        response = self.post(body, {**signed(body), **(extra_headers or {})})
        assert response.status_code == 200, response.text
        return response

    def send_form(self, form: dict[str, str]) -> httpx.Response:
        body = urlencode(form)
        response = self.post(body, signed(body, content_type="application/x-www-form-urlencoded"))
        assert response.status_code == 200, response.text
        return response


@dataclass
class SlackEnv(SignedRequests):
    """One HTTP-mode bot: uvicorn + FastAPI + mount_http, talking to one stand-in."""

    standin: SlackStandIn
    server: BackgroundServer
    http: httpx.Client
    executor: TrackingExecutor
    store: FeedbackStore

    @property
    def base_url(self) -> str:
        return self.server.url

    def mention(self, question: str, *, channel: str | None = None, user: str | None = None,
                thread_ts: str | None = None) -> dict[str, Any]:
        """A user mentions the bot (stored in the stand-in's channel, then sent as ``app_mention``)."""
        message = self.standin.user_message(channel or new_channel(), user or new_user(),
                                            f"<@{BOT_USER_ID}> {question}", thread_ts=thread_ts)
        self.send_event(mention(message))
        return message


@pytest.fixture(scope="module")
def no_proxy() -> Iterator[None]:
    """slack_sdk reads HTTP(S)_PROXY and ignores NO_PROXY: keep loopback calls off any proxy."""
    with without_proxy():
        yield


@pytest.fixture(scope="module")
def slack_settings(settings: Settings, no_proxy: None) -> Settings:
    return settings.model_copy(update={
        "slack_bot_token": "xoxb-test-token", "slack_app_token": "xapp-test-token",
        "slack_signing_secret": SECRET, "slack_rate_limit_per_minute": 10,
    })


def _env(settings: Settings, service: Any, store: FeedbackStore, standin: SlackStandIn) -> Iterator[SlackEnv]:
    executor = TrackingExecutor()
    client = WebClient(token=settings.slack_bot_token, base_url=standin.api_url)
    bolt = build_app(settings, service, store, client=client, executor=executor)
    app = FastAPI()
    mount_http(app, settings, service, bolt=bolt)
    # A fresh connection per request, as Slack makes: the busy tests post from 40 threads, and a pooled keep-alive
    # connection closed under one thread while another reuses it fails with EBADF (seen once in CI on 2 cores).
    fresh = httpx.Limits(max_keepalive_connections=0)
    with BackgroundServer(app) as server, httpx.Client(trust_env=False, timeout=30, limits=fresh) as http:
        yield SlackEnv(standin, server, http, executor, store)
    executor.shutdown(wait=True, cancel_futures=True)


@pytest.fixture(scope="module")
def standin() -> Iterator[SlackStandIn]:
    s = SlackStandIn().start()
    yield s
    s.stop()


@pytest.fixture(scope="module")
def env(slack_settings: Settings, service: Any, standin: SlackStandIn,
        tmp_path_factory: pytest.TempPathFactory) -> Iterator[SlackEnv]:
    store = FeedbackStore(tmp_path_factory.mktemp("slack") / "feedback.sqlite3")
    yield from _env(slack_settings, service, store, standin)


def slack_escaped(text: str) -> str:
    """What Slack expects of any text we send: &, < and > as entities (spelled out here, not imported)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def section_text(blocks: list[dict[str, Any]]) -> str:
    """The sections as sent, still escaped: tests compare with :func:`slack_escaped` text."""
    return "\n".join(b["text"]["text"] for b in blocks if b["type"] == "section")


def expected_citation_line(c: Any) -> str:
    lines = f"{c.line_start}行" if c.line_start == c.line_end else f"{c.line_start}–{c.line_end}行"
    parts = [f"[{c.n}] *{slack_escaped(c.title)}*"]
    parts += [slack_escaped(c.amount_text)] if c.amount_text else []
    parts += [slack_escaped("、".join(c.ministries))] if c.ministries else []
    return " ｜ ".join([*parts, lines])


def assert_cited_answer(update: Call, expected: Answer) -> None:
    """The exact Block Kit reply: answer sections, one context line per citation, 👍/👎 carrying a key."""
    blocks = update.params["blocks"]
    assert update.params["text"] == slack_escaped(expected.answer)
    assert section_text(blocks) == to_mrkdwn(expected.answer)
    contexts = [e["text"] for b in blocks if b["type"] == "context" for e in b["elements"]]
    assert contexts == [expected_citation_line(c) for c in expected.citations]
    actions = [b for b in blocks if b["type"] == "actions"]
    assert [e["action_id"] for e in actions[0]["elements"]] == [ACTION_UP, ACTION_DOWN]
    assert all(len(e["value"]) == 16 for e in actions[0]["elements"]), "buttons carry the answer's key only"


# -- HTTP mode: the conversation ------------------------------------------------------------------

@pytest.mark.slow
def test_mention_is_answered_in_its_thread_with_citations(env: SlackEnv, service: Any) -> None:
    question = QUESTIONS[0]
    message = env.mention(question)
    placeholder, update = env.standin.reply_in(message["channel"], message["ts"])
    assert placeholder.params["text"] == PLACEHOLDER
    assert placeholder.params["thread_ts"] == message["ts"]
    assert update.params["ts"] == placeholder.params["_ts"]
    expected = service.ask(question)
    assert not expected.refused and expected.citations
    assert_cited_answer(update, expected)


@pytest.mark.slow
def test_follow_up_in_the_thread_uses_its_history_without_a_mention(env: SlackEnv, service: Any) -> None:
    first = QUESTIONS[0]
    user = new_user()
    root = env.mention(first, user=user)
    _, first_update = env.standin.reply_in(root["channel"], root["ts"])
    follow_up = env.standin.user_message(root["channel"], user, "それはいくら？", thread_ts=root["ts"])
    env.send_event(message_event(follow_up))

    def second_reply() -> Call | None:
        posts = env.standin.calls_to("chat.postMessage", channel=root["channel"], thread_ts=root["ts"])
        if len(posts) < 2:
            return None
        updates = env.standin.calls_to("chat.update", ts=posts[1].params["_ts"])
        return updates[-1] if updates else None

    update = env.standin.wait_for(second_reply)
    replies = env.standin.calls_to("conversations.replies", channel=root["channel"], ts=root["ts"])
    assert replies, "the thread history is read with conversations.replies"
    history = [Turn(role="user", content=first), Turn(role="assistant", content=first_update.params["text"])]
    expected = service.ask("それはいくら？", history)
    assert expected.answer != service.ask("それはいくら？").answer, "the history must matter for this follow-up"
    assert_cited_answer(update, expected)


@pytest.mark.slow
def test_threads_without_the_bot_are_left_alone(env: SlackEnv) -> None:
    channel = new_channel()
    root = env.standin.user_message(channel, new_user(), "今日の会議の資料です")
    replies = [env.standin.user_message(channel, new_user(), text, thread_ts=root["ts"])
               for text in ("ありがとうございます", "予算の件、来週までに確認します", "それはいくら？")]
    for message in [root, *replies]:
        env.send_event(message_event(message))
    env.executor.wait_idle()
    assert [c.method for c in env.standin.calls if c.params.get("channel") == channel] == [], \
        "a stranger's thread is never read, reacted to or posted in"


@pytest.mark.slow
def test_direct_message_is_answered(env: SlackEnv, service: Any) -> None:
    question = QUESTIONS[1]
    message = env.standin.user_message(new_channel("D"), new_user(), question)
    env.send_event(message_event(message, channel_type="im"))
    _, update = env.standin.reply_in(message["channel"], message["ts"])
    assert_cited_answer(update, service.ask(question))


@pytest.mark.slow
def test_a_mention_in_a_dm_is_answered_once_for_both_events(env: SlackEnv) -> None:
    channel = new_channel("D")
    message = env.standin.user_message(channel, new_user(), f"<@{BOT_USER_ID}> {QUESTIONS[2]}")
    env.send_event(message_event(message, channel_type="im"))
    env.send_event(mention(message))
    env.standin.reply_in(channel, message["ts"])
    env.executor.wait_idle()
    assert len(env.standin.calls_to("chat.postMessage", channel=channel)) == 1


@pytest.mark.slow
def test_a_retried_event_is_answered_once(env: SlackEnv) -> None:
    channel = new_channel()
    message = env.standin.user_message(channel, new_user(), f"<@{BOT_USER_ID}> {QUESTIONS[3]}")
    event = mention(message)
    event_id = "EvRETRY0001"
    first = env.send_event(event, event_id=event_id)
    retry = env.send_event(event, event_id=event_id,
                           extra_headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"})
    # the message event for a mention in a channel is the app_mention's twin: also not answered again
    env.send_event(message_event(message))
    assert "x-slack-no-retry" not in first.headers
    assert retry.headers.get("x-slack-no-retry") == "1"
    env.standin.reply_in(channel, message["ts"])
    env.executor.wait_idle()
    assert len(env.standin.calls_to("chat.postMessage", channel=channel)) == 1
    assert len(env.standin.calls_to("chat.update", channel=channel)) == 1


@pytest.mark.slow
def test_bot_messages_edits_and_deletions_are_ignored(env: SlackEnv) -> None:
    root = env.mention(QUESTIONS[4])
    channel, thread = root["channel"], root["ts"]
    env.standin.reply_in(channel, thread)
    env.executor.wait_idle()
    before = len(env.standin.calls)
    own = env.standin.user_message(channel, BOT_USER_ID, "ボット自身の投稿", thread_ts=thread, bot_id=BOT_ID)
    other_bot = env.standin.user_message(channel, "UOTHERBOT", "別のボット", thread_ts=thread,
                                         bot_id="BOTHER001", subtype="bot_message")
    env.send_event(message_event(own))
    env.send_event(message_event(other_bot))
    env.send_event({"type": "message", "subtype": "message_changed", "channel": channel, "channel_type": "channel",
                    "ts": env.standin.next_ts(), "hidden": True,
                    "message": {"type": "message", "user": root["user"], "text": f"<@{BOT_USER_ID}> 編集後",
                                "ts": thread}})
    env.send_event({"type": "message", "subtype": "message_deleted", "channel": channel, "channel_type": "channel",
                    "ts": env.standin.next_ts(), "hidden": True, "deleted_ts": thread,
                    "previous_message": {"type": "message", "user": root["user"], "text": "削除", "ts": thread}})
    env.executor.wait_idle()
    assert env.standin.calls[before:] == [], "ignored events make no Slack calls at all"


@pytest.mark.slow
def test_a_10000_character_message_gets_a_polite_refusal(env: SlackEnv, service: Any) -> None:
    question = "地方創生の予算について" * 1000
    assert len(question) >= 10_000
    message = env.mention(question)
    _, update = env.standin.reply_in(message["channel"], message["ts"])
    expected = service.ask(question)
    assert expected.refused and expected.error
    assert update.params["text"] == slack_escaped(expected.answer)
    assert section_text(update.params["blocks"]) == to_mrkdwn(expected.answer)
    assert not [b for b in update.params["blocks"] if b["type"] in ("context", "actions")]


@pytest.mark.slow
def test_twenty_concurrent_mentions_get_twenty_threaded_answers(env: SlackEnv, service: Any) -> None:
    channel = new_channel()
    messages = [env.standin.user_message(channel, new_user(), f"<@{BOT_USER_ID}> {QUESTIONS[i % len(QUESTIONS)]}")
                for i in range(20)]
    with ThreadPoolExecutor(max_workers=20) as pool:
        responses = list(pool.map(lambda m: env.send_event(mention(m)), messages))
    assert all(r.status_code == 200 for r in responses)
    expected = {q: service.ask(q) for q in QUESTIONS}
    for i, message in enumerate(messages):
        placeholder, update = env.standin.reply_in(channel, message["ts"])
        assert update.params["ts"] == placeholder.params["_ts"]
        assert_cited_answer(update, expected[QUESTIONS[i % len(QUESTIONS)]])
    env.executor.wait_idle()
    assert len(env.standin.calls_to("chat.postMessage", channel=channel)) == 20
    assert len(env.standin.calls_to("chat.update", channel=channel)) == 20


# -- HTTP mode: the slash command and the buttons --------------------------------------------------

def slash(env: SlackEnv, text: str, *, user: str, channel: str) -> tuple[httpx.Response, str]:
    response_url = env.standin.response_url(uuid.uuid4().hex)
    response = env.send_form({
        "token": "legacy-unused", "team_id": TEAM_ID, "team_domain": "test", "channel_id": channel,
        "channel_name": "general", "user_id": user, "user_name": "tester", "command": "/chihou", "text": text,
        "api_app_id": "A0001", "response_url": response_url, "trigger_id": uuid.uuid4().hex,
    })
    return response, response_url


def click(env: SlackEnv, action: dict[str, Any], *, user: str, channel: str,
          message: dict[str, Any] | None = None) -> str:
    response_url = env.standin.response_url(uuid.uuid4().hex)
    payload: dict[str, Any] = {
        "type": "block_actions", "team": {"id": TEAM_ID, "domain": "test"}, "user": {"id": user, "team_id": TEAM_ID},
        "api_app_id": "A0001", "token": "legacy-unused", "trigger_id": uuid.uuid4().hex,
        "channel": {"id": channel, "name": "general"}, "response_url": response_url,
        "container": {"type": "message", "channel_id": channel, "is_ephemeral": message is None},
        "actions": [{**action, "type": "button", "block_id": "answer_actions", "action_ts": str(time.time())}],
    }
    if message is not None:
        payload["message"] = message
    env.send_form({"payload": json.dumps(payload, ensure_ascii=False)})
    return response_url


def responses_to(env: SlackEnv, url: str, count: int = 1) -> list[Call]:
    path = "/" + url.split("/", 3)[3]
    return env.standin.wait_for(
        lambda: (lambda found: found if len(found) >= count else None)(
            [c for c in env.standin.calls_to("response_url") if c.path == path]))


@pytest.mark.slow
def test_slash_command_answers_ephemerally_and_can_share_to_the_channel(env: SlackEnv, service: Any) -> None:
    question, user, channel = QUESTIONS[0], new_user(), new_channel()
    ack, response_url = slash(env, question, user=user, channel=channel)
    assert ack.text == PLACEHOLDER
    (reply,) = responses_to(env, response_url)
    assert reply.params["response_type"] == "ephemeral" and reply.params["replace_original"] is True
    expected = service.ask(question)
    assert section_text(reply.params["blocks"]) == to_mrkdwn(expected.answer)
    buttons = [e for b in reply.params["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert [b["action_id"] for b in buttons] == [ACTION_UP, ACTION_DOWN, ACTION_SHARE]
    assert not env.standin.calls_to("chat.postMessage", channel=channel), "nothing public yet"

    share_url = click(env, buttons[2], user=user, channel=channel)
    posted, deleted = responses_to(env, share_url, count=2)
    assert posted.params["response_type"] == "in_channel"
    assert f"<@{user}>" in posted.params["blocks"][0]["text"]["text"]
    assert section_text(posted.params["blocks"][1:]) == to_mrkdwn(expected.answer)
    contexts = [e["text"] for b in posted.params["blocks"] if b["type"] == "context" for e in b["elements"]]
    assert len(contexts) == len(expected.citations)
    assert deleted.params["delete_original"] is True and "blocks" not in deleted.params


@pytest.mark.slow
def test_empty_slash_command_shows_usage(env: SlackEnv) -> None:
    ack, _ = slash(env, "  ", user=new_user(), channel=new_channel())
    assert "/chihou" in ack.text and "使い方" in ack.text


@pytest.mark.slow
def test_feedback_is_one_vote_per_user_and_the_thanks_updates_the_answer(env: SlackEnv, service: Any) -> None:
    question = QUESTIONS[1]
    message = env.mention(question)
    _, update = env.standin.reply_in(message["channel"], message["ts"])
    up, down = [e for b in update.params["blocks"] if b["type"] == "actions" for e in b["elements"]]
    key = up["value"]
    bot_message = {"type": "message", "user": BOT_USER_ID, "bot_id": BOT_ID, "ts": update.params["ts"],
                   "text": update.params["text"], "blocks": update.params["blocks"]}
    voter, other = message["user"], new_user()
    url = click(env, up, user=voter, channel=message["channel"], message=bot_message)
    (thanks,) = responses_to(env, url)
    assert thanks.params["replace_original"] is True and "response_type" not in thanks.params
    assert thanks.params["blocks"][:-1] == update.params["blocks"], "the answer and its buttons stay"
    assert thanks.params["blocks"][-1]["elements"][0]["text"] == THANKS["up"]
    rows = [r for r in env.store.rows() if r["answer_key"] == key]
    expected = service.ask(question)
    assert [(r["rating"], r["voter"], r["source"], r["question"], r["answer"]) for r in rows] == [
        ("up", voter, "slack", question, expected.answer)]
    assert [(c["line_start"], c["line_end"]) for c in rows[0]["citations"]] == [
        (c.line_start, c.line_end) for c in expected.citations]
    responses_to(env, click(env, up, user=voter, channel=message["channel"], message=bot_message))  # replayed
    responses_to(env, click(env, down, user=voter, channel=message["channel"], message=bot_message))
    responses_to(env, click(env, down, user=other, channel=message["channel"], message=bot_message))
    rows = [r for r in env.store.rows() if r["answer_key"] == key]
    assert sorted((r["voter"], r["rating"]) for r in rows) == sorted([(voter, "down"), (other, "down")])


# -- HTTP mode: the request checks ----------------------------------------------------------------

@pytest.mark.slow
def test_bad_signature_is_401(env: SlackEnv) -> None:
    body = json.dumps(event_callback(mention(env.standin.user_message(new_channel(), new_user(), "質問"))))
    assert env.post(body, signed(body, secret="not-the-secret")).status_code == 401
    headers = signed(body)
    assert env.post(body + " ", headers).status_code == 401, "a body changed after signing"
    assert env.post(body, {"Content-Type": "application/json"}).status_code == 401


@pytest.mark.slow
def test_oversized_bodies_are_refused_before_parsing(env: SlackEnv) -> None:
    body = json.dumps({"type": "event_callback", "padding": "x" * (2 * 1024 * 1024)})
    assert env.post(body, signed(body)).status_code == 413


@pytest.mark.slow
def test_timestamp_older_than_five_minutes_is_rejected(env: SlackEnv) -> None:
    channel = new_channel()
    body = json.dumps(event_callback(mention(env.standin.user_message(channel, new_user(), "質問"))))
    assert env.post(body, signed(body, timestamp=int(time.time()) - 6 * 60)).status_code == 401
    env.executor.wait_idle()
    assert not env.standin.calls_to("chat.postMessage", channel=channel)


@pytest.mark.slow
def test_url_verification_through_the_default_wiring(slack_settings: Settings, service: Any,
                                                       standin: SlackStandIn) -> None:
    """mount_http with nothing injected: BOT_SLACK_API_BASE_URL alone points the bot at the stand-in."""
    settings = slack_settings.model_copy(update={"slack_api_base_url": standin.api_url})
    app = FastAPI()
    mount_http(app, settings, service)
    with BackgroundServer(app) as server, httpx.Client(trust_env=False, timeout=30) as http:
        body = json.dumps({"token": "x", "challenge": "chal-123", "type": "url_verification"})
        r = http.post(f"{server.url}/slack/events", content=body, headers=signed(body))
        assert r.status_code == 200 and r.json() == {"challenge": "chal-123"}
        message = standin.user_message(new_channel(), new_user(), f"<@{BOT_USER_ID}> {QUESTIONS[0]}")
        body = json.dumps(event_callback(mention(message)), ensure_ascii=False)
        r = http.post(f"{server.url}/slack/events", content=body.encode(), headers=signed(body))
        assert r.status_code == 200
        _, update = standin.reply_in(message["channel"], message["ts"])
        assert_cited_answer(update, service.ask(QUESTIONS[0]))


# -- behaviour under load and failure -------------------------------------------------------------

@pytest.mark.slow
def test_rate_limit_answers_politely(slack_settings: Settings, service: Any, standin: SlackStandIn,
                                     tmp_path: Path) -> None:
    settings = slack_settings.model_copy(update={"slack_rate_limit_per_minute": 2})
    for env in _env(settings, service, FeedbackStore(tmp_path / "f.sqlite3"), standin):
        user, channel = new_user(), new_channel()
        messages = [env.mention(QUESTIONS[i], user=user, channel=channel) for i in range(3)]
        env.executor.wait_idle()
        answered = [m for m in messages if env.standin.calls_to("chat.postMessage", thread_ts=m["ts"], text=PLACEHOLDER)]
        assert len(answered) == 2
        (limited,) = [m for m in messages if m not in answered]
        (notice,) = env.standin.calls_to("chat.postMessage", thread_ts=limited["ts"])
        assert "時間をおいて" in notice.params["text"] and "2件" in notice.params["text"]
        other = env.mention(QUESTIONS[0], channel=channel)
        env.standin.reply_in(channel, other["ts"])


class GatedService:
    """The real service behind a gate the test opens, to observe what happens before the answer."""

    def __init__(self, service: Any) -> None:
        self.service = service
        self.entered = threading.Event()
        self.gate = threading.Event()

    def ask(self, question: object, history: list[Turn] | None = None) -> Answer:
        self.entered.set()
        if not self.gate.wait(timeout=60):
            raise RuntimeError("gate never opened")
        return self.service.ask(question, history)


class BrokenService:
    def ask(self, question: object, history: list[Turn] | None = None) -> Answer:
        raise RuntimeError("internal detail: vector store at /secret/path exploded")


@pytest.mark.slow
def test_the_event_is_acknowledged_and_the_placeholder_posted_before_the_answer(
        slack_settings: Settings, service: Any, standin: SlackStandIn, tmp_path: Path) -> None:
    gated = GatedService(service)
    for env in _env(slack_settings, gated, FeedbackStore(tmp_path / "f.sqlite3"), standin):
        message = env.mention(QUESTIONS[0])  # returns only after the HTTP response (the ack) came back
        assert gated.entered.wait(timeout=30)
        assert env.standin.calls_to("chat.postMessage", thread_ts=message["ts"], text=PLACEHOLDER)
        assert not env.standin.calls_to("chat.update", channel=message["channel"])
        gated.gate.set()
        _, update = env.standin.reply_in(message["channel"], message["ts"])
        assert update.params["text"] == service.ask(QUESTIONS[0]).answer


@pytest.mark.slow
def test_errors_reach_the_user_as_a_short_apology_and_details_go_to_the_log(
        slack_settings: Settings, standin: SlackStandIn, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.ERROR, logger="bot.slack")
    for env in _env(slack_settings, BrokenService(), FeedbackStore(tmp_path / "f.sqlite3"), standin):
        message = env.mention(QUESTIONS[0])
        _, update = env.standin.reply_in(message["channel"], message["ts"])
        assert update.params["text"] == APOLOGY
        ack, url = slash(env, QUESTIONS[0], user=new_user(), channel=new_channel())
        (reply,) = responses_to(env, url)
        assert reply.params["text"] == APOLOGY
        env.executor.wait_idle()
    assert not [c for c in standin.calls if "internal detail" in json.dumps(c.params, ensure_ascii=False)]
    assert "internal detail" in caplog.text


# -- Socket Mode ------------------------------------------------------------------------------------

@pytest.mark.slow
def test_socket_mode_answers_through_the_same_listeners(slack_settings: Settings, service: Any,
                                                         tmp_path: Path) -> None:
    """The real SocketModeHandler: apps.connections.open on the stand-in, then a local WebSocket."""
    socket_standin = SocketModeStandIn().start()
    api = SlackStandIn(ws_url=socket_standin.url).start()
    executor = TrackingExecutor()
    client = WebClient(token=slack_settings.slack_bot_token, base_url=api.api_url)
    handler = socket_mode_handler(slack_settings.model_copy(update={"slack_signing_secret": ""}), service,
                                  FeedbackStore(tmp_path / "f.sqlite3"), client=client, executor=executor)
    handler.client.auto_reconnect_enabled = False
    try:
        handler.connect()
        assert socket_standin.connected.wait(timeout=20)
        message = api.user_message(new_channel(), new_user(), f"<@{BOT_USER_ID}> {QUESTIONS[1]}")
        envelope = {"envelope_id": "env-1", "type": "events_api", "accepts_response_payload": False,
                    "retry_attempt": 0, "retry_reason": "", "payload": event_callback(mention(message))}
        socket_standin.send(envelope)
        assert socket_standin.ack_for("env-1") == {"envelope_id": "env-1"}
        _, update = api.reply_in(message["channel"], message["ts"])
        assert_cited_answer(update, service.ask(QUESTIONS[1]))
        socket_standin.send({**envelope, "envelope_id": "env-2", "retry_attempt": 1, "retry_reason": "timeout"})
        socket_standin.ack_for("env-2")
        executor.wait_idle()
        assert len(api.calls_to("chat.postMessage", channel=message["channel"])) == 1
    finally:
        handler.close()
        executor.shutdown(wait=True, cancel_futures=True)
        api.stop()
        socket_standin.stop()


# -- start-up -------------------------------------------------------------------------------------

def test_missing_settings_fail_at_start_up_naming_them(settings: Settings) -> None:
    empty = settings.model_copy(update={"slack_bot_token": "", "slack_app_token": "", "slack_signing_secret": ""})
    with pytest.raises(SlackSettingsMissing, match="SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET"):
        check_settings(empty, "http")
    with pytest.raises(SlackSettingsMissing, match="SLACK_BOT_TOKEN, SLACK_APP_TOKEN"):
        build_app(empty, service=None, mode="socket")  # type: ignore[arg-type]
    with pytest.raises(SystemExit, match="SLACK_APP_TOKEN"):
        run_socket_mode(empty.model_copy(update={"slack_bot_token": "xoxb-1"}))
    with pytest.raises(SlackSettingsMissing, match="SLACK_APP_TOKEN should start with 'xapp-'"):
        check_settings(empty.model_copy(update={"slack_bot_token": "xoxb-1", "slack_app_token": "xoxb-2"}), "socket")
    with pytest.raises(SlackSettingsMissing, match="SLACK_SIGNING_SECRET"):
        mount_http(FastAPI(), empty.model_copy(update={"slack_bot_token": "xoxb-1"}), service=None)  # type: ignore[arg-type]


def test_cli_slack_command_names_missing_variables() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "BOT_SLACK_"))}
    result = subprocess.run([sys.executable, "-m", "bot", "slack"], capture_output=True, text=True, env=env,
                            cwd=ROOT, timeout=120)
    assert result.returncode != 0
    assert "SLACK_BOT_TOKEN" in result.stderr and "SLACK_APP_TOKEN" in result.stderr
    assert "Traceback" not in result.stderr


# -- units ----------------------------------------------------------------------------------------

def test_which_events_are_answered() -> None:
    def inc(event: dict[str, Any], via_mention: bool = False):
        base = {"type": "message", "user": "U1", "channel": "C1", "ts": "1.1", "text": "質問"}
        return incoming_from_event({**base, **event}, TEAM_ID, BOT_USER_ID, via_mention=via_mention)

    assert inc({}) is None, "plain channel chatter"
    assert inc({"text": f"<@{BOT_USER_ID}> 質問"}) is None, "left to the app_mention twin"
    assert inc({"text": f"<@{BOT_USER_ID}> 質問"}, via_mention=True).addressed
    followup = inc({"thread_ts": "1.0"})
    assert followup is not None and not followup.addressed and followup.in_thread
    assert inc({"channel": "D1", "channel_type": "im"}).addressed
    assert inc({"channel": "G1", "channel_type": "group"}) is None, "a private channel is not a DM"
    assert inc({"channel": "G1", "channel_type": "mpim"}) is None, "nor is a group DM"
    assert not inc({"channel": "G1", "channel_type": "group", "thread_ts": "1.0"}).addressed
    assert inc({"subtype": "message_changed"}) is None
    assert inc({"subtype": "message_deleted", "thread_ts": "1.0"}) is None
    assert inc({"bot_id": "B9", "thread_ts": "1.0"}) is None
    assert inc({"user": BOT_USER_ID, "thread_ts": "1.0"}) is None
    assert inc({"subtype": "thread_broadcast", "thread_ts": "1.0"}) is not None


def test_question_text_and_mrkdwn() -> None:
    assert question_text(f"<@{BOT_USER_ID}> <https://x.example|資料>の &lt;金額&gt; は？", BOT_USER_ID) == "資料の <金額> は？"
    assert to_mrkdwn("**重要** A & B <x>\n- 項目") == "*重要* A &amp; B &lt;x&gt;\n• 項目"


def test_long_answers_are_split_within_slack_limits() -> None:
    answer = Answer(question="q", answer="あ" * 7000 + "\n" + "い" * 10)
    blocks = answer_blocks(answer, question="q", key="k")
    sections = [b["text"]["text"] for b in blocks if b["type"] == "section"]
    assert all(len(s) <= 3000 for s in sections) and "".join(sections).replace("\n", "") == "あ" * 7000 + "い" * 10


def test_claims_and_the_rate_limit_are_shared_through_the_store(tmp_path: Path) -> None:
    now = [1000.0]
    url = f"sqlite:///{tmp_path / 'state.sqlite3'}"
    one, two = SlackState(url, clock=lambda: now[0]), SlackState(url, clock=lambda: now[0])
    assert one.claim("a") and not two.claim("a") and not one.claim("a"), "one claim across replicas"
    assert one.allow("u", 2) and two.allow("u", 2) and not one.allow("u", 2), "the window is counted across them"
    assert two.allow("v", 2)
    now[0] += 61
    assert one.allow("u", 2)
    assert one.askers("T", "C", "1.0") == set()
    one.own("T", "C", "1.0", "U1")
    one.own("T", "C", "1.0", "U1")
    two.own("T", "C", "1.0", "U2")
    assert two.askers("T", "C", "1.0") == {"U1", "U2"}
    for i, top_level in enumerate((True, False, True)):
        now[0] += 60
        one.put_answer(team="T", channel="D1", thread_ts=f"{i}.0", user="U1", question=f"質問{i}",
                       answer=Answer(question=f"質問{i}", answer=f"回答{i}"), top_level=top_level)
    recent = two.recent_answers("T", "D1", within_s=100, limit=10)
    assert [r.question for r in recent] == ["質問2"], "top-level answers within the window only"
    assert [r.question for r in two.recent_answers("T", "D1", within_s=1000, limit=10)] == ["質問0", "質問2"]


class Recorder:
    def __init__(self) -> None:
        self.asked: list[tuple[str, list[Turn]]] = []

    def ask(self, question: object, history: list[Turn] | None = None) -> Answer:
        self.asked.append((str(question), list(history or [])))
        return Answer(question=str(question), answer=f"回答{len(self.asked)}")


class FakeReplier:
    """A replier for unit tests of the chat core: returns a fixed history, records what it shows."""

    def __init__(self, history: list[Turn] | None = None) -> None:
        self.turns = history or []
        self.shown: list[str] = []

    def history(self, askers: set[str]) -> list[Turn]:
        return self.turns

    def placeholder(self) -> None: ...

    def progress(self, text: str) -> None: ...

    def answer(self, question: str, answer: Answer, key: str, note: str | None = None) -> None:
        self.shown.append(answer.answer)

    def notice(self, text: str) -> None:
        self.shown.append(text)

    def acknowledge(self) -> None:
        self.shown.append("reaction")


def test_follow_ups_see_the_latest_turns_of_the_thread_cut_to_length(settings: Settings, tmp_path: Path) -> None:
    """BOT_SLACK_HISTORY_TURNS / BOT_SLACK_HISTORY_TURN_CHARS (10 and 2,000) bound what a thread passes on."""
    thread = [Turn(role=("user", "assistant")[i % 2], content=f"{i:02d}" + "あ" * 2100) for i in range(12)]
    recorder = Recorder()
    app = App(token="xoxb-test", signing_secret=SECRET, token_verification_enabled=False)
    state = SlackState(f"sqlite:///{tmp_path / 's.sqlite3'}")
    chatbot = register(app, recorder, None, settings, state=state)  # type: ignore[arg-type]
    user, channel = new_user(), new_channel()
    state.own(TEAM_ID, channel, "1.0", user)
    msg = Incoming(platform="slack", workspace=TEAM_ID, user=user, conversation=channel,
                   message_id="1.1", text="それはいくら？", addressed=False, in_thread=True, thread_id="1.0")
    assert chatbot.accept(msg)
    chatbot.handle(msg, FakeReplier(thread))
    ((_, history),) = recorder.asked
    assert [t.content[:2] for t in history] == [f"{i:02d}" for i in range(2, 12)]
    assert [t.role for t in history] == [t.role for t in thread[2:]]
    assert {len(t.content) for t in history} == {2000}


def test_manifest_has_the_scopes_events_and_endpoints() -> None:
    manifest = yaml.safe_load((ROOT / "slack" / "manifest.yaml").read_text(encoding="utf-8"))
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    assert {"app_mentions:read", "chat:write", "commands", "channels:history", "groups:history",
            "im:history", "mpim:history"} <= scopes
    events = set(manifest["settings"]["event_subscriptions"]["bot_events"])
    assert {"app_mention", "message.channels", "message.groups", "message.im"} <= events
    (command,) = manifest["features"]["slash_commands"]
    assert command["command"] == "/chihou"
    assert command["url"].endswith("/slack/events")
    assert manifest["settings"]["event_subscriptions"]["request_url"].endswith("/slack/events")
    assert manifest["settings"]["interactivity"]["is_enabled"] is True
    assert manifest["settings"]["interactivity"]["request_url"].endswith("/slack/events")
    assert manifest["features"]["app_home"]["messages_tab_enabled"] is True
