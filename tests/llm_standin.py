"""A local stand-in for an LLM server, for tests: OpenAI's ``/v1/chat/completions`` and Ollama's ``/api/chat``.

Both wire protocols are spoken for real over HTTP on loopback, streaming and not: OpenAI's server-sent
events ending in ``data: [DONE]``, Ollama's newline-delimited JSON ending in ``"done": true``. Each test
scripts what the next requests get (:class:`Reply`): a text cut into chunks, a stall before the first
chunk or in the middle, malformed JSON, HTTP 500, or 429 with Retry-After. Every request is recorded, so
tests can assert on the prompt the bot sent. Every wait is bounded and ends at once when the server stops.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.loopback import without_proxy

MODEL = "standin-model"


@dataclass(frozen=True)
class Reply:
    """What one request gets. ``text`` is sent in ``chunks`` pieces (streaming) or whole (not streaming)."""

    text: str = ""
    chunks: int = 4
    status: int = 200
    retry_after: float | None = None
    stall_before_s: float = 0.0  # before the headers: no first token
    stall_after: int | None = None  # chunks sent before a mid-stream stall
    stall_s: float = 0.0
    malformed: bool = False
    chunk_delay_s: float = 0.0  # between chunks: a slow but steady model


def pieces(text: str, n: int) -> list[str]:
    """``text`` cut into ``n`` nearly equal pieces (fewer when it is short); joined they are ``text``."""
    n = max(1, min(n, len(text)))
    size = -(-len(text) // n) if text else 1
    return [text[i : i + size] for i in range(0, len(text), size)] or [""]


class LLMStandIn:
    """A scripted OpenAI- and Ollama-compatible server on 127.0.0.1; ``script`` queues the next replies."""

    def __init__(self, default: Callable[[int, dict[str, Any]], Reply] | None = None) -> None:
        """``default`` answers the requests the script does not (given their number and body): a scripted
        model for a whole eval run; without one, such a request gets HTTP 500."""
        self.default = default
        self.served = 0
        self.requests: list[dict[str, Any]] = []
        self._script: list[Reply] = []
        self._lock = threading.Lock()
        self.closing = threading.Event()
        self.server: ThreadingHTTPServer | None = None

    # --- control -------------------------------------------------------------------------------------
    def start(self, port: int = 0) -> LLMStandIn:
        standin = self

        class Handler(_Handler):
            owner = standin

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True, name="llm-standin").start()
        return self

    def stop(self) -> None:
        self.closing.set()
        if self.server:
            self.server.shutdown()
            self.server.server_close()

    @property
    def url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def base_url(self, backend: str) -> str:
        """What ``BOT_LLM_BASE_URL`` is for this backend: OpenAI's clients add paths below ``/v1``."""
        return f"{self.url}/v1" if backend == "openai" else self.url

    def script(self, *replies: Reply) -> None:
        """The replies the next requests get, in order; forgets earlier ones and the recorded requests."""
        with self._lock:
            self._script = list(replies)
            self.requests.clear()

    def next_reply(self, request: dict[str, Any]) -> Reply:
        with self._lock:
            self.requests.append(request)
            self.served += 1
            if self._script:
                return self._script.pop(0)
            if self.default is not None:
                return self.default(self.served, request["body"])
            return Reply(status=500, text="script exhausted")

    def prompts(self) -> list[str]:
        """The text of every message the bot sent, one string per request."""
        return ["\n".join(str(m.get("content", "")) for m in r["body"].get("messages", [])) for r in self.requests]

    def wait(self, seconds: float) -> None:
        """A stall that ends early when the server stops."""
        self.closing.wait(seconds)


class _Handler(BaseHTTPRequestHandler):
    owner: LLMStandIn
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:  # quiet: pytest shows what the tests assert
        pass

    def do_GET(self) -> None:
        if self.path in ("/api/tags", "/v1/models"):
            self._json(200, {"models": [{"name": MODEL}], "data": [{"id": MODEL, "object": "model"}]})
        else:
            self._json(404, {"error": "not found"})

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            self._json(400, {"error": {"message": "invalid JSON body"}})
            return
        path = self.path.split("?")[0]
        if path not in ("/v1/chat/completions", "/api/chat"):
            self._json(404, {"error": {"message": f"unknown path {path}"}})
            return
        reply = self.owner.next_reply({"path": path, "body": body, "at": time.monotonic()})
        if reply.stall_before_s:
            self.owner.wait(reply.stall_before_s)
        if reply.status != 200:
            headers = {"Retry-After": f"{reply.retry_after:g}"} if reply.retry_after is not None else {}
            self._json(reply.status, {"error": {"message": reply.text or "error", "type": "server_error"}}, headers)
            return
        openai = path == "/v1/chat/completions"
        stream = bool(body.get("stream", not openai))  # Ollama streams unless told not to
        if not stream:
            self._whole(reply, openai, str(body.get("model", MODEL)))
        else:
            self._stream(reply, openai, str(body.get("model", MODEL)))

    # --- replies ---------------------------------------------------------------------------------------
    def _json(self, status: int, obj: Any, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(obj, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def _whole(self, reply: Reply, openai: bool, model: str) -> None:
        if reply.malformed:
            data = b'{"id": "chatcmpl-1", "choices": [{"message": {"content": '
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return
        if openai:
            self._json(200, {
                "id": "chatcmpl-standin", "object": "chat.completion", "created": int(time.time()), "model": model,
                "choices": [{"index": 0, "message": {"role": "assistant", "content": reply.text},
                             "finish_reason": "stop"}],
                "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
            })
        else:
            self._json(200, {"model": model, "created_at": _now(), "message": {"role": "assistant",
                             "content": reply.text}, "done": True, "done_reason": "stop"})

    def _stream(self, reply: Reply, openai: bool, model: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream" if openai else "application/x-ndjson")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        try:
            for i, piece in enumerate(pieces(reply.text, reply.chunks)):
                if reply.stall_after is not None and i == reply.stall_after:
                    self.owner.wait(reply.stall_s)
                    return
                if i and reply.chunk_delay_s:
                    self.owner.wait(reply.chunk_delay_s)
                if reply.malformed and i == 1:
                    self._event(openai, b'{"choices": [{"delta": {"content": ')
                    return
                self._event(openai, _chunk(openai, model, piece, done=False))
            self._event(openai, _chunk(openai, model, "", done=True))
            if openai:
                self.wfile.write(b"data: [DONE]\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):  # the bot gave up on us: as a real server, move on
            pass

    def _event(self, openai: bool, data: bytes) -> None:
        self.wfile.write(b"data: " + data + b"\n\n" if openai else data + b"\n")
        self.wfile.flush()


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def _chunk(openai: bool, model: str, piece: str, *, done: bool) -> bytes:
    if openai:
        obj: dict[str, Any] = {
            "id": "chatcmpl-standin", "object": "chat.completion.chunk", "created": int(time.time()), "model": model,
            "choices": [{"index": 0, "delta": {} if done else {"role": "assistant", "content": piece},
                         "finish_reason": "stop" if done else None}],
        }
    else:
        obj = {"model": model, "created_at": _now(), "message": {"role": "assistant", "content": piece}, "done": done}
        if done:
            obj.update(done_reason="stop", total_duration=1, eval_count=1)
    return json.dumps(obj, ensure_ascii=False).encode()


DRAFT = re.compile(r"【参考：資料から機械的に作った回答案】\n(.*?)\n\n【質問】", re.DOTALL)


def mixed(n: int, body: dict[str, Any]) -> Reply:
    """A model for a quick eval figure: it restates the extractive draft the prompt carries, except that every
    tenth reply (the 3rd, 13th, …) adds an invented figure and every tenth (the 7th, 17th, …) stalls for a minute."""
    prompt = "\n".join(str(m.get("content", "")) for m in body.get("messages", []))
    found = DRAFT.search(prompt)
    text = found.group(1).strip() if found else "資料には記載がありません。"
    if n % 10 == 3:
        return Reply(text + "なお、前年度から12.3億円の増額です[1]。", chunks=6)
    if n % 10 == 7:
        return Reply(text, stall_before_s=60)
    return Reply(text, chunks=6)


def main() -> None:
    """``python -m tests.llm_standin [PORT]``: the mixed model on 127.0.0.1 until interrupted (for ``eval --llm``)."""
    import sys

    standin = LLMStandIn(default=mixed).start(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
    print(standin.url, flush=True)
    try:
        standin.closing.wait(3600)  # bounded: an hour at most
    finally:
        standin.stop()


@contextmanager
def serving() -> Iterator[LLMStandIn]:
    """A started stand-in, reached on loopback directly (no proxy), stopped afterwards."""
    with without_proxy():
        standin = LLMStandIn().start()
        try:
            yield standin
        finally:
            standin.stop()


if __name__ == "__main__":
    main()

