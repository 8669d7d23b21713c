"""Bolt listeners, all registered by :func:`register`; the Slack side of :class:`~bot.slack.chat.ChatBot`.

Deciding whether an event is ours (and claiming it, so a retry or the twin ``message`` /
``app_mention`` event is not answered twice) happens in a listener middleware, which Bolt runs
synchronously before it acknowledges; the answer itself runs afterwards in Bolt's thread pool
(``process_before_response=False``), so Slack gets its acknowledgement within milliseconds.
"""

from __future__ import annotations

import logging
import re
from typing import Any, Callable

from slack_bolt import Ack, App, BoltContext, BoltResponse, Respond
from slack_sdk import WebClient

from bot.config import Settings
from bot.models import Answer, Turn
from bot.slack.blocks import (
    ACTION_DOWN,
    ACTION_SHARE,
    ACTION_UP,
    answer_blocks,
    fallback_text,
    parse_button_value,
    question_text,
)
from bot.slack.chat import (
    APOLOGY,
    FEEDBACK_THANKS,
    PLACEHOLDER,
    Answerer,
    ChatBot,
    Incoming,
    ThreadContext,
)
from bot.state.feedback import FeedbackStore

log = logging.getLogger(__name__)

USAGE = "使い方：{command} 質問（例：{command} ふるさと住民登録制度の予算は？）"
ANSWERED_SUBTYPES = (None, "thread_broadcast")
REPLIES_LIMIT = 200
NO_RETRY = {"X-Slack-No-Retry": "1"}


def incoming_from_event(event: dict[str, Any], team_id: str, bot_user_id: str | None,
                        *, via_mention: bool) -> Incoming | None:
    """The message to answer, or None for events that must not produce an answer.

    Ignored: edits, deletions and other subtypes; anything from a bot (ours included, so no loops);
    channel messages outside threads unless they mention us; and, for ``message`` events, channel
    messages that mention us (their ``app_mention`` twin answers them).
    """
    if event.get("subtype") not in ANSWERED_SUBTYPES or event.get("bot_id") or event.get("bot_profile"):
        return None
    user, channel, ts = event.get("user"), event.get("channel"), event.get("ts")
    if not user or not channel or not ts or user == bot_user_id:
        return None
    text = event.get("text") or ""
    is_dm = event.get("channel_type") == "im" or str(channel).startswith("D")
    thread_ts = event.get("thread_ts")
    if not via_mention and not is_dm:
        if bot_user_id and f"<@{bot_user_id}>" in text:
            return None
        if not thread_ts:
            return None
    return Incoming(
        platform="slack",
        workspace=team_id,
        user=user,
        conversation=channel,
        message_id=ts,
        text=question_text(text, bot_user_id),
        addressed=via_mention or is_dm,
        in_thread=bool(thread_ts),
    )


class ThreadReplier:
    """Replies in the message's thread: a placeholder first, then ``chat.update`` with the answer."""

    def __init__(self, client: WebClient, event: dict[str, Any], bot_user_id: str | None,
                 bot_id: str | None) -> None:
        self.client = client
        self.channel: str = event["channel"]
        self.message_ts: str = event["ts"]
        self.thread_ts: str = event.get("thread_ts") or event["ts"]
        self.bot_user_id = bot_user_id
        self.bot_id = bot_id
        self.reply_ts: str | None = None

    def _is_ours(self, message: dict[str, Any]) -> bool:
        return bool((self.bot_user_id and message.get("user") == self.bot_user_id)
                    or (self.bot_id and message.get("bot_id") == self.bot_id))

    def thread(self) -> ThreadContext:
        replies = self.client.conversations_replies(channel=self.channel, ts=self.thread_ts, limit=REPLIES_LIMIT)
        context = ThreadContext()
        for message in replies.get("messages") or []:
            if message.get("ts") == self.message_ts:
                continue
            text = message.get("text") or ""
            if self._is_ours(message):
                context.bot_joined = True
                if text and text != PLACEHOLDER:
                    context.history.append(Turn(role="assistant", content=text))
            elif not message.get("bot_id") and message.get("subtype") in ANSWERED_SUBTYPES:
                question = question_text(text, self.bot_user_id)
                if question:
                    context.history.append(Turn(role="user", content=question))
        return context

    def placeholder(self) -> None:
        posted = self.client.chat_postMessage(channel=self.channel, thread_ts=self.thread_ts, text=PLACEHOLDER)
        self.reply_ts = posted["ts"]

    def _show(self, text: str, blocks: list[dict[str, Any]] | None) -> None:
        if self.reply_ts is None:
            self.client.chat_postMessage(channel=self.channel, thread_ts=self.thread_ts, text=text, blocks=blocks,
                                         unfurl_links=False, unfurl_media=False)
        else:
            self.client.chat_update(channel=self.channel, ts=self.reply_ts, text=text, blocks=blocks or [])

    def answer(self, question: str, answer: Answer, key: str) -> None:
        self._show(fallback_text(answer), answer_blocks(answer, question=question, key=key))

    def notice(self, text: str) -> None:
        self._show(text, None)


class CommandReplier:
    """A slash command: everything ephemeral through ``response_url``, replacing the acknowledgement."""

    def __init__(self, respond: Respond) -> None:
        self.respond = respond

    def thread(self) -> ThreadContext:
        return ThreadContext()

    def placeholder(self) -> None:
        """Nothing to do: the acknowledgement already showed 「確認しています…」."""

    def answer(self, question: str, answer: Answer, key: str) -> None:
        self.respond(text=fallback_text(answer), blocks=answer_blocks(answer, question=question, key=key, share=True),
                     response_type="ephemeral", replace_original=True)

    def notice(self, text: str) -> None:
        self.respond(text=text, response_type="ephemeral", replace_original=True)


def _claimer(chatbot: ChatBot, *, via_mention: bool) -> Callable[..., BoltResponse | None]:
    """Listener middleware: let the listener run only for an unseen message that is ours."""

    def claim(body: dict[str, Any], context: BoltContext, next: Callable[[], None]) -> BoltResponse | None:  # noqa: A002
        msg = incoming_from_event(body.get("event") or {}, str(body.get("team_id") or context.team_id or ""),
                                  context.bot_user_id, via_mention=via_mention)
        if msg is None:
            return BoltResponse(status=200, body="")
        if not chatbot.claim(msg):
            log.info("already answering %s/%s; duplicate or retried event skipped", msg.conversation,
                     msg.message_id)
            return BoltResponse(status=200, body="", headers=NO_RETRY)
        context["incoming"] = msg
        next()
        return None

    return claim


def register(app: App, service: Answerer, store: FeedbackStore, settings: Settings) -> ChatBot:
    """Wire every Slack listener to one :class:`ChatBot`; the entry points only build and call this."""
    chatbot = ChatBot(
        service, store, rate_limit_per_minute=settings.slack_rate_limit_per_minute,
        history_turns=settings.slack_history_turns, history_turn_chars=settings.slack_history_turn_chars,
    )

    def on_message(event: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        replier = ThreadReplier(client, event, context.bot_user_id, context.bot_id)
        chatbot.handle(context["incoming"], replier)

    app.event("app_mention", middleware=[_claimer(chatbot, via_mention=True)])(on_message)
    app.event("message", middleware=[_claimer(chatbot, via_mention=False)])(on_message)

    def on_command(ack: Ack, command: dict[str, Any], respond: Respond, context: BoltContext) -> None:
        text = (command.get("text") or "").strip()
        if not text:
            ack(USAGE.format(command=command.get("command", "/chihou")))
            return
        ack(PLACEHOLDER)
        msg = Incoming(platform="slack", workspace=str(command.get("team_id") or ""), user=str(command.get("user_id")),
                       conversation=str(command.get("channel_id")), message_id=str(command.get("trigger_id")),
                       text=question_text(text, context.bot_user_id), addressed=True)
        chatbot.handle(msg, CommandReplier(respond))

    app.command(re.compile(r"^/"))(on_command)

    def on_feedback(ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond) -> None:
        ack()
        key, question = parse_button_value(action.get("value") or "")
        rating = "up" if action.get("action_id") == ACTION_UP else "down"
        try:
            chatbot.record_feedback(key, rating, question_hint=question,
                                    answer_hint=(body.get("message") or {}).get("text") or "", source="slack")
        except Exception:  # noqa: BLE001 - the edge: a storage failure is logged, the user sees an apology
            log.exception("storing Slack feedback failed")
            respond(text=APOLOGY, response_type="ephemeral", replace_original=False)
            return
        respond(text=FEEDBACK_THANKS, response_type="ephemeral", replace_original=False)

    app.action(ACTION_UP)(on_feedback)
    app.action(ACTION_DOWN)(on_feedback)

    def on_share(ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond) -> None:
        ack()
        key, question = parse_button_value(action.get("value") or "")
        remembered = chatbot.recall(key)
        try:
            answer = remembered.answer if remembered else chatbot.service.ask(question, [])
            key = key if remembered else chatbot.cache.put(question, answer)
            user = (body.get("user") or {}).get("id")
            respond(text=fallback_text(answer), response_type="in_channel", replace_original=False,
                    blocks=answer_blocks(answer, question=question, key=key, asked_by=user))
            respond(delete_original=True)
        except Exception:  # noqa: BLE001 - the edge: details to the log, an apology to the user
            log.exception("sharing a Slack answer failed")
            respond(text=APOLOGY, response_type="ephemeral", replace_original=False)

    app.action(ACTION_SHARE)(on_share)
    return chatbot
