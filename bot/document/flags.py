"""The budget flags the document writes beside an amount (内数, 事項要求, …): one table for every surface.

The composer's note after an amount, the page's badge and its tooltip, and the glossary answer all
read from here, so a flag is explained the same way wherever it is shown.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Flag:
    """One flag word and how it is explained."""

    word: str
    css: str
    """Badge class on the web page (``badge-<css>``)."""
    note: str
    """The sentence the composer adds after an amount with this flag."""
    help: str
    """The badge's tooltip on the web page."""
    glossary: str
    """The answer to 「<word>とは？」: standard budget vocabulary, written without figures."""


FLAGS: dict[str, Flag] = {
    f.word: f
    for f in (
        Flag(
            "内数", "naisu",
            note="（内数）は、より大きな予算の一部として計上されている金額で、この施策だけの額ではなく、"
            "他の金額と足し合わせることもできません。",
            help="内数：より大きな予算の一部として示された金額です。他の金額と合計できません。",
            glossary="「内数」とは、示された金額がより大きな予算の一部（その予算の中に含まれる額）であることを表します。"
            "この施策のためだけの新しい額ではなく、ほかの金額と足し合わせることもできません。",
        ),
        Flag(
            "事項要求", "jikou",
            note="「事項要求」は金額を示さずに事項だけを要求するもので、その分の金額は資料に記載されていません。",
            help="事項要求：金額を示さずに事項だけを要求するもので、金額は資料に記載されていません。",
            glossary="「事項要求」とは、概算要求の段階では金額を示さずに、事項（項目）だけを要求することです。"
            "金額は予算編成の過程で決まるため、資料には記載がありません。",
        ),
        Flag(
            "税制改正要望", "zei",
            note="「税制改正要望」は予算とは別に、税制の見直しを求めるものです。",
            help="税制改正要望：予算ではなく税制の改正を求めるものです。",
            glossary="「税制改正要望」とは、予算（歳出）とは別に、税制の見直しを求めるものです。",
        ),
        Flag(
            "調整中", "chousei",
            note="金額は【調整中】とされ、資料には示されていません。",
            help="調整中：金額は資料の時点で調整中です。",
            glossary="「調整中」とは、資料の作成時点で金額がまだ決まっておらず、示されていないことを表します。",
        ),
    )
}

TERM_WORDS = ("事項要求", "税制改正要望", "調整中")
"""Flags written as words in an amount (「0.6億円+税制改正要望」); 内数 is written in brackets instead."""

GLOSSARY: dict[str, str] = {
    **{word: f.glossary for word, f in FLAGS.items()},
    "概算要求": "「概算要求」とは、各府省庁が翌年度予算として財務省に要求する金額で、成立した予算ではありません。"
    "この資料の金額はすべて概算要求の段階のものです。",
}
"""Budget terms a question may ask the meaning of: the flags, and what every amount here is."""


def added_grant(flag: str) -> str | None:
    """The name of another grant added to an amount (flag 「＋社会資本整備総合交付金（内数）」), else None."""
    return flag.lstrip("＋") if flag.startswith("＋") else None
