"""The document profile: the edition's own facts, read from the records."""

from __future__ import annotations

from bot.document.profile import build_profile
from bot.models import Record


def test_profile_of_the_real_document(records: list[Record]) -> None:
    p = build_profile(records)
    assert (p.fiscal_year, p.previous_year, p.date) == ("令和8年度", "令和7年度", "令和7年9月2日")
    assert p.author == "内閣官房新しい地方経済・生活環境創生本部事務局"
    assert p.title == "地方創生2.0基本構想 政策パッケージ関連 令和8年度予算概算要求・税制改正要望"
    assert p.examples == (
        "本社機能の地方分散の予算は？", "概算要求の総額はいくらですか？", "GX産業立地の推進の担当省庁は？",
        "国土交通省が担当する施策を教えてください。",
    )
