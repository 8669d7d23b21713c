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
    assert p.owner == ("内閣官房・内閣府", "地方創生2.0予算")  # from the heading 「内閣官房・内閣府 令和8年度 地方創生2.0予算 概算要求」


def test_the_headline_lines_that_add_up_to_the_total(records: list[Record]) -> None:
    p = build_profile(records)
    by_id = {r.id: r for r in records}
    total, *parts = (by_id[i] for i in p.breakdown)
    assert (total.amount_oku, [r.amount_oku for r in parts]) == (2444.0, [2374.0, 70.0])
    # lines that do not add up to the total are no 内訳 of it
    at = records.index(parts[0])
    changed = [*records[:at], parts[0].model_copy(update={"amount_oku": 2000.0}), *records[at + 1:]]
    assert build_profile(changed).breakdown == ()
    # … but figures rounded one by one may miss the rounded total by their last digits (2,375 + 70 ≈ 2,444)
    rounded = [*records[:at], parts[0].model_copy(update={"amount_oku": 2375.0}), *records[at + 1:]]
    assert build_profile(rounded).breakdown == p.breakdown
    beyond = [*records[:at], parts[0].model_copy(update={"amount_oku": 2376.0}), *records[at + 1:]]
    assert build_profile(beyond).breakdown == ()


def test_a_pillar_label_from_its_number(records: list[Record]) -> None:
    profile = build_profile(records)
    assert profile.pillar_label("5.") == "5. 横断的支援等"
    assert profile.pillar_label("(5)") == "(5) 広域リージョン連携"
    assert profile.pillar_label("9.") is None
