"""A local stand-in for Slack, for tests: the Web API, ``response_url`` and the Socket Mode WebSocket.

It keeps the channel's messages (the test's user messages and the bot's own posts and updates)
so ``conversations.replies`` answers from what really happened (paginated, as Slack does), and it
records every call so the tests can assert the exact payloads. Like Slack it refuses Block Kit that
breaks the limits (``invalid_blocks``), and on demand it fails: an API error, HTTP 500, 429 with
Retry-After, or a delay, per method, a number of times or at a seeded rate. Loopback only; every
wait is bounded.
"""

from __future__ import annotations

import itertools
import json
import queue
import random
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


MAX_BLOCKS = 50
MAX_HOME_BLOCKS = 100
MAX_CONTEXT_ELEMENTS = 10
MAX_ACTIONS_ELEMENTS = 25
MAX_SECTION_TEXT = 3000
MAX_BUTTON_VALUE = 2000
MAX_BUTTON_TEXT = 75
MAX_ID = 255
MAX_MESSAGE_TEXT = 40_000
POSTING_METHODS = ("chat.postMessage", "chat.update", "chat.postEphemeral", "reactions.add")


def block_kit_problems(blocks: Any, *, max_blocks: int = MAX_BLOCKS) -> list[str]:
    """What Slack would refuse in ``blocks`` (the documented limits); empty when valid."""
    if blocks is None or blocks == []:
        return []
    if not isinstance(blocks, list):
        return ["blocks is not a list"]
    problems = [f"{len(blocks)} blocks > {max_blocks}"] if len(blocks) > max_blocks else []
    ids = [b.get("block_id") for b in blocks if b.get("block_id")]
    if len(ids) != len(set(ids)):
        problems.append("duplicate block_id")
    for i, block in enumerate(blocks):
        problems += [f"block {i}: {p}" for p in _block_problems(block)]
    return problems


def _text_problems(obj: Any, limit: int, what: str) -> list[str]:
    if not isinstance(obj, dict) or obj.get("type") not in ("mrkdwn", "plain_text"):
        return [f"{what} is not a text object"]
    text = obj.get("text")
    if not isinstance(text, str) or not text:
        return [f"{what} is empty"]
    return [f"{what} has {len(text)} chars > {limit}"] if len(text) > limit else []


def _block_problems(block: dict[str, Any]) -> list[str]:
    kind = block.get("type")
    problems = [f"block_id over {MAX_ID}"] if len(block.get("block_id") or "") > MAX_ID else []
    if kind in ("section", "header"):
        problems += _text_problems(block.get("text"), MAX_SECTION_TEXT if kind == "section" else 150, kind)
    elif kind == "context":
        elements = block.get("elements") or []
        if not elements or len(elements) > MAX_CONTEXT_ELEMENTS:
            problems.append(f"context has {len(elements)} elements (1–{MAX_CONTEXT_ELEMENTS})")
        for e in elements:
            problems += _text_problems(e, MAX_SECTION_TEXT, "context element")
    elif kind == "actions":
        elements = block.get("elements") or []
        if not elements or len(elements) > MAX_ACTIONS_ELEMENTS:
            problems.append(f"actions has {len(elements)} elements (1–{MAX_ACTIONS_ELEMENTS})")
        for e in elements:
            problems += _element_problems(e)
    elif kind not in ("divider", "markdown", "rich_text", "image"):
        problems.append(f"unknown block type {kind!r}")
    return problems


def _element_problems(element: dict[str, Any]) -> list[str]:
    problems = []
    if not element.get("action_id") or len(element["action_id"]) > MAX_ID:
        problems.append("action_id missing or over 255")
    if element.get("type") == "button":
        problems += _text_problems(element.get("text"), MAX_BUTTON_TEXT, "button text")
        if len(element.get("value") or "") > MAX_BUTTON_VALUE:
            problems.append(f"button value has {len(element['value'])} chars > {MAX_BUTTON_VALUE}")
    return problems


@dataclass
class Call:
    method: str  # "chat.postMessage", ... or "response_url" for a POST to a response_url
    params: dict[str, Any]
    path: str = ""
    fault: str = ""  # what the stand-in answered instead of success ("" when it succeeded)
    at: float = field(default_factory=time.monotonic)  # when it arrived (to check the cadence of updates)


@dataclass
class Fault:
    """How a method fails: ``error`` (ok=false), ``status`` (500, 429 with ``retry_after``), ``delay``."""

    error: str = ""
    status: int = 200
    retry_after: int | None = None
    delay: float = 0.0
    times: int | None = None  # None: every time (subject to ``rate``)
    rate: float = 1.0
    mix: tuple["Fault", ...] = ()  # when given, each failure is one of these, chosen at random


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
        self._faults: dict[str, Fault] = {}
        self._random = random.Random(12)
        self.auth_user_id = BOT_USER_ID

    # -- failing on demand ----------------------------------------------------------------------
    def fail(self, method: str, fault: Fault | None = None, **kwargs: Any) -> None:
        """Make ``method`` ("*" for every Web API method) fail as described until :meth:`heal`."""
        with self._cond:
            self._faults[method] = fault or Fault(**kwargs)

    def heal(self) -> None:
        with self._cond:
            self._faults.clear()

    def _fault_for(self, method: str) -> Fault | None:
        with self._cond:
            fault = self._faults.get(method) or self._faults.get("*")
            if fault is None or (fault.times is not None and fault.times <= 0):
                return None
            if fault.rate < 1.0 and self._random.random() >= fault.rate:
                return None
            if fault.times is not None:
                fault.times -= 1
            return self._random.choice(fault.mix) if fault.mix else fault

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
        for key in ("blocks", "attachments", "view", "prompts"):
            if isinstance(params.get(key), str):
                params[key] = json.loads(params[key])
        if url.path.startswith("/response/"):
            problems = block_kit_problems(params.get("blocks"))
            self._record(Call("response_url", params, url.path, fault="invalid_blocks" if problems else ""))
            self._reply(request, 400 if problems else 200, b"invalid_blocks" if problems else b"ok", "text/plain")
            return
        method = url.path.removeprefix("/api/")
        fault = self._fault_for(method)
        if fault is not None:
            self._answer_fault(request, Call(method, params, url.path), fault)
            return
        body = self._api(method, params)
        call = Call(method, params, url.path, fault="" if body.get("ok") else str(body.get("error")))
        self._record(call)
        self._reply(request, 200, json.dumps(body).encode(), "application/json; charset=utf-8")

    def _answer_fault(self, request: BaseHTTPRequestHandler, call: Call, fault: Fault) -> None:
        if fault.delay:
            time.sleep(min(fault.delay, 10.0))
        if not (fault.error or fault.status != 200):  # a delay only: then answer normally
            body = self._api(call.method, call.params)
            self._record(call)
            self._reply(request, 200, json.dumps(body).encode(), "application/json; charset=utf-8")
            return
        call.fault = fault.error or f"http_{fault.status}"
        self._record(call)
        if fault.error:
            self._reply(request, 200, json.dumps({"ok": False, "error": fault.error}).encode(), "application/json")
            return
        request.send_response(fault.status)
        if fault.retry_after is not None:
            request.send_header("Retry-After", str(fault.retry_after))
        body = json.dumps({"ok": False, "error": "ratelimited" if fault.status == 429 else "fatal_error"}).encode()
        request.send_header("Content-Type", "application/json")
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)

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
                    "team_id": TEAM_ID, "user_id": self.auth_user_id, "bot_id": BOT_ID}
        if method in ("chat.postMessage", "chat.update", "views.publish"):
            limit = MAX_HOME_BLOCKS if method == "views.publish" else MAX_BLOCKS
            blocks = (params.get("view") or {}).get("blocks") if method == "views.publish" else params.get("blocks")
            problems = block_kit_problems(blocks, max_blocks=limit)
            if problems or len(params.get("text") or "") > MAX_MESSAGE_TEXT:
                params["_problems"] = problems or ["text too long"]
                return {"ok": False, "error": "invalid_blocks"}
        if method == "chat.postMessage":
            return self._post(params)
        if method == "chat.update":
            with self._cond:
                for m in self.messages:
                    if m["channel"] == params.get("channel") and m["ts"] == params.get("ts"):
                        m.update(text=params.get("text", ""), blocks=params.get("blocks"))
                        return {"ok": True, "channel": m["channel"], "ts": m["ts"], "text": m["text"]}
            return {"ok": False, "error": "message_not_found"}
        if method == "conversations.replies":
            return self._replies(params)
        if method == "apps.connections.open" and self.ws_url:
            return {"ok": True, "url": self.ws_url}
        if method in ("reactions.add", "views.publish") or method.startswith("assistant.threads."):
            return {"ok": True}
        return {"ok": False, "error": "unknown_method"}

    def _post(self, params: dict[str, Any]) -> dict[str, Any]:
        ts = self.next_ts()
        params["_ts"] = ts
        message = {"type": "message", "channel": params["channel"], "user": BOT_USER_ID, "bot_id": BOT_ID,
                   "text": params.get("text", ""), "ts": ts, "blocks": params.get("blocks")}
        if params.get("thread_ts"):
            message["thread_ts"] = params["thread_ts"]
        with self._cond:
            self.messages.append(message)
        return {"ok": True, "channel": params["channel"], "ts": ts, "message": message}

    def _replies(self, params: dict[str, Any]) -> dict[str, Any]:
        """Oldest first, ``limit`` per page, an opaque cursor: Slack's pagination."""
        messages = self.thread(params["channel"], params["ts"])
        limit = min(int(params.get("limit") or 1000), 1000)
        start = int(params.get("cursor") or 0)
        page = messages[start : start + limit]
        more = start + limit < len(messages)
        return {"ok": True, "messages": page, "has_more": more,
                "response_metadata": {"next_cursor": str(start + limit) if more else ""}}

    def posts_outside(self, threads: set[tuple[str, str]]) -> list[Call]:
        """Every attempt (failed ones too) to post, update or react anywhere but these (channel, thread) pairs."""
        with self._cond:
            ours = {(c.params.get("channel"), c.params.get("_ts")) for c in self.calls
                    if c.method == "chat.postMessage" and c.params.get("_ts")}
            outside = []
            for c in self.calls:
                if c.method not in POSTING_METHODS:
                    continue
                channel = c.params.get("channel")
                where = c.params.get("thread_ts") or c.params.get("ts")
                if c.method == "reactions.add":
                    reacted = [m for m in self.messages if m["channel"] == channel
                               and m["ts"] == c.params.get("timestamp")]
                    where = reacted[0].get("thread_ts", reacted[0]["ts"]) if reacted else None
                if (channel, where) in threads:
                    continue
                if c.method == "chat.update" and (channel, where) in ours:
                    continue  # updating our own reply, checked by its post
                outside.append(c)
            return outside

    def invalid(self) -> list[Call]:
        """Calls Slack would have refused for their Block Kit."""
        with self._cond:
            return [c for c in self.calls if c.fault == "invalid_blocks"]


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
