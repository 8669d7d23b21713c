"""The answer chain (LCEL): analyse → retrieve → compose → verify.

Each step is a named runnable that returns a new :class:`Progress` (nothing is mutated), so a trace
shows what each step received and produced. :class:`bot.qa.service.QAService` runs it for every surface.
"""

from __future__ import annotations

import logging
import math
import re
import time
from dataclasses import dataclass, field, replace
from typing import Any

from langchain_core.runnables import Runnable, RunnableLambda

from bot.config import Settings
from bot.models import Answer, Citation, Draft, Record, Retrieved, Turn
from bot.qa.cleaning import clean_question
from bot.qa.compose import Composer, ExtractiveComposer
from bot.qa.grounding import title_spans
from bot.qa.question import Question, analyse
from bot.qa.refusal import UNVERIFIABLE, Refusal, after_retrieval, before_retrieval
from bot.qa.rerank import Scores, record_source, rerank
from bot.qa.verify import verify
from bot.qa.vocabulary import corpus_vocabulary
from bot.qa.wording import is_total
from bot.search.index import RecordIndex
from bot.search.retriever import LIST_KINDS, HybridRetriever, select

log = logging.getLogger(__name__)

RELATED_SHARE = 0.8
"""An open list question keeps the records scoring at least this share of the best one."""
MIN_CANDIDATES = 10
"""Retrieval fetches at least this many records for the re-ranker, whatever ``top_k`` shows."""


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


def _unranked(records: list[Record]) -> tuple[tuple[Record, ...], tuple[Scores, ...]]:
    """Records chosen without ranking (by metadata or by the conversation): no retrieval scores to report."""
    return tuple(records), tuple({} for _ in records)


class AnswerChain:
    """Builds the LCEL chain from its parts; tests pass their own index or composer."""

    def __init__(self, index: RecordIndex, lines: list[str], composer: Composer, settings: Settings) -> None:
        self.index = index
        self.lines = lines
        self.composer = composer
        self.fallback = ExtractiveComposer()
        self.settings = settings
        self.title_spans = title_spans(index.records)
        record_texts = tuple(record_source(r, lines) for r in index.records)
        self.vocab = corpus_vocabulary("\n".join(lines), record_texts, tuple(r.title for r in index.records))
        self._idf: dict[str, float] = {}
        mode = settings.retrieval_mode
        self.retriever = HybridRetriever(
            index=index,
            k=max(settings.top_k, MIN_CANDIDATES),
            lexical_weight=0.0 if mode == "dense" else 1.0,
            dense_weight=0.0 if mode == "lexical" else 1.0,
        )

    def idf(self, term: str) -> float:
        """Inverse document frequency of a word over the records (cached: the corpus is fixed)."""
        cached = self._idf.get(term)
        if cached is None:
            df = self.vocab.df(term)
            cached = self._idf[term] = math.log((len(self.vocab.record_texts) + 1) / (df + 1)) + 1.0
        return cached

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
        history = [h if isinstance(h, Turn) else Turn.model_validate(h) for h in inp.get("history") or []]
        q = analyse(text, history, self.vocab)
        start = Progress(question=q, started=inp.get("started", t0), refusal=before_retrieval(q))
        return replace(start, timings=start.lap("analyse", t0))

    def retrieve(self, p: Progress) -> Progress:
        """The records the answer may use, then whether they can answer it at all."""
        if p.refusal:
            return p
        t0 = time.perf_counter()
        records, scores = self._find(p.question)
        timings = p.lap("retrieve", t0)
        return replace(p, records=records, scores=scores, timings=timings,
                       refusal=after_retrieval(p.question, records, scores))

    def compose(self, p: Progress) -> Progress:
        t0 = time.perf_counter()
        if p.refusal:
            log.info("refused: %s %s", p.refusal.kind, p.refusal.detail)
            draft = Draft(p.refusal.text, [], refused=True, intent=p.question.intent)
        else:
            try:
                draft = self.composer(p.question, list(p.records))
            except Exception:  # noqa: BLE001 - an optional LLM composer may fail; the extractive one answers
                log.exception("composer failed; using the extractive composer")
                draft = self.fallback(p.question, list(p.records))
        return replace(p, draft=draft, timings=p.lap("compose", t0))

    def verify(self, p: Progress) -> Answer:
        t0 = time.perf_counter()
        assert p.draft is not None
        draft = self._verified(p)
        timings = p.lap("verify", t0)
        timings["total"] = round((time.perf_counter() - p.started) * 1000, 2)
        q = p.question
        return Answer(
            question=q.text,
            answer=draft.text,
            refused=draft.refused,
            citations=[self.citation(i, r) for i, r in enumerate(draft.cited, start=1)],
            retrieved=[
                Retrieved(id=r.id, line_start=r.line_start, line_end=r.line_end, score=round(sc.get("final", 0.0), 4))
                for r, sc in zip(p.records, p.scores)
            ],
            timings_ms=timings,
            intent=draft.intent or q.intent,
            resolved_question=q.retrieval_text if q.follow_up_of else None,
        )

    # --- retrieval paths -----------------------------------------------------------------------
    def _find(self, q: Question) -> tuple[tuple[Record, ...], tuple[Scores, ...]]:
        """By the kind of question: the title block, the earlier measure's section, a scope, or a search."""
        if q.intent == "document":
            return _unranked([r for r in self.index.records if r.kind == "headline" and not r.amount_text][:1])
        if q.same_section and q.previous is not None:
            return _unranked(self._same_section(q.previous))
        if q.scoped_list:
            return _unranked(select(self.index.records, ministries=q.ministries or (), pillar=q.pillar, flag=q.flag,
                                    flag_negated=q.flag_negated, amount_oku=q.asked_amount))
        hits = self._ranked(q, reorder=self.settings.retrieval_mode == "hybrid")
        records, scores = tuple(r for r, _ in hits), tuple(s for _, s in hits)
        if q.intent == "list" and records:
            return self._related(records, scores)
        if q.intent == "share" and not any(is_total(r) for r in records):
            total = [r for r in self.index.records if is_total(r)]
            return records + tuple(total), scores + tuple({"rrf": 0.0, "dense": 0.0, "coverage": 0.0} for _ in total)
        return records, scores

    def _ranked(self, q: Question, reorder: bool = True) -> list[tuple[Record, Scores]]:
        hits = self.retriever.search(q.retrieval_text)
        return rerank(q, hits, self.index, self.lines, self.settings.top_k, self.idf, reorder=reorder)

    def _same_section(self, previous: Question) -> list[Record]:
        """The other records under the same heading as the earlier question's best record."""
        hits = self._ranked(previous)
        if not hits:
            return []
        top = hits[0][0]
        return [r for r in self.index.records
                if r.kind in LIST_KINDS and r.heading_path == top.heading_path and r.id != top.id]

    @staticmethod
    def _related(records: tuple[Record, ...], scores: tuple[Scores, ...]) -> tuple[tuple[Record, ...], tuple[Scores, ...]]:
        """For an open list question keep the records scoring close to the best one."""
        top = scores[0]["final"]
        kept = [(r, s) for r, s in zip(records, scores) if s["final"] >= RELATED_SHARE * top and r.kind in LIST_KINDS]
        if not kept:
            kept = [(records[0], scores[0])]
        return tuple(r for r, _ in kept), tuple(s for _, s in kept)

    # --- verification --------------------------------------------------------------------------
    def _verified(self, p: Progress) -> Draft:
        """The draft if it passes; else the extractive answer if that passes; else an apology."""
        assert p.draft is not None
        draft, records = p.draft, list(p.records)
        problems = verify(draft, records, self.lines, self.title_spans)
        if problems and self.composer is not self.fallback and records and not p.refusal:
            log.warning("draft failed verification (%s); using the extractive composer", problems)
            draft = self.fallback(p.question, records)
            problems = verify(draft, records, self.lines, self.title_spans)
        if problems:
            log.error("answer failed verification: %s", problems)
            return Draft(UNVERIFIABLE, [], refused=True, intent=draft.intent)
        return draft

    def citation(self, n: int, record: Record) -> Citation:
        span = self.lines[record.line_start - 1 : record.line_end]
        quote = "\n".join(re.sub(r"^[#\-\s*]+|\*\*", "", ln).strip() for ln in span if ln.strip())
        return Citation(
            n=n, id=record.id, title=record.title, line_start=record.line_start, line_end=record.line_end,
            quote=quote[:600], kind=record.kind, pillar=record.pillar, amount_text=record.amount_text,
            amount_oku=record.amount_oku, flags=record.flags, ministries=record.ministries,
        )
