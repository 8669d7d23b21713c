"""The chat-platform core: what every messaging adapter (Slack now; LINE or Teams later) shares.

An adapter turns a platform event into an :class:`Incoming` and supplies a :class:`Replier` that
knows how to post, update and read history on that platform. :class:`ChatBot` owns everything
that must behave the same on every platform: answering each message once, the per-user rate
limit, follow-up history, answer bookkeeping for 👍/👎, and turning failures into a short
Japanese apology (details go to the log only).
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from typing import Callable, Protocol

from bot.errors import BotError
from bot.models import Answer, Turn
from bot.state.feedback import FeedbackStore, Rating

log = logging.getLogger(__name__)

PLACEHOLDER = "確認しています…"
APOLOGY = BotError.user_message
EMPTY_QUESTION = "ご質問をどうぞ。例：「ふるさと住民登録制度の予算は？」"
RATE_LIMITED = "短時間に多くのご質問をいただいたため、少し時間をおいてからお試しください（1分あたり{limit}件まで）。"
FEEDBACK_THANKS = "ご評価ありがとうございます。回答の改善に使わせていただきます。"


class Answerer(Protocol):
    """What the chat core needs from the QA service (``bot.qa.service.QAService`` satisfies it)."""

    def ask(self, question: object, history: list[Turn] | None = None) -> Answer: ...


@dataclass(frozen=True)
class Incoming:
    """One user message, platform-neutral. ``message_id`` is unique within ``conversation``."""

    platform: str
    workspace: str
    user: str
    conversation: str
    message_id: str
    text: str
    addressed: bool  # a mention, a DM or a command: answer even outside a thread the bot is in
    in_thread: bool = False

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.platform, self.workspace, self.conversation, self.message_id)


@dataclass
class ThreadContext:
    """The conversation so far as seen by the platform, oldest first, without the current message."""

    history: list[Turn] = field(default_factory=list)
    bot_joined: bool = False


class Replier(Protocol):
    """How one message is answered on one platform; implemented by each adapter."""

    def thread(self) -> ThreadContext:
        """Earlier turns of the thread and whether the bot already takes part in it."""
        ...

    def placeholder(self) -> None:
        """Show 「確認しています…」 at once; :meth:`answer` / :meth:`notice` then replace it."""
        ...

    def answer(self, question: str, answer: Answer, key: str) -> None:
        """Show the cited answer; ``key`` identifies it for 👍/👎 and sharing."""
        ...

    def notice(self, text: str) -> None:
        """Show a short message (apology, rate limit, usage) instead of an answer."""
        ...


class OnceSet:
    """Remembers recently seen keys so a retried or duplicated event is answered only once."""

    def __init__(self, max_items: int = 20_000, ttl_s: float = 3600.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._seen: OrderedDict[tuple, float] = OrderedDict()
        self._lock = threading.Lock()
        self._max = max_items
        self._ttl = ttl_s
        self._clock = clock

    def claim(self, key: tuple) -> bool:
        """True the first time ``key`` is seen (atomically), False for every later copy."""
        now = self._clock()
        with self._lock:
            while self._seen and (len(self._seen) >= self._max or next(iter(self._seen.values())) < now - self._ttl):
                self._seen.popitem(last=False)
            if key in self._seen:
                return False
            self._seen[key] = now
            return True


class RateLimiter:
    """Sliding one-minute window per user; shared by threads."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic,
                 max_users: int = 50_000) -> None:
        self.per_minute = per_minute
        self._hits: dict[tuple, deque[float]] = {}
        self._lock = threading.Lock()
        self._clock = clock
        self._max_users = max_users

    def allow(self, user: tuple) -> bool:
        if self.per_minute <= 0:
            return True
        now = self._clock()
        with self._lock:
            if len(self._hits) >= self._max_users:
                self._hits = {k: v for k, v in self._hits.items() if v and v[-1] > now - 60}
            hits = self._hits.setdefault(user, deque())
            while hits and hits[0] <= now - 60:
                hits.popleft()
            if len(hits) >= self.per_minute:
                return False
            hits.append(now)
            return True


@dataclass(frozen=True)
class Remembered:
    question: str
    answer: Answer


class AnswerCache:
    """Recent answers by a short random key, so a 👍/👎 or 「チャンネルに投稿」 click can find them.

    Buttons carry only the key (and the question, as a fallback after a restart): Slack limits a
    button value to 2,000 characters, too small for an answer with its citations.
    """

    def __init__(self, max_items: int = 5000) -> None:
        self._items: OrderedDict[str, Remembered] = OrderedDict()
        self._lock = threading.Lock()
        self._max = max_items

    def put(self, question: str, answer: Answer) -> str:
        key = secrets.token_hex(8)
        with self._lock:
            self._items[key] = Remembered(question, answer)
            while len(self._items) > self._max:
                self._items.popitem(last=False)
        return key

    def get(self, key: str) -> Remembered | None:
        with self._lock:
            return self._items.get(key)


class ChatBot:
    """Answers platform-neutral messages through a :class:`Replier`; one instance per process."""

    def __init__(self, service: Answerer, store: FeedbackStore, *, rate_limit_per_minute: int,
                 history_turns: int, history_turn_chars: int) -> None:
        """``history_turns`` / ``history_turn_chars``: how much of the thread reaches the service."""
        self.service = service
        self.store = store
        self.history_turns = history_turns
        self.history_turn_chars = history_turn_chars
        self.limiter = RateLimiter(rate_limit_per_minute)
        self.once = OnceSet()
        self.cache = AnswerCache()

    def claim(self, msg: Incoming) -> bool:
        """Call synchronously before acknowledging: False means a copy was already taken."""
        return self.once.claim(msg.key)

    def handle(self, msg: Incoming, replier: Replier) -> None:
        """Answer ``msg``; never raises (a failure becomes an apology, its details a log line)."""
        try:
            self._handle(msg, replier)
        except Exception:  # noqa: BLE001 - the edge: log everything, show the user only an apology
            log.exception("answering %s message %s/%s failed", msg.platform, msg.conversation, msg.message_id)
            try:
                replier.notice(APOLOGY)
            except Exception:  # noqa: BLE001 - the platform itself is failing; the log has it
                log.exception("could not send the apology either")

    def _handle(self, msg: Incoming, replier: Replier) -> None:
        context = replier.thread() if msg.in_thread else ThreadContext()
        if not msg.addressed and not context.bot_joined:
            return  # someone else's thread: not for us
        if not msg.text.strip():
            replier.notice(EMPTY_QUESTION)
            return
        if not self.limiter.allow((msg.platform, msg.workspace, msg.user)):
            log.info("rate limit: %s user %s", msg.platform, msg.user)
            replier.notice(RATE_LIMITED.format(limit=self.limiter.per_minute))
            return
        replier.placeholder()
        recent = context.history[-self.history_turns:]
        history = [Turn(role=t.role, content=t.content[: self.history_turn_chars]) for t in recent]
        answer = self.service.ask(msg.text, history)
        if answer.error:
            log.info("question not answerable as given: %s", answer.error)
        key = self.cache.put(msg.text, answer)
        replier.answer(msg.text, answer, key)

    def recall(self, key: str) -> Remembered | None:
        return self.cache.get(key)

    def record_feedback(self, key: str, rating: Rating, *, question_hint: str, answer_hint: str,
                        source: str) -> int:
        """Store a 👍/👎; after a restart the answer is gone from memory, so keep what the button knew."""
        remembered = self.cache.get(key)
        if remembered is not None:
            return self.store.add(question=remembered.question, answer=remembered.answer.answer,
                                  citations=remembered.answer.citations, rating=rating, source=source)
        log.info("feedback for an answer no longer in memory (%s); storing the button's copy", key)
        return self.store.add(question=question_hint, answer=answer_hint, citations=[], rating=rating,
                              source=source, comment="answer not in memory")
