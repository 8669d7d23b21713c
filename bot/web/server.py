"""One server for the web chat (Gradio, mounted at ``/``), the JSON API and Slack's HTTP endpoint.

``create_app`` takes a loaded :class:`QAService` so tests and ``serve`` share one index per process.
Bad input gets a 4xx with a polite Japanese ``message`` and a machine-readable ``error`` code; the
details of anything unexpected go to the log, never into a response body.

No ``from __future__ import annotations`` here: the ``/api/ask`` handler's request model is built per
app from its settings, and FastAPI reads a handler's annotations as objects, not as names to look up.
"""

import asyncio
import logging
import os
import socket
import threading
import time
from typing import Any, Literal

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, StrictStr, create_model
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.config import Settings
from bot.errors import BotError
from bot.models import Answer, Turn
from bot.qa.service import QAService
from bot.web.ratelimit import ClientLimit

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 256 * 1024

MESSAGES = {
    "invalid_json": "リクエストの形式が正しくありません。JSON形式でお送りください。",
    "invalid_encoding": "リクエストを文字として読めませんでした。UTF-8 の JSON でお送りください。",
    "request_timeout": "リクエストの受信が途中で止まりました。もう一度お送りください。",
    "rate_limited": "短い時間に多くの質問が届いています。{seconds}秒ほど待ってから再度お試しください。",
    "invalid_request": "リクエストの内容が正しくありません。「question」に質問の文字列を、"
    "「history」（任意）に {\"role\": \"user\" または \"assistant\", \"content\": 文字列} のリストを指定してください。",
    "body_too_large": f"リクエストが大きすぎます（{MAX_BODY_BYTES // 1024}KB以内でお送りください）。",
    "internal_error": BotError.user_message,
    "unavailable": "現在ご利用いただけません。時間をおいて再度お試しください。",
    "method_not_allowed": "このURLは POST（JSON形式）でご利用ください。",
    "not_found": "お探しのAPIはありません。使い方は /docs をご覧ください。",
}


HTTP_ERRORS: dict[int, str] = {400: "invalid_json", 404: "not_found", 405: "method_not_allowed", 413: "body_too_large"}
"""Framework errors on ``/api/`` paths (a body FastAPI cannot parse is a 400), in the documented shape."""

INPUT_ERRORS: dict[str, str] = {"empty_question": "empty", "question_too_long": "too_long", "not_text": "type"}
"""``InvalidQuestion`` codes, each with the ``fields[].type`` it reports."""


def ask_request_model(settings: Settings) -> type[BaseModel]:
    """The ``/api/ask`` body (``AskRequest``), with the history limits of ``settings`` (``web_history_*``)."""
    history_turn = create_model(
        "HistoryTurn",
        role=(Literal["user", "assistant"], ...),
        content=(StrictStr, Field(max_length=settings.web_history_turn_chars)),
    )
    return create_model(
        "AskRequest",
        __doc__="``history`` holds the earlier turns so follow-ups such as 「それの担当省庁は？」 resolve.",
        question=(StrictStr, Field(description="日本語の質問", examples=["ふるさと住民登録制度の予算は？"])),
        history=(list[history_turn], Field(default_factory=list, max_length=settings.web_history_turns)),
    )


class ErrorBody(BaseModel):
    error: str = Field(description="machine-readable code, e.g. empty_question, question_too_long")
    message: str = Field(description="polite Japanese sentence safe to show to a user")
    fields: list[dict[str, str]] = Field(default_factory=list, description="which input was wrong, and how")


def error_response(
    status: int, code: str, message: str | None = None, fields: list[dict[str, str]] | None = None
) -> JSONResponse:
    body = ErrorBody(error=code, message=message or MESSAGES[code], fields=fields or [])
    return JSONResponse(body.model_dump(), status_code=status)


class BodyLimit:
    """Rejects API request bodies over ``max_bytes`` with 413 before any parsing (chunked ones too), and drops
    bodies that stall: each read waits at most ``timeout_s`` (408), so a slow client holds no worker for long."""

    def __init__(self, app: ASGIApp, max_bytes: int = MAX_BODY_BYTES, prefix: str = "/api/",
                 timeout_s: float = 5.0) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.prefix = prefix
        self.timeout_s = timeout_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(self.prefix):
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await _unread(413, "body_too_large")(scope, receive, send)
            return
        try:
            body = await self._read(receive)
        except TimeoutError:
            await _unread(408, "request_timeout")(scope, receive, send)
            return
        if body is None:
            await _unread(413, "body_too_large")(scope, receive, send)
            return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)

    async def _read(self, receive: Receive) -> bytes | None:
        """The whole body, or None when it is over the limit; ``TimeoutError`` when a read stalls."""
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await asyncio.wait_for(receive(), self.timeout_s)
            if message["type"] != "http.request":
                break
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > self.max_bytes:
                return None
            if not message.get("more_body", False):
                break
        return b"".join(chunks)


def _unread(status: int, code: str, message: str | None = None) -> JSONResponse:
    """An error sent before the body was read: the connection is closed, not kept waiting for the rest."""
    response = error_response(status, code, message)
    response.headers["Connection"] = "close"
    return response


class RateLimit:
    """Per-client limits on one API path (``BOT_API_RATE_LIMIT``, e.g. ``60/minute``): 429 with ``Retry-After``.

    Kept in this process's memory, keyed by the client's address: a moving window from the ``limits`` library.
    """

    def __init__(self, app: ASGIApp, rate: str, path: str = "/api/ask") -> None:
        self.app = app
        self.path = path
        self.limit = ClientLimit(rate)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] == self.path and scope["method"] == "POST":
            client = (scope.get("client") or ("unknown", 0))[0]
            wait = self.limit.retry_after(client)
            if wait:
                response = _unread(429, "rate_limited", MESSAGES["rate_limited"].format(seconds=wait))
                response.headers["Retry-After"] = str(wait)
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)

def _field_errors(exc: RequestValidationError) -> list[dict[str, str]]:
    return [
        {
            "field": ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "body",
            "type": str(err.get("type", "")),
        }
        for err in exc.errors()
    ]


def _install_errors(app: FastAPI) -> None:
    """Every error on an ``/api/`` path in the documented shape ``{"error", "message", "fields"}``."""

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if not request.url.path.startswith("/api/"):
            return await http_exception_handler(request, exc)
        cause = exc.__cause__
        code = "invalid_encoding" if isinstance(cause, UnicodeDecodeError) else HTTP_ERRORS.get(exc.status_code)
        if cause is not None:  # a body FastAPI could not parse: too deep, a number too long, not UTF-8
            log.info("unparseable body on %s: %s", request.url.path, type(cause).__name__)
        return error_response(exc.status_code, code or "invalid_request")

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        fields = _field_errors(exc)
        if any(f["type"] == "json_invalid" for f in fields):
            return error_response(400, "invalid_json")
        return error_response(422, "invalid_request", fields=fields)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.error("unhandled error on %s", request.url.path, exc_info=exc)
        return error_response(500, "internal_error")


def _install_api(app: FastAPI, service: QAService, settings: Settings) -> None:
    ask_request = ask_request_model(settings)
    _install_errors(app)

    @app.post(
        "/api/ask",
        response_model=Answer,
        response_model_exclude_none=True,
        responses={status: {"model": ErrorBody} for status in (400, 408, 413, 422, 429, 500)},
        summary="質問に出典つきで回答する",
        tags=["api"],
    )
    def ask(req: ask_request) -> Any:  # type: ignore[valid-type]
        """Answer with cited line spans; the same JSON object as ``python -m bot ask --json``."""
        history = [Turn(role=t.role, content=t.content) for t in req.history]
        try:
            answer = service.ask(req.question, history)
        except Exception:  # noqa: BLE001 - log the details, answer politely
            log.exception("/api/ask failed")
            return error_response(500, "internal_error")
        if answer.error in INPUT_ERRORS:  # the service declined the input itself: the API says so with a 4xx
            field_type = INPUT_ERRORS[answer.error]
            return error_response(422, answer.error, answer.answer, [{"field": "question", "type": field_type}])
        return answer.model_dump(exclude_none=True)

    @app.api_route("/api/{path:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"], include_in_schema=False)
    def api_unknown(path: str, request: Request) -> JSONResponse:
        """Unknown API paths and methods get JSON too, instead of falling through to the Gradio page."""
        if path == "ask":
            return error_response(405, "method_not_allowed")
        return error_response(404, "not_found")

    @app.get("/healthz", summary="稼働状況（インデックス、件数、バージョン）", tags=["api"])
    def healthz() -> Any:
        """``serving``: the index version answering now (``digest``, ``built_at``, ``build``, ``loaded_at``);
        it changes without a restart after ``python -m bot ingest``."""
        try:
            return service.health()
        except Exception:  # noqa: BLE001
            log.exception("health check failed")
            return JSONResponse({"status": "error", "message": MESSAGES["unavailable"]}, status_code=503)


def _mount_slack(app: FastAPI, settings: Settings, service: QAService) -> None:
    """Slack HTTP mode lives on this server when its secrets are set; must run before the ``/`` mount.

    Half the settings, or a token Slack refuses, is said in one line on stderr; the web chat serves on.
    """
    secret, token = bool(settings.slack_signing_secret), bool(settings.slack_bot_token)
    if not (secret or token):
        return
    if token and not secret and settings.slack_app_token:
        return  # a Socket Mode set-up: `python -m bot slack` serves Slack, not this server
    if not (secret and token):
        have, lack = ("SLACK_SIGNING_SECRET", "SLACK_BOT_TOKEN") if secret else \
            ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET")
        log.warning("Slack の HTTP モードは無効です: %s はありますが %s がありません / Slack HTTP mode is off: "
                    "%s is set but %s is not (see docs/SLACK.md)", have, lack, have, lack)
        return
    from bot.slack import mount_http

    try:
        mount_http(app, settings, service)
    except BotError as exc:
        log.error("Slack の HTTP モードは無効です / Slack HTTP mode is off: %s", exc)


def _install_pages(app: FastAPI, service: QAService, conversations: Any) -> None:
    """``/a/<key>``: one answer on a page of its own; ``/a/<key>.md``: the same answer as Markdown."""
    from fastapi.responses import HTMLResponse, PlainTextResponse

    from bot.document.profile import build_profile
    from bot.web.page import notice_text, page_title
    from bot.web.transcript import markdown_text, permalink_page

    profile = build_profile(service.records)
    missing = "この回答は見つかりませんでした。リンクが正しいかご確認ください。"

    @app.get("/a/{name}", include_in_schema=False)
    def answer_page(name: str) -> Any:
        key, markdown = (name[:-3], True) if name.endswith(".md") else (name, False)
        exchange = conversations.get(key)
        if exchange is None:
            return HTMLResponse(f'<!doctype html><html lang="ja"><title>{missing}</title><p>{missing}</p>', 404)
        if markdown:
            return PlainTextResponse(
                markdown_text(exchange, profile.title), media_type="text/markdown; charset=utf-8",
                headers={"content-disposition": f'attachment; filename="answer-{key[:8]}.md"'},
            )
        return HTMLResponse(permalink_page(exchange, service.lines, page_title(profile), notice_text(profile)))


def create_app(service: QAService, settings: Settings) -> FastAPI:
    """The JSON API, then Slack (optional), answer pages, then the Gradio page at ``/`` (it matches every other path)."""
    import gradio as gr

    from bot.document.profile import build_profile
    from bot.state.conversations import ConversationStore
    from bot.state.feedback import FeedbackStore
    from bot.web.edge import PageEdge
    from bot.web.page import CSS, JS, build_blocks, page_title

    profile = build_profile(service.records)
    app = FastAPI(
        title=f"{page_title(profile)} API",
        description=f"「{profile.title}」（{profile.date}）に、出典（行番号）つきで日本語で回答します。"
        " Answers questions on the document with cited line spans.",
        version="0.1.0",
    )
    app.add_middleware(BodyLimit, timeout_s=settings.request_body_timeout_s)
    # The page's Gradio endpoints: a question is a few KB, so a large body is refused before Gradio reads it.
    app.add_middleware(BodyLimit, max_bytes=settings.web_max_payload_bytes, prefix="/gradio_api/",
                       timeout_s=settings.request_body_timeout_s)
    app.add_middleware(PageEdge, title=page_title(profile), description=f"「{profile.title}」に出典つきで答えます。")
    app.add_middleware(RateLimit, rate=settings.api_rate_limit)  # outermost: a flood is refused before reading
    _install_api(app, service, settings)
    _mount_slack(app, settings, service)
    conversations = ConversationStore(settings.state_url)
    _install_pages(app, service, conversations)
    blocks = build_blocks(service, settings, FeedbackStore(settings.state_url), conversations)
    blocks.queue(default_concurrency_limit=16)
    return gr.mount_gradio_app(
        app, blocks, path="/", css=CSS, js=JS, footer_links=["api"], show_error=False, ssr_mode=False,
        max_file_size=1,
    )


def offline_environment() -> None:
    """Gradio and httpx hang behind a proxy for localhost calls, and analytics would phone home."""
    os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
    for key in ("NO_PROXY", "no_proxy"):
        hosts = [h for h in os.environ.get(key, "").split(",") if h.strip()]
        hosts += [h for h in ("127.0.0.1", "localhost") if h not in hosts]
        os.environ[key] = ",".join(hosts)


class BackgroundServer:
    """The app on a free localhost port in a daemon thread: for the tests, the bench and notebooks."""

    def __init__(self, app: ASGIApp, host: str = "127.0.0.1") -> None:
        import uvicorn

        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind((host, 0))
        self.url = f"http://{host}:{self._socket.getsockname()[1]}"
        self._app = app
        config = uvicorn.Config(app, log_level="warning", lifespan="on", timeout_graceful_shutdown=5)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [self._socket]}, daemon=True)

    def __enter__(self) -> "BackgroundServer":
        self._thread.start()
        deadline = time.monotonic() + 60
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the web server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        # Gradio's heartbeat streams stay open until its stop_event is set; without this the
        # shutdown waits for them and then cancels them with errors in the log.
        loop = self._server.servers[0].get_loop() if self._server.servers else None
        for route in getattr(self._app, "routes", []):
            stop = getattr(getattr(route, "app", None), "stop_event", None)
            if loop is not None and stop is not None:
                loop.call_soon_threadsafe(stop.set)
        self._server.should_exit = True
        self._thread.join(timeout=10)
        self._socket.close()


def _warm_up(service: QAService) -> None:
    """While the server starts: the first question's lazy loads, and the 予算一覧 tab's default chart."""
    from bot.document.profile import build_profile
    from bot.web import budget_view

    try:
        examples = build_profile(service.records).examples  # the document's own question, not one written here
        service.ask(examples[0] if examples else "概算要求額は？")
        budget_view.chart_png(service.records)
    except Exception:  # noqa: BLE001 - warming is an optimisation only
        log.warning("warm-up failed", exc_info=True)


def serve(settings: Settings, host: str | None = None, port: int | None = None) -> None:
    """Load the index, build the app and serve it with uvicorn until interrupted."""
    offline_environment()
    import uvicorn

    from bot.qa.service import get_service

    started = time.perf_counter()
    service = get_service(settings)
    app = create_app(service, settings)
    threading.Thread(target=_warm_up, args=(service,), daemon=True, name="warm-up").start()
    host = host or settings.host
    port = port or settings.port
    log.info("index loaded and app built in %.1fs; serving http://%s:%d", time.perf_counter() - started, host, port)
    uvicorn.run(app, host=host, port=port, log_level="info")
