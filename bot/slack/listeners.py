"""Bolt listeners, all registered by :func:`register`; the Slack side of :class:`~bot.slack.chat.ChatBot`.

Deciding whether an event is ours (and claiming it, so a retry, the twin ``message`` /
``app_mention`` event or another replica does not answer twice) happens in a listener middleware
that Bolt runs synchronously before it acknowledges. It reads only the state store, never Slack: a
Slack incident cannot make the bot post into threads that are not its own. The answer itself runs
afterwards in Bolt's thread pool (``process_before_response=False``).
"""

from __future__ import annotations

import logging
import re
from typing import Any, Callable

from slack_bolt import (
    Ack,
    App,
    Assistant,
    BoltContext,
    BoltResponse,
    Respond,
    Say,
    SetStatus,
    SetSuggestedPrompts,
    SetTitle,
)
from slack_bolt.middleware.custom_middleware import CustomMiddleware
from slack_sdk import WebClient

from bot.config import Settings
from bot.document.profile import Profile
from bot.models import Answer, Turn
from bot.qa.smalltalk import is_small_talk
from bot.slack.blocks import (
    ACTION_DOWN,
    ACTION_SHARE,
    ACTION_UP,
    answer_blocks,
    escape,
    fallback_text,
    parse_button_value,
    question_text,
    unescape,
)
from bot.slack.chat import APOLOGY, PLACEHOLDER, Answerer, ChatBot, Incoming, is_notice
from bot.slack.home import GREETING, STATUS, home_view, suggested_prompts, thread_title
from bot.state.feedback import FeedbackStore
from bot.state.slack_state import SlackState

log = logging.getLogger(__name__)

USAGE = "使い方：{command} 質問（例：{command} {example}）"
FEEDBACK_STORED = "ご評価ありがとうございます。回答の改善に使わせていただきます。"
ANSWERED_SUBTYPES = (None, "thread_broadcast")
REPLIES_PAGE = 200
REPLIES_MAX_PAGES = 25  # 5,000 messages: far beyond any thread worth reading
NO_RETRY = {"X-Slack-No-Retry": "1"}
THANKS_REACTION = "pray"


def incoming_from_event(event: dict[str, Any], team_id: str, bot_user_id: str | None,
                        *, via_mention: bool) -> Incoming | None:
    """The message as the chat core sees it, or None for events that can never produce an answer.

    Ignored: edits, deletions and other subtypes; anything from a bot (ours included, so no loops);
    channel messages outside threads unless they mention us; and, for ``message`` events, channel
    messages that mention us (their ``app_mention`` twin answers them). Only a one-to-one DM
    (``channel_type == "im"``) counts as addressed without a mention: private channels and group DMs do not.
    """
    if event.get("subtype") not in ANSWERED_SUBTYPES or event.get("bot_id") or event.get("bot_profile"):
        return None
    user, channel, ts = event.get("user"), event.get("channel"), event.get("ts")
    if not user or not channel or not ts or user == bot_user_id:
        return None
    text = event.get("text") or ""
    channel_type = event.get("channel_type")
    direct = channel_type == "im" or (channel_type is None and str(channel).startswith("D"))
    thread_ts = event.get("thread_ts")
    if not via_mention and not direct:
        if bot_user_id and f"<@{bot_user_id}>" in text:
            return None
        if not thread_ts:
            return None
    return Incoming(
        platform="slack", workspace=team_id, user=user, conversation=channel, message_id=ts,
        text=question_text(text, bot_user_id), addressed=via_mention or direct, in_thread=bool(thread_ts),
        thread_id=thread_ts or ts, direct=direct,
    )


class ThreadReplier:
    """Replies in the message's thread: a placeholder first, then ``chat.update`` with the answer."""

    def __init__(self, client: WebClient, msg: Incoming, bot_user_id: str | None, bot_id: str | None) -> None:
        self.client = client
        self.msg = msg
        self.channel = msg.conversation
        self.thread_ts = msg.thread_id
        self.bot_user_id = bot_user_id
        self.bot_id = bot_id
        self.reply_ts: str | None = None

    def _is_ours(self, message: dict[str, Any]) -> bool:
        return bool((self.bot_user_id and message.get("user") == self.bot_user_id)
                    or (self.bot_id and message.get("bot_id") == self.bot_id))

    def _turn(self, message: dict[str, Any], askers: set[str]) -> Turn | None:
        """Our answers and the askers' questions; placeholders, notices, side talk and small talk are not turns."""
        if message.get("ts") == self.msg.message_id:
            return None
        text = message.get("text") or ""
        if self._is_ours(message):
            return Turn(role="assistant", content=unescape(text)) if text and not is_notice(text) else None
        if message.get("bot_id") or message.get("subtype") not in ANSWERED_SUBTYPES:
            return None
        if message.get("user") not in askers:
            return None
        question = question_text(text, self.bot_user_id)
        return Turn(role="user", content=question) if question and not is_small_talk(question) else None

    def history(self, askers: set[str]) -> list[Turn]:
        """The whole thread, page by page (``conversations.replies`` is oldest first): the latest turns are kept."""
        turns: list[Turn] = []
        cursor: str | None = None
        for _ in range(REPLIES_MAX_PAGES):
            page = self.client.conversations_replies(channel=self.channel, ts=self.thread_ts, limit=REPLIES_PAGE,
                                                     cursor=cursor)
            turns += [t for m in page.get("messages") or [] if (t := self._turn(m, askers))]
            turns = turns[-REPLIES_PAGE:]
            cursor = (page.get("response_metadata") or {}).get("next_cursor") or None
            if not page.get("has_more") or not cursor:
                break
        return turns

    def placeholder(self) -> None:
        posted = self.client.chat_postMessage(channel=self.channel, thread_ts=self.thread_ts, text=PLACEHOLDER)
        self.reply_ts = posted["ts"]

    def _show(self, text: str, blocks: list[dict[str, Any]] | None) -> None:
        if self.reply_ts is None:
            posted = self.client.chat_postMessage(channel=self.channel, thread_ts=self.thread_ts, text=text,
                                                  blocks=blocks, unfurl_links=False, unfurl_media=False)
            self.reply_ts = posted["ts"]
        else:
            self.client.chat_update(channel=self.channel, ts=self.reply_ts, text=text, blocks=blocks or [])

    def progress(self, text: str) -> None:
        self._show(escape(text), None)

    def answer(self, question: str, answer: Answer, key: str, note: str | None = None) -> None:
        self._show(fallback_text(answer), answer_blocks(answer, question=question, key=key, note=note))

    def notice(self, text: str) -> None:
        self._show(text, None)

    def acknowledge(self) -> None:
        try:
            self.client.reactions_add(channel=self.channel, timestamp=self.msg.message_id, name=THANKS_REACTION)
        except Exception:  # noqa: BLE001 - a reaction is a courtesy: log, never apologise for it
            log.warning("could not add a reaction in %s", self.channel, exc_info=True)


class AssistantReplier(ThreadReplier):
    """An assistant thread: Slack's status line (「資料を確認しています…」) instead of a placeholder post."""

    def __init__(self, client: WebClient, msg: Incoming, bot_user_id: str | None, bot_id: str | None,
                 set_status: SetStatus) -> None:
        super().__init__(client, msg, bot_user_id, bot_id)
        self.set_status = set_status

    def placeholder(self) -> None:
        """A DM thread in a workspace without the AI-app surface refuses the status: post a placeholder then."""
        try:
            self.set_status(STATUS)
        except Exception:  # noqa: BLE001 - fall back to the plain thread behaviour
            log.info("assistant status refused in %s; posting a placeholder", self.channel, exc_info=True)
            super().placeholder()


class CommandReplier:
    """A slash command: everything ephemeral through ``response_url``, replacing the acknowledgement."""

    def __init__(self, respond: Respond) -> None:
        self.respond = respond

    def history(self, askers: set[str]) -> list[Turn]:
        return []

    def placeholder(self) -> None:
        """Nothing to do: the acknowledgement already showed 「確認しています…」."""

    def progress(self, text: str) -> None:
        """Nothing: a ``response_url`` takes only five messages, kept for the answer and notices."""

    def answer(self, question: str, answer: Answer, key: str, note: str | None = None) -> None:
        blocks = answer_blocks(answer, question=question, key=key, share=True, note=note)
        self.respond(text=fallback_text(answer), blocks=blocks, response_type="ephemeral", replace_original=True)

    def notice(self, text: str) -> None:
        self.respond(text=text, response_type="ephemeral", replace_original=True)

    def acknowledge(self) -> None:
        try:
            self.respond(delete_original=True)
        except Exception:  # noqa: BLE001 - a courtesy, as for a reaction
            log.warning("could not remove the slash command's acknowledgement", exc_info=True)


def _claimer(chatbot: ChatBot, *, via_mention: bool) -> Callable[..., BoltResponse | None]:
    """Listener middleware: let the listener run only for an unseen message that is ours."""

    def claim(body: dict[str, Any], context: BoltContext, next: Callable[[], None]) -> BoltResponse | None:  # noqa: A002
        msg = incoming_from_event(body.get("event") or {}, str(body.get("team_id") or context.team_id or ""),
                                  context.bot_user_id, via_mention=via_mention)
        if msg is None:
            return BoltResponse(status=200, body="")
        try:
            accepted = chatbot.accept(msg)
        except Exception:  # noqa: BLE001 - cannot tell whether it is ours: say nothing anywhere
            log.exception("state store failed deciding on %s/%s; staying silent", msg.conversation, msg.message_id)
            return BoltResponse(status=200, body="")
        if not accepted:
            return BoltResponse(status=200, body="", headers=NO_RETRY)
        context["incoming"] = msg
        next()
        return None

    return claim


def register(app: App, service: Answerer, store: FeedbackStore, settings: Settings, *,
             state: SlackState | None = None, profile: Profile | None = None) -> ChatBot:
    """Wire every Slack listener to one :class:`ChatBot`; the entry points only build and call this."""
    chatbot = ChatBot(
        service, store, state or SlackState.from_settings(settings),
        rate_limit_per_minute=settings.slack_rate_limit_per_minute, history_turns=settings.slack_history_turns,
        history_turn_chars=settings.slack_history_turn_chars, dm_window_s=settings.slack_dm_window_minutes * 60,
        progress_interval_s=settings.slack_progress_interval_s,
    )

    def on_message(context: BoltContext, client: WebClient) -> None:
        msg: Incoming = context["incoming"]
        chatbot.handle(msg, ThreadReplier(client, msg, context.bot_user_id, context.bot_id))

    app.assistant(_assistant(chatbot, profile))  # before the plain message listener sees assistant threads
    app.event("app_mention", middleware=[_claimer(chatbot, via_mention=True)])(on_message)
    app.event("message", middleware=[_claimer(chatbot, via_mention=False)])(on_message)
    app.event("app_home_opened")(_home_listener(profile))
    app.command(re.compile(r"^/"))(_command_listener(chatbot, profile.examples if profile else ()))
    on_feedback = _feedback_listener(chatbot)
    app.action(ACTION_UP)(on_feedback)
    app.action(ACTION_DOWN)(on_feedback)
    app.action(ACTION_SHARE)(_share_listener(chatbot))
    return chatbot


def _assistant(chatbot: ChatBot, profile: Profile | None) -> Assistant:
    """Slack's AI-app surface: prompts from the document when a thread opens; status and title while answering.

    Bolt's ``Assistant`` takes every user message in a DM thread; the same claim as for other messages
    runs first, so retries and replicas answer once.
    """
    assistant = Assistant(logger=logging.getLogger("bot.slack.assistant"))

    @assistant.thread_started
    def started(say: Say, set_suggested_prompts: SetSuggestedPrompts) -> None:
        try:
            say(GREETING)
            prompts = suggested_prompts(profile)
            if prompts:
                set_suggested_prompts(prompts=prompts)
        except Exception:  # noqa: BLE001 - a greeting that failed is logged; the thread still works
            log.exception("starting an assistant thread failed")

    claim = CustomMiddleware(app_name="assistant", func=_claimer(chatbot, via_mention=False))

    @assistant.user_message(middleware=[claim])
    def user_message(context: BoltContext, client: WebClient, set_status: SetStatus, set_title: SetTitle) -> None:
        msg: Incoming = context["incoming"]
        replier = AssistantReplier(client, msg, context.bot_user_id, context.bot_id, set_status)
        try:
            if not chatbot.state.askers(msg.workspace, msg.conversation, msg.thread_id):
                set_title(thread_title(msg.text))
        except Exception:  # noqa: BLE001 - a title is a courtesy
            log.warning("could not set the assistant thread's title", exc_info=True)
        chatbot.handle(msg, replier)

    return assistant


def _home_listener(profile: Profile | None) -> Callable[..., None]:
    def on_home_opened(event: dict[str, Any], client: WebClient) -> None:
        if event.get("tab", "home") != "home":
            return
        try:
            client.views_publish(user_id=event["user"], view=home_view(profile))
        except Exception:  # noqa: BLE001 - the Home tab keeps its previous content; the log has why
            log.exception("publishing the Home tab failed")

    return on_home_opened


def _command_listener(chatbot: ChatBot, examples: tuple[str, ...]) -> Callable[..., None]:
    def on_command(ack: Ack, command: dict[str, Any], respond: Respond, context: BoltContext) -> None:
        text = (command.get("text") or "").strip()
        name = command.get("command", "/chihou")
        if not text:
            ack(USAGE.format(command=name, example=examples[0] if examples else "質問"))
            return
        team = str(command.get("team_id") or "")
        try:
            first = chatbot.state.claim(f"slack:command:{team}:{command.get('trigger_id')}")
        except Exception:  # noqa: BLE001 - the asker is waiting on the acknowledgement: tell them
            log.exception("state store failed for a slash command")
            ack(APOLOGY)
            return
        if not first:
            log.info("slash command %s replayed; answered once", command.get("trigger_id"))
            ack()
            return
        ack(PLACEHOLDER)
        msg = Incoming(platform="slack", workspace=team, user=str(command.get("user_id")),
                       conversation=str(command.get("channel_id")), message_id=str(command.get("trigger_id")),
                       text=question_text(text, context.bot_user_id), addressed=True)
        chatbot.handle(msg, CommandReplier(respond))

    return on_command


def _feedback_listener(chatbot: ChatBot) -> Callable[..., None]:
    def on_feedback(ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond) -> None:
        """One vote per (answer, user); the thanks replaces the answer message, buttons kept for a change of mind."""
        ack()
        key = parse_button_value(action.get("value") or "")
        rating = "up" if action.get("action_id") == ACTION_UP else "down"
        voter = str((body.get("user") or {}).get("id") or "")
        try:
            chatbot.record_feedback(key, rating, voter=voter, source="slack",
                                    answer_hint=(body.get("message") or {}).get("text") or "")
            record = chatbot.recall(key)
        except Exception:  # noqa: BLE001 - the edge: a storage failure is logged, the user sees an apology
            log.exception("storing Slack feedback failed")
            respond(text=APOLOGY, response_type="ephemeral", replace_original=False)
            return
        if record is None:
            respond(text=FEEDBACK_STORED, response_type="ephemeral", replace_original=False)
            return
        ephemeral = bool((body.get("container") or {}).get("is_ephemeral"))
        respond(text=fallback_text(record.answer), replace_original=True,
                blocks=answer_blocks(record.answer, question=record.question, key=key, share=ephemeral,
                                     voted=rating))

    return on_feedback


def _share_listener(chatbot: ChatBot) -> Callable[..., None]:
    def on_share(ack: Ack, body: dict[str, Any], action: dict[str, Any], respond: Respond) -> None:
        ack()
        try:
            record = chatbot.recall(parse_button_value(action.get("value") or ""))
            if record is None:
                respond(text=APOLOGY, response_type="ephemeral", replace_original=False)
                return
            user = (body.get("user") or {}).get("id")
            respond(text=fallback_text(record.answer), response_type="in_channel", replace_original=False,
                    blocks=answer_blocks(record.answer, question=record.question, key=record.key, asked_by=user))
            respond(delete_original=True)
        except Exception:  # noqa: BLE001 - the edge: details to the log, an apology to the user
            log.exception("sharing a Slack answer failed")
            respond(text=APOLOGY, response_type="ephemeral", replace_original=False)

    return on_share
