"""A streaming model behind the real surfaces: the web page in Chromium and Slack's Web API stand-in.

The model is the OpenAI-protocol stand-in (tests/llm_standin.py), sending its answer a few characters
every quarter second. The page and the Slack message show the checked sentences as they come, then the
verified answer; when the model invents a number, the number never appears and the surface says the
answer was replaced.
"""

from __future__ import annotations

import itertools
import os
import shutil
import time
from collections.abc import Iterator
from typing import Any

import pytest

from bot.config import Settings
from bot.qa.outcomes import REPLACED_NOTE
from bot.qa.service import QAService
from bot.slack.blocks import escape
from bot.slack.chat import PLACEHOLDER
from bot.state.feedback import FeedbackStore
from bot.web.server import BackgroundServer, create_app, offline_environment
from tests.llm_standin import LLMStandIn, Reply, serving
from tests.slack_standin import Call, SlackStandIn
from tests.test_slack import SECRET, _env

QUESTION = "ふるさと住民登録制度の予算は？"
FIRST = "「ふるさと住民登録制度」の創設には、計0.8億円＋事項要求が要求されています[1]。"
GOOD = FIRST + "担当は内閣官房・内閣府、総務省です[1]。"
INVENTED = FIRST + "前年度の予算は1兆円でした[1]。"
SLOW = {"chunks": 10, "chunk_delay_s": 0.25}  # about 2.5 s for the whole answer
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def llm() -> Iterator[LLMStandIn]:
    with serving() as s:
        yield s


@pytest.fixture(scope="module")
def llm_service(service: QAService, llm: LLMStandIn) -> QAService:
    cfg = service.settings.model_copy(update={
        "llm_backend": "openai", "llm_base_url": llm.base_url("openai"), "llm_model": "standin-model",
        "llm_first_token_s": 3.0, "llm_total_s": 8.0,
    })
    return QAService(cfg, index=service.index)


@pytest.fixture(scope="module")
def extractive(service: QAService) -> str:
    return service.ask(QUESTION).answer


# --- the web page -------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def page_url(llm_service: QAService) -> Iterator[str]:
    offline_environment()
    with BackgroundServer(create_app(llm_service, llm_service.settings)) as server:
        yield server.url


@pytest.fixture()
def page(page_url: str) -> Iterator[Any]:
    if shutil.which(CHROMIUM) is None and os.environ.get("CI") != "true":
        pytest.skip("needs Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_context(locale="ja-JP").new_page()
        page.set_default_timeout(30_000)
        page.goto(page_url + "/", wait_until="load")
        page.locator("#question textarea").wait_for()
        # Everything the conversation ever showed, however briefly: for "never on screen" assertions.
        page.evaluate("""() => { window.seenTexts = [];
            new MutationObserver(() => { const c = document.querySelector('#conversation');
                if (c) window.seenTexts.push(c.innerText); })
              .observe(document.body, {subtree: true, childList: true, characterData: true}); }""")
        yield page
        browser.close()


def _ask(page: Any, question: str) -> float:
    box = page.locator("#question textarea")
    box.fill(question)
    box.press("Enter")
    return time.monotonic()


def test_the_page_streams_the_checked_sentences_then_the_answer(page, llm) -> None:
    from playwright.sync_api import expect

    llm.script(Reply(GOOD, **SLOW))
    asked = _ask(page, QUESTION)
    partial = page.locator("#conversation .ex-pending .bot-partial")
    expect(partial).to_have_text(FIRST)
    first_shown = time.monotonic() - asked
    done = page.locator("#conversation article.ex:not(.ex-pending)")
    done.first.wait_for()
    expect(done.first.locator(".msg-bot")).to_contain_text("担当は内閣官房・内閣府、総務省です")
    print(f"\nbrowser: first sentence shown {first_shown:.2f}s after Enter, answer {time.monotonic() - asked:.2f}s")


def test_an_invented_number_never_reaches_the_page(page, llm, extractive) -> None:
    from playwright.sync_api import expect

    llm.script(Reply(INVENTED, **SLOW))
    _ask(page, QUESTION)
    expect(page.locator("#conversation .ex-pending .bot-partial")).to_have_text(FIRST)
    done = page.locator("#conversation article.ex:not(.ex-pending)")
    done.first.wait_for()
    expect(page.get_by_text(REPLACED_NOTE)).to_be_visible()
    text = done.first.locator(".msg-bot").inner_text()
    assert "事項要求」は金額を示さずに" in text and "1兆円" not in text
    assert not any("1兆円" in t for t in page.evaluate("window.seenTexts"))
    assert extractive.startswith("「『ふるさと住民登録制度』の創設」")


# --- Slack --------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def slack(settings: Settings, llm_service: QAService, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    slack_settings = llm_service.settings.model_copy(update={
        "slack_bot_token": "xoxb-test-token", "slack_app_token": "xapp-test-token",
        "slack_signing_secret": SECRET, "slack_progress_interval_s": 1.0,
    })
    standin = SlackStandIn().start()
    store = FeedbackStore(tmp_path_factory.mktemp("slack-llm") / "feedback.sqlite3")
    yield from _env(slack_settings, llm_service, store, standin)
    standin.stop()


def _updates(slack: Any, message: dict[str, Any]) -> tuple[Call, list[Call]]:
    """The placeholder and every update of it, once the final answer (with blocks) has arrived."""
    standin: SlackStandIn = slack.standin

    def probe() -> tuple[Call, list[Call]] | None:
        for placeholder in standin.calls_to("chat.postMessage", channel=message["channel"], thread_ts=message["ts"]):
            updates = standin.calls_to("chat.update", channel=message["channel"], ts=placeholder.params["_ts"])
            if updates and updates[-1].params.get("blocks"):
                return placeholder, updates
        return None

    return standin.wait_for(probe, timeout=30)


def _texts(call: Call) -> str:
    return str(call.params.get("text", "")) + str(call.params.get("blocks", ""))


def test_slack_updates_the_message_as_the_model_writes(slack, llm) -> None:
    """Many short sentences, one every ~0.2 s: the message is updated with them, but at most once a second."""
    text = FIRST + "担当は内閣官房・内閣府、総務省です[1]。" * 6
    llm.script(Reply(text, chunks=20, chunk_delay_s=0.2))
    message = slack.mention(QUESTION)
    placeholder, updates = _updates(slack, message)
    progress, final = updates[:-1], updates[-1]
    assert placeholder.params["text"] == PLACEHOLDER
    assert len(progress) >= 2 and all(text.startswith(u.params["text"]) for u in progress)
    times = [placeholder.at] + [u.at for u in progress]
    assert all(b - a >= 1.0 for a, b in itertools.pairwise(times))  # the cadence: at least a second apart
    assert final.params["text"] == escape(text)
    print(f"\nslack: {len(progress)} progress update(s), first {progress[0].at - placeholder.at:.2f}s after the "
          f"placeholder, final {final.at - placeholder.at:.2f}s")


def test_slack_never_shows_an_invented_number(slack, llm, extractive) -> None:
    """The invented sentence comes early in a long answer: unchecked, a later update would show it."""
    llm.script(Reply(INVENTED + "担当は内閣官房・内閣府、総務省です[1]。" * 6, chunks=24, chunk_delay_s=0.2))
    message = slack.mention(QUESTION)
    _, updates = _updates(slack, message)
    final = updates[-1]
    assert final.params["text"] == escape(extractive)
    assert escape(REPLACED_NOTE) in str(final.params["blocks"])
    assert not any("1兆円" in _texts(c) for c in slack.standin.calls)


def test_a_stalled_model_ends_with_the_extractive_answer_on_the_page(page, llm, llm_service, extractive) -> None:
    from playwright.sync_api import expect

    llm.script(Reply(GOOD, stall_before_s=60))
    asked = _ask(page, QUESTION)
    done = page.locator("#conversation article.ex:not(.ex-pending)")
    done.first.wait_for()
    took = time.monotonic() - asked
    expect(done.first.locator(".msg-bot")).to_contain_text("「事項要求」は金額を示さずに")
    assert page.get_by_text(REPLACED_NOTE).count() == 0  # nothing had been shown: nothing to take back
    budget = llm_service.settings.llm_first_token_s
    assert budget <= took < budget + 10, took  # generous: the answer came when the first-token budget ran out
    print(f"\nbrowser: stalled model, extractive answer shown {took:.2f}s after Enter (budget {budget:g}s)")


def test_a_stalled_model_ends_with_the_extractive_answer_in_slack(slack, llm, llm_service, extractive) -> None:
    llm.script(Reply(GOOD, chunks=8, stall_after=3, stall_s=60))
    message = slack.mention(QUESTION)
    placeholder, updates = _updates(slack, message)
    final = updates[-1]
    assert final.params["text"] == escape(extractive)
    assert all(GOOD.startswith(u.params["text"]) for u in updates[:-1])  # only checked sentences before it
    took = final.at - placeholder.at
    assert took < llm_service.settings.llm_total_s + 5, took
    print(f"\nslack: stalled mid-stream, extractive answer {took:.2f}s after the placeholder")
