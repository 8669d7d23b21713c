"""Slack's limits and the bot's start-up checks: Block Kit sizes, escaping, Retry-After, replays, tokens.

Block Kit payloads are checked against the stand-in's validator (Slack's documented limits), and
texts are compared exactly, still escaped: nothing here is ``html.unescape``d.
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.config import Settings
from bot.models import Answer, Citation
from bot.slack import SlackStartupError, build_app
from bot.slack.blocks import ACTION_DOWN, ACTION_UP, _chunks, answer_blocks, fallback_text, to_mrkdwn
from bot.slack.chat import PLACEHOLDER, RATE_LIMITED
from bot.slack.runner import connect_socket_mode, socket_mode_handler, web_client
from bot.state.feedback import FeedbackStore
from bot.web.server import _mount_slack
from tests.slack_standin import TEAM_ID, SlackStandIn, block_kit_problems
from tests.test_slack import (  # noqa: F401 - fixtures are used by name
    QUESTIONS,
    ROOT,
    SlackEnv,
    _env,
    new_channel,
    new_user,
    no_proxy,
    responses_to,
    slack_settings,
)
from tests.test_slack_busy import env, nth_reply, standin  # noqa: F401 - fixtures


def citation(n: int, title: str = "施策", **extra: Any) -> Citation:
    return Citation(n=n, id=f"r{n}", title=title, line_start=n, line_end=n + 1, quote="", **extra)


# -- Block Kit and escaping (units) -------------------------------------------------------------------

def test_titles_amounts_and_the_top_level_text_are_escaped_exactly() -> None:
    answer = Answer(question="q", answer="M & A <!channel> **要点**",
                    citations=[citation(1, "M&A <@U0001> 支援", amount_text="1<2億円", ministries=["A&B省"])])
    blocks = answer_blocks(answer, question="q", key="0123456789abcdef")
    assert fallback_text(answer) == "M &amp; A &lt;!channel&gt; **要点**"
    assert blocks[:2] == [
        {"type": "section", "text": {"type": "mrkdwn", "text": "M &amp; A &lt;!channel&gt; *要点*"}},
        {"type": "context", "elements": [
            {"type": "mrkdwn", "text": "[1] *M&amp;A &lt;@U0001&gt; 支援* ｜ 1&lt;2億円 ｜ A&amp;B省 ｜ 1–2行"}]},
    ]
    assert [e["value"] for e in blocks[2]["elements"]] == ["0123456789abcdef"] * 2


def test_huge_answers_stay_within_every_block_kit_limit() -> None:
    answer = Answer(question="q", answer=("あ" * 3100 + "\n") * 30, citations=[citation(i) for i in range(1, 601)])
    blocks = answer_blocks(answer, question="q" * 5000, key="0123456789abcdef", voted="up")
    assert block_kit_problems(blocks) == []
    assert len(blocks) == 50
    assert [b["type"] for b in blocks[-2:]] == ["actions", "context"]
    short = Answer(question="q", answer="回答", citations=[citation(i) for i in range(1, 26)])
    blocks = answer_blocks(short, question="q", key="0123456789abcdef")
    assert block_kit_problems(blocks) == []
    assert [len(b["elements"]) for b in blocks if b["type"] == "context"] == [10, 10, 5]


def test_refusals_keep_their_feedback_buttons_and_errors_have_none() -> None:
    refused = Answer(question="q", answer="資料には記載がありません。", refused=True)
    actions = [b for b in answer_blocks(refused, question="q", key="k1") if b["type"] == "actions"]
    assert [e["action_id"] for e in actions[0]["elements"]] == [ACTION_UP, ACTION_DOWN]
    failed = Answer(question="q", answer="長すぎます", refused=True, error="too_long")
    assert [b["type"] for b in answer_blocks(failed, question="q", key="k2")] == ["section"]


def test_splitting_at_3000_characters_never_cuts_an_entity() -> None:
    for pad in range(2990, 3001):
        text = to_mrkdwn("あ" * pad + "A&B<C>" + "い" * 10)
        chunks = _chunks(text)
        assert "".join(chunks) == text
        assert all(len(c) <= 3000 and not re.search(r"&(?!amp;|lt;|gt;)", c) for c in chunks), pad


# -- Block Kit end to end -----------------------------------------------------------------------------

@pytest.mark.slow
def test_a_long_quoted_question_gets_its_answer_and_a_short_button_value(env: SlackEnv) -> None:
    question = ('「ふるさと住民登録制度」の"予算"は？ ' * 60)[:1115]
    assert len(question) == 1115
    message = env.mention(question)
    reply = nth_reply(env.standin, message["channel"], message["ts"], 0)
    assert env.standin.invalid() == []
    values = [e["value"] for b in reply.params["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert values and all(len(v) == 16 for v in values)


@pytest.mark.slow
def test_an_out_of_scope_question_is_refused_with_feedback_buttons(env: SlackEnv, service: Any) -> None:
    question = "消費税の税率は？"
    expected = service.ask(question)
    assert expected.refused and not expected.error
    message = env.mention(question)
    reply = nth_reply(env.standin, message["channel"], message["ts"], 0)
    assert reply.params["text"] == fallback_text(expected)
    assert [e["action_id"] for b in reply.params["blocks"] if b["type"] == "actions" for e in b["elements"]] == [
        ACTION_UP, ACTION_DOWN]


# -- slash commands -------------------------------------------------------------------------------------

def slash_form(text: str, *, user: str, channel: str, response_url: str, trigger_id: str | None = None) -> dict:
    return {"token": "legacy-unused", "team_id": TEAM_ID, "team_domain": "test", "channel_id": channel,
            "channel_name": "general", "user_id": user, "user_name": "tester", "command": "/chihou", "text": text,
            "api_app_id": "A0001", "response_url": response_url, "trigger_id": trigger_id or uuid.uuid4().hex}


@pytest.mark.slow
def test_a_replayed_slash_command_is_answered_once(env: SlackEnv) -> None:
    url = env.standin.response_url(uuid.uuid4().hex)
    form = slash_form(QUESTIONS[0], user=new_user(), channel=new_channel(), response_url=url)
    assert env.send_form(form).text == PLACEHOLDER
    assert env.send_form(form).text == ""
    responses_to(env, url)
    env.executor.wait_idle()
    assert len(responses_to(env, url)) == 1


@pytest.mark.slow
def test_slash_commands_count_against_the_rate_limit(slack_settings: Settings, service: Any, standin: SlackStandIn,
                                                     tmp_path: Path) -> None:
    settings = slack_settings.model_copy(update={"slack_rate_limit_per_minute": 2,
                                                 "database_url": f"sqlite:///{tmp_path / 's.sqlite3'}"})
    for bot in _env(settings, service, FeedbackStore(settings.state_url), standin):
        user, urls = new_user(), [standin.response_url(uuid.uuid4().hex) for _ in range(3)]
        for url in urls:
            bot.send_form(slash_form(QUESTIONS[1], user=user, channel=new_channel(), response_url=url))
        bot.executor.wait_idle()
        texts = [responses_to(bot, url)[0].params["text"] for url in urls]
        assert texts[2] == RATE_LIMITED.format(limit=2)
        assert RATE_LIMITED.format(limit=2) not in texts[:2]


# -- Retry-After ----------------------------------------------------------------------------------------

def test_retry_after_is_honoured_once_and_capped(standin: SlackStandIn, no_proxy: None, settings: Settings) -> None:
    client = web_client(settings.model_copy(update={"slack_bot_token": "xoxb-t", "slack_api_base_url": standin.api_url,
                                                    "slack_retry_after_max_s": 2}))
    standin.fail("chat.postMessage", status=429, retry_after=1, times=1)
    client.chat_postMessage(channel="C1", text="x")
    assert [c.fault for c in standin.calls_to("chat.postMessage")] == ["http_429", ""]
    standin.fail("chat.postMessage", status=429, retry_after=30, times=1)
    with pytest.raises(SlackApiError):
        client.chat_postMessage(channel="C2", text="x")
    assert [c.fault for c in standin.calls_to("chat.postMessage", channel="C2")] == ["http_429"], "no 30 s wait"


# -- start-up --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("code", ["invalid_auth", "token_revoked", "account_inactive"])
def test_a_refused_bot_token_stops_start_up_in_one_line(slack_settings: Settings, standin: SlackStandIn,
                                                        code: str) -> None:
    standin.fail("auth.test", error=code)
    client = WebClient(token="xoxb-test-token", base_url=standin.api_url)
    with pytest.raises(SlackStartupError) as raised:
        build_app(slack_settings, service=None, client=client)  # type: ignore[arg-type]
    assert str(raised.value) == f"Slack が SLACK_BOT_TOKEN を受け付けませんでした（{code}）/ Slack rejected SLACK_BOT_TOKEN: {code}"


def test_an_unreachable_api_stops_start_up_in_one_line(slack_settings: Settings) -> None:
    client = WebClient(token="xoxb-test-token", base_url="http://127.0.0.1:9/api/", timeout=5)
    with pytest.raises(SlackStartupError) as raised:
        build_app(slack_settings, service=None, client=client)  # type: ignore[arg-type]
    message = str(raised.value)
    assert message.startswith("Slack API に接続できません（http://127.0.0.1:9/api/）/ cannot reach the Slack API: ")
    assert "\n" not in message


def test_the_token_is_checked_at_start_and_never_inside_an_ack(slack_settings: Settings, service: Any,
                                                                standin: SlackStandIn, tmp_path: Path) -> None:
    settings = slack_settings.model_copy(update={"database_url": f"sqlite:///{tmp_path / 's.sqlite3'}"})
    standin.fail("auth.test", delay=1.0)
    for bot in _env(settings, service, FeedbackStore(settings.state_url), standin):
        assert len(standin.calls_to("auth.test")) == 1
        message = bot.mention(QUESTIONS[0])
        nth_reply(standin, message["channel"], message["ts"], 0)
        assert len(standin.calls_to("auth.test")) == 1, "the first event did not call auth.test"


def test_a_refused_app_token_exits_in_one_line(slack_settings: Settings, service: Any, standin: SlackStandIn,
                                               tmp_path: Path) -> None:
    standin.fail("apps.connections.open", error="invalid_auth")
    client = WebClient(token="xoxb-test-token", base_url=standin.api_url)
    settings = slack_settings.model_copy(update={"slack_signing_secret": "", "slack_api_base_url": standin.api_url,
                                                 "database_url": f"sqlite:///{tmp_path / 's.sqlite3'}"})
    handler = socket_mode_handler(settings, service, FeedbackStore(settings.state_url), client=client)
    handler.client.auto_reconnect_enabled = False
    try:
        with pytest.raises(SystemExit) as raised:
            connect_socket_mode(handler, settings)
    finally:
        handler.close()
    assert str(raised.value.code) == ("エラー: Slack が SLACK_APP_TOKEN を受け付けませんでした（invalid_auth）/ "
                                      "Slack rejected SLACK_APP_TOKEN: invalid_auth")


def run_slack_cli(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "BOT_SLACK_"))
            and k.lower() not in ("http_proxy", "https_proxy", "all_proxy")}
    base["BOT_DATA_DIR"] = str(tmp_path)
    return subprocess.run([sys.executable, "-m", "bot", "slack"], capture_output=True, text=True,
                          env={**base, **env}, cwd=ROOT, timeout=120)


@pytest.mark.parametrize("case", ["revoked", "malformed", "unreachable"])
def test_cli_slack_exits_with_one_line_for_bad_tokens(standin: SlackStandIn, tmp_path: Path, case: str) -> None:
    standin.fail("auth.test", error="token_revoked")
    tokens = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1", "BOT_SLACK_API_BASE_URL": standin.api_url}
    expected = "エラー: Slack が SLACK_BOT_TOKEN を受け付けませんでした（token_revoked）/ Slack rejected SLACK_BOT_TOKEN: token_revoked"
    if case == "malformed":
        tokens["SLACK_BOT_TOKEN"] = "abc"
        expected = "エラー: Slack settings look wrong: SLACK_BOT_TOKEN should start with 'xoxb-' (see docs/SLACK.md)"
    if case == "unreachable":
        tokens["BOT_SLACK_API_BASE_URL"] = "http://127.0.0.1:9/api/"
        expected = "エラー: Slack API に接続できません（http://127.0.0.1:9/api/）/ cannot reach the Slack API"
    result = run_slack_cli(tmp_path, **tokens)
    assert result.returncode != 0
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(expected)


def test_serve_with_half_the_slack_settings_says_so_in_one_line(settings: Settings, service: Any,
                                                                caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="bot.web.server")
    app = FastAPI()
    _mount_slack(app, settings.model_copy(update={"slack_signing_secret": "s", "slack_bot_token": ""}), service)
    (record,) = caplog.records
    assert record.getMessage() == (
        "Slack の HTTP モードは無効です: SLACK_SIGNING_SECRET はありますが SLACK_BOT_TOKEN がありません / "
        "Slack HTTP mode is off: SLACK_SIGNING_SECRET is set but SLACK_BOT_TOKEN is not (see docs/SLACK.md)")
    assert not [r for r in app.routes if getattr(r, "path", "") == "/slack/events"]
    caplog.clear()
    socket_mode = {"slack_signing_secret": "", "slack_bot_token": "xoxb-1", "slack_app_token": "xapp-1"}
    _mount_slack(app, settings.model_copy(update=socket_mode), service)
    assert caplog.records == [], "a Socket Mode set-up is not half an HTTP one"


def test_serve_with_a_refused_token_says_so_in_one_line(settings: Settings, service: Any, standin: SlackStandIn,
                                                        no_proxy: None, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="bot.web.server")
    standin.fail("auth.test", error="invalid_auth")
    app = FastAPI()
    _mount_slack(app, settings.model_copy(update={"slack_signing_secret": "s", "slack_bot_token": "xoxb-1",
                                                  "slack_api_base_url": standin.api_url}), service)
    (record,) = caplog.records
    assert record.levelname == "ERROR" and "invalid_auth" in record.getMessage()
    assert "\n" not in record.getMessage()

