"""Optional LLM backends: the chat-model factory and the LLM composer, which writes from the same records.

An LLM is never required: with ``BOT_LLM_BACKEND=none`` (the default) the extractive composer answers.
Whatever the LLM writes goes through the same verifier; a draft that cites an unretrieved record or
states a number not in a cited record is replaced by the extractive answer.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Generator, Iterator
from pathlib import Path

from langchain_core.language_models import BaseChatModel
from langchain_core.prompts import PromptTemplate

from bot.config import Settings
from bot.models import Draft, ModelOutcome, Partial, Record
from bot.qa.compose import ExtractiveComposer
from bot.qa.grounding import MARKER
from bot.qa.question import Question
from bot.qa.timebox import ModelTimeout, stream_within
from bot.qa.wording import amount_label

log = logging.getLogger(__name__)

ANSWER_PROMPT = "answer.md"
ANSWER_VARIABLES = {"sources", "draft", "question", "title", "date", "author", "fiscal_year"}
"""The document's title, date, author and fiscal year come from its profile, never from the prompt file."""

SENTENCE_END = re.compile(r"[。！？!?\n]")
"""Streamed text is shown a finished sentence at a time, each checked first: a number is never cut in two.
Nothing is shown before the first citation marker: a preamble that cites nothing may be an instruction followed."""

Check = Callable[[Draft], list[str]]
"""The verifier's problems with the finished sentences so far (``verify(..., partial=True)``)."""


def chat_model(settings: Settings) -> BaseChatModel:
    """The configured chat model (extras ``openai`` / ``ollama``); any OpenAI-compatible server works.

    The client's own retries are off (:func:`bot.qa.timebox.stream_within` retries within the budgets) and its
    read timeout is the total budget, so a stalled call ends on its own soon after it has been abandoned.
    """
    if settings.llm_backend == "openai":
        from langchain_openai import ChatOpenAI

        return ChatOpenAI(model=settings.llm_model, base_url=settings.llm_base_url or None,
                          api_key=settings.llm_api_key, timeout=settings.llm_total_s, max_retries=0, temperature=0)
    if settings.llm_backend == "ollama":
        from langchain_ollama import ChatOllama

        return ChatOllama(model=settings.llm_model, base_url=settings.llm_base_url or None, temperature=0,
                          client_kwargs={"timeout": settings.llm_total_s})
    raise ValueError("no LLM backend configured (BOT_LLM_BACKEND=none)")


def load_prompt(prompts_dir: Path, name: str, variables: set[str]) -> PromptTemplate:
    """A prompt file whose placeholders must be exactly ``variables``: a missing or extra one is an error."""
    path = prompts_dir / name
    if not path.is_file():
        raise FileNotFoundError(f"prompt file not found: {path}")
    template = PromptTemplate.from_file(path, encoding="utf-8")
    if set(template.input_variables) != variables:
        raise ValueError(f"{path}: placeholders {sorted(template.input_variables)}, expected {sorted(variables)}")
    return template


def format_sources(records: list[Record], lines: list[str] | None = None) -> str:
    """Numbered sources as the model sees them: title, amount, ministries, lines, bullets."""
    out = []
    for n, r in enumerate(records, start=1):
        head = f"[{n}] {r.title}"
        if r.amount_text:
            head += f"【{amount_label(r)}】"
        if r.ministries:
            head += f"（{'、'.join(r.ministries)}）"
        out.append("\n".join([head + f"（{r.line_start}–{r.line_end}行）", *("・" + b for b in r.body)]))
    return "\n\n".join(out)


def settled(text: str) -> str:
    """The part of a streamed text that ends with a finished sentence (may be empty)."""
    ends = [m.end() for m in SENTENCE_END.finditer(text)]
    return text[: ends[-1]] if ends else ""


class LLMComposer:
    """Asks a chat model to write the answer from the records the extractive composer would cite.

    The reply is streamed within the settings' time budgets; past one, or on any error, the extractive
    draft is returned, marked with why. Whatever it returns is verified by the chain before it is kept.
    """

    def __init__(self, model: BaseChatModel, prompts_dir: Path, settings: Settings | None = None) -> None:
        self.model = model
        self.template = load_prompt(prompts_dir, ANSWER_PROMPT, ANSWER_VARIABLES)
        self.extractive = ExtractiveComposer()
        self.settings = settings or Settings()

    def prompt(self, question: Question, draft: Draft) -> str:
        profile = question.profile
        return self.template.format(
            sources=format_sources(draft.cited), draft=draft.text, question=question.retrieval_text,
            title=profile.title, date=profile.date, author=profile.author, fiscal_year=profile.fiscal_year,
        )

    def __call__(self, question: Question, records: list[Record]) -> Draft:
        return drain(self.stream(question, records))

    def stream(self, question: Question, records: list[Record],
               check: Check | None = None) -> Generator[Partial, None, Draft]:
        """Finished sentences as they arrive (each passing ``check``), then the draft: the model's, or the
        extractive one marked ``replaced`` when a sentence failed the check, a budget ran out or the call failed."""
        draft = self.extractive(question, records)
        if draft.refused or not draft.cited:
            return draft
        prompt = self.prompt(question, draft)
        cfg = self.settings

        def pieces() -> Iterator[str]:
            for chunk in self.model.stream(prompt):
                yield chunk.content if isinstance(chunk.content, str) else str(chunk.content)

        text, shown = "", ""
        try:
            for piece in stream_within(pieces, first_token_s=cfg.llm_first_token_s, total_s=cfg.llm_total_s,
                                       retries=cfg.llm_retries):
                text += piece
                ready = settled(text)
                if ready == shown or not MARKER.search(ready):  # nothing new, or nothing cited yet: hold it back
                    continue
                problems = check(self._as_draft(ready, draft)) if check else []
                if problems:
                    log.warning("model text rejected while streaming (%s); using the extractive answer", problems)
                    return self._replaced(draft, "verifier")
                shown = ready
                yield Partial(shown.strip())
        except ModelTimeout as exc:
            log.warning("model missed its time budget (%s); using the extractive answer", exc)
            return self._replaced(draft, "deadline")
        except Exception as exc:  # noqa: BLE001 - any failure of an optional model: the extractive answer
            log.warning("model call failed (%s: %s); using the extractive answer", type(exc).__name__, exc)
            return self._replaced(draft, "error")
        return self._as_draft(text.strip(), draft)

    @staticmethod
    def _as_draft(text: str, draft: Draft) -> Draft:
        return Draft(text, list(draft.cited), computed=list(draft.computed), intent=draft.intent, origin="model")

    @staticmethod
    def _replaced(draft: Draft, why: ModelOutcome) -> Draft:
        return Draft(draft.text, list(draft.cited), computed=list(draft.computed), intent=draft.intent, replaced=why)


def drain(events: Generator[Partial, None, Draft]) -> Draft:
    """The draft a composer's stream ends with, its partial texts skipped."""
    while True:
        try:
            next(events)
        except StopIteration as stop:
            return stop.value


def make_composer(settings: Settings):
    """The composer the settings ask for: extractive by default, the LLM composer when one is configured."""
    if settings.llm_backend == "none" or settings.llm_uses == "reader":
        return ExtractiveComposer()
    return LLMComposer(chat_model(settings), settings.prompts_dir, settings)
