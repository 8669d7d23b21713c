"""The optional LLM reader over the real protocols: structured output (a JSON schema) from the stand-in.

A valid reading is used; an intent outside the closed set, a title the document lacks, malformed JSON, a
stall or a failing server leave the rule reader's reading, within the reader's budget, logged and counted.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator

import pytest

from bot.models import Turn
from bot.qa.llm import ANSWER_VARIABLES, load_prompt
from bot.qa.llm_reader import READ_PROMPT, READ_VARIABLES
from bot.qa.service import QAService
from tests.llm_standin import LLMStandIn, Reply, serving
from tests.test_llm_protocols import BACKENDS

VAGUE = "ふるさと住民登録制度について教えて"  # the rules read an overview
EXPLICIT = "ふるさと住民登録制度の担当省庁は？"  # what the model reads it as: the ministries in charge
READER_S = 3.0  # generous, as for the composer


def reading(**fields: object) -> str:
    base = {"intent": "ministries", "item": "ふるさと住民登録制度", "items": [], "ministries": [], "pillar": None,
            "follow_up": False}
    return json.dumps({**base, **fields}, ensure_ascii=False)


@pytest.fixture(scope="module")
def standin() -> Iterator[LLMStandIn]:
    with serving() as s:
        yield s


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


def reader_service(service: QAService, standin: LLMStandIn, backend: str, uses: str = "reader") -> QAService:
    url = standin.base_url(backend)
    cfg = service.settings.model_copy(update={
        "llm_backend": backend, "llm_base_url": url, "llm_model": "standin-model", "llm_uses": uses,
        "llm_reader_total_s": READER_S, "llm_first_token_s": 2.0, "llm_total_s": 4.0,
    })
    return QAService(cfg, index=service.index)


def reader_outcomes(svc: QAService) -> dict[str, int]:
    return svc.health()["llm"]["outcomes"]["reader"]


def test_the_rules_and_the_model_read_the_vague_question_differently(service) -> None:
    assert service.ask(VAGUE).intent == "overview" and service.ask(EXPLICIT).intent == "ministries"


def test_a_valid_reading_is_used(service, standin, backend) -> None:
    svc = reader_service(service, standin, backend)
    standin.script(Reply(reading()))
    answer = svc.ask(VAGUE)
    assert answer.intent == "ministries" and answer.answer == service.ask(EXPLICIT).answer
    assert reader_outcomes(svc) == {"model": 1, "verifier": 0, "deadline": 0, "error": 0}
    body = standin.requests[0]["body"]
    schema = body["response_format"]["json_schema"]["schema"] if backend == "openai" else body["format"]
    assert "ministries" in schema["properties"]["intent"]["enum"]
    [prompt] = standin.prompts()
    profile = svc.chain.profile
    assert f"「{profile.title}」（{profile.date}、{profile.fiscal_year}の概算要求）" in prompt
    assert profile.pillars[0] in prompt and VAGUE in prompt


@pytest.mark.parametrize("reply, logged", [
    pytest.param(Reply(reading(intent="weather")), "ValidationError|OutputParserException", id="intent-not-in-the-set"),
    pytest.param(Reply(reading(item="宇宙エレベーター建設事業")), "no measure titled", id="unknown-title"),
    pytest.param(Reply(reading(pillar="(9)")), "no pillar", id="unknown-pillar"),
    pytest.param(Reply("これはJSONではありません"), "ValidationError|OutputParserException", id="not-json"),
])
def test_an_invalid_reading_leaves_the_rule_reading(service, standin, backend, caplog, reply, logged) -> None:
    svc = reader_service(service, standin, backend)
    standin.script(reply)
    with caplog.at_level(logging.WARNING):
        answer = svc.ask(VAGUE)
    assert answer.intent == "overview" and answer.answer == service.ask(VAGUE).answer
    assert any(word in caplog.text for word in logged.split("|")) and "using the rule reading" in caplog.text
    assert reader_outcomes(svc)["verifier"] == 1 and reader_outcomes(svc)["model"] == 0


def test_a_stalled_reader_leaves_the_rule_reading_within_its_budget(service, standin, backend, caplog) -> None:
    svc = reader_service(service, standin, backend)
    standin.script(Reply(reading(), stall_before_s=30))
    t0 = time.monotonic()
    with caplog.at_level(logging.WARNING):
        answer = svc.ask(VAGUE)
    took = time.monotonic() - t0
    assert answer.answer == service.ask(VAGUE).answer and reader_outcomes(svc)["deadline"] == 1
    assert "reader missed its time budget" in caplog.text
    assert READER_S - 0.05 <= took < READER_S + 3.0, took  # generous: the fallback came from the budget
    print(f"\nreader stall ({backend}): rule reading after {took:.2f}s")


def test_a_failing_server_leaves_the_rule_reading(service, standin, backend) -> None:
    svc = reader_service(service, standin, backend)
    standin.script(Reply(status=500), Reply(status=503))
    assert svc.ask(VAGUE).answer == service.ask(VAGUE).answer
    assert reader_outcomes(svc)["error"] == 1 and len(standin.requests) == 2  # one retry, then the rules


def test_the_conversation_reaches_the_reader(service, standin) -> None:
    svc = reader_service(service, standin, "openai")
    standin.script(Reply(reading(item=None, follow_up=True)))
    history = [Turn(role="user", content="ふるさと住民登録制度の予算は？"),
               Turn(role="assistant", content=service.ask("ふるさと住民登録制度の予算は？").answer)]
    answer = svc.ask("担当はどこ？", history)
    assert answer.intent == "ministries" and "内閣官房・内閣府、総務省" in answer.answer
    assert "利用者: ふるさと住民登録制度の予算は？" in standin.prompts()[0]


def test_reader_and_composer_together(service, standin) -> None:
    svc = reader_service(service, standin, "openai", uses="both")
    written = "「ふるさと住民登録制度」の担当は内閣官房・内閣府、総務省です[1]。"
    standin.script(Reply(reading()), Reply(written))
    assert svc.ask(VAGUE).answer == written
    assert [r["body"].get("stream", False) for r in standin.requests] == [False, True]
    outcomes = svc.health()["llm"]["outcomes"]
    assert outcomes["reader"]["model"] == 1 and outcomes["composer"]["model"] == 1


def test_the_reader_prompt_is_validated_and_names_no_document_fact() -> None:
    from bot.config import PROJECT_ROOT

    prompts = PROJECT_ROOT / "prompts"
    assert set(load_prompt(prompts, READ_PROMPT, READ_VARIABLES).input_variables) == READ_VARIABLES
    assert READ_VARIABLES != ANSWER_VARIABLES
    text = (prompts / READ_PROMPT).read_text(encoding="utf-8")
    assert "令和" not in text and "地方創生" not in text
