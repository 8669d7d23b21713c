"""Building the Bolt app and running it: Socket Mode, or HTTP on the web chat's FastAPI server.

Thin on purpose: settings are checked, the Bolt app is built, :func:`bot.slack.listeners.register`
wires the listeners. Nothing runs at import.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from concurrent.futures import Executor, ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, Literal

from slack_bolt import App
from slack_bolt.adapter.starlette.handler import to_bolt_request, to_starlette_response
from slack_bolt.error import BoltError
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler, ServerErrorRetryHandler
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from bot.config import Settings
from bot.document.profile import Profile, build_profile
from bot.errors import BotError
from bot.slack.chat import Answerer
from bot.slack.listeners import register
from bot.state.feedback import FeedbackStore
from bot.state.slack_state import SlackState

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


class SlackStartupError(BotError):
    """Slack cannot start: one line (Japanese / English) that says why, for stderr and the log."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.user_message = message


class SlackSettingsMissing(SlackStartupError):
    """Required settings are missing or malformed. The message names them."""


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


class CappedRateLimitRetry(RateLimitErrorRetryHandler):
    """Honour a 429's Retry-After once, but never hold a listener thread longer than ``max_wait_s``."""

    def __init__(self, max_wait_s: float, max_retry_count: int = 1) -> None:
        super().__init__(max_retry_count=max_retry_count)
        self.max_wait_s = max_wait_s

    @staticmethod
    def _retry_after(response: HttpResponse | None) -> float:
        for name, values in (response.headers if response else {}).items():
            if name.lower() == "retry-after" and values:
                try:
                    return float(values[0])
                except ValueError:
                    break
        return 1.0

    def _can_retry(self, *, state: RetryState, request: HttpRequest, response: HttpResponse | None = None,
                   error: Exception | None = None) -> bool:
        return super()._can_retry(state=state, request=request, response=response, error=error) \
            and self._retry_after(response) <= self.max_wait_s

    def prepare_for_next_attempt(self, *, state: RetryState, request: HttpRequest,
                                 response: HttpResponse | None = None, error: Exception | None = None) -> None:
        state.next_attempt_requested = True
        time.sleep(min(self._retry_after(response), self.max_wait_s))
        state.increment_current_attempt()


def web_client(settings: Settings) -> WebClient:
    """The Web API client; ``BOT_SLACK_API_BASE_URL`` points it at a stand-in (tests, proxies)."""
    client = WebClient(token=settings.slack_bot_token, base_url=settings.slack_api_base_url or WebClient.BASE_URL,
                       timeout=10)
    client.retry_handlers += [CappedRateLimitRetry(settings.slack_retry_after_max_s), ServerErrorRetryHandler(1)]
    return client


def _startup_error(exc: Exception, what: str, base_url: str) -> SlackStartupError:
    """One line for a token Slack refused or an API that cannot be reached."""
    api = exc if isinstance(exc, SlackApiError) else exc.__context__
    if isinstance(api, SlackApiError):
        code = api.response.get("error") or api.response.status_code
        return SlackStartupError(f"Slack が {what} を受け付けませんでした（{code}）/ Slack rejected {what}: {code}")
    reason = str(getattr(exc, "reason", "") or exc).splitlines()[0][:200]
    return SlackStartupError(f"Slack API に接続できません（{base_url}）/ cannot reach the Slack API: {reason}")


def verify_bot_token(client: WebClient) -> dict[str, Any]:
    """``auth.test`` now, so a revoked token or an unreachable API stops start-up with one line."""
    try:
        return dict(client.auth_test().data)  # type: ignore[arg-type]
    except Exception as exc:  # noqa: BLE001 - every failure becomes one line, never a traceback
        raise _startup_error(exc, "SLACK_BOT_TOKEN", client.base_url) from None


def build_app(settings: Settings, service: Answerer, store: FeedbackStore | None = None, *,
              mode: Mode = "http", client: WebClient | None = None, executor: Executor | None = None,
              state: SlackState | None = None) -> App:
    """A Bolt app with every listener registered; ``auth.test`` runs here, never inside an event's ack."""
    check_settings(settings, mode)
    client = client or web_client(settings)
    try:
        app = App(
            client=client,
            signing_secret=settings.slack_signing_secret or None,
            token_verification_enabled=True,
            request_verification_enabled=mode == "http",
            process_before_response=False,
            listener_executor=executor or ThreadPoolExecutor(max_workers=LISTENER_THREADS, thread_name_prefix="slack"),
            logger=logging.getLogger("bot.slack.bolt"),
        )
    except (BoltError, OSError, SlackApiError) as exc:
        raise _startup_error(exc, "SLACK_BOT_TOKEN", client.base_url) from None
    register(app, service, store or FeedbackStore(settings.state_url), settings,
             state=state or SlackState.from_settings(settings), profile=_profile(service))
    return app


def _profile(service: Answerer) -> Profile | None:
    """The document's profile, for examples, prompts and the Home tab (None for a service without records)."""
    records = getattr(service, "records", None)
    return build_profile(records) if records else None


def mount_http(app: FastAPI, settings: Settings, service: Answerer, *, store: FeedbackStore | None = None,
               bolt: App | None = None) -> None:
    """Add ``POST /slack/events`` (events, slash commands, interactivity) to the web chat's server.

    Raises :class:`SlackStartupError` (one line) when settings are missing or Slack refuses the token.

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
    """``python -m bot slack``: settings and token first (before the index loads), then connect and block."""
    try:
        check_settings(settings, "socket")
        verify_bot_token(web_client(settings))
    except SlackStartupError as exc:
        raise SystemExit(f"エラー: {exc}") from None
    from bot.qa.service import get_service

    try:
        service = get_service(settings)
        handler = socket_mode_handler(settings, service)
    except BotError as exc:
        raise SystemExit(f"エラー: {exc}") from None
    connect_socket_mode(handler, settings)
    print("Slack Socket Mode: connected; Ctrl+C to stop", file=sys.stderr)
    threading.Event().wait()


def connect_socket_mode(handler: SocketModeHandler, settings: Settings) -> None:
    """Open the WebSocket; a refused app token or an unreachable Slack exits with one line."""
    try:
        handler.connect()
    except Exception as exc:  # noqa: BLE001 - one line, never a traceback
        handler.client.auto_reconnect_enabled = False
        error = _startup_error(exc, "SLACK_APP_TOKEN", settings.slack_api_base_url or WebClient.BASE_URL)
        raise SystemExit(f"エラー: {error}") from None
