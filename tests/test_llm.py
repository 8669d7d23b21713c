"""The optional LLM composer, with LangChain's fake chat model standing in for a real LLM."""

from __future__ import annotations

from pathlib import Path

import pytest
from langchain_core.language_models import FakeListChatModel

from bot.config import PROJECT_ROOT
from bot.qa.llm import ANSWER_VARIABLES, LLMComposer, load_prompt
from bot.qa.service import QAService


@pytest.fixture()
def llm_service(service):
    def make(replies: list[str]) -> QAService:
        model = FakeListChatModel(responses=replies)
        return QAService(service.settings, index=service.index, composer=LLMComposer(model, PROJECT_ROOT / "prompts"))

    return make


def test_grounded_llm_answer_is_shown(llm_service) -> None:
    reply = "「ふるさと住民登録制度」の創設には、計0.8億円＋事項要求が要求されています[1]。"
    answer = llm_service([reply]).ask("ふるさと住民登録制度の予算は？")
    assert answer.answer == reply and not answer.refused
    assert answer.citations[0].line_start == 190


def test_invented_number_falls_back_to_the_extractive_answer(llm_service) -> None:
    answer = llm_service(["ふるさと住民登録制度の予算は100億円です[1]。"]).ask("ふるさと住民登録制度の予算は？")
    assert "100億円" not in answer.answer and "0.8億円" in answer.answer


def test_unknown_citation_marker_falls_back(llm_service) -> None:
    answer = llm_service(["計0.8億円です[7]。"]).ask("ふるさと住民登録制度の予算は？")
    assert "[7]" not in answer.answer and "0.8億円" in answer.answer


def test_refusals_never_reach_the_model(llm_service) -> None:
    answer = llm_service(["明日は晴れです。"]).ask("明日の天気は？")
    assert answer.refused and "晴れ" not in answer.answer


def test_prompt_file_is_validated(tmp_path: Path) -> None:
    template = load_prompt(PROJECT_ROOT / "prompts", "answer.md", ANSWER_VARIABLES)
    assert set(template.input_variables) == ANSWER_VARIABLES
    (tmp_path / "answer.md").write_text("{question} だけ", encoding="utf-8")
    with pytest.raises(ValueError, match="placeholders"):
        load_prompt(tmp_path, "answer.md", ANSWER_VARIABLES)
    with pytest.raises(FileNotFoundError):
        load_prompt(tmp_path / "none", "answer.md", ANSWER_VARIABLES)


def test_the_prompt_names_the_document_from_its_profile(tmp_path: Path) -> None:
    """The title, date and fiscal year in the prompt are the document's, filled in; the prompt file names none."""
    from types import SimpleNamespace

    from bot.qa.question import analyse
    from tests.tiny import TITLE, tiny_service

    class Recording:
        prompts: list[str] = []

        def stream(self, prompt: str):
            self.prompts.append(prompt)
            yield SimpleNamespace(content="「山里バス支援事業」の概算要求額は4.5億円です[1]。")

    tiny = tiny_service(tmp_path)
    model = Recording()
    composer = LLMComposer(model, PROJECT_ROOT / "prompts")  # type: ignore[arg-type]
    question = analyse("山里バス支援事業の予算は？", [], tiny.chain.vocab)
    composer(question, [r for r in tiny.records if r.title == "山里バス支援事業"])
    prompt = model.prompts[-1]
    assert f"「{TITLE}」（令和8年8月1日）" in prompt and "令和9年度の概算要求" in prompt
    assert "{" not in prompt and "令和7" not in (PROJECT_ROOT / "prompts" / "answer.md").read_text(encoding="utf-8")
