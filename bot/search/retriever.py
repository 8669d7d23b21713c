"""Hybrid retrieval as a LangChain retriever: BM25 over Sudachi tokens + Chroma dense, fused by RRF."""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict, Field

from bot.document.flags import added_grant
from bot.models import Record
from bot.search.index import RecordIndex, record_text
from bot.timing import Stopwatch


def record_matches(record: Record, ministry: str | None = None, pillar: str | None = None) -> bool:
    """Metadata filter: a ministry named in the record, a pillar whose label starts the same way."""
    if ministry and ministry not in record.ministries:
        return False
    if pillar and not (record.pillar or "").replace(" ", "").startswith(pillar.replace(" ", "")):
        return False
    return True


def record_document(record: Record, **scores: float) -> Document:
    """A record as a LangChain Document; the metadata carries the whole record and its scores."""
    meta: dict[str, Any] = record.model_dump()
    meta.update(scores)
    return Document(page_content=record_text(record), metadata=meta, id=record.id)


class HybridRetriever(BaseRetriever):
    """Reciprocal-rank fusion of lexical and dense rankings over the whole (filtered) record set.

    Scores stay on each Document (``rrf``, ``bm25``, ``dense``) so the answer step can decide to refuse.
    """

    model_config = ConfigDict(arbitrary_types_allowed=True)

    index: RecordIndex
    k: int = Field(5, ge=1)
    ministry: str | None = None
    pillar: str | None = None
    rrf_k: int = 60
    lexical_weight: float = 1.0
    dense_weight: float = 1.0
    candidates: int = 30

    def _get_relevant_documents(
        self,
        query: str,
        *,
        run_manager: CallbackManagerForRetrieverRun | None = None,
        k: int | None = None,
        ministry: str | None = None,
        pillar: str | None = None,
    ) -> list[Document]:
        """``k``, ``ministry`` and ``pillar`` may be given per call: ``retriever.invoke(q, k=3, ministry="総務省")``."""
        hits = self.search(query, k=k, ministry=ministry, pillar=pillar)
        return [record_document(rec, **scores) for rec, scores in hits]

    def search(
        self, query: str, k: int | None = None, ministry: str | None = None, pillar: str | None = None,
        watch: Stopwatch | None = None,
    ) -> list[tuple[Record, dict[str, float]]]:
        """Fused hits; ``watch`` (if given) times the lexical, embed, dense and fuse stages."""
        watch = watch or Stopwatch()
        k = k or self.k
        ministry = ministry or self.ministry
        pillar = pillar or self.pillar
        n = max(self.candidates, k)
        lexical: list[tuple[str, float]] = []
        dense: list[tuple[str, float]] = []
        if self.lexical_weight:
            with watch.stage("lexical"):
                lexical = self.index.lexical(query, n)
        if self.dense_weight:
            with watch.stage("embed"):
                vector = self.index.query_vector(query)
            with watch.stage("dense"):
                dense = self.index.nearest(vector, n)
        with watch.stage("fuse"):
            return self._fuse(lexical, dense, k, ministry, pillar)

    def _fuse(self, lexical: list[tuple[str, float]], dense: list[tuple[str, float]], k: int,
              ministry: str | None, pillar: str | None) -> list[tuple[Record, dict[str, float]]]:
        fused: dict[str, dict[str, float]] = {}
        for weight, ranking, name in ((self.lexical_weight, lexical, "bm25"), (self.dense_weight, dense, "dense")):
            rank = 0
            for rid, score in ranking:
                rec = self.index.by_id[rid]
                if not record_matches(rec, ministry, pillar):
                    continue
                rank += 1
                entry = fused.setdefault(rid, {"rrf": 0.0, "bm25": 0.0, "dense": 0.0})
                entry["rrf"] += weight / (self.rrf_k + rank)
                entry[name] = score
                entry[f"{name}_rank"] = float(rank)
        ordered = sorted(fused.items(), key=lambda kv: -kv[1]["rrf"])[:k]
        return [(self.index.by_id[rid], scores) for rid, scores in ordered]


LIST_KINDS = ("measure", "summary", "line_item")
"""The records a list answers with: measures and line items, not headline totals or sections."""


def select(records: list[Record], *, ministries: tuple[str, ...] = (), pillar: str | None = None,
           flags: tuple[str, ...] = (), flag_negated: bool = False, amount_oku: float | None = None,
           amount_bound: str = "", unpriced: bool = False) -> list[Record]:
    """Records chosen by metadata alone, in document order: a list question names its scope, not its words. Flags
    select a record with any of them; an amount selects that figure, or (``amount_bound``: above, at_least, below,
    at_most) the figures beyond it; ``unpriced``: those whose line states no figure."""
    return [
        r for r in records
        if r.kind in LIST_KINDS
        and any(record_matches(r, m, pillar) for m in (ministries or (None,)))
        and (not flags or _flagged(r, flags, own=flag_negated) != flag_negated)
        and (amount_oku is None or _within(r.amount_oku, amount_oku, amount_bound))
        and not (unpriced and r.amount_oku is not None)
    ]


def _flagged(r: Record, flags: tuple[str, ...], own: bool) -> bool:
    """The record carries one of the flags; ``own``: on its own figure, not only on a part added with 「＋」 (「計269.0億円
    ＋社会資本整備総合交付金（内数）」 is not a (内数) amount: its figure is its own)."""
    return any(flag in f for flag in flags for f in r.flags if not (own and added_grant(f)))


def _within(value: float | None, asked: float, bound: str) -> bool:
    if value is None:
        return False
    return {"above": value > asked, "at_least": value >= asked, "below": value < asked,
            "at_most": value <= asked}.get(bound, value == asked)
