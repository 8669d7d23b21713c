"""The records parsed from the document and the answers built from them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, Field

RecordKind = Literal["headline", "section", "line_item", "measure", "summary"]

Intent = Literal[
    "document", "glossary", "share", "ministry_check", "sum", "list", "ministries", "amount", "comparison",
    "superlative", "targets", "definition", "overview", "items", "figure", "breakdown", "pillar", "ministry_counts",
]
"""What kind of answer a question wants; the composer has one way of writing each."""


class Record(BaseModel):
    """One citable unit of the document: a headline total, a 主な事業 line item, or a ○ measure."""

    id: str
    kind: RecordKind
    pillar: str | None = None
    heading_path: list[str] = Field(default_factory=list)
    title: str
    amount_text: str | None = None
    amount_oku: float | None = None
    flags: list[str] = Field(default_factory=list)
    prev_amount_oku: float | None = None
    ministries: list[str] = Field(default_factory=list)
    body: list[str] = Field(default_factory=list)
    line_start: int
    line_end: int

    @property
    def is_naisu(self) -> bool:
        return "内数" in self.flags


class Citation(BaseModel):
    """A record as cited by an answer; ``n`` is the [n] marker used in the answer text."""

    n: int
    id: str
    title: str
    line_start: int
    line_end: int
    quote: str
    kind: RecordKind = "measure"
    pillar: str | None = None
    amount_text: str | None = None
    amount_oku: float | None = None
    flags: list[str] = Field(default_factory=list)
    ministries: list[str] = Field(default_factory=list)


class Retrieved(BaseModel):
    """A record the answer step looked at, in rank order (for evaluation and debugging)."""

    id: str
    line_start: int
    line_end: int
    score: float = 0.0


class Turn(BaseModel):
    """One earlier chat turn, used to resolve follow-ups such as 「それの担当省庁は？」."""

    role: Literal["user", "assistant"]
    content: str


class Answer(BaseModel):
    """What every surface (CLI, web, API, Slack) shows; the CLI's JSON contract."""

    question: str
    answer: str
    refused: bool = False
    citations: list[Citation] = Field(default_factory=list)
    retrieved: list[Retrieved] = Field(default_factory=list)
    timings_ms: dict[str, float] = Field(default_factory=dict)
    intent: str | None = None
    resolved_question: str | None = None
    error: str | None = None


@dataclass
class Draft:
    """A composed answer before verification: text with [n] markers, the records cited, computed figures.

    Written by a composer, checked by the verifier: it lives here so that neither depends on the other.
    """

    text: str
    cited: list[Record] = field(default_factory=list)
    refused: bool = False
    computed: list[str] = field(default_factory=list)
    intent: str = ""
    # Who wrote the text: the rules, or a model (whose text must also carry a citation marker).
    origin: Literal["rules", "model"] = "rules"
    # Why a model's text was replaced by this one (None when it was not).
    replaced: ModelOutcome | None = None


ModelOutcome = Literal["model", "verifier", "deadline", "error"]
"""What became of one model call: its text kept, or replaced because the verifier rejected it, a time budget
ran out, or the call failed."""


@dataclass(frozen=True)
class Partial:
    """Answer text while a model streams it: the whole text so far, each sentence already checked."""

    text: str


@dataclass(frozen=True)
class Final:
    """The verified answer that ends a stream; ``replaced`` says why the streamed text gave way to it."""

    answer: Answer
    replaced: ModelOutcome | None = None
    shown: bool = False  # whether partial model text had been shown before it was replaced
