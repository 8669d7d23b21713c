"""Slack's AI-app surface and App Home: what the bot is, what to ask, where answers come from.

Everything about the document (its title, date, author, example questions) comes from its profile
(:mod:`bot.document.profile`), never from this code, so a new edition needs no change here.
"""

from __future__ import annotations

from typing import Any

from bot.document.profile import Profile
from bot.slack.blocks import escape

GREETING = "こんにちは。資料の内容について、出典（行番号）つきでお答えします。下の例から選ぶか、質問を入力してください。"
STATUS = "資料を確認しています…"
TITLE_MAX = 60
PROMPTS_MAX = 4
PROMPT_TITLE_MAX = 75
PRIVACY = ("*プライバシー*：質問・回答・👍/👎 の評価は、回答の改善のためにこのボットの保存領域に記録されます。"
           "ボットが読むのは、自分が回答したスレッドとDMの履歴だけです。")


def suggested_prompts(profile: Profile | None) -> list[dict[str, str]]:
    """Up to four of the profile's example questions, as ``assistant.threads.setSuggestedPrompts`` wants them."""
    examples = profile.examples[:PROMPTS_MAX] if profile else ()
    return [{"title": e[:PROMPT_TITLE_MAX], "message": e} for e in examples]


def thread_title(question: str) -> str:
    """An assistant thread's title: the first question, shortened."""
    one_line = " ".join(question.split())
    return one_line if len(one_line) <= TITLE_MAX else one_line[: TITLE_MAX - 1] + "…"


def home_view(profile: Profile | None, command: str = "/chihou") -> dict[str, Any]:
    """The App Home tab: what the bot is, how to ask, examples, the source document and its date, privacy."""
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": "予算資料QAボット"}},
        {"type": "section", "text": {"type": "mrkdwn", "text": (
            "資料に書かれている施策・金額・担当府省庁について、日本語の質問に、根拠となる資料の行を示して答えます。"
            "資料に書かれていないことには、そう答えます。\n"
            f"• チャンネルでメンション　• このアプリへのDM（AIアシスタント画面を含む）　• `{command} 質問`（自分にだけ表示）")}},
    ]
    if profile and profile.examples:
        lines = "\n".join(f"• {escape(e)}" for e in profile.examples)
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": f"*質問の例*\n{lines}"}})
    if profile and profile.title:
        source = " ／ ".join(escape(p) for p in (profile.title, profile.author, profile.date) if p)
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": f"*出典*：{source}"}]})
    blocks += [{"type": "divider"}, {"type": "context", "elements": [{"type": "mrkdwn", "text": PRIVACY}]}]
    return {"type": "home", "blocks": blocks}
