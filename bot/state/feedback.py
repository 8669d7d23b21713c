"""👍/👎 feedback from the web chat and Slack, kept in SQLite so it can become eval questions."""

from __future__ import annotations

import json
import sqlite3
import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator, Literal

from bot.models import Citation

Rating = Literal["up", "down"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at TEXT NOT NULL,
    source TEXT NOT NULL,
    rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
    question TEXT NOT NULL,
    answer TEXT NOT NULL,
    citations TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT ''
)
"""


class FeedbackStore:
    """Thread-safe: the web chat and the Slack handlers write from worker threads."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._path = path
        self._lock = threading.Lock()
        with self._connect() as conn:
            conn.execute(_SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self._path, timeout=10)

    def add(
        self,
        *,
        question: str,
        answer: str,
        citations: list[Citation],
        rating: Rating,
        comment: str = "",
        source: str = "web",
    ) -> int:
        if rating not in ("up", "down"):
            raise ValueError(f"rating must be 'up' or 'down', not {rating!r}")
        row = (
            datetime.now(timezone.utc).isoformat(timespec="seconds"),
            source,
            rating,
            question,
            answer,
            json.dumps([c.model_dump() for c in citations], ensure_ascii=False),
            comment,
        )
        with self._lock, self._connect() as conn:
            cur = conn.execute(
                "INSERT INTO feedback (created_at, source, rating, question, answer, citations, comment)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                row,
            )
            return int(cur.lastrowid)

    def rows(self) -> Iterator[dict]:
        with self._connect() as conn:
            conn.row_factory = sqlite3.Row
            for r in conn.execute("SELECT * FROM feedback ORDER BY id"):
                d = dict(r)
                d["citations"] = json.loads(d["citations"])
                yield d

    def export_eval_candidates(self) -> Iterator[dict]:
        """Rows in the eval question format; gold lines and facts are left for a person to fill."""
        for r in self.rows():
            yield {
                "id": f"feedback-{r['id']}",
                "question": r["question"],
                "category": "feedback",
                "gold_lines": [],
                "facts": [],
                "should_refuse": False,
                "split": "dev",
                "feedback": {
                    "rating": r["rating"],
                    "comment": r["comment"],
                    "source": r["source"],
                    "bot_answer": r["answer"],
                    "bot_citations": [(c["line_start"], c["line_end"]) for c in r["citations"]],
                },
            }
