"""The next edition, with no code change: years +1, figures +1 億円, one line item inserted (tests/edition.py).

Everything the bot knows about an edition — the fiscal year requested and the one compared with, the
date, the figures, the line numbers — must come from the document, so these questions about the
perturbed edition must be answered as the same questions are about the real one.
"""

from __future__ import annotations

import pytest

from bot.config import Settings
from bot.qa.service import QAService
from tests.edition import NEW_ITEM, next_edition

pytestmark = pytest.mark.slow

# (question, facts every answer must contain — or None for a question to refuse)
QUESTIONS: list[tuple[str, list[str] | None]] = [
    ("令和9年度の地方創生2.0予算の概算要求額はいくらですか？", ["2,445億円", "事項要求"]),
    ("新しい地方経済・生活環境創生交付金の予算は？", ["2,375億円"]),
    ("地域未来共創モデル事業の予算は？", ["12億円"]),
    ("特定地域づくり事業の予算はいくら？", ["8.6億円"]),
    ("ふるさと住民登録制度の予算は？", ["1.8億円", "事項要求"]),
    ("地方大学・地域産業創生交付金の要求額を教えて", ["18億円"]),
    ("概算要求の総額は前年度と比べていくら増えましたか？", ["2,445億円", "2,038億円", "407億円"]),
    ("交付金は令和8年度当初予算からどれだけ増えた？", ["2,375億円", "2,001億円", "374億円"]),
    ("この資料はいつ公表されたものですか？", ["令和8年9月2日"]),
    ("「交通空白」の解消に向けた取組の担当省庁は？", ["国土交通省"]),
    ("交通空白の集中対策期間はいつまで？", ["2028年度"]),
    ("訪日外国人旅行者数の目標は？", ["6,000万人"]),
    ("事項要求とは何ですか？", ["事項要求"]),
    ("令和7年度の地方創生2.0予算はいくらでしたか？", None),
    ("令和11年度の概算要求額は？", None),
    ("ふるさと納税の予算はいくら？", None),
    ("首相の名前は？", None),
    ("地方創生臨時交付金はいくら？", None),
    ("税制改正要望がある施策は？", ["税制改正要望"]),
    ("国土交通省が担当する施策を教えてください。", ["国土交通省"]),
]


@pytest.fixture(scope="module")
def edition(settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> QAService:
    folder = tmp_path_factory.mktemp("edition")
    corpus = folder / "next_edition.md"
    corpus.write_text(next_edition(settings.corpus_path.read_text(encoding="utf-8")), encoding="utf-8")
    return QAService(Settings(corpus_path=corpus, data_dir=folder / "data"))


def _passes(service: QAService, question: str, facts: list[str] | None) -> bool:
    answer = service.ask(question)
    if facts is None:
        return answer.refused
    text = answer.answer.replace(",", "")
    return not answer.refused and all(f.replace(",", "") in text for f in facts) and bool(answer.citations)


def test_the_next_edition_is_answered_with_no_code_change(edition: QAService) -> None:
    failed = [q for q, facts in QUESTIONS if not _passes(edition, q, facts)]
    assert len(failed) <= len(QUESTIONS) * 0.05, failed


def test_the_inserted_line_and_the_lines_after_it_are_cited_where_they_now_are(edition: QAService) -> None:
    lines = edition.lines
    new = edition.ask("地域未来共創モデル事業の予算は？").citations[0]
    assert lines[new.line_start - 1] == NEW_ITEM
    later = edition.ask("地方大学・地域産業創生交付金の予算は？").citations[0]
    assert "地方大学・地域産業創生交付金 18億円" in lines[later.line_start - 1]


def test_the_profile_follows_the_edition(edition: QAService) -> None:
    profile = edition.chain.profile
    assert (profile.fiscal_year, profile.previous_year, profile.date) == ("令和9年度", "令和8年度", "令和8年9月2日")
