"""The answer chain (LCEL): analyse → retrieve → compose → verify.

Each step is a named runnable that returns a new :class:`Progress` (nothing is mutated), so a trace
shows what each step received and produced. :class:`bot.qa.service.QAService` runs it for every surface.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field, replace
from typing import Any, Protocol, runtime_checkable

from langchain_core.runnables import Runnable, RunnableLambda

from bot.config import Settings
from bot.document.profile import build_profile
from bot.models import Answer, Citation, Draft, Final, ModelOutcome, Partial, Record, Retrieved
from bot.qa.answers_one import corrected_premise, count_declined
from bot.qa.cleaning import clean_history, clean_question
from bot.qa.compose import Composer, ExtractiveComposer
from bot.qa.evidence import Evidence
from bot.qa.grounding import title_spans
from bot.qa.lexicon import load_lexicon
from bot.qa.llm import Check, drain
from bot.qa.outcomes import ModelOutcomes
from bot.qa.question import Question, analyse
from bot.qa.refusal import CORRECTED, UNVERIFIABLE, Refusal, after_retrieval, before_retrieval
from bot.qa.rerank import Scores, record_source
from bot.qa.verify import verify
from bot.qa.vocabulary import corpus_vocabulary
from bot.search.index import RecordIndex
from bot.timing import Stopwatch

log = logging.getLogger(__name__)


@runtime_checkable
class StreamingComposer(Protocol):
    """A composer that can show its text while writing it (``bot.qa.llm.LLMComposer``)."""

    def stream(self, question: Question, records: list[Record],
               check: Check | None = None) -> Generator[Partial, None, Draft]: ...


class Reader(Protocol):
    """Reads a question a second way (``bot.qa.llm_reader.LLMReader``), keeping the rule reading when unsure."""

    def __call__(self, question: Question, outcomes: ModelOutcomes) -> Question: ...


@dataclass(frozen=True)
class Progress:
    """What one step hands to the next; each step returns a new one."""

    question: Question
    started: float
    timings: dict[str, float] = field(default_factory=dict)
    records: tuple[Record, ...] = ()
    scores: tuple[Scores, ...] = ()
    refusal: Refusal | None = None
    draft: Draft | None = None

    def lap(self, name: str, t0: float) -> dict[str, float]:
        """The timings so far plus this step's, in milliseconds."""
        return {**self.timings, name: round((time.perf_counter() - t0) * 1000, 2)}


class AnswerChain:
    """Builds the LCEL chain from its parts; tests pass their own index or composer."""

    def __init__(self, index: RecordIndex, lines: list[str], composer: Composer, settings: Settings,
                 outcomes: ModelOutcomes | None = None, reader: Reader | None = None) -> None:
        self.index = index
        self.reader = reader
        self.outcomes = outcomes or ModelOutcomes()
        self.lines = lines
        self.composer = composer
        self.fallback = ExtractiveComposer()
        self.settings = settings
        self.title_spans = title_spans(index.records)
        record_texts = tuple(record_source(r, lines) for r in index.records)
        self.profile = build_profile(index.records)
        self.vocab = corpus_vocabulary(
            "\n".join(lines), record_texts, tuple(r.title for r in index.records), self.profile,
            tuple(r.id for r in index.records), load_lexicon(settings.vocabulary_path),
            tuple(line for r in index.records if r.kind != "headline" for line in r.body),  # a headline's lines are amounts
            tuple(tuple(r.ministries) for r in index.records), tuple(r.amount_oku for r in index.records),
        )
        self.evidence = Evidence(index, lines, settings, self.vocab)

    def runnable(self) -> Runnable:
        return (
            RunnableLambda(self.analyse).with_config(run_name="analyse")
            | RunnableLambda(self.retrieve).with_config(run_name="retrieve")
            | RunnableLambda(self.compose).with_config(run_name="compose")
            | RunnableLambda(self.verify).with_config(run_name="verify")
        ).with_config(run_name="answer")

    # --- the four steps ------------------------------------------------------------------------
    def analyse(self, inp: dict[str, Any]) -> Progress:
        """The question read once into a :class:`Question`; invalid input raises ``InvalidQuestion``."""
        t0 = time.perf_counter()
        text = clean_question(inp["question"], self.settings.max_question_chars)
        cfg = self.settings
        history = clean_history(inp.get("history"), cfg.max_history_turns, cfg.max_history_turn_chars)
        q = analyse(text, history, self.vocab, max_retrieval_chars=cfg.max_retrieval_chars,
                    find_item=self.evidence.find_item, find_section=self.evidence.find_section)
        if self.reader is not None and not q.injection:  # injected instructions: the rules alone read it
            q = self.reader(q, self.outcomes)
        start = Progress(question=q, started=inp.get("started", t0), refusal=before_retrieval(q))
        return replace(start, timings=start.lap("analyse", t0))

    def retrieve(self, p: Progress) -> Progress:
        """The records the answer may use, then whether they can answer it at all."""
        if p.refusal:
            return p
        t0 = time.perf_counter()
        watch = Stopwatch()
        records, scores = self.evidence.find(p.question, watch)
        timings = {**p.lap("retrieve", t0), **watch.rounded()}
        return replace(p, records=records, scores=scores, timings=timings,
                       refusal=after_retrieval(p.question, records, scores))

    def compose(self, p: Progress) -> Progress:
        t0 = time.perf_counter()
        draft = drain(self._drafting(p))  # the partial texts are for a surface that streams (:meth:`stream`)
        return replace(p, draft=draft, timings=p.lap("compose", t0))

    def _drafting(self, p: Progress) -> Generator[Partial, None, Draft]:
        """Partial texts, each sentence checked, when the composer streams; then the draft."""
        if p.refusal:
            log.info("refused: %s %s", p.refusal.kind, p.refusal.detail)
            corrected = corrected_premise(p.question, list(p.records)) if p.refusal.kind in CORRECTED else None
            if corrected is None and p.refusal.kind == "count_not_stated":
                corrected = count_declined(p.question, list(p.records))
            if corrected is not None:
                return replace(corrected, intent=p.question.intent)
            return Draft(p.refusal.text(self.profile), [], refused=True, intent=p.question.intent)
        records = list(p.records)
        try:
            if isinstance(self.composer, StreamingComposer):
                def check(d: Draft) -> list[str]:
                    return verify(d, records, self.lines, self.title_spans, partial=True)

                return (yield from self.composer.stream(p.question, records, check))
            return self.composer(p.question, records)
        except Exception:  # noqa: BLE001 - an optional LLM composer may fail in ways of its own: the extractive one answers
            log.exception("composer failed; using the extractive composer")
            return replace(self.fallback(p.question, records), replaced="error")

    def stream(self, inp: dict[str, Any]) -> Iterator[Partial | Final]:
        """The same steps as :meth:`runnable`, with the composer's partial texts passed on as they come."""
        p = self.retrieve(self.analyse(inp))
        t0 = time.perf_counter()
        shown = False
        events = self._drafting(p)
        while True:
            try:
                partial = next(events)
            except StopIteration as stop:
                p = replace(p, draft=stop.value, timings=p.lap("compose", t0))
                break
            shown = True
            yield partial
        answer, replaced = self._answer(p)
        yield Final(answer, replaced=replaced, shown=shown and replaced is not None)

    def verify(self, p: Progress) -> Answer:
        return self._answer(p)[0]

    def _answer(self, p: Progress) -> tuple[Answer, ModelOutcome | None]:
        """The verified answer, and why a model's text was replaced (None when kept, or none was asked for)."""
        t0 = time.perf_counter()
        assert p.draft is not None
        draft = self._verified(p)
        timings = p.lap("verify", t0)
        timings["total"] = round((time.perf_counter() - p.started) * 1000, 2)
        q = p.question
        answer = Answer(
            question=q.asked or q.text,
            answer=draft.text,
            refused=draft.refused,
            citations=[self.citation(i, r) for i, r in enumerate(draft.cited, start=1)],
            retrieved=[
                Retrieved(id=r.id, line_start=r.line_start, line_end=r.line_end, score=round(sc.get("final", 0.0), 4))
                for r, sc in zip(p.records, p.scores)
            ],
            timings_ms=timings,
            intent=draft.intent or q.intent,
            resolved_question=q.retrieval_text if q.follow_up_of else q.text if q.asked else None,
        )
        return answer, draft.replaced

    # --- verification --------------------------------------------------------------------------
    def _verified(self, p: Progress) -> Draft:
        """The draft if it passes; else the extractive answer if that passes; else an apology."""
        assert p.draft is not None
        draft, records = p.draft, list(p.records)
        problems = verify(draft, records, self.lines, self.title_spans)
        if problems and self.composer is not self.fallback and records and not p.refusal:
            log.warning("draft failed verification (%s); using the extractive composer", problems)
            draft = replace(self.fallback(p.question, records), replaced="verifier" if draft.origin == "model"
                            else draft.replaced)
            problems = verify(draft, records, self.lines, self.title_spans)
        if draft.origin == "model" or draft.replaced:
            self.outcomes.add("composer", draft.replaced or "model")
        if problems:
            log.error("answer failed verification: %s", problems)
            return Draft(UNVERIFIABLE, [], refused=True, intent=draft.intent, replaced=draft.replaced)
        return draft

    def citation(self, n: int, record: Record) -> Citation:
        span = self.lines[record.line_start - 1 : record.line_end]
        quote = "\n".join(re.sub(r"^[#\-\s*]+|\*\*", "", ln).strip() for ln in span if ln.strip())
        return Citation(
            n=n, id=record.id, title=record.title, line_start=record.line_start, line_end=record.line_end,
            quote=quote[:600], kind=record.kind, pillar=record.pillar, amount_text=record.amount_text,
            amount_oku=record.amount_oku, flags=record.flags, ministries=record.ministries,
        )
