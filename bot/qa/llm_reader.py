"""The optional LLM reader: a model reads the question (with the conversation) into the same typed reading
the rules produce, through LangChain's structured output on a pydantic model.

Its reading is used only when every field names something the document has (an intent from the closed
set, titles and ministries the document uses, a pillar it has) and it arrives within the reader's time
budget; otherwise the rule reader's reading stands. It changes only what the chain looks for and how it
writes; refusal is still decided from evidence, and every answer is still verified.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import get_args

from langchain_core.language_models import BaseChatModel
from pydantic import BaseModel, Field

from bot.config import Settings
from bot.models import Intent, ModelOutcome
from bot.qa.llm import chat_model, load_prompt
from bot.qa.outcomes import ModelOutcomes
from bot.qa.patterns import detect_ministries, pillar_of
from bot.qa.question import Question
from bot.qa.timebox import ModelTimeout, stream_within

log = logging.getLogger(__name__)

READ_PROMPT = "read.md"
READ_VARIABLES = {"title", "date", "author", "fiscal_year", "pillars", "intents", "conversation", "question"}


class Reading(BaseModel):
    """What the chain needs of a question, as the model reads it: a subset of :class:`Question`'s fields."""

    intent: Intent = Field(description="what kind of answer the question wants")
    item: str | None = Field(None, description="the one measure named, as the document titles it")
    items: list[str] = Field(default_factory=list, description="two or more measures compared")
    ministries: list[str] = Field(default_factory=list, description="ministries named, as the document names them")
    pillar: str | None = Field(None, description="the pillar named: 「(1)」 or 「2.」")
    follow_up: bool = Field(False, description="it continues the conversation")


class InvalidReading(ValueError):
    """The model's reading names something the document does not have."""


def conversation_text(question: Question) -> str:
    return "\n".join(f"{'利用者' if t.role == 'user' else '回答'}: {t.content}" for t in question.history) or "（なし）"


class LLMReader:
    """Reads a question with a chat model; returns the question with the model's reading, or as it was."""

    def __init__(self, model: BaseChatModel, prompts_dir: Path, settings: Settings) -> None:
        self.template = load_prompt(prompts_dir, READ_PROMPT, READ_VARIABLES)
        self.structured = model.with_structured_output(Reading, method="json_schema")
        self.settings = settings

    def prompt(self, question: Question) -> str:
        profile = question.profile
        return self.template.format(
            title=profile.title, date=profile.date, author=profile.author, fiscal_year=profile.fiscal_year,
            pillars="、".join(profile.pillars), intents="、".join(get_args(Intent)),
            conversation=conversation_text(question), question=question.payload,
        )

    def __call__(self, question: Question, outcomes: ModelOutcomes) -> Question:
        outcome: ModelOutcome = "model"
        try:
            reading = self.read(question)
            apply(question, reading)
        except ModelTimeout as exc:
            outcome = "deadline"
            log.warning("reader missed its time budget (%s); using the rule reading", exc)
        except InvalidReading as exc:
            outcome = "verifier"
            log.warning("reader's reading rejected (%s); using the rule reading", exc)
        except Exception as exc:  # noqa: BLE001 - invalid JSON or enum (a validation error), HTTP errors: the rules read it
            outcome = "verifier" if type(exc).__name__ in ("ValidationError", "OutputParserException") else "error"
            log.warning("reader failed (%s: %s); using the rule reading", type(exc).__name__, str(exc)[:200])
        outcomes.add("reader", outcome)
        return question

    def read(self, question: Question) -> Reading:
        """The model's reading within the reader's budget (one retry on 429/5xx, as for the composer)."""
        budget = self.settings.llm_reader_total_s
        prompt = self.prompt(question)
        for reading in stream_within(lambda: iter([self.structured.invoke(prompt)]), first_token_s=budget,
                                     total_s=budget, retries=self.settings.llm_retries):
            if isinstance(reading, Reading):
                return reading
        raise InvalidReading("no reading")


def apply(q: Question, r: Reading) -> None:
    """Put the model's reading on ``q`` once every field is checked against the document; raise if one is not.

    :class:`Question`'s readings are cached properties: assigning one replaces what the rules would compute.
    """
    vocab = q.vocab
    ids = []
    for title in ([r.item] if r.item else []) + r.items:
        at = vocab.title_of(title)
        if at is None:
            raise InvalidReading(f"no measure titled {title!r}")
        ids.append(vocab.ids[at])
    ministries = detect_ministries(" ".join(r.ministries), vocab.lexicon.ministries)
    if len(ministries) < len(r.ministries):
        raise InvalidReading(f"unknown ministries in {r.ministries}")
    pillar = pillar_of(r.pillar, q.profile.pillars) if r.pillar else None
    if r.pillar and pillar is None:
        raise InvalidReading(f"no pillar {r.pillar!r}")
    if r.items and len(r.items) < 2:
        raise InvalidReading("a comparison names two items or more")
    if r.follow_up and q.earlier is None:
        raise InvalidReading("a follow-up without an earlier question")
    q.intent = r.intent
    q.named_item = ids[0] if r.item else None
    q.items = tuple(ids[1:] if r.item else ids) if r.items else ()
    q.pillar = pillar
    q.follow_up_of = q.earlier if r.follow_up else None
    q.ministries = ministries or (detect_ministries(q.follow_up_of, vocab.lexicon.ministries) if q.follow_up_of else ())


def make_reader(settings: Settings) -> LLMReader | None:
    """The LLM reader when the settings ask for one (``BOT_LLM_USES=reader`` or ``both``), else None."""
    if settings.llm_backend == "none" or settings.llm_uses == "composer":
        return None
    return LLMReader(chat_model(settings), settings.prompts_dir, settings)
