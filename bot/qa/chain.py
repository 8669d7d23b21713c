"""The answer chain (LCEL): analyse → retrieve → compose → verify, and the one ``answer()`` path.

Every surface (CLI, web chat, JSON API, Slack) calls :meth:`QAService.ask`; nothing else composes.
"""

from __future__ import annotations

import logging
import math
import re
import time
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any, Callable

from langchain_core.runnables import Runnable, RunnableLambda

from bot.config import Settings
from bot.models import Answer, Citation, Draft, Record, Retrieved, Turn
from bot.qa.compose import REFUSAL, Composer, ExtractiveComposer, is_total
from bot.qa.question import (
    COLLOQUIAL,
    Question,
    analyse,
    clean_question,
    corpus_vocabulary,
)
from bot.qa.verify import source_text, verify
from bot.search.index import RecordIndex
from bot.search.retriever import HybridRetriever, record_matches
from bot.text import compact, lexical_tokens, reading

log = logging.getLogger(__name__)

LIST_KINDS = ("measure", "summary", "line_item")


@dataclass
class Context:
    """What flows through the chain."""

    question: Question
    started: float
    timings: dict[str, float]
    records: list[Record] | None = None
    scores: list[dict[str, float]] | None = None
    draft: Draft | None = None
    refusal: str | None = None


def _lap(ctx: Context, name: str, t0: float) -> None:
    ctx.timings[name] = round((time.perf_counter() - t0) * 1000, 2)


def coverage(q: Question, record: Record, lines: list[str], idf: Callable[[str], float] | None = None) -> float:
    """IDF-weighted share of the question's known content words found in the record's own lines.

    An everyday word counts when any of the document words it maps to is there (田舎 → 地方); a rare
    word (国立公園) weighs more than a common one (地域).
    """
    known = [t for t in q.focus_terms if t not in q.unknown_terms]
    if not known:
        return 0.0
    text = compact(source_text(record, lines))
    tokens = set(lexical_tokens(text))
    total = hit = 0.0
    for t in known:
        w = (idf(t) if idf else 1.0) * q.weight(t)
        total += w
        variants = [t, *COLLOQUIAL.get(t, "").split()]
        if any(compact(v) in text or all(tok in tokens for tok in lexical_tokens(v)) for v in variants if v):
            hit += w
    return hit / total if total else 0.0


def kana_match(q: Question, record: Record) -> float:
    """How much of the question's longest hiragana run is read in the record (ちほうだいがく → 地方大学)."""
    if not q.kana_runs:
        return 0.0
    best = 0.0
    for weight, text in ((1.0, reading(record.title)), (0.7, reading(" ".join(record.body)))):
        for run in q.kana_runs:
            m = SequenceMatcher(None, run, text, autojunk=False).find_longest_match(0, len(run), 0, len(text))
            if m.size >= 4:
                best = max(best, weight * m.size / len(run))
    return best


def refusal_reason(q: Question, records: list[Record], scores: list[dict[str, float]]) -> str | None:
    """Why the document cannot answer this question, or None.

    Overall retrieval scores do not separate in-scope from out-of-scope questions on this corpus, so
    this looks at the question's specific words: years and names the document never mentions, kinds
    of question it cannot answer, and whether any word that carries the question is in what was found.
    """
    if q.unknown_years:
        return f"years not in document: {q.unknown_years}"
    if not records:
        return "nothing retrieved"
    if q.intent == "document":
        return None
    if q.out_of_scope:
        return q.out_of_scope
    if q.unknown_names:
        return f"names not in document: {q.unknown_names}"
    if q.intent in ("list", "superlative", "sum") and (q.ministries or q.pillar or q.flag or q.asked_amount):
        return None
    if q.same_section:
        return None
    if any(s.get("kana", 0.0) >= 0.5 for s in scores[:3]):
        return None
    nouns = [t for t in q.focus_terms if q.weight(t) >= 1.0 and t not in q.unknown_terms]
    if not nouns:
        if q.unknown_terms and not q.follow_up_of:
            return f"only unknown words: {q.unknown_terms}"
        if q.follow_up_of or q.intent in ("amount", "comparison") or q.ministries:
            return None
        return "no content words"
    if max(s.get("coverage", 0.0) for s in scores[:3]) <= 0.0:
        return f"no question word in retrieved records ({nouns})"
    return None


def rerank(q: Question, hits: list[tuple[Record, dict[str, float]]], index: RecordIndex, lines: list[str],
           k: int, idf: Callable[[str], float] | None = None, reorder: bool = True
           ) -> list[tuple[Record, dict[str, float]]]:
    """Fused rank plus how much of the question each record covers: the named measure beats a generic match.

    Records whose reading matches a kana-only question join the candidates even if retrieval missed them.
    With ``reorder=False`` (the single-retriever baselines) the scores are added but the order is kept.
    """
    if not reorder:
        for r, sc in hits:
            sc["coverage"] = coverage(q, r, lines, idf)
            sc["kana"] = kana_match(q, r)
            sc["final"] = sc["rrf"]
        return hits[:k]
    pool = {r.id: (r, dict(sc)) for r, sc in hits}
    if q.kana_runs:
        for r in index.records:
            if r.id not in pool and kana_match(q, r):
                pool[r.id] = (r, {"rrf": 0.0, "bm25": 0.0, "dense": 0.0})
    top_rrf = max((sc["rrf"] for _, sc in pool.values()), default=1.0) or 1.0
    ranked = []
    for r, sc in pool.values():
        sc["coverage"] = coverage(q, r, lines, idf)
        sc["kana"] = kana_match(q, r)
        bonus = 0.0
        if not q.focus_terms and r.kind == "headline" and r.amount_text:
            bonus += 0.5
        if q.intent in ("definition", "targets") and not r.body:
            bonus -= 0.5
        title = compact(r.title)
        named = [p for p in q.noun_phrases if compact(p) in title]
        if named:
            bonus += 0.5 * max(len(p) for p in named) / max(len(title), 1) + 0.25
        if q.intent == "amount" and not r.amount_text:
            bonus -= 0.25
        if r.prev_amount_oku is not None and (
            q.intent == "comparison" or (q.intent == "share" and re.search(r"増|減", q.payload))
        ):
            bonus += 0.5
        sc["final"] = sc["rrf"] / top_rrf + sc["coverage"] + 2.0 * sc["kana"] + bonus
        ranked.append((r, sc))
    ranked.sort(key=lambda x: -x[1]["final"])
    return ranked[:k]


class AnswerChain:
    """Builds the LCEL chain from its parts; tests pass their own index or composer."""

    def __init__(self, index: RecordIndex, lines: list[str], composer: Composer, settings: Settings) -> None:
        self.index = index
        self.lines = lines
        self.composer = composer
        self.fallback = ExtractiveComposer()
        self.settings = settings
        # The document's own title and date (地方創生2.0, 令和8年度) may be named in any answer.
        self.always_allowed = "\n".join(source_text(r, lines) for r in index.records[:1])
        full_text = "\n".join(lines)
        record_texts = tuple(source_text(r, lines) for r in index.records)
        self.vocab = corpus_vocabulary(full_text, record_texts, tuple(r.title for r in index.records))
        self._idf: dict[str, float] = {}

    def idf(self, term: str) -> float:
        """Inverse document frequency of a word over the records (cached: the corpus is fixed)."""
        cached = self._idf.get(term)
        if cached is None:
            df = self.vocab.df(term)
            cached = self._idf[term] = math.log((len(self.vocab.record_texts) + 1) / (df + 1)) + 1.0
        return cached

    def runnable(self) -> Runnable:
        return (
            RunnableLambda(self._analyse).with_config(run_name="analyse")
            | RunnableLambda(self._retrieve).with_config(run_name="retrieve")
            | RunnableLambda(self._compose).with_config(run_name="compose")
            | RunnableLambda(self._verify).with_config(run_name="verify")
        ).with_config(run_name="answer")

    def _analyse(self, inp: dict[str, Any]) -> Context:
        t0 = time.perf_counter()
        started = inp.get("started", t0)
        text = clean_question(inp["question"], self.settings.max_question_chars)
        history = [h if isinstance(h, Turn) else Turn.model_validate(h) for h in inp.get("history") or []]
        q = analyse(text, history, self.vocab)
        ctx = Context(question=q, started=started, timings={})
        if not q.is_japanese:
            ctx.refusal = "not japanese"
        elif q.injection and not (q.content_terms or q.ministries):
            ctx.refusal = "instruction injection without a question"
        _lap(ctx, "analyse", t0)
        return ctx

    def retriever(self, q: Question) -> HybridRetriever:
        mode = self.settings.retrieval_mode
        return HybridRetriever(
            index=self.index,
            k=max(self.settings.top_k, 10),
            lexical_weight=0.0 if mode == "dense" else 1.0,
            dense_weight=0.0 if mode == "lexical" else 1.0,
        )

    def _retrieve(self, ctx: Context) -> Context:
        if ctx.refusal:
            return ctx
        t0 = time.perf_counter()
        q = ctx.question
        if q.intent == "document":
            front = [r for r in self.index.records if r.kind == "headline" and not r.amount_text][:1]
            ctx.records, ctx.scores = front, [{"rrf": 1.0, "dense": 1.0, "coverage": 1.0} for _ in front]
        elif q.same_section and q.previous is not None:
            pool = self._same_section(q.previous)
            ctx.records, ctx.scores = pool, [{"rrf": 1.0, "dense": 1.0} for _ in pool]
        elif q.intent in ("list", "superlative", "sum") and (q.ministries or q.pillar or q.flag or q.asked_amount):
            pillar = q.pillar
            pool = [
                r for r in self.index.records
                if r.kind in LIST_KINDS
                and any(record_matches(r, m, pillar) for m in (q.ministries or (None,)))
                and (not q.flag or any(q.flag in f for f in r.flags) != q.flag_negated)
                and (q.asked_amount is None or r.amount_oku == q.asked_amount)
            ]
            ctx.records, ctx.scores = pool, [{"rrf": 1.0, "dense": 1.0} for _ in pool]
        else:
            hits = rerank(
                q, self.retriever(q).search(q.retrieval_text), self.index, self.lines, self.settings.top_k, self.idf,
                reorder=self.settings.retrieval_mode == "hybrid",
            )
            ctx.records = [r for r, _ in hits]
            ctx.scores = [s for _, s in hits]
            if q.intent == "list" and ctx.records:
                ctx.records = self._related(ctx)
            if q.intent == "share" and not any(is_total(r) for r in ctx.records):
                total = [r for r in self.index.records if is_total(r)]
                ctx.records = [*ctx.records, *total]
                ctx.scores = [*ctx.scores, *({"rrf": 0.0, "dense": 0.0, "coverage": 0.0} for _ in total)]
        _lap(ctx, "retrieve", t0)
        ctx.refusal = refusal_reason(q, ctx.records, ctx.scores)
        return ctx

    def _same_section(self, previous: Question) -> list[Record]:
        """The other records under the same heading as the earlier question's best record."""
        hits = rerank(previous, self.retriever(previous).search(previous.retrieval_text), self.index, self.lines,
                      self.settings.top_k, self.idf)
        if not hits:
            return []
        top = hits[0][0]
        return [r for r in self.index.records
                if r.kind in LIST_KINDS and r.heading_path == top.heading_path and r.id != top.id]

    def _related(self, ctx: Context) -> list[Record]:
        """For an open list question keep the records scoring close to the best one."""
        assert ctx.records is not None and ctx.scores is not None
        top = ctx.scores[0]["final"]
        return [r for r, s in zip(ctx.records, ctx.scores) if s["final"] >= 0.8 * top and r.kind in LIST_KINDS] or ctx.records[:1]

    def _compose(self, ctx: Context) -> Context:
        t0 = time.perf_counter()
        if ctx.refusal:
            log.info("refused: %s", ctx.refusal)
            ctx.draft = Draft(_refusal_text(ctx), [], refused=True, intent=ctx.question.intent)
        else:
            assert ctx.records
            try:
                ctx.draft = self.composer(ctx.question, ctx.records)
            except Exception:  # noqa: BLE001 - an optional LLM composer may fail; the extractive one answers
                log.exception("composer failed; using the extractive composer")
                ctx.draft = self.fallback(ctx.question, ctx.records)
        _lap(ctx, "compose", t0)
        return ctx

    def _verify(self, ctx: Context) -> Answer:
        t0 = time.perf_counter()
        draft = ctx.draft
        assert draft is not None
        retrieved = ctx.records or []
        problems = verify(draft, retrieved, self.lines, self.always_allowed)
        if problems and self.composer is not self.fallback and ctx.records and not ctx.refusal:
            log.warning("draft failed verification (%s); using the extractive composer", problems)
            draft = self.fallback(ctx.question, ctx.records)
            problems = verify(draft, retrieved, self.lines, self.always_allowed)
        if problems:
            log.error("answer failed verification: %s", problems)
            draft = Draft(
                "申し訳ありません。資料の記載と照合できる回答を作成できませんでした。質問を言い換えてお試しください。",
                [], refused=True, intent=draft.intent,
            )
        _lap(ctx, "verify", t0)
        ctx.timings["total"] = round((time.perf_counter() - ctx.started) * 1000, 2)
        q = ctx.question
        return Answer(
            question=q.text,
            answer=draft.text,
            refused=draft.refused,
            citations=[self.citation(i, r) for i, r in enumerate(draft.cited, start=1)],
            retrieved=[
                Retrieved(id=r.id, line_start=r.line_start, line_end=r.line_end, score=round(sc.get("final", 0.0), 4))
                for r, sc in zip(retrieved, ctx.scores or [])
            ],
            timings_ms=ctx.timings,
            intent=draft.intent or q.intent,
            resolved_question=q.retrieval_text if q.follow_up_of else None,
        )

    def citation(self, n: int, record: Record) -> Citation:
        span = self.lines[record.line_start - 1 : record.line_end]
        quote = "\n".join(re.sub(r"^[#\-\s*]+|\*\*", "", ln).strip() for ln in span if ln.strip())
        return Citation(
            n=n, id=record.id, title=record.title, line_start=record.line_start, line_end=record.line_end,
            quote=quote[:600], kind=record.kind, pillar=record.pillar, amount_text=record.amount_text,
            amount_oku=record.amount_oku, flags=record.flags, ministries=record.ministries,
        )


def _refusal_text(ctx: Context) -> str:
    q = ctx.question
    if ctx.refusal == "not japanese":
        return "申し訳ありません。日本語でご質問ください。（Please ask in Japanese.）この資料（地方創生2.0 令和8年度予算概算要求）の内容にお答えします。"
    if ctx.refusal and ctx.refusal.startswith("instruction injection"):
        return "資料（地方創生2.0 令和8年度予算概算要求）の内容に関するご質問にのみお答えします。指示の変更にはお応えできません。"
    if q.unknown_years:
        return "申し訳ありません。お尋ねの年度については、この資料（令和8年度予算概算要求）には記載がありません。"
    return REFUSAL
