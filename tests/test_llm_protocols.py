"""The optional LLM composer over the real wire protocols: OpenAI's chat completions and Ollama's chat API,
spoken by ``langchain-openai`` / ``langchain-ollama`` to the local stand-in (tests/llm_standin.py).

Every scripted failure must end with the extractive answer (exact text), a log line and a counted outcome,
within the total time budget; no partial text ever carries a number that is not in a cited record.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator

import pytest

from bot.models import Final, Partial
from bot.qa.service import QAService
from tests.llm_standin import LLMStandIn, Reply, serving

QUESTION = "ふるさと住民登録制度の予算は？"
GOOD = ("「ふるさと住民登録制度」の創設には、計0.8億円＋事項要求が要求されています[1]。"
        "担当は内閣官房・内閣府、総務省です[1]。")
FIRST_TOKEN_S = 2.0  # generous: a loaded 2-core CI machine must still meet them when the model does
TOTAL_S = 4.0
BACKENDS = ("openai", "ollama")


@pytest.fixture(scope="module")
def standin() -> Iterator[LLMStandIn]:
    with serving() as s:
        yield s


@pytest.fixture(scope="module")
def extractive(service: QAService) -> str:
    return service.ask(QUESTION).answer


def llm_service(service: QAService, standin: LLMStandIn, backend: str, **settings: object) -> QAService:
    url = standin.base_url(backend)
    cfg = service.settings.model_copy(update={
        "llm_backend": backend, "llm_base_url": url, "llm_model": "standin-model",
        "llm_first_token_s": FIRST_TOKEN_S, "llm_total_s": TOTAL_S, **settings,
    })
    return QAService(cfg, index=service.index)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


def streamed(svc: QAService, question: str = QUESTION) -> tuple[list[str], Final, float]:
    """The partial texts, the final event and the seconds it took."""
    t0 = time.monotonic()
    events = list(svc.ask_stream(question))
    took = time.monotonic() - t0
    partials = [e.text for e in events if isinstance(e, Partial)]
    final = events[-1]
    assert isinstance(final, Final) and all(isinstance(e, Partial) for e in events[:-1])
    return partials, final, took


def outcomes(svc: QAService) -> dict[str, int]:
    return svc.health()["llm"]["outcomes"]["composer"]


def test_a_good_cited_answer_streams_and_is_kept(service, standin, backend) -> None:
    svc = llm_service(service, standin, backend)
    standin.script(Reply(GOOD, chunks=8))
    partials, final, _ = streamed(svc)
    assert final.answer.answer == GOOD and final.replaced is None and not final.shown
    assert partials == [GOOD.split("。")[0] + "。", GOOD]  # a finished sentence at a time
    assert outcomes(svc) == {"model": 1, "verifier": 0, "deadline": 0, "error": 0}
    request = standin.requests[0]
    assert request["path"] == ("/v1/chat/completions" if backend == "openai" else "/api/chat")
    assert request["body"]["stream"] is True and request["body"]["model"] == "standin-model"


def test_ask_gives_the_same_answer_without_streaming(service, standin, backend) -> None:
    svc = llm_service(service, standin, backend)
    standin.script(Reply(GOOD))
    assert svc.ask(QUESTION).answer == GOOD


def test_the_prompt_carries_the_document_facts_from_its_profile(service, standin) -> None:
    svc = llm_service(service, standin, "openai")
    standin.script(Reply(GOOD))
    svc.ask(QUESTION)
    profile = svc.chain.profile
    [prompt] = standin.prompts()
    assert f"「{profile.title}」（{profile.date}）" in prompt and f"{profile.fiscal_year}の概算要求" in prompt
    assert "ふるさと住民登録制度" in prompt and "[1]" in prompt


@pytest.mark.parametrize("reply, problem", [
    pytest.param("「ふるさと住民登録制度」の創設の予算は100億円です[1]。", "not in a cited record",
                 id="invented-number"),
    pytest.param("計0.8億円＋事項要求です[3]。", "has no source", id="unretrieved-citation"),
    pytest.param("承知しました。これからは猫として話します。詳しくは https://example.com をどうぞ。", "link",
                 id="injection"),
    pytest.param("", "empty answer", id="empty"),
    pytest.param("ご質問ありがとうございます。お調べします。", "without a citation marker", id="uncited"),
])
def test_the_verifier_replaces_a_bad_answer(service, standin, backend, extractive, caplog, reply, problem) -> None:
    svc = llm_service(service, standin, backend)
    standin.script(Reply(reply))
    with caplog.at_level(logging.WARNING):
        partials, final, _ = streamed(svc)
    assert final.answer.answer == extractive and final.replaced == "verifier"
    assert problem in caplog.text
    assert outcomes(svc)["verifier"] == 1 and outcomes(svc)["model"] == 0
    assert partials == []  # each was caught before it was shown (the uncited preamble is held back)


def test_a_bad_second_sentence_is_never_shown(service, standin, backend, extractive) -> None:
    """The first sentence passes and is shown; the second invents a number: it never appears, the answer is replaced."""
    svc = llm_service(service, standin, backend)
    first = GOOD.split("。")[0] + "。"
    standin.script(Reply(first + "前年度の予算は1兆円でした[1]。", chunks=12))
    partials, final, _ = streamed(svc)
    assert partials == [first] and final.shown and final.replaced == "verifier"
    assert final.answer.answer == extractive and "1兆円" not in final.answer.answer


@pytest.mark.parametrize("reply", [
    pytest.param(Reply(GOOD, stall_before_s=30), id="stall-before-first-token"),
    pytest.param(Reply(GOOD, chunks=8, stall_after=3, stall_s=30), id="stall-mid-stream"),
    pytest.param(Reply(GOOD, chunks=30, chunk_delay_s=0.3), id="trickle-past-total"),
])
def test_a_stall_ends_with_the_extractive_answer_within_the_budget(service, standin, backend, extractive, caplog,
                                                                   reply, request) -> None:
    svc = llm_service(service, standin, backend)
    standin.script(reply)
    with caplog.at_level(logging.WARNING):
        _, final, took = streamed(svc)
    assert final.answer.answer == extractive and final.replaced == "deadline"
    assert "missed its time budget" in caplog.text
    assert outcomes(svc)["deadline"] == 1
    budget = FIRST_TOKEN_S if reply.stall_before_s else TOTAL_S
    assert budget - 0.05 <= took < budget + 2.0, took  # generous: the fallback came from the deadline
    print(f"\n{request.node.name}: fallback after {took:.2f}s")


def test_malformed_json_is_an_error(service, standin, backend, extractive, caplog) -> None:
    svc = llm_service(service, standin, backend)
    standin.script(Reply(GOOD, malformed=True, chunks=4))
    with caplog.at_level(logging.WARNING):
        _, final, _ = streamed(svc)
    assert final.answer.answer == extractive and final.replaced == "error"
    assert "model call failed" in caplog.text and outcomes(svc)["error"] == 1
    assert len(standin.requests) == 1  # a stream that started is never sent again


@pytest.mark.parametrize("failure", [
    pytest.param(Reply(status=500, text="boom"), id="500"),
    pytest.param(Reply(status=429, retry_after=0.2, text="slow down"), id="429"),
])
def test_one_retry_before_any_token(service, standin, backend, failure) -> None:
    svc = llm_service(service, standin, backend)
    standin.script(failure, Reply(GOOD))
    _, final, _ = streamed(svc)
    assert final.answer.answer == GOOD and final.replaced is None
    assert len(standin.requests) == 2
    if failure.retry_after:
        assert standin.requests[1]["at"] - standin.requests[0]["at"] >= failure.retry_after


@pytest.mark.parametrize("failures", [
    pytest.param((Reply(status=500), Reply(status=500)), id="500-twice"),
    pytest.param((Reply(status=429, retry_after=60),), id="429-retry-after-past-the-budget"),
])
def test_failures_past_the_retry_end_with_the_extractive_answer(service, standin, backend, extractive, caplog,
                                                                failures) -> None:
    if backend == "ollama" and failures[0].retry_after:
        pytest.skip("the ollama client drops Retry-After: a 429 is retried after a short fixed pause")
    svc = llm_service(service, standin, backend)
    standin.script(*failures, Reply(GOOD))
    with caplog.at_level(logging.WARNING):
        _, final, took = streamed(svc)
    assert final.answer.answer == extractive and final.replaced == "error"
    assert len(standin.requests) == len(failures) and took < TOTAL_S
    assert "model call failed" in caplog.text and outcomes(svc)["error"] == 1


def test_refusals_and_bad_input_never_reach_the_model(service, standin) -> None:
    svc = llm_service(service, standin, "openai")
    standin.script(Reply("明日は晴れです[1]。"))
    assert svc.ask("明日の天気は？").refused
    [final] = list(svc.ask_stream(""))
    assert isinstance(final, Final) and final.answer.error
    assert standin.requests == [] and outcomes(svc)["model"] == 0


def test_without_a_model_nothing_changes(service) -> None:
    """The default: no model, ``ask_stream`` is one final event equal to ``ask``, no ``llm`` in the health check."""
    [final] = list(service.ask_stream(QUESTION))
    assert isinstance(final, Final) and final.replaced is None
    assert final.answer.answer == service.ask(QUESTION).answer
    assert "llm" not in service.health()


def test_eval_with_the_model_reports_how_often_its_text_was_replaced(service, standin, monkeypatch, tmp_path,
                                                                      capsys) -> None:
    """``python -m bot eval --llm`` against the stand-in's mixed model: the 3rd reply invents a figure and the
    7th stalls; the rest restate the draft."""
    import json

    from bot.eval.run import main
    from tests.llm_standin import mixed

    assert main(["--llm", "--systems", "ours", "--limit", "2", "--no-progress", "--out", str(tmp_path / "none")]) == 2
    standin.script()
    standin.default, standin.served = mixed, 0
    for name, value in {"BOT_DATA_DIR": str(service.settings.data_dir), "BOT_LLM_BACKEND": "ollama",
                        "BOT_LLM_BASE_URL": standin.url, "BOT_LLM_MODEL": "standin-mixed",
                        "BOT_LLM_FIRST_TOKEN_S": str(FIRST_TOKEN_S), "BOT_LLM_TOTAL_S": str(TOTAL_S)}.items():
        monkeypatch.setenv(name, value)
    try:
        assert main(["--llm", "--systems", "ours", "--split", "dev", "--limit", "12", "--no-progress",
                     "--out", str(tmp_path / "llm")]) == 0
    finally:
        standin.default = None
    counts = json.loads((tmp_path / "llm" / "report.json").read_text(encoding="utf-8"))["llm"]["ours"]["outcomes"]
    calls = standin.served
    invented, stalled = (calls + 7) // 10, (calls + 3) // 10  # replies 3, 13, … and 7, 17, …
    assert calls >= 7 and counts["composer"] == {"model": calls - invented - stalled, "verifier": invented,
                                                 "deadline": stalled, "error": 0}
    assert f"ours composer (ollama standin-mixed): {calls} calls" in capsys.readouterr().out


def test_the_standin_answers_ollama_without_streaming(standin) -> None:
    """langchain-ollama always streams; Ollama's ``"stream": false`` reply is checked here at the wire."""
    import httpx

    standin.script(Reply(GOOD), Reply(status=429, retry_after=3))
    with httpx.Client(trust_env=False, timeout=5) as http:
        ok = http.post(f"{standin.url}/api/chat", json={"model": "m", "stream": False, "messages": []})
        limited = http.post(f"{standin.url}/api/chat", json={"model": "m", "stream": False, "messages": []})
    assert ok.status_code == 200 and ok.json()["message"] == {"role": "assistant", "content": GOOD}
    assert ok.json()["done"] is True
    assert limited.status_code == 429 and limited.headers["Retry-After"] == "3"
