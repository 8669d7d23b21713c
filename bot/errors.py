"""A few domain errors; the surfaces (CLI, web, Slack) turn them into polite Japanese messages."""

from __future__ import annotations

from typing import Literal

InvalidQuestionCode = Literal["not_text", "empty_question", "question_too_long"]
"""Why a question was rejected; the JSON API returns it as ``error``."""


class BotError(Exception):
    """Base class. ``user_message`` is safe to show to a user; ``str(self)`` is for logs."""

    user_message = "申し訳ありません。処理中にエラーが発生しました。時間をおいて再度お試しください。"


class InvalidQuestion(BotError):
    """The question cannot be answered as given (empty, too long, unreadable); ``code`` says which."""

    def __init__(self, code: InvalidQuestionCode, reason: str, user_message: str) -> None:
        super().__init__(reason)
        self.code: InvalidQuestionCode = code
        self.user_message = user_message


class CorpusMissing(BotError):
    """The source document is not where the settings say."""

    def __init__(self, path: object) -> None:
        super().__init__(f"corpus file not found: {path}")
        self.user_message = "資料ファイルが見つかりません。管理者にお問い合わせください。"


class IndexUnavailable(BotError):
    """The index could not be opened or rebuilt."""

    user_message = "検索インデックスを利用できません。管理者にお問い合わせください。"
