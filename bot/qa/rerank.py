"""Re-ranking what retrieval found by how much of the question each record covers.

Fused retrieval ranks are close on this corpus (most words are everywhere); the measure the question
names should beat a generic match, so each candidate gets the fused rank plus named adjustments.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from bot.models import Record
from bot.qa.question import Question
from bot.qa.vocabulary import HEARD_TITLE, loose
from bot.search.index import RecordIndex
from bot.text import compact, lexical_tokens, reading, shared_run, writes_figure

Scores = dict[str, float]
Hit = tuple[Record, Scores]

RANK_K = 3.0
"""Fusion constant for re-ranking: small, so that the first of 30 candidates outweighs the eleventh (at the usual
60 the two differ by 9 %, and a title sharing one everyday word (海外) beat the record both retrievers put first)."""
KANA_WEIGHT = 2.0
"""A kana-only question matched by reading (ちほうだいがく → 地方大学) is strong evidence of the record meant."""
KANA_MIN_RUN = 4
"""Shorter shared readings are chance (two or three kana are in every title)."""
KANA_BODY_WEIGHT = 0.7
"""A reading found in the bullets counts less than one in the title."""
HEADLINE_BONUS = 0.5
"""A question with no content words (「予算はいくら？」) asks for the headline total."""
NO_TEXT_PENALTY = 0.5
"""A definition or target question needs a record with sentences, not a bare line item."""
TITLE_NAMED_BONUS = 0.25
"""A noun phrase of the question inside a record's title: that is the measure named…"""
TITLE_SHARE_WEIGHT = 0.5
"""…the more so the more of the title it covers."""
NO_AMOUNT_PENALTY = 0.25
"""An amount question prefers a record with an amount."""
STATED_AMOUNT_BONUS = 0.5
"""A record whose amount is the figure the question asserts (「2444億円で合ってる？」) is the one it means."""
QUOTED_BONUS = 0.5
"""A record whose lines hold, word for word, what the question quotes (「施策の新結合」) is where it was read."""
WRITTEN_FIGURE_BONUS = 0.5
"""A record that writes a figure the question quotes (「35.5兆円はいつまでの目標？」) is where the asker read it."""
PREVIOUS_YEAR_BONUS = 0.5
"""A comparison with last year needs a record that states last year's figure."""


def record_source(record: Record, lines: Sequence[str]) -> str:
    """The document lines a record cites, plus its heading path: the record as the document shows it."""
    span = lines[record.line_start - 1 : record.line_end]
    return "\n".join([*record.heading_path, *span])


def sharp_fusion(sc: Scores) -> float:
    """Reciprocal-rank fusion with a small constant: rank 1 and rank 11 differ, as they do not at k=60."""
    return sum(1.0 / (RANK_K + sc[f"{name}_rank"]) for name in ("bm25", "dense") if f"{name}_rank" in sc)


def coverage(q: Question, record: Record, lines: Sequence[str], idf: Callable[[str], float] | None = None) -> float:
    """IDF-weighted share of the question's known content words found in the record's own lines.

    An everyday word counts when any of the document words it maps to is there (田舎 → 地方); a rare
    word (国立公園) weighs more than a common one (地域).
    """
    known = [t for t in q.focus_terms if t not in q.unknown_terms]
    if not known:
        return 0.0
    text = compact(record_source(record, lines))
    tokens = set(lexical_tokens(text))
    total = hit = 0.0
    for t in known:
        w = (idf(t) if idf else 1.0) * q.weight(t)
        total += w
        variants = [t, *q.vocab.lexicon.meanings(t)]
        if any(compact(v) in text or all(tok in tokens for tok in lexical_tokens(v)) for v in variants if v):
            hit += w
    return hit / total if total else 0.0


def kana_match(q: Question, record: Record) -> float:
    """How much of the question's longest hiragana run is read in the record (ちほうだいがく → 地方大学)."""
    if not q.kana_runs:
        return 0.0
    best = 0.0
    for weight, text in ((1.0, reading(record.title)), (KANA_BODY_WEIGHT, reading(" ".join(record.body)))):
        for run in q.kana_runs:
            size = shared_run(run, text)
            if size >= KANA_MIN_RUN:
                best = max(best, weight * size / len(run))
    return best


def adjustment(q: Question, r: Record, source: str = "") -> float:
    """The named bonuses and penalties of one record for this question."""
    bonus = 0.0
    if not q.focus_terms and not q.earlier_topic and r.kind == "headline" and r.amount_text:  # not 「予算は？」「それ担当は？」
        bonus += HEADLINE_BONUS
    if q.intent in ("definition", "targets") and not r.body:
        bonus -= NO_TEXT_PENALTY
    title = compact(r.title)
    named = [p for p in q.noun_phrases if compact(p) in title]
    if named:  # a headline line the total is made of is named by a bare word of its title (交付金) as if in full
        whole = r.id in q.profile.breakdown[1:] and len(named) == sum(  # not 「地方大学の交付金」
            any(compact(p) in t for t in q.vocab.titles) for p in q.noun_phrases)
        share = 1.0 if whole else min(1.0, sum(len(compact(p)) for p in set(named)) / max(len(title), 1))
        bonus += TITLE_SHARE_WEIGHT * share + TITLE_NAMED_BONUS
    elif r.id == q.named_item and q.noun_phrases and not any(compact(p) in t for p in q.noun_phrases for t in q.vocab.titles):
        # named another way (an abbreviation 地大交付金, parts 地方+企業, a misread or mistyped name 「…とっく推進事業」): a
        # long naming phrase weighs as a title named in its words does, by how much of the title it spans
        spans = [len(compact(p)) for p in q.noun_phrases if len(compact(p)) >= HEARD_TITLE
                 and (at := q.vocab.title_of(p, q.written_figures)) is not None and q.vocab.ids[at] == r.id]
        bonus += TITLE_SHARE_WEIGHT * min(1.0, max(spans, default=0) / max(len(title), 1)) + TITLE_NAMED_BONUS
    if q.intent == "amount" and not r.amount_text:
        bonus -= NO_AMOUNT_PENALTY
    claimed_of_another = q.asserts and q.named_item is not None and r.id != q.named_item  # a claim to check, no pointer
    if r.amount_oku is not None and any(abs(r.amount_oku - v) < 1e-9 for v in q.stated_amounts) and not claimed_of_another:
        bonus += STATED_AMOUNT_BONUS
    if q.written_figures and not claimed_of_another and any(writes_figure(f, " ".join([r.amount_text or "", *r.body])) for f in q.written_figures):
        bonus += WRITTEN_FIGURE_BONUS
    if q.quoted and source and any(loose(x) in source for x in q.quoted if x not in q.profile.flag_words):
        # a flag quoted (「『内数』扱いですか？」) is what is asked of the measure named, not a pointer to records with it
        bonus += QUOTED_BONUS
    if r.prev_amount_oku is not None and (q.intent == "comparison" or (q.intent == "share" and q.mentions_change)):
        bonus += PREVIOUS_YEAR_BONUS
    return bonus


def rerank(q: Question, hits: list[Hit], index: RecordIndex, lines: Sequence[str], k: int,
           idf: Callable[[str], float] | None = None, reorder: bool = True) -> list[Hit]:
    """Fused rank plus coverage, reading match and adjustments: the named measure beats a generic match.

    Records whose reading matches a kana-only question join the candidates even if retrieval missed them.
    With ``reorder=False`` (the single-retriever baselines) the scores are added but the order is kept.
    """
    if not reorder:
        return [(r, {**sc, "coverage": coverage(q, r, lines, idf), "kana": kana_match(q, r), "final": sc["rrf"]})
                for r, sc in hits][:k]
    pool = {r.id: (r, dict(sc)) for r, sc in hits}
    if q.kana_runs:
        for r in index.records:
            if r.id not in pool and kana_match(q, r):
                pool[r.id] = (r, {"rrf": 0.0, "bm25": 0.0, "dense": 0.0})
    fused = {rid: sharp_fusion(sc) for rid, (_, sc) in pool.items()}
    top = max(fused.values(), default=1.0) or 1.0
    ranked = []
    for r, sc in pool.values():
        sc["coverage"] = coverage(q, r, lines, idf)
        sc["kana"] = kana_match(q, r)
        source = loose(record_source(r, lines)) if q.quoted else ""
        sc["final"] = fused[r.id] / top + sc["coverage"] + KANA_WEIGHT * sc["kana"] + adjustment(q, r, source)
        ranked.append((r, sc))
    ranked.sort(key=lambda x: -x[1]["final"])
    return ranked[:k]
