"""The default composer: a short Japanese answer written from the retrieved records, no model needed.

It leads with what was asked (the figure, the ministries, the date), states 内数/事項要求 correctly,
computes a difference only from two cited figures and says so, and marks each claim with [n]. One
writer per intent, in :data:`WRITERS`; the writers live in ``answers_one`` and ``answers_many``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from bot.models import Draft, Intent, Record
from bot.qa import answers_many as many
from bot.qa import answers_one as one
from bot.qa.question import Question

Writer = Callable[[Question, list[Record]], Draft]

WRITERS: dict[Intent, Writer] = {
    "amount": one.amount,
    "document": one.document,
    "glossary": one.glossary,
    "ministries": one.ministries,
    "ministry_check": one.ministry_check,
    "definition": one.definition,
    "targets": one.targets,
    "overview": one.overview,
    "comparison": many.comparison,
    "share": many.share,
    "superlative": many.superlative,
    "sum": many.total,
    "list": many.listing,
    "items": many.items,
    "figure": one.figure,
    "breakdown": many.breakdown,
    "pillar": one.pillar,
    "ministry_counts": many.ministry_counts,
}
"""One writer per intent: a new intent without a writer is a type error, not a silent fallback."""
ONE_RECORD: frozenset[Intent] = frozenset({"amount", "ministries", "definition", "targets", "overview", "pillar"})
"""Intents answered from one record, to which what else the question asks is added (:func:`answers_one.also_asked`)."""


class Composer(Protocol):
    def __call__(self, question: Question, records: list[Record]) -> Draft: ...


class ExtractiveComposer:
    """Writes the answer from the records themselves; deterministic and fast."""

    def __call__(self, question: Question, records: list[Record]) -> Draft:
        intent = question.intent
        draft = WRITERS[intent](question, records)
        if intent in ONE_RECORD:
            draft = one.also_asked(question, draft)
        draft = one.taken_for_granted(question, one.said_amount_checked(question, draft))
        if question.whole_said:
            draft = one.whole_said_checked(question, draft, records)
        draft.intent = intent
        return draft
