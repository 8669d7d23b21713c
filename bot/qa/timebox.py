"""A model's streamed reply held to two time budgets: the first token, and the whole reply.

LangChain's clients have a per-read timeout and their own retries, but no first-token deadline and no
deadline over a whole stream: a server that trickles one token every few seconds never trips a read
timeout. So the stream is read on a worker thread and handed over through a queue, and the caller
waits on the queue no longer than the budget left (hand-written for that reason). A stalled worker
is abandoned; the client's own read timeout (set to the total budget) ends it soon after.

Retries only where the request can safely be sent again: one failed before any token arrived
(429 or a 5xx, honouring a Retry-After that fits the budget), never a stream that had started.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterator
from typing import Literal, TypeVar

RETRYABLE_STATUS = frozenset({429, 500, 502, 503, 504})

Deadline = Literal["first_token", "total"]
T = TypeVar("T")


class ModelTimeout(Exception):
    """The model missed a budget; ``which`` says which one."""

    def __init__(self, which: Deadline, after_s: float) -> None:
        super().__init__(f"no {'first token' if which == 'first_token' else 'finished reply'} after {after_s:.2f}s")
        self.which = which
        self.after_s = after_s


def status_of(exc: BaseException) -> int | None:
    """The HTTP status of a client error (openai's ``APIStatusError``, ollama's ``ResponseError``)."""
    status = getattr(exc, "status_code", None)
    return status if isinstance(status, int) else None


RATE_LIMIT_WAIT_S = 0.5
"""The wait before retrying a 429 whose Retry-After the client did not keep (ollama's ``ResponseError`` drops it)."""


def retry_after_s(exc: BaseException) -> float:
    """How long to wait before retrying: the server's Retry-After in seconds, or a short pause after a 429."""
    headers = getattr(getattr(exc, "response", None), "headers", None) or {}
    try:
        return max(0.0, float(headers["retry-after"]))
    except (KeyError, TypeError, ValueError):
        return RATE_LIMIT_WAIT_S if status_of(exc) == 429 else 0.0


def _pump(start: Callable[[], Iterator[T]], out: queue.Queue, stop: threading.Event) -> None:
    try:
        for piece in start():
            if stop.is_set():
                return
            out.put(("piece", piece))
        out.put(("end", None))
    except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread, which decides
        out.put(("error", exc))


def stream_within(start: Callable[[], Iterator[T]], *, first_token_s: float, total_s: float,
                  retries: int = 1) -> Iterator[T]:
    """The pieces ``start()`` streams, until it ends; raises :class:`ModelTimeout` past a budget, or the
    client's error (after ``retries`` retries of a failure before the first piece)."""
    began = time.monotonic()
    total_at = began + total_s
    attempt = 0
    while True:
        got_any = False
        stop = threading.Event()
        out: queue.Queue = queue.Queue()
        threading.Thread(target=_pump, args=(start, out, stop), daemon=True, name="llm-stream").start()
        first_at = time.monotonic() + first_token_s
        try:
            while True:
                now = time.monotonic()
                until = total_at if got_any else min(first_at, total_at)
                if now >= until:
                    raise ModelTimeout("total" if got_any or total_at <= first_at else "first_token", now - began)
                try:
                    kind, value = out.get(timeout=until - now)
                except queue.Empty:
                    continue  # the loop's head raises the deadline
                if kind == "piece":
                    if value:
                        got_any = True
                        yield value
                elif kind == "end":
                    return
                else:
                    exc = value
                    wait = retry_after_s(exc)
                    if (got_any or attempt >= retries or status_of(exc) not in RETRYABLE_STATUS
                            or time.monotonic() + wait >= total_at):
                        raise exc
                    attempt += 1
                    time.sleep(wait)
                    break  # a fresh request
        finally:
            stop.set()
