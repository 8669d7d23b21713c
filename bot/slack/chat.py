"""The chat-platform core: what every messaging adapter (Slack now; LINE or Teams later) shares.

An adapter turns a platform event into an :class:`Incoming` and supplies a :class:`Replier` that
knows how to post, update and read history on that platform. :class:`ChatBot` owns everything
that must behave the same on every platform: deciding whether a message is ours *before* anything
can be posted (from the state store only, never by asking the platform), answering each message
once across replicas, the per-user rate limit, follow-up history, answer records for 👍/👎, and
turning failures into one short Japanese notice in the bot's own thread (details go to the log).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from bot.errors import BotError
from bot.models import Answer, Final, Partial, Turn
from bot.qa.outcomes import REPLACED_NOTE
from bot.qa.smalltalk import is_small_talk
from bot.state.feedback import FeedbackStore, Rating
from bot.state.slack_state import AnswerRecord, SlackState

log = logging.getLogger(__name__)

PLACEHOLDER = "確認しています…"
APOLOGY = BotError.user_message
EMPTY_QUESTION = "ご質問をどうぞ。資料に書かれている施策や金額について、出典つきでお答えします。"
RATE_LIMITED = "短時間に多くのご質問をいただいたため、少し時間をおいてからお試しください（1分あたり{limit}件まで）。"

NOTICE_ATTEMPTS = 6  # the apology is the one message a failing thread must still get
NOTICE_BACKOFF_S = 0.2
NOTICES = (PLACEHOLDER, APOLOGY, EMPTY_QUESTION)
PROGRESS_MAX_UPDATES = 30  # a long answer still costs a bounded number of platform calls


def is_notice(text: str) -> bool:
    """One of the bot's own notices (not an answer): never a turn of the conversation."""
    return text in NOTICES or text.startswith(RATE_LIMITED.split("（")[0])


class Answerer(Protocol):
    """What the chat core needs from the QA service (``bot.qa.service.QAService`` satisfies it)."""

    def ask(self, question: object, history: list[Turn] | None = None) -> Answer: ...


@runtime_checkable
class StreamingAnswerer(Answerer, Protocol):
    """A service that can show an answer while a model writes it (``QAService.ask_stream``)."""

    def ask_stream(self, question: object, history: list[Turn] | None = None) -> Iterator[Partial | Final]: ...


@dataclass(frozen=True)
class Incoming:
    """One user message, platform-neutral. ``message_id`` is unique within ``conversation``."""

    platform: str
    workspace: str
    user: str
    conversation: str
    message_id: str
    text: str
    addressed: bool  # a mention, a DM or a command: answer even outside a thread the bot owns
    in_thread: bool = False
    thread_id: str = ""  # the thread the answer goes to ("" for a slash command)
    direct: bool = False  # a one-to-one conversation with the bot

    @property
    def key(self) -> str:
        return f"{self.platform}:{self.workspace}:{self.conversation}:{self.message_id}"


class Replier(Protocol):
    """How one message is answered on one platform; implemented by each adapter."""

    def history(self, askers: set[str]) -> list[Turn]:
        """Earlier turns of the bot's thread (its answers and its askers' questions), oldest first."""
        ...

    def placeholder(self) -> None:
        """Show that an answer is coming; :meth:`answer` / :meth:`notice` then replace it."""
        ...

    def progress(self, text: str) -> None:
        """Show the checked text a model has written so far in place of the placeholder (or nothing)."""
        ...

    def answer(self, question: str, answer: Answer, key: str, note: str | None = None) -> None:
        """Show the cited answer; ``key`` identifies it for 👍/👎 and sharing; ``note`` is a short remark under it."""
        ...

    def notice(self, text: str) -> None:
        """Show a short message (apology, rate limit, usage) instead of an answer."""
        ...

    def acknowledge(self) -> None:
        """Small talk (「ありがとうございます」): at most a reaction, never an answer. Must not raise."""
        ...


class ChatBot:
    """Answers platform-neutral messages through a :class:`Replier`; state shared by every replica."""

    def __init__(self, service: Answerer, store: FeedbackStore, state: SlackState, *, rate_limit_per_minute: int,
                 history_turns: int, history_turn_chars: int, dm_window_s: float,
                 progress_interval_s: float = 1.0) -> None:
        """``history_turns`` / ``history_turn_chars``: how much earlier conversation reaches the service;
        ``progress_interval_s``: the least time between two updates of a message a model is still writing."""
        self.service = service
        self.store = store
        self.state = state
        self.rate_limit_per_minute = rate_limit_per_minute
        self.history_turns = history_turns
        self.history_turn_chars = history_turn_chars
        self.dm_window_s = dm_window_s
        self.progress_interval_s = progress_interval_s

    def accept(self, msg: Incoming) -> bool:
        """Before acknowledging: is ``msg`` ours, and is this the first copy any replica has seen?

        Ours: addressed to the bot, or a follow-up by someone the bot answers in a thread it owns —
        decided from the state store alone, so a failing platform API cannot make the bot speak in
        other people's threads. Raises only when the store fails (the caller stays silent).
        """
        if not msg.addressed:
            if not msg.in_thread:
                return False
            if msg.user not in self.state.askers(msg.workspace, msg.conversation, msg.thread_id):
                return False  # someone else's thread, or side talk in ours
        return self.state.claim(msg.key)

    def handle(self, msg: Incoming, replier: Replier) -> None:
        """Answer an accepted ``msg``; never raises (a failure becomes one apology, its details a log line)."""
        try:
            self._handle(msg, replier)
        except Exception:  # noqa: BLE001 - the edge: log everything, show the user only an apology
            log.exception("answering %s message %s/%s failed", msg.platform, msg.conversation, msg.message_id)
            self._apologise(replier)

    @staticmethod
    def _apologise(replier: Replier) -> None:
        """One apology in the bot's own thread, tried a few times: a failed attempt posted nothing."""
        for attempt in range(NOTICE_ATTEMPTS):
            try:
                replier.notice(APOLOGY)
                return
            except Exception:  # noqa: BLE001 - the platform itself is failing; try again, then log
                time.sleep(NOTICE_BACKOFF_S * (attempt + 1))
        log.error("could not send the apology after %d attempts", NOTICE_ATTEMPTS)

    def _handle(self, msg: Incoming, replier: Replier) -> None:
        if msg.addressed and msg.thread_id:
            self.state.own(msg.workspace, msg.conversation, msg.thread_id, msg.user)
        if is_small_talk(msg.text):
            replier.acknowledge()
            return
        if not msg.text.strip():
            replier.notice(EMPTY_QUESTION)
            return
        if not self.state.allow(f"{msg.platform}:{msg.workspace}:{msg.user}", self.rate_limit_per_minute):
            log.info("rate limit: %s user %s", msg.platform, msg.user)
            replier.notice(RATE_LIMITED.format(limit=self.rate_limit_per_minute))
            return
        history = self._history(msg, replier)
        replier.placeholder()
        final = self._answer(msg.text, history, replier)
        answer = final.answer
        if answer.error:
            log.info("question not answerable as given: %s", answer.error)
        key = self.state.put_answer(team=msg.workspace, channel=msg.conversation, thread_ts=msg.thread_id,
                                    user=msg.user, question=msg.text, answer=answer, top_level=not msg.in_thread)
        replier.answer(msg.text, answer, key, note=REPLACED_NOTE if final.shown else None)

    def _answer(self, text: str, history: list[Turn], replier: Replier) -> Final:
        """The verified answer; while a model writes it, its checked text replaces the placeholder, at most
        every ``progress_interval_s`` and ``PROGRESS_MAX_UPDATES`` times (the final answer is always shown)."""
        if not isinstance(self.service, StreamingAnswerer):
            return Final(self.service.ask(text, history))
        last, updates = time.monotonic(), 0  # the placeholder was just shown
        for event in self.service.ask_stream(text, history):
            if isinstance(event, Final):
                return event
            if updates < PROGRESS_MAX_UPDATES and time.monotonic() - last >= self.progress_interval_s:
                updates += 1
                last = time.monotonic()
                try:
                    replier.progress(event.text)
                except Exception:  # noqa: BLE001 - a missed progress update is not worth an apology
                    log.warning("progress update failed", exc_info=True)
        raise RuntimeError("the answer stream ended without an answer")

    def _history(self, msg: Incoming, replier: Replier) -> list[Turn]:
        """The thread's turns, or a DM's recent exchanges; the latest ones, each cut to length."""
        if msg.in_thread:
            askers = self.state.askers(msg.workspace, msg.conversation, msg.thread_id)
            turns = replier.history(askers)
        elif msg.direct:
            turns = []
            for r in self.state.recent_answers(msg.workspace, msg.conversation, within_s=self.dm_window_s,
                                               limit=self.history_turns):
                turns += [Turn(role="user", content=r.question), Turn(role="assistant", content=r.answer.answer)]
        else:
            turns = []
        recent = turns[-self.history_turns:]
        return [Turn(role=t.role, content=t.content[: self.history_turn_chars]) for t in recent]

    def recall(self, key: str) -> AnswerRecord | None:
        return self.state.answer(key) if key else None

    def record_feedback(self, key: str, rating: Rating, *, voter: str, answer_hint: str, source: str) -> int:
        """Store a 👍/👎, one per (answer, voter): a second click replaces the first."""
        record = self.recall(key)
        if record is not None:
            return self.store.add(question=record.question, answer=record.answer.answer,
                                  citations=record.answer.citations, rating=rating, source=source,
                                  answer_key=key, voter=voter)
        log.info("feedback for an unknown answer (%s); storing the message's text", key)
        return self.store.add(question="", answer=answer_hint, citations=[], rating=rating, source=source,
                              comment="answer not in the state store", answer_key=key or None, voter=voter)
