"""How often the model's work was kept, and why it was not: counted per use, shown by ``/healthz`` and the eval."""

from __future__ import annotations

import threading
from collections import Counter
from typing import Literal, get_args

from bot.models import ModelOutcome

ModelUse = Literal["composer", "reader"]

REPLACED_NOTE = "生成した文章を資料で確かめられなかったため、資料の記載から作った回答に差し替えました。"
"""Shown by a surface that streamed a model's text which then gave way to the extractive answer."""


class ModelOutcomes:
    """Thread-safe counts of :data:`bot.models.ModelOutcome` per use of the model, since the process started."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: dict[ModelUse, Counter[ModelOutcome]] = {"composer": Counter(), "reader": Counter()}

    def add(self, use: ModelUse, outcome: ModelOutcome) -> None:
        with self._lock:
            self._counts[use][outcome] += 1

    def snapshot(self) -> dict[str, dict[str, int]]:
        """Every outcome of every use, zeros included, so a dashboard sees a stable shape."""
        with self._lock:
            return {use: {o: c[o] for o in get_args(ModelOutcome)} for use, c in self._counts.items()}
