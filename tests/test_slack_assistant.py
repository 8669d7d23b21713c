"""Slack's AI-app surface (Bolt's ``Assistant``) and the App Home tab, through the real HTTP surface.

What they show about the document comes from its profile; the expectations here are built from the same
profile, never written as document facts.
"""

from __future__ import annotations

from typing import Any

import pytest

from bot.document.profile import build_profile
from bot.models import Turn
from bot.slack.home import GREETING, PRIVACY, STATUS
from tests.slack_standin import TEAM_ID, block_kit_problems
from tests.test_slack import (  # noqa: F401 - fixtures are used by name
    QUESTIONS,
    SlackEnv,
    assert_cited_answer,
    message_event,
    new_channel,
    new_user,
    no_proxy,
    slack_settings,
)
from tests.test_slack_busy import env, nth_reply, standin  # noqa: F401 - fixtures

FOLLOW_UP = "それはいくら？"


def thread_started(channel: str, user: str, thread_ts: str) -> dict[str, Any]:
    return {"type": "assistant_thread_started", "event_ts": thread_ts,
            "assistant_thread": {"user_id": user, "channel_id": channel, "thread_ts": thread_ts,
                                 "context": {"channel_id": "C0000001", "team_id": TEAM_ID}}}


@pytest.mark.slow
def test_an_assistant_thread_opens_with_prompts_from_the_document(env: SlackEnv, records: list) -> None:
    channel, user, root = new_channel("D"), new_user(), env.standin.next_ts()
    env.send_event(thread_started(channel, user, root))
    env.executor.wait_idle()
    (greeting,) = env.standin.calls_to("chat.postMessage", channel=channel)
    assert (greeting.params["text"], greeting.params["thread_ts"]) == (GREETING, root)
    (prompts,) = env.standin.calls_to("assistant.threads.setSuggestedPrompts", channel_id=channel)
    examples = build_profile(records).examples
    assert examples and prompts.params["prompts"] == [{"title": e, "message": e} for e in examples[:4]]


@pytest.mark.slow
def test_an_assistant_thread_shows_a_status_sets_a_title_and_follows_up(env: SlackEnv, service: Any) -> None:
    channel, user, root = new_channel("D"), new_user(), env.standin.next_ts()
    env.send_event(thread_started(channel, user, root))
    first = env.standin.user_message(channel, user, QUESTIONS[0], thread_ts=root)
    env.send_event(message_event(first, channel_type="im"))
    reply = nth_reply(env.standin, channel, root, 1)
    assert_cited_answer(reply, service.ask(QUESTIONS[0]))
    assert [c.params["status"] for c in env.standin.calls_to("assistant.threads.setStatus", channel_id=channel)] == [
        STATUS]
    (title,) = env.standin.calls_to("assistant.threads.setTitle", channel_id=channel)
    assert title.params["title"] == QUESTIONS[0]
    assert not env.standin.calls_to("chat.postMessage", channel=channel, text="確認しています…")
    second = env.standin.user_message(channel, user, FOLLOW_UP, thread_ts=root)
    env.send_event(message_event(second, channel_type="im"))
    history = [Turn(role="user", content=QUESTIONS[0]), Turn(role="assistant", content=service.ask(QUESTIONS[0]).answer)]
    assert_cited_answer(nth_reply(env.standin, channel, root, 2), service.ask(FOLLOW_UP, history))
    assert len(env.standin.calls_to("assistant.threads.setTitle", channel_id=channel)) == 1, "titled once"


@pytest.mark.slow
def test_a_dm_thread_without_the_ai_surface_still_gets_its_answer(env: SlackEnv, service: Any) -> None:
    env.standin.fail("assistant.threads.setStatus", error="not_allowed")
    env.standin.fail("assistant.threads.setTitle", error="not_allowed")
    channel, user = new_channel("D"), new_user()
    root = env.standin.user_message(channel, user, QUESTIONS[1])
    env.send_event(message_event(root, channel_type="im"))
    nth_reply(env.standin, channel, root["ts"], 0)
    follow = env.standin.user_message(channel, user, QUESTIONS[2], thread_ts=root["ts"])
    env.send_event(message_event(follow, channel_type="im"))
    posts = env.standin.calls_to("chat.postMessage", channel=channel)
    reply = nth_reply(env.standin, channel, root["ts"], 1)
    assert posts and reply.params["blocks"]


@pytest.mark.slow
def test_the_home_tab_shows_the_bot_examples_source_and_privacy(env: SlackEnv, records: list) -> None:
    user = new_user()
    env.send_event({"type": "app_home_opened", "user": user, "channel": new_channel("D"), "tab": "home",
                    "event_ts": env.standin.next_ts()})
    env.executor.wait_idle()
    (publish,) = env.standin.calls_to("views.publish", user_id=user)
    view = publish.params["view"]
    assert view["type"] == "home" and block_kit_problems(view["blocks"], max_blocks=100) == []
    texts = [b["text"]["text"] for b in view["blocks"] if "text" in b] + [
        e["text"] for b in view["blocks"] if b["type"] == "context" for e in b["elements"]]
    profile = build_profile(records)
    assert "*質問の例*\n" + "\n".join(f"• {e}" for e in profile.examples) in texts
    assert f"*出典*：{profile.title} ／ {profile.author} ／ {profile.date}" in texts
    assert PRIVACY in texts
