"""Building the Bolt app and running it: Socket Mode, or HTTP on the web chat's FastAPI server.

Thin on purpose: settings are checked, the Bolt app is built, :func:`bot.slack.listeners.register`
wires the listeners. Nothing runs at import.
"""

from __future__ import annotations

import logging
import sys
import threading
from concurrent.futures import Executor, ThreadPoolExecutor
from typing import TYPE_CHECKING, Literal

from slack_bolt import App
from slack_bolt.adapter.starlette.handler import to_bolt_request, to_starlette_response
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from bot.config import Settings
from bot.errors import BotError
from bot.slack.chat import Answerer
from bot.slack.listeners import register
from bot.state.feedback import FeedbackStore

if TYPE_CHECKING:
    from fastapi import FastAPI
    from slack_bolt.adapter.socket_mode import SocketModeHandler

log = logging.getLogger(__name__)

Mode = Literal["http", "socket"]
EVENTS_PATH = "/slack/events"
LISTENER_THREADS = 16
MAX_BODY_BYTES = 1024 * 1024  # Slack's largest payloads (a 40,000-char message with blocks) are far smaller

_REQUIRED: dict[Mode, tuple[tuple[str, str, str], ...]] = {
    # (settings field, environment variable, expected prefix)
    "socket": (("slack_bot_token", "SLACK_BOT_TOKEN", "xoxb-"), ("slack_app_token", "SLACK_APP_TOKEN", "xapp-")),
    "http": (("slack_bot_token", "SLACK_BOT_TOKEN", "xoxb-"), ("slack_signing_secret", "SLACK_SIGNING_SECRET", "")),
}


class SlackSettingsMissing(BotError):
    """Slack cannot start: required settings are missing or malformed. The message names them."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.user_message = message


def check_settings(settings: Settings, mode: Mode) -> None:
    """Fail at start-up, naming every missing variable, rather than on the first event."""
    missing = [env for field, env, _ in _REQUIRED[mode] if not getattr(settings, field)]
    if missing:
        how = "Socket Mode" if mode == "socket" else "HTTP mode (/slack/events)"
        raise SlackSettingsMissing(f"Slack {how} needs {', '.join(missing)} (see docs/SLACK.md)")
    wrong = [f"{env} should start with {prefix!r}" for field, env, prefix in _REQUIRED[mode]
             if prefix and not getattr(settings, field).startswith(prefix)]
    if wrong:
        raise SlackSettingsMissing("Slack settings look wrong: " + "; ".join(wrong) + " (see docs/SLACK.md)")


def web_client(settings: Settings) -> WebClient:
    """The Web API client; ``BOT_SLACK_API_BASE_URL`` points it at a stand-in (tests, proxies)."""
    client = WebClient(token=settings.slack_bot_token, base_url=settings.slack_api_base_url or WebClient.BASE_URL)
    client.retry_handlers.append(RateLimitErrorRetryHandler(max_retry_count=2))
    return client


def build_app(settings: Settings, service: Answerer, store: FeedbackStore | None = None, *,
              mode: Mode = "http", client: WebClient | None = None, executor: Executor | None = None) -> App:
    """A Bolt app with every listener registered. No network: the token is checked on the first event."""
    check_settings(settings, mode)
    app = App(
        client=client or web_client(settings),
        signing_secret=settings.slack_signing_secret or None,
        token_verification_enabled=False,
        request_verification_enabled=mode == "http",
        process_before_response=False,
        listener_executor=executor or ThreadPoolExecutor(max_workers=LISTENER_THREADS, thread_name_prefix="slack"),
        logger=logging.getLogger("bot.slack.bolt"),
    )
    register(app, service, store or FeedbackStore(settings.state_url), settings)
    return app


def mount_http(app: FastAPI, settings: Settings, service: Answerer, *, store: FeedbackStore | None = None,
               bolt: App | None = None) -> None:
    """Add ``POST /slack/events`` (events, slash commands, interactivity) to the web chat's server.

    Like ``slack_bolt.adapter.fastapi.SlackRequestHandler``, but ``App.dispatch`` (blocking: it
    verifies, calls ``auth.test`` once and waits for ``ack()``) runs in the thread pool, so the web
    chat's event loop is never held up by Slack traffic.
    """
    bolt_app = bolt or build_app(settings, service, store, mode="http")

    async def slack_events(request: Request) -> Response:
        body = await _capped_body(request)
        if body is None:
            return Response(status_code=413)
        response = await run_in_threadpool(bolt_app.dispatch, to_bolt_request(request, body))
        return to_starlette_response(response)

    app.add_api_route(EVENTS_PATH, slack_events, methods=["POST"], include_in_schema=False)


async def _capped_body(request: Request) -> bytes | None:
    """The body, or None past ``MAX_BODY_BYTES``: it is read before the signature can be checked."""
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > MAX_BODY_BYTES):
        return None
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            return None
    return bytes(body)


def socket_mode_handler(settings: Settings, service: Answerer, store: FeedbackStore | None = None, *,
                        client: WebClient | None = None, executor: Executor | None = None) -> SocketModeHandler:
    """The Socket Mode connection (not yet opened: call ``connect()`` or ``start()``)."""
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    app = build_app(settings, service, store, mode="socket", client=client, executor=executor)
    return SocketModeHandler(app, app_token=settings.slack_app_token)


def run_socket_mode(settings: Settings) -> None:
    """``python -m bot slack``: check settings first (seconds before the index loads), then block."""
    try:
        check_settings(settings, "socket")
    except SlackSettingsMissing as exc:
        raise SystemExit(f"エラー: {exc}") from exc
    from bot.qa.service import get_service

    try:
        service = get_service(settings)
    except BotError as exc:
        raise SystemExit(f"エラー: {exc}") from exc
    handler = socket_mode_handler(settings, service)
    handler.connect()
    print("Slack Socket Mode: connected; Ctrl+C to stop", file=sys.stderr)
    threading.Event().wait()
