"""A local stand-in for Slack, for tests: the Web API, ``response_url`` and the Socket Mode WebSocket.

It keeps the channel's messages (the test's user messages and the bot's own posts and updates)
so ``conversations.replies`` answers from what really happened, and it records every call so the
tests can assert the exact payloads. Loopback only; every wait is bounded.
"""

from __future__ import annotations

import itertools
import json
import queue
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, TypeVar
from urllib.parse import parse_qsl, urlsplit

T = TypeVar("T")

BOT_USER_ID = "UBOT0001"
BOT_ID = "BBOT0001"
TEAM_ID = "T0000001"


@dataclass
class Call:
    method: str  # "chat.postMessage", ... or "response_url" for a POST to a response_url
    params: dict[str, Any]
    path: str = ""


@dataclass
class SlackStandIn:
    """Start with :meth:`start`; point ``WebClient(base_url=standin.api_url)`` at it."""

    calls: list[Call] = field(default_factory=list)
    messages: list[dict[str, Any]] = field(default_factory=list)
    ws_url: str | None = None

    def __post_init__(self) -> None:
        self._cond = threading.Condition()
        self._ts = itertools.count(1)
        self._server: ThreadingHTTPServer | None = None

    # -- life cycle -------------------------------------------------------------------------
    def start(self) -> "SlackStandIn":
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # keep pytest output clean
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server naming
                standin._serve(self)

            def do_POST(self) -> None:  # noqa: N802
                standin._serve(self)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True, name="slack-standin").start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()

    @property
    def base(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def api_url(self) -> str:
        return f"{self.base}/api/"

    def response_url(self, name: str) -> str:
        return f"{self.base}/response/{name}"

    # -- the channel --------------------------------------------------------------------------
    def next_ts(self) -> str:
        return f"17600{next(self._ts):05d}.000100"

    def user_message(self, channel: str, user: str, text: str, thread_ts: str | None = None,
                     **extra: Any) -> dict[str, Any]:
        """A message as Slack would store it and send it in a ``message`` event."""
        message = {"type": "message", "channel": channel, "user": user, "text": text, "ts": self.next_ts(), **extra}
        if thread_ts:
            message["thread_ts"] = thread_ts
        with self._cond:
            self.messages.append(message)
        return message

    def thread(self, channel: str, thread_ts: str) -> list[dict[str, Any]]:
        with self._cond:
            found = [dict(m) for m in self.messages if m["channel"] == channel
                     and (m["ts"] == thread_ts or m.get("thread_ts") == thread_ts)]
        return sorted(found, key=lambda m: m["ts"])

    # -- assertions -----------------------------------------------------------------------------
    def calls_to(self, method: str, **match: Any) -> list[Call]:
        with self._cond:
            return [c for c in self.calls if c.method == method
                    and all(c.params.get(k) == v for k, v in match.items())]

    def wait_for(self, probe: Callable[[], T | None], timeout: float = 60.0) -> T:
        """Wait (bounded) until ``probe()`` returns something truthy; fail the test otherwise."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                result = probe()
                if result:
                    return result
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"timed out after {timeout}s; calls: {[c.method for c in self.calls]}")
                self._cond.wait(min(left, 0.5))

    def reply_in(self, channel: str, thread_ts: str, timeout: float = 60.0) -> tuple[Call, Call]:
        """The bot's placeholder in the thread and the ``chat.update`` that replaced it."""

        def probe() -> tuple[Call, Call] | None:
            for placeholder in self.calls_to("chat.postMessage", channel=channel, thread_ts=thread_ts):
                ts = placeholder.params["_ts"]
                updates = self.calls_to("chat.update", channel=channel, ts=ts)
                if updates:
                    return placeholder, updates[-1]
            return None

        return self.wait_for(probe, timeout)

    # -- HTTP -----------------------------------------------------------------------------------
    def _serve(self, request: BaseHTTPRequestHandler) -> None:
        url = urlsplit(request.path)
        length = int(request.headers.get("Content-Length") or 0)
        raw = request.rfile.read(length) if length else b""
        params: dict[str, Any] = dict(parse_qsl(url.query))
        ctype = request.headers.get("Content-Type", "")
        if raw and "json" in ctype:
            params.update(json.loads(raw))
        elif raw:
            params.update(dict(parse_qsl(raw.decode("utf-8"))))
        for key in ("blocks", "attachments"):
            if isinstance(params.get(key), str):
                params[key] = json.loads(params[key])
        if url.path.startswith("/response/"):
            self._record(Call("response_url", params, url.path))
            self._reply(request, 200, b"ok", "text/plain")
            return
        method = url.path.removeprefix("/api/")
        body = self._api(method, params)
        self._record(Call(method, params, url.path))
        self._reply(request, 200, json.dumps(body).encode(), "application/json; charset=utf-8")

    def _record(self, call: Call) -> None:
        with self._cond:
            self.calls.append(call)
            self._cond.notify_all()

    @staticmethod
    def _reply(request: BaseHTTPRequestHandler, status: int, body: bytes, ctype: str) -> None:
        request.send_response(status)
        request.send_header("Content-Type", ctype)
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)

    def _api(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        if method == "auth.test":
            return {"ok": True, "url": "https://example.invalid/", "team": "test", "user": "chihou",
                    "team_id": TEAM_ID, "user_id": BOT_USER_ID, "bot_id": BOT_ID}
        if method == "chat.postMessage":
            ts = self.next_ts()
            params["_ts"] = ts
            message = {"type": "message", "channel": params["channel"], "user": BOT_USER_ID, "bot_id": BOT_ID,
                       "text": params.get("text", ""), "ts": ts, "blocks": params.get("blocks")}
            if params.get("thread_ts"):
                message["thread_ts"] = params["thread_ts"]
            with self._cond:
                self.messages.append(message)
            return {"ok": True, "channel": params["channel"], "ts": ts, "message": message}
        if method == "chat.update":
            with self._cond:
                for m in self.messages:
                    if m["channel"] == params.get("channel") and m["ts"] == params.get("ts"):
                        m.update(text=params.get("text", ""), blocks=params.get("blocks"))
                        return {"ok": True, "channel": m["channel"], "ts": m["ts"], "text": m["text"]}
            return {"ok": False, "error": "message_not_found"}
        if method == "conversations.replies":
            return {"ok": True, "messages": self.thread(params["channel"], params["ts"]), "has_more": False}
        if method == "apps.connections.open" and self.ws_url:
            return {"ok": True, "url": self.ws_url}
        return {"ok": False, "error": "unknown_method"}


class SocketModeStandIn:
    """Slack's Socket Mode WebSocket: says hello, sends envelopes, collects the acknowledgements."""

    def __init__(self) -> None:
        from websockets.sync.server import serve

        self.outbox: queue.Queue[dict[str, Any]] = queue.Queue()
        self.acks: queue.Queue[dict[str, Any]] = queue.Queue()
        self.connected = threading.Event()
        self._server = serve(self._session, "127.0.0.1", 0)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True, name="socket-standin")

    def start(self) -> "SocketModeStandIn":
        self._thread.start()
        return self

    @property
    def url(self) -> str:
        host, port = self._server.socket.getsockname()[:2]
        return f"ws://{host}:{port}/link"

    def _session(self, ws: Any) -> None:
        from websockets.exceptions import ConnectionClosed

        ws.send(json.dumps({"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A0001"}}))
        self.connected.set()
        try:
            while True:
                try:
                    ws.send(json.dumps(self.outbox.get(timeout=0.1)))
                except queue.Empty:
                    pass
                try:
                    while True:
                        self.acks.put(json.loads(ws.recv(timeout=0)))
                except TimeoutError:
                    pass
        except ConnectionClosed:
            return

    def send(self, envelope: dict[str, Any]) -> None:
        self.outbox.put(envelope)

    def ack_for(self, envelope_id: str, timeout: float = 30.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                ack = self.acks.get(timeout=0.5)
            except queue.Empty:
                continue
            if ack.get("envelope_id") == envelope_id:
                return ack
        raise AssertionError(f"no ack for envelope {envelope_id} within {timeout}s")

    def stop(self) -> None:
        self._server.shutdown()
