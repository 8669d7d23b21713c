"""Milliseconds per named stage of one request, so a benchmark can say where an answer's time goes.

Always on: a stage costs two ``perf_counter`` calls, far below the noise of one answer. The stages an
answer reports (``Answer.timings_ms``): ``analyse`` (reading the question), ``lexical`` (BM25),
``embed`` (the query vector), ``dense`` (the Chroma query), ``fuse`` (reciprocal-rank fusion),
``rerank``, ``retrieve`` (the whole retrieval step, the four before included), ``compose``, ``verify``
and ``total``. A stage that did not run (a refusal before retrieval, a list chosen by metadata) is absent.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager


class Stopwatch:
    """Accumulates milliseconds per stage name; a stage entered twice in one request adds up."""

    def __init__(self) -> None:
        self.laps: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        t0 = time.perf_counter()
        try:
            yield
        finally:
            self.laps[name] = self.laps.get(name, 0.0) + (time.perf_counter() - t0) * 1000

    def rounded(self) -> dict[str, float]:
        """The laps as an answer reports them (two decimals, like the chain's own steps)."""
        return {name: round(ms, 2) for name, ms in self.laps.items()}
