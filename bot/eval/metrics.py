"""Pure eval metrics: retrieval against gold lines, facts, citations, numeric grounding, refusals.

No I/O and no models here, so every function is unit-tested on tiny hand-made inputs
(tests/test_evalmetrics.py). The definitions are written out in evals/README.md.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from bot.qa.grounding import Span, strip_markers
from bot.text import compact

Fact = str | list[str]
"""A required fact, or a list of alternative phrasings of which one must appear."""



# ---- retrieval --------------------------------------------------------------------------------------

def covers(span: Span, gold: Iterable[int]) -> bool:
    """A span hits when it covers at least one gold line."""
    start, end = span
    return any(start <= g <= end for g in gold)


def first_hit_rank(spans: Sequence[Span], gold: Sequence[int]) -> int | None:
    """1-based rank of the first span covering a gold line, or None."""
    for rank, span in enumerate(spans, start=1):
        if covers(span, gold):
            return rank
    return None


def recall_at_k(spans: Sequence[Span], gold: Sequence[int], k: int) -> float:
    """1.0 when one of the top ``k`` spans covers a gold line (hit rate), else 0.0."""
    rank = first_hit_rank(spans[:k], gold)
    return 1.0 if rank is not None else 0.0


def reciprocal_rank(spans: Sequence[Span], gold: Sequence[int]) -> float:
    rank = first_hit_rank(spans, gold)
    return 1.0 / rank if rank else 0.0


def ndcg_at_k(spans: Sequence[Span], gold: Sequence[int], k: int, n_relevant: int) -> float:
    """Binary-relevance nDCG@k; ``n_relevant`` is how many items of the whole collection cover a gold line."""
    dcg = sum(1.0 / math.log2(i + 2) for i, s in enumerate(spans[:k]) if covers(s, gold))
    ideal = sum(1.0 / math.log2(i + 2) for i in range(min(k, n_relevant)))
    return dcg / ideal if ideal else 0.0


def count_relevant(collection: Iterable[Span], gold: Sequence[int]) -> int:
    return sum(1 for s in collection if covers(s, gold))


# ---- answers ----------------------------------------------------------------------------------------

def fact_present(fact: Fact, answer: str) -> bool:
    """After NFKC and comma/space removal, the fact (or one of its alternatives) is a substring."""
    text = compact(strip_markers(answer))
    options = [fact] if isinstance(fact, str) else list(fact)
    return any(compact(o) in text for o in options if o)


def facts_found(facts: Sequence[Fact], answer: str) -> list[bool]:
    return [fact_present(f, answer) for f in facts]


def percentile(values: Sequence[float], p: float) -> float:
    """Linear-interpolated percentile (p in 0..100); 0.0 for no values."""
    if not values:
        return 0.0
    xs = sorted(values)
    pos = (len(xs) - 1) * p / 100.0
    lo, hi = math.floor(pos), math.ceil(pos)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


# ---- one question, then a set of questions ----------------------------------------------------------

@dataclass
class Outcome:
    """One system's result on one question, already scored against the gold."""

    id: str
    category: str
    split: str
    should_refuse: bool
    gold_lines: list[int]
    refused: bool
    facts_ok: list[bool]
    cited: list[Span]
    retrieved: list[Span]
    n_relevant: int
    numbers: int
    ungrounded: list[str]
    latency_ms: float
    answer: str = ""
    error: str | None = None
    retrieval_k: int = 5
    extra: dict[str, float] = field(default_factory=dict)

    @property
    def answerable(self) -> bool:
        return not self.should_refuse

    @property
    def all_facts(self) -> bool:
        return all(self.facts_ok)

    @property
    def cites_gold(self) -> bool:
        return any(covers(s, self.gold_lines) for s in self.cited)

    @property
    def passed(self) -> bool:
        if self.should_refuse:
            return self.refused
        return not self.refused and self.all_facts and self.cites_gold

    def why_failed(self) -> str:
        """A short reason, for the failure list in report.md."""
        if self.passed:
            return ""
        if self.should_refuse:
            return "answered; should refuse"
        if self.refused:
            return "refused; should answer"
        reasons = []
        if not self.all_facts:
            reasons.append("missing facts")
        if not self.cites_gold:
            reasons.append("no citation covers a gold line")
        return ", ".join(reasons)


def _share(num: float, den: float) -> float | None:
    return num / den if den else None


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def summarize(outcomes: Sequence[Outcome]) -> dict[str, float | int | None]:
    """Headline metrics over a set of outcomes; None where a metric has no denominator."""
    answerable = [o for o in outcomes if o.answerable]
    to_refuse = [o for o in outcomes if o.should_refuse]
    refused = [o for o in outcomes if o.refused]
    answered = [o for o in answerable if not o.refused]
    cited = [s for o in answered for s in o.cited]
    cited_hits = sum(1 for o in answered for s in o.cited if covers(s, o.gold_lines))
    n_numbers = sum(o.numbers for o in outcomes)
    n_missing = sum(len(o.ungrounded) for o in outcomes)
    latencies = [o.latency_ms for o in outcomes]
    n_facts = sum(len(o.facts_ok) for o in answerable)
    judged_keys = sorted({k for o in outcomes for k in o.extra})
    judged = {k: _mean([o.extra[k] for o in outcomes if k in o.extra]) for k in judged_keys}
    return {
        "n": len(outcomes),
        "n_answerable": len(answerable),
        "n_refuse": len(to_refuse),
        "pass_rate": _share(sum(o.passed for o in outcomes), len(outcomes)),
        "recall@1": _mean([recall_at_k(o.retrieved, o.gold_lines, 1) for o in answerable]),
        "recall@3": _mean([recall_at_k(o.retrieved, o.gold_lines, 3) for o in answerable]),
        "recall@5": _mean([recall_at_k(o.retrieved, o.gold_lines, 5) for o in answerable]),
        "mrr": _mean([reciprocal_rank(o.retrieved, o.gold_lines) for o in answerable]),
        "ndcg@5": _mean([ndcg_at_k(o.retrieved, o.gold_lines, 5, o.n_relevant) for o in answerable]),
        "fact_recall": _share(sum(o.all_facts for o in answered), len(answerable)),
        "fact_share": _share(sum(sum(o.facts_ok) for o in answered), n_facts),
        "citation_precision": _share(cited_hits, len(cited)),
        "citation_recall": _share(sum(o.cites_gold for o in answerable), len(answerable)),
        "numeric_grounding": _share(n_numbers - n_missing, n_numbers) if n_numbers else 1.0,
        "numbers": n_numbers,
        "numbers_ungrounded": n_missing,
        "refusal_precision": _share(sum(o.should_refuse for o in refused), len(refused)),
        "refusal_recall": _share(sum(o.refused for o in to_refuse), len(to_refuse)),
        "false_refusal_rate": _share(sum(o.refused for o in answerable), len(answerable)),
        "latency_p50_ms": round(percentile(latencies, 50), 2),
        "latency_p95_ms": round(percentile(latencies, 95), 2),
        "errors": sum(1 for o in outcomes if o.error),
        **judged,
    }


HEADLINE = (
    "pass_rate", "recall@3", "citation_precision", "numeric_grounding", "refusal_recall", "false_refusal_rate",
)
LOWER_IS_BETTER = frozenset({"false_refusal_rate", "latency_p50_ms", "latency_p95_ms", "numbers_ungrounded", "errors"})
