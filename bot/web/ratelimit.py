"""Per-client rate limits for the web server: the JSON API and the chat page share one mechanism.

A moving window from the ``limits`` library, kept in this process's memory and keyed by the client's
address (Slack's limits live in the state store instead: its replicas share one app).
"""

from __future__ import annotations

import math
import time

from limits import RateLimitItem, parse_many
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter


class ClientLimit:
    """``rate`` in the ``limits`` notation (``60/minute;1000/hour``); an empty rate is no limit."""

    def __init__(self, rate: str) -> None:
        self.items: list[RateLimitItem] = parse_many(rate) if rate.strip() else []
        self.limiter = MovingWindowRateLimiter(MemoryStorage())

    def retry_after(self, client: str) -> int:
        """0 when ``client`` may go on (the hit is counted), else the seconds until it may."""
        for item in self.items:
            if not self.limiter.hit(item, client):
                reset = self.limiter.get_window_stats(item, client).reset_time
                return max(1, math.ceil(reset - time.time()))
        return 0
