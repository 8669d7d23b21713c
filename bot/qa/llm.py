"""Optional LLM backends: the chat-model factory and the LLM composer, which writes from the same records.

An LLM is never required: with ``BOT_LLM_BACKEND=none`` (the default) the extractive composer answers.
Whatever the LLM writes goes through the same verifier; a draft that cites an unretrieved record or
states a number not in a cited record is replaced by the extractive answer.
"""

from __future__ import annotations

from pathlib import Path

from langchain_core.language_models import BaseChatModel
from langchain_core.prompts import PromptTemplate

from bot.config import Settings
from bot.models import Draft, Record
from bot.qa.compose import ExtractiveComposer
from bot.qa.question import Question
from bot.qa.wording import amount_label

ANSWER_PROMPT = "answer.md"
ANSWER_VARIABLES = {"sources", "draft", "question", "title", "date", "author", "fiscal_year"}
"""The document's title, date, author and fiscal year come from its profile, never from the prompt file."""


def chat_model(settings: Settings) -> BaseChatModel:
    """The configured chat model (extras ``openai`` / ``ollama``); any OpenAI-compatible server works."""
    if settings.llm_backend == "openai":
        from langchain_openai import ChatOpenAI

        return ChatOpenAI(model=settings.llm_model, base_url=settings.llm_base_url or None,
                          api_key=settings.llm_api_key, timeout=settings.llm_timeout_s, temperature=0)
    if settings.llm_backend == "ollama":
        from langchain_ollama import ChatOllama

        return ChatOllama(model=settings.llm_model, base_url=settings.llm_base_url or None, temperature=0)
    raise ValueError("no LLM backend configured (BOT_LLM_BACKEND=none)")


def load_prompt(prompts_dir: Path, name: str, variables: set[str]) -> PromptTemplate:
    """A prompt file whose placeholders must be exactly ``variables``: a missing or extra one is an error."""
    path = prompts_dir / name
    if not path.is_file():
        raise FileNotFoundError(f"prompt file not found: {path}")
    template = PromptTemplate.from_file(path, encoding="utf-8")
    if set(template.input_variables) != variables:
        raise ValueError(f"{path}: placeholders {sorted(template.input_variables)}, expected {sorted(variables)}")
    return template


def format_sources(records: list[Record], lines: list[str] | None = None) -> str:
    """Numbered sources as the model sees them: title, amount, ministries, lines, bullets."""
    out = []
    for n, r in enumerate(records, start=1):
        head = f"[{n}] {r.title}"
        if r.amount_text:
            head += f"【{amount_label(r)}】"
        if r.ministries:
            head += f"（{'、'.join(r.ministries)}）"
        out.append("\n".join([head + f"（{r.line_start}–{r.line_end}行）", *("・" + b for b in r.body)]))
    return "\n\n".join(out)


class LLMComposer:
    """Asks a chat model to write the answer from the records the extractive composer would cite."""

    def __init__(self, model: BaseChatModel, prompts_dir: Path) -> None:
        self.model = model
        self.template = load_prompt(prompts_dir, ANSWER_PROMPT, ANSWER_VARIABLES)
        self.extractive = ExtractiveComposer()

    def __call__(self, question: Question, records: list[Record]) -> Draft:
        draft = self.extractive(question, records)
        if draft.refused or not draft.cited:
            return draft
        profile = question.profile
        prompt = self.template.format(
            sources=format_sources(draft.cited), draft=draft.text, question=question.retrieval_text,
            title=profile.title, date=profile.date, author=profile.author, fiscal_year=profile.fiscal_year,
        )
        reply = self.model.invoke(prompt)
        text = reply.content if isinstance(reply.content, str) else str(reply.content)
        return Draft(text.strip(), list(draft.cited), computed=list(draft.computed), intent=draft.intent)


def make_composer(settings: Settings):
    """The composer the settings ask for: extractive by default, the LLM composer when one is configured."""
    if settings.llm_backend == "none":
        return ExtractiveComposer()
    return LLMComposer(chat_model(settings), settings.prompts_dir)
