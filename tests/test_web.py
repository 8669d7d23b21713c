"""The real server on a free localhost port: JSON API, health, OpenAPI, gradio_client, concurrency.

Expected answers are never hard-coded: each API answer is compared with ``QAService.ask`` (the CLI's
path) for the same question, and with the corpus lines it cites.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError

from bot.config import Settings
from bot.models import Answer
from bot.qa.service import QAService
from bot.web.server import (
    MAX_BODY_BYTES,
    MESSAGES,
    BackgroundServer,
    ask_request_model,
    create_app,
    offline_environment,
)

QUESTION = "ふるさと住民登録制度の予算は？"
FOLLOW_UP = "それの担当省庁は？"
CONCURRENT_QUESTIONS = [
    QUESTION,
    "地方創生2.0予算の概算要求額はいくらですか？",
    "「交通空白」の解消に向けた取組の担当省庁は？",
    "国土交通省が担当する施策を教えてください。",
    "地方創生伴走支援事業の予算は？",
]
JAPANESE = tuple("のはをがですませんくださいお")


def _stable(answer: dict) -> dict:
    """An answer without its timings, which differ from run to run."""
    return {k: v for k, v in answer.items() if k != "timings_ms"}


def _expected(service: QAService, question: str, history: list | None = None) -> dict:
    return _stable(service.ask(question, history).model_dump(exclude_none=True))


def _is_polite_japanese(body: dict) -> bool:
    message = body.get("message", "")
    return any(ch in message for ch in JAPANESE) and "Traceback" not in message and "Exception" not in message


@pytest.fixture(autouse=True, scope="module")
def _offline() -> None:
    offline_environment()


@pytest.fixture(scope="module")
def base_url(service: QAService, settings: Settings) -> Iterator[str]:
    # This module sends ~50 questions a minute from one address: above the default per-client limit,
    # which test_api_rate_limit_per_client exercises on an app of its own.
    generous = settings.model_copy(update={"api_rate_limit": "1000/minute"})
    with BackgroundServer(create_app(service, generous)) as server:
        yield server.url


@pytest.fixture(scope="module")
def http(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=60, trust_env=False) as client:
        yield client


@pytest.mark.slow
def test_healthz_reports_index_records_and_versions(http: httpx.Client, service: QAService) -> None:
    r = http.get("/healthz")
    assert r.status_code == 200
    body = r.json()
    assert body["status"] == "ok"
    assert body["records"] == len(service.records) > 0
    assert "chihou-bot" in body["versions"]


@pytest.mark.slow
def test_openapi_documents_the_api(http: httpx.Client) -> None:
    assert http.get("/docs").status_code == 200
    paths = http.get("/openapi.json").json()["paths"]
    assert "post" in paths["/api/ask"] and "get" in paths["/healthz"]


@pytest.mark.slow
def test_web_page_is_served_at_root(http: httpx.Client) -> None:
    r = http.get("/")
    assert r.status_code == 200 and "text/html" in r.headers["content-type"]


@pytest.mark.slow
def test_api_ask_returns_the_cli_answer_with_citations(http: httpx.Client, service: QAService) -> None:
    r = http.post("/api/ask", json={"question": QUESTION})
    assert r.status_code == 200
    body = r.json()
    assert _stable(body) == _expected(service, QUESTION)
    assert not body["refused"] and body["citations"]
    for c in body["citations"]:
        assert f"[{c['n']}]" in body["answer"]
        span = "".join(service.lines[c["line_start"] - 1 : c["line_end"]])
        assert c["title"].replace(" ", "")[:6] in span.replace(" ", "")


@pytest.mark.slow
def test_api_follow_up_resolves_to_the_previous_measure(http: httpx.Client) -> None:
    first = http.post("/api/ask", json={"question": QUESTION}).json()
    history = [{"role": "user", "content": QUESTION}, {"role": "assistant", "content": first["answer"]}]
    r = http.post("/api/ask", json={"question": FOLLOW_UP, "history": history})
    assert r.status_code == 200
    body = r.json()
    assert not body["refused"] and body["resolved_question"]
    assert body["citations"][0]["id"] == first["citations"][0]["id"]
    assert body["citations"][0]["ministries"]


BAD_INPUTS = [
    pytest.param({"question": ""}, 422, "empty_question", id="empty"),
    pytest.param({"question": " \u3000\n"}, 422, "empty_question", id="blank"),
    pytest.param({"question": 123}, 422, "invalid_request", id="number"),
    pytest.param({"question": None}, 422, "invalid_request", id="null"),
    pytest.param({"question": ["質問"]}, 422, "invalid_request", id="list"),
    pytest.param({}, 422, "invalid_request", id="missing"),
    pytest.param([QUESTION], 422, "invalid_request", id="not-an-object"),
    pytest.param({"question": QUESTION, "history": "前の質問"}, 422, "invalid_request", id="history-string"),
    pytest.param({"question": QUESTION, "history": [{"role": "system", "content": "x"}]}, 422, "invalid_request",
                 id="history-role"),
    pytest.param({"question": QUESTION, "history": [{"role": "user", "content": 5}]}, 422, "invalid_request",
                 id="history-content"),
    # the defaults of BOT_WEB_HISTORY_TURNS (50) and BOT_WEB_HISTORY_TURN_CHARS (20,000)
    pytest.param({"question": QUESTION, "history": [{"role": "user", "content": "x"}] * 51}, 422, "invalid_request",
                 id="history-51-turns"),
    pytest.param({"question": QUESTION, "history": [{"role": "user", "content": "x" * 20_001}]}, 422,
                 "invalid_request", id="history-turn-20001-chars"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("payload", "status", "code"), BAD_INPUTS)
def test_api_rejects_bad_input_politely(http: httpx.Client, payload: object, status: int, code: str) -> None:
    r = http.post("/api/ask", json=payload)
    assert r.status_code == status
    body = r.json()
    assert body["error"] == code
    assert _is_polite_japanese(body)


@pytest.mark.slow
def test_api_rejects_a_too_long_question(http: httpx.Client, settings: Settings) -> None:
    r = http.post("/api/ask", json={"question": "あ" * (settings.max_question_chars + 1)})
    assert r.status_code == 422
    body = r.json()
    assert body["error"] == "question_too_long" and _is_polite_japanese(body)
    assert f"{settings.max_question_chars:,}" in body["message"]


@pytest.mark.slow
def test_api_rejects_malformed_json(http: httpx.Client) -> None:
    r = http.post("/api/ask", content=b'{"question": ', headers={"content-type": "application/json"})
    assert r.status_code == 400
    assert r.json()["error"] == "invalid_json" and _is_polite_japanese(r.json())


@pytest.mark.slow
@pytest.mark.parametrize(("body", "code"), [
    pytest.param(b'{"question": "\xff\xfe"}', "invalid_encoding", id="invalid-utf8"),
    pytest.param(b"[" * 1000 + b"]" * 1000, "invalid_json", id="1000-deep"),
    pytest.param(b'{"question": ' + b"1" * 100_000 + b"}", "invalid_json", id="100000-digits"),
    pytest.param(b'{"question": "\\ud800"}', None, id="lone-surrogate-escape"),
])
def test_api_unparseable_bodies_get_the_documented_shape(http: httpx.Client, body: bytes, code: str | None) -> None:
    r = http.post("/api/ask", content=body, headers={"content-type": "application/json"})
    if code is None:  # JSON may escape a lone surrogate: it is cleaned away like any other unreadable input
        assert (r.status_code, r.json()["error"]) == (422, "empty_question")
    else:
        assert (r.status_code, r.json()) == (400, {"error": code, "message": MESSAGES[code], "fields": []})


@pytest.mark.slow
@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
def test_api_rejects_oversized_bodies(http: httpx.Client, chunked: bool) -> None:
    payload = ('{"question": "' + "あ" * MAX_BODY_BYTES + '"}').encode()
    content = iter([payload[i : i + 65536] for i in range(0, len(payload), 65536)]) if chunked else payload
    r = http.post("/api/ask", content=content, headers={"content-type": "application/json"})
    assert r.status_code == 413
    assert r.json()["error"] == "body_too_large" and _is_polite_japanese(r.json())


@pytest.mark.slow
@pytest.mark.parametrize(("method", "path", "status", "code"), [
    ("GET", "/api/ask", 405, "method_not_allowed"),
    ("POST", "/api/nothing-here", 404, "not_found"),
])
def test_api_wrong_method_or_path_is_a_json_error(
    http: httpx.Client, method: str, path: str, status: int, code: str
) -> None:
    r = http.request(method, path)
    assert r.status_code == status
    assert r.json()["error"] == code and _is_polite_japanese(r.json())


@pytest.mark.slow
def test_twenty_simultaneous_requests_all_answer_correctly(base_url: str, service: QAService) -> None:
    questions = [CONCURRENT_QUESTIONS[i % len(CONCURRENT_QUESTIONS)] for i in range(20)]
    expected = {q: _expected(service, q) for q in CONCURRENT_QUESTIONS}

    def ask(q: str) -> tuple[str, int, dict]:
        with httpx.Client(base_url=base_url, timeout=120, trust_env=False) as client:
            r = client.post("/api/ask", json={"question": q})
            return q, r.status_code, r.json()

    with ThreadPoolExecutor(max_workers=20) as pool:
        results = list(pool.map(ask, questions))
    assert len(results) == 20
    for q, status, body in results:
        assert status == 200, body
        assert _stable(body) == expected[q]
        assert "error" not in body


@pytest.mark.slow
def test_gradio_client_gets_cited_answers_and_follow_ups(base_url: str, service: QAService) -> None:
    from gradio_client import Client

    client = Client(base_url + "/", verbose=False)
    conversation, box, ids = client.predict(QUESTION, api_name="/ask")
    assert set(ids) == {"conversation", "voter"}
    expected = service.ask(QUESTION)
    first = expected.citations[0]
    assert box == ""
    assert conversation.count('<article class="ex') == 1
    assert expected.answer.split("[")[0] in conversation
    assert first.title in conversation and f"{first.line_start}–{first.line_end}行" in conversation

    conversation, _, _ = client.predict(FOLLOW_UP, api_name="/ask")
    assert conversation.count('<article class="ex') == 2
    assert first.title in conversation and "を踏まえて回答しました" in conversation


@pytest.mark.slow
def test_gradio_client_empty_question_gets_a_clear_error(base_url: str) -> None:
    from gradio_client import Client
    from gradio_client.exceptions import AppError

    client = Client(base_url + "/", verbose=False)
    for empty in ("", "   "):
        with pytest.raises(AppError, match="質問を入力してください"):
            client.predict(empty, api_name="/ask")


@pytest.mark.slow
def test_gradio_client_budget_table_has_every_record(base_url: str, service: QAService) -> None:
    from gradio_client import Client

    client = Client(base_url + "/", verbose=False)
    table, chart, note = client.predict("すべて", "すべて", "", True, "柱別", api_name="/budget")
    assert len(table["data"]) == len(service.records)
    assert "内数" in note and "合計はしていません" in note
    assert chart


class _BrokenService:
    """The real service's data, but every question fails: what the page and API must hide."""

    def __init__(self, real: QAService) -> None:
        self.records, self.lines, self.settings = real.records, real.lines, real.settings

    def ask(self, question: object, history: object = None) -> Answer:
        raise RuntimeError("secret internal detail /etc/passwd")

    def health(self) -> dict:
        raise RuntimeError("secret internal detail")


def test_unexpected_errors_become_polite_messages(service: QAService, settings: Settings) -> None:
    app = create_app(_BrokenService(service), settings)  # type: ignore[arg-type]
    with TestClient(app, raise_server_exceptions=False) as client:
        r = client.post("/api/ask", json={"question": QUESTION})
        assert r.status_code == 500
        assert r.json()["error"] == "internal_error" and _is_polite_japanese(r.json())
        assert "secret" not in r.text
        h = client.get("/healthz")
        assert h.status_code == 503 and "secret" not in h.text


def test_api_history_limits_follow_the_settings(settings: Settings) -> None:
    request = ask_request_model(settings.model_copy(update={"web_history_turns": 2, "web_history_turn_chars": 3}))
    turn = {"role": "user", "content": "あいう"}
    request.model_validate({"question": QUESTION, "history": [turn, turn]})
    for history, error in (([turn] * 3, "too_long"), ([{**turn, "content": "あいうえ"}], "string_too_long")):
        with pytest.raises(ValidationError) as raised:
            request.model_validate({"question": QUESTION, "history": history})
        assert [e["type"] for e in raised.value.errors()] == [error]


def test_slack_http_mode_is_mounted_when_configured(service: QAService, settings: Settings, monkeypatch) -> None:
    calls = []
    fake = types.ModuleType("bot.slack")
    fake.mount_http = lambda app, s, svc: calls.append((app, s, svc))  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "bot.slack", fake)
    create_app(service, settings.model_copy(update={"slack_signing_secret": "", "slack_bot_token": ""}))
    assert calls == []
    slack_settings = settings.model_copy(update={"slack_signing_secret": "s", "slack_bot_token": "xoxb-test"})
    create_app(service, slack_settings)
    assert len(calls) == 1 and calls[0][2] is service


@pytest.mark.slow
def test_api_rate_limit_per_client(service: QAService, settings: Settings) -> None:
    app = create_app(service, settings.model_copy(update={"api_rate_limit": "2/minute"}))
    with TestClient(app, client=("192.0.2.1", 1000)) as one, TestClient(app, client=("192.0.2.2", 1000)) as two:
        assert [one.post("/api/ask", json={"question": QUESTION}).status_code for _ in range(2)] == [200, 200]
        r = one.post("/api/ask", json={"question": QUESTION})
        assert r.status_code == 429 and 1 <= int(r.headers["retry-after"]) <= 60
        message = MESSAGES["rate_limited"].format(seconds=r.headers["retry-after"])
        assert r.json() == {"error": "rate_limited", "message": message, "fields": []}
        assert two.post("/api/ask", json={"question": QUESTION}).status_code == 200  # another address: its own count


@pytest.mark.slow
def test_stalled_request_bodies_are_dropped(service: QAService, settings: Settings) -> None:
    """20 clients send headers and half a body, then nothing: each gets a 408 and a closed connection."""
    import socket
    import time

    app = create_app(service, settings.model_copy(update={"request_body_timeout_s": 0.5}))
    with BackgroundServer(app) as server:
        host, port = server.url.removeprefix("http://").split(":")
        started = time.monotonic()
        conns = [socket.create_connection((host, int(port)), timeout=15) for _ in range(20)]
        for conn in conns:
            conn.sendall(b"POST /api/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                         b"Content-Length: 100\r\n\r\n{\"question\": \"")
        replies = [b"".join(iter(lambda c=conn: c.recv(65536), b"")) for conn in conns]  # until the server closes
        held = time.monotonic() - started
        for conn in conns:
            conn.close()
    assert all(r.startswith(b"HTTP/1.1 408") and b'"request_timeout"' in r for r in replies)
    assert held < 10  # 0.5 s per read; before the timeout they were held as long as the client waited
