"""Answers about several records: last year's figures, a share of the total, the largest, a sum, a list.

Only plain figures are ever added or divided (内数 and 事項要求 cannot be), and every computed figure is
labelled 「…として計算」 and declared on the draft for the verifier.
"""

from __future__ import annotations

import re
from collections import Counter

from bot.document.flags import TERM_WORDS, added_grant
from bot.models import Draft, Record
from bot.qa.answers_one import (
    WRONG_FIGURES,
    amount,
    amount_correction,
    confirm_figures,
    figure_in_text,
    overview,
    verdict,
    year_correction,
)
from bot.qa.grounding import same_number
from bot.qa.lexicon import GRANT_WORDS
from bot.qa.patterns import GOAL, INTENT_PATTERN
from bot.qa.question import Question
from bot.qa.refusal import refusal_text
from bot.qa.wording import (
    amount_label,
    as_written,
    best_sentence,
    computed_like,
    is_total,
    key_clause,
    ministries_label,
    notes_once,
    question_overlap,
    quote_title,
)
from bot.text import KANJI_DIGITS, amounts_oku, compact, format_oku


def _no_previous_year(q: Question, records: list[Record]) -> Draft:
    """A refusal that cites each measure asked of: the document states no previous-year figure for it, and which
    ones it does state."""
    previous = q.profile.previous_year or "前年度"
    compared = "と".join(f"「{t}」" for t in q.profile.compared)
    only = f"前年度と比較できる数字が載っているのは、{compared}だけです。" if compared else ""
    if len(records) == 1:
        missing = _not_written(q, records[0])
        rec = records[0]
        if rec.amount_text and _amount_asked_apart(q):  # 「…は何億？去年は？」: the amount asked first, then the year
            return Draft(f"{quote_title(rec)}の概算要求額は{amount_label(rec)}です[1]。{missing}{only}", records)
    else:
        named = "、".join(f"{quote_title(r)}[{n}]" for n, r in enumerate(records, start=1))
        missing = f"資料には、{named}の{previous}の予算額はいずれも記載されていません。"
    return Draft(missing + only, records, refused=True)


AMOUNT_ASKED = re.compile(r"いくら|何億|金額|予算額|要求額")


def _amount_asked_apart(q: Question) -> bool:
    """A sentence of its own asks the amount (「…は何億？去年は？」), apart from the one that asks the previous year."""
    parts = [p for p in re.split(r"(?<=[?？。])", q.payload) if p.strip()]
    previous = compact(q.profile.previous_year or "前年度")  # 「令和N年度当初の予算額っていくら？」 asks last year's
    return len(parts) > 1 and any(AMOUNT_ASKED.search(p) and not INTENT_PATTERN["comparison"].search(p)
                                  and previous not in compact(p) for p in parts)


SUBTRACTION_ASKED = re.compile(r"引く|引いた|差し引|ひく(?:と|ら)|ひいた")
"""「全体から交付金を引くと…」: the asker asks for the subtraction itself, which the answer gives first."""


def _not_written(q: Question, rec: Record) -> str:
    """The sentence saying that the document states no previous-year figure for the measure cited first."""
    return f"資料には、{quote_title(rec)}の{q.profile.previous_year or '前年度'}の予算額は記載されていません[1]。"


def comparison(q: Question, records: list[Record]) -> Draft:
    if q.group and [r.id for r in records] == list(q.profile.breakdown):
        return _part_change(q, records)
    window = records if q.asks_each else records[:3]  # 「それぞれ」: every record found that states last year
    with_prev = [r for r in window if r.prev_amount_oku is not None]
    top = records[0]
    cover = {r.id: question_overlap(q, r) for r in window}
    usable = [r for r in with_prev if r is top or q.asks_each or cover[r.id] >= 0.4 * cover[top.id] > 0]
    asked_of = q.named_item or (q.previous.named_item if q.previous else None)  # 「前年度の当初予算だと？」 of the earlier's
    named = next((r for r in window if r.id == asked_of), None)
    each = [r for r in window if r.id in q.named_items]
    if q.asks_each and len(each) >= 2 and all(r.prev_amount_oku is None for r in each):
        return _no_previous_year(q, each)  # 「AとB、それぞれ去年度からどれくらい増えた？」: neither states last year
    if named is not None and named.prev_amount_oku is None and not q.asks_each:
        top, usable = named, []  # 「特区推進事業の前年度の当初額は？」: that measure's, not the total's that retrieval also found
    elif named is not None and not q.named_item and not q.asks_each:
        top, usable = named, [named]  # a follow-up (「前年度の当初予算だと？」): the earlier question's measure only
    speaks_of_growth = not (q.names_last_year or q.names_previous_year) and (q.stated_amounts or q.named_item)
    if not usable and speaks_of_growth:
        return amount(q, records)  # 「この183.7億円はこれ以上増えない？」: not about last year; the amount answers
    if not usable:
        wrong = amount_correction(q, top)
        missing = _no_previous_year(q, [top])
        if wrong:  # 「…に170億円も要求されてますが、前年度から大幅増？」: the figure said is wrong first
            return Draft(f"{wrong}{missing.text}", [top])
        return missing
    with_prev = usable
    # Name every record with a previous-year figure the question points at (「総額と交付金それぞれ」).
    asked_numbers = q.stated_numbers
    wanted = [
        r for r in with_prev
        if r is with_prev[0] or cover[r.id] >= 0.5 * cover[with_prev[0].id] > 0 or q.asks_each
        or asked_numbers & {f"{r.amount_oku:g}", f"{r.prev_amount_oku:g}"}
    ]
    if q.asks_which_of_two and len(both := [r for r in records if r.prev_amount_oku is not None
                                            and (r.id in q.named_items or (is_total(r) and q.names_whole))]) == 2:
        wanted = both  # 「交付金の伸び率と、全体の伸び率、どっちが大きい？」: both changes, then which is larger
    elif len(q.items) >= 2 and len(named := [r for r in records if r.id in q.items and r.prev_amount_oku is not None]) >= 2:
        wanted = named  # 「交付金と全体、増えた分の差は？」: each item named, however much of the question each holds
    parts, computed = [], []
    lead = ""
    for n, rec in enumerate(wanted, start=1):
        assert rec.amount_oku is not None and rec.prev_amount_oku is not None
        diff = rec.amount_oku - rec.prev_amount_oku
        now, prev = format_oku(rec.amount_oku), format_oku(rec.prev_amount_oku)
        direction = "増加" if diff > 0 else "減少" if diff < 0 else "同額"
        # A wrong direction first, before the figures: 「前年度も2,444億円で据え置き？」「2,000億円から減った？」
        if n == 1 and q.claims_unchanged and diff != 0:
            lead = f"いいえ、据え置きではなく{'増額' if diff > 0 else '減額'}です。"
        elif n == 1 and q.claimed_times and rec.prev_amount_oku:  # 「本当に倍増なんですか？」: the ratio claimed
            lead = verdict(q, _ratio_holds(rec.amount_oku / rec.prev_amount_oku, *q.claimed_times)) + "。"
        elif n == 1 and q.mentions_decrease and diff > 0:  # 「減ってはいないですよね？」 is agreed with
            lead = f"{verdict(q, False)}、減額ではなく増額です。"
        elif n == 1 and _previous_said_wrong(q, rec.prev_amount_oku):
            lead = WRONG_FIGURES  # 「R(N-1)当初が2,374億円だったから、今年は？」: that is this year's request, not last year's
        elif n == 1 and q.asks_why_changed and q.states_other_than(rec.amount_oku, rec.prev_amount_oku):
            lead = WRONG_FIGURES  # 「2,000億円から2,473億円に増えたのはなぜ？」: the figures first, no reason is written
        elif n == 1 and q.premise_numbers:  # 「400億円以上ふえてる？」「407億円増えた？」: the difference is claimed too
            change = q.mentions_increase or q.mentions_decrease
            lead = (confirm_figures(q, prev, amount=rec.prev_amount_oku) if q.claims_previous_year
                    else confirm_figures(q, rec.amount_text or "", prev, format_oku(abs(diff)) if change else "",
                                         amount=abs(diff) if change else rec.amount_oku))
        elif n == 1 and q.yes_no and (
            q.mentions_increase or q.claims_more or q.claims_less
        ):  # 「前年度より多いですか？」
            lead = _change_verdict(q, diff)
        text = (
            f"{quote_title(rec)}の{q.profile.fiscal_year}概算要求額は{amount_label(rec)}、"
            f"{q.profile.previous_year}当初予算額は{prev}です[{n}]。"
            f"差は{format_oku(abs(diff))}の{direction}です（{now}−{prev}として計算"
        )
        text += "、事項要求分は金額がないため含みません）。" if "事項要求" in rec.flags else "）。"
        computed.append(format_oku(abs(diff)))
        if q.asks_rate and rec.prev_amount_oku:
            rate = round(100 * diff / rec.prev_amount_oku, 1)
            text += f"前年度比でおよそ{abs(rate):g}%の{direction}です（{format_oku(abs(diff))}÷{prev}として計算）。"
            computed.append(f"{abs(rate):g}")
        if q.asks_times and rec.prev_amount_oku:
            times = round(rec.amount_oku / rec.prev_amount_oku, 2)
            text += f"前年度のおよそ{times:g}倍です（{now}÷{prev}として計算）。"
            computed.append(f"{times:g}")
        parts.append(text)
    if q.asks_which_of_two and len(wanted) == 2:
        lead = ""  # which of the two, not whether
        parts.append(_larger_change(q, wanted))
    elif len(q.items) == 2 and len(wanted) == 2 and CHANGES_APART.search(q.payload):
        parts.append(_changes_apart(wanted, computed))
    if q.asks_each:  # 「それぞれ」: a record the question names that states no previous year says so
        named = [r for r in records[:3] if r.prev_amount_oku is None and r not in wanted and r.id in q.named_items]
        for r in named:
            wanted.append(r)
            parts.append(f"{quote_title(r)}の{q.profile.previous_year or '前年度'}の予算額は資料に記載されていません[{len(wanted)}]。")
    if q.claimed_year:
        lead = year_correction(q) + lead.removeprefix("はい、").removeprefix("はい。")
    return Draft(lead + "".join(parts), wanted, computed=computed)


PREVIOUS_SAID = re.compile(r"(?:前年度?|昨年度?|去年度?|前の年|当初)(?:予算)?(?:額)?(?:が|は|で|って)、?")
"""Where the question says what the previous year's figure was (「R(N-1)当初が」「前年度は」)."""


def _previous_said_wrong(q: Question, previous: float) -> bool:
    """The question states the previous year's figure, right after naming that year, and it is not the one written."""
    for m in PREVIOUS_SAID.finditer(q.payload):
        said = amounts_oku(q.payload[m.end():m.end() + 16])
        if said and said[0][0] == 0 and abs(said[0][2] - previous) > 1e-9:
            return True
    return False


def _change_verdict(q: Question, diff: float) -> str:
    """はい/いいえ to 「前年度より増えた？」「多いですか？」 (or a claimed decrease), then which way it went."""
    grew = q.mentions_increase or q.claims_more
    return f"{verdict(q, diff > 0 if grew else diff < 0)}、{'増額' if diff > 0 else '減額' if diff < 0 else '同額'}です。"


def _part_change(q: Question, records: list[Record]) -> Draft:
    """「交付金以外（2.～5.）は前年度と比べて増えた？」: a part of the total's 内訳 whose line states no previous-year figure.
    When the total and every other part state theirs, what the total's less theirs comes to is computed, labelled, and
    said not to be written. Asked how it changed, that figure answers; asked for the figure itself (「令和N年度当初では
    いくらでしたか？」), the document does not state it, and the answer says so first."""
    total, *parts = records
    part = next(r for r in parts if r.id == q.group)
    others = [r for r in parts if r is not part]
    if part.amount_oku is None or total.prev_amount_oku is None or any(r.prev_amount_oku is None for r in others):
        return _no_previous_year(q, [part])
    fiscal, previous = q.profile.fiscal_year, q.profile.previous_year or "前年度"
    rest = total.prev_amount_oku - sum(r.prev_amount_oku or 0.0 for r in others)
    minus = "−".join(format_oku(v) for v in (total.prev_amount_oku, *(r.prev_amount_oku or 0.0 for r in others)))

    def subtraction(first: int) -> str:  # the total cited as [first], the others after it
        subtracted = "と".join(f"{quote_title(r)}の{format_oku(r.prev_amount_oku or 0.0)}[{n}]"
                              for n, r in enumerate(others, start=first + 1))
        return (f"{quote_title(total)}の{previous}当初予算額{format_oku(total.prev_amount_oku or 0.0)}[{first}]から{subtracted}"
                f"を引くと{format_oku(rest)}です（{minus}として計算）")

    computed = subtraction(2)
    if q.asks_earlier_figure and SUBTRACTION_ASKED.search(q.payload):  # 「全体から交付金を引くと、いくらの計算？」
        cited = [total, *others, part]  # the subtraction first, what it is not said to be last
        text = f"{subtraction(1)}。ただし、これが{quote_title(part)}の{previous}の額だとは資料に書かれていません[{len(cited)}]。"
        return Draft(text, cited, computed=[format_oku(rest)])
    if q.asks_earlier_figure:
        text = f"{_not_written(q, part)}なお、{computed}が、これが{quote_title(part)}の{previous}の額だとは資料に書かれていません。"
        return Draft(text, [part, total, *others], refused=True, computed=[format_oku(rest)])
    diff = part.amount_oku - rest
    direction = "増加" if diff > 0 else "減少" if diff < 0 else "同額"
    lead = ""
    if q.yes_no and (q.mentions_increase or q.mentions_decrease or q.claims_more or q.claims_less):
        lead = _change_verdict(q, diff)
    text = (f"{lead}{quote_title(part)}の{fiscal}概算要求額は{amount_label(part)}です[1]。{previous}当初予算額は資料に直接は"
            f"書かれていませんが、{computed}。差は{format_oku(abs(diff))}の{direction}です"
            f"（{format_oku(part.amount_oku)}−{format_oku(rest)}として計算"
            + ("、事項要求分は金額がないため含みません）。" if "事項要求" in part.flags else "）。"))
    return Draft(text, [part, total, *others], computed=[format_oku(rest), format_oku(abs(diff))])


CHANGES_APART = re.compile(r"差|開き|違い|どれだけ違|どのくらい違|どれくらい違")
"""Asks how far apart two changes are (「増加額、全体と交付金とで差はいくら？」)."""


def _changes_apart(pair: list[Record], computed: list[str]) -> str:
    """The difference between two changes from the previous year, each already stated above it."""
    first, second = (r.amount_oku - r.prev_amount_oku for r in pair if r.amount_oku is not None and r.prev_amount_oku is not None)
    if first * second <= 0:
        return ""  # one grew and one shrank: the two changes above say it
    big, small = sorted((abs(first), abs(second)), reverse=True)
    gap = format_oku(big - small)
    computed.append(gap)
    return f"増減額の差は{gap}です（{format_oku(big)}−{format_oku(small)}として計算）。"


def _larger_change(q: Question, pair: list[Record]) -> str:
    """Which of two changes from the previous year is larger: by rate when a rate is asked, else by amount."""
    def change(r: Record) -> float:
        assert r.amount_oku is not None and r.prev_amount_oku is not None
        diff = r.amount_oku - r.prev_amount_oku
        return diff / r.prev_amount_oku if q.asks_rate and r.prev_amount_oku else diff
    first, second = pair
    if change(first) == change(second):
        return "増減は同じです。"
    larger = first if change(first) > change(second) else second
    return f"{'前年度比の伸び率' if q.asks_rate else '前年度からの増加額'}は、{quote_title(larger)}のほうが大きいです。"


def share(q: Question, records: list[Record]) -> Draft:
    """A part of the 総額 (or of the group whose total the question names) as a percentage, only for figures that
    are inside that total."""
    total = next((r for r in records if (r.id == q.group if q.group else is_total(r))), None)
    whole = f"{quote_title(total)}の" if q.group and total is not None else "総額"
    part = next((r for r in records if r is not total and r.amount_text), None)
    if total is None or part is None or total.amount_oku is None:
        return amount(q, records)
    inside = part.kind in ("headline", "line_item") and part.amount_oku is not None and not part.flags
    if not inside:
        why = "（内数）で、ほかの予算の一部の額" if part.is_naisu else "複数の府省庁の予算をまとめた施策の額"
        text = (
            f"{quote_title(part)}の{amount_label(part)}[1]は{why}です。{whole}{amount_label(total)}[2]の内訳として"
            "示された額ではないため、割合は計算できません。"
        )
        return Draft(text, [part, total])
    assert part.amount_oku is not None
    if q.asks_about_increase and part.prev_amount_oku and total.prev_amount_oku:
        part_diff = part.amount_oku - part.prev_amount_oku
        total_diff = total.amount_oku - total.prev_amount_oku
        pct = round(100 * part_diff / total_diff, 1)
        text = (
            f"総額の増加は{format_oku(total_diff)}（{format_oku(total.amount_oku)}−{format_oku(total.prev_amount_oku)}として計算）[2]、"
            f"{quote_title(part)}の増加は{format_oku(part_diff)}（{format_oku(part.amount_oku)}−{format_oku(part.prev_amount_oku)}として計算）[1]で、"
            f"増加分のおよそ{pct:g}%を占めます（{format_oku(part_diff)}÷{format_oku(total_diff)}として計算）。"
        )
        return Draft(text, [part, total], computed=[format_oku(part_diff), format_oku(total_diff), f"{pct:g}"])
    pct = round(100 * part.amount_oku / total.amount_oku, 1)
    text = (
        f"{quote_title(part)}の{amount_label(part)}[1]は、{whole}{amount_label(total)}[2]のおよそ{pct:g}%です"
        f"（{format_oku(part.amount_oku)}÷{format_oku(total.amount_oku)}として計算、事項要求分は金額がないため含みません）。"
    )
    return Draft(text, [part, total], computed=[f"{pct:g}"])


def breakdown(q: Question, records: list[Record]) -> Draft:
    """「総額の内訳は？」: the total, then the headline lines that add up to it, each as the document writes it."""
    total, *parts = records
    listed = "と、".join(f"{quote_title(r).removesuffix('の合計')}の{amount_label(r)}[{n}]"
                        for n, r in enumerate(parts, start=2))
    # 「…を足すと全体になる、で合ってますか？」: the figures stated checked first
    lead = confirm_figures(q, *(r.amount_text or "" for r in records)) if q.premise_numbers and q.seeks_confirmation else ""
    if not lead and q.yes_no:  # 「足すと要求総額とピッタリ一致しますか？」: a 内訳 is kept only when its parts add up
        lead = "はい。"
    return Draft(f"{lead}{quote_title(total)}の{amount_label(total)}[1]の内訳は、{listed}です。", records)


def superlative(q: Question, records: list[Record]) -> Draft:
    if q.ranks_by_ministries:
        return most_ministries(q, records)
    pool = [r for r in records if r.amount_oku is not None and not is_total(r)]  # the total is no measure among others
    kind = next((w for w in GRANT_WORDS if w in q.payload), None)  # 「一番大きい交付金」: among the grants, when any is found
    pool = [r for r in pool if kind and kind in r.title] or pool
    if not pool:
        return overview(q, records)
    smallest = q.asks_smallest
    ranked = sorted(pool, key=lambda r: r.amount_oku or 0.0, reverse=not smallest)
    if q.rank_asked > len(ranked):
        return overview(q, records)
    *above, rec = ranked[: q.rank_asked]  # 「2番目に大きいのは？」: the one after the largest, which is shown too
    size = "小さい" if smallest else "大きい"
    # the rank in words (二番目): the asker's, not a figure of the document to cite
    word = f"{KANJI_DIGITS[q.rank_asked]}番目に{size}" if above else f"最も{size}"
    scope = ("資料の主な事業" if q.asks_listed_items else "資料の施策") if q.ranks_all else "挙げられた施策"
    if q.group:  # 「2.～5.のうち…」: ranked among the group's own lines
        scope = f"「{q.vocab.title_by_id(q.group)}」の主な事業"
    elif len(q.pillars_named) > 1:  # 「(1)～(5)の施策の中で」: no one pillar's label, whose number the answer cannot cite
        scope = f"お尋ねの柱の{'主な事業' if q.asks_listed_items or all(p.endswith('.') for p in q.pillars_named) else '施策'}"
    elif q.pillar and (label := q.profile.pillar_label(q.pillar)):
        scope = f"「{label}」の{'主な事業' if q.asks_listed_items or q.pillar.endswith('.') else '施策'}"  # ranked in it
    elif q.flag and not q.ministries:  # 「内数ではない施策で一番大きいのは？」: ranked among those the flag selects
        scope = f"「{q.flag}」{'の付いていない' if q.flag_negated else 'の付いた'}施策"
    text = f"{scope}のうち、要求額が{word}のは{quote_title(rec)}の{amount_label(rec)}です[1]。"
    if q.asks_both_ends and not above and len(ranked) > 1:  # 「一番大きいのと一番小さいのは？」: both ends
        big, small = (ranked[-1], rec) if smallest else (rec, ranked[-1])
        text = (f"{scope}のうち、要求額が最も大きいのは{quote_title(big)}の{amount_label(big)}[1]、"
                f"最も小さいのは{quote_title(small)}の{amount_label(small)}[2]です。")
        plain = not (big.is_naisu or small.is_naisu)
        if q.asks_difference and plain and big.amount_oku is not None and small.amount_oku is not None:
            gap = computed_like(big.amount_oku - small.amount_oku, [big, small])  # 「一番大きいのと一番小さいのの差は？」
            text += f"差は{gap}です（{as_written(big)}−{as_written(small)}として計算）。"  # two plain figures
            return Draft(text, [big, small], computed=[gap])
        if any(r.is_naisu for r in pool):
            text += "ただし（内数）の額は、より大きな予算の一部の額なので、大小は目安です。"
        return Draft(text, [big, small])
    if above:  # what ranks before it, so that the rank can be checked
        text += "より{}のは{}です。".format(size, "、".join(
            f"{quote_title(r)}の{amount_label(r)}[{n}]" for n, r in enumerate(above, start=2)))
    if any(r.is_naisu for r in pool):
        text += "ただし（内数）の額は、より大きな予算の一部の額なので、大小は目安です。"
    return Draft(text, [rec, *above])


def most_ministries(q: Question, records: list[Record]) -> Draft:
    """The measures with the most (or fewest) ministries in charge, every tie named; the count is computed."""
    pool = [r for r in records if r.ministries]
    if not pool:
        return Draft(refusal_text(q.profile), [], refused=True)
    pick = min if q.asks_smallest else max
    n = pick(len(r.ministries) for r in pool)
    top = [r for r in pool if len(r.ministries) == n]
    word = "最も少ない" if q.asks_smallest else "最も多い"
    counted = "（資料の担当府省庁を数えて計算）"
    if len(top) == 1:
        text = (f"担当府省庁の数が{word}のは{quote_title(top[0])}で、{'、'.join(top[0].ministries)}の"
                f"{n}府省庁です{counted}[1]。")
        return Draft(text, top, computed=[str(n)])
    lines = [f"担当府省庁の数が{word}のは、次の{len(top)}件で、いずれも{n}府省庁です{counted}。"]
    lines += [f"・{r.title}（{'、'.join(r.ministries)}）[{i}]" for i, r in enumerate(top, start=1)]
    return Draft("\n".join(lines), top, computed=[str(n), str(len(top))])


def ministry_counts(q: Question, records: list[Record]) -> Draft:
    """How many measures name each ministry in charge, most first, counted over every measure found (the same measures a
    ministry's own list holds); a ministry the asker leaves out (「内閣官房・内閣府を除くと」) is not counted. Every measure
    counted is cited, since every count is computed from them."""
    pool = [r for r in records if r.ministries]
    counts = Counter(m for r in pool for m in r.ministries if m not in q.excluded_ministries)
    if not counts:
        return Draft(refusal_text(q.profile), [], refused=True)
    ranked = sorted(counts.items(), key=lambda kv: kv[1], reverse=not q.asks_smallest)  # ties in the document's order
    each = "、".join(f"{m}{n}件" for m, n in ranked)
    label = "（資料の担当府省庁を数えて計算）"
    if not (q.superlative or q.asks_smallest):  # 「省庁ごとの施策数は？」: every count, none ranked first
        return Draft(f"担当府省庁ごとの施策の数は、{each}です{label}。", pool, computed=[str(n) for _, n in ranked])
    n = ranked[0][1]
    top = [m for m, c in ranked if c == n]
    word = "最も少ない" if q.asks_smallest else "最も多い"
    aside = f"{'・'.join(q.excluded_ministries)}を除くと、" if q.excluded_ministries else ""
    each_one = "各" if len(top) > 1 else ""
    text = f"{aside}担当府省庁に挙がる施策の数が{word}のは{'、'.join(top)}で{each_one}{n}件、府省庁ごとには{each}です{label}。"
    return Draft(text, pool, computed=[str(c) for _, c in ranked])


def total(q: Question, records: list[Record]) -> Draft:
    """The lines of a group or of several pillars added up (:func:`listed_total`), else :func:`plain_total`."""
    if q.group and records and records[0].id == q.group:
        return listed_total(q, records[1:], records[0])
    if q.pillars_named:
        return listed_total(q, records)
    return plain_total(q, records)


def plain_total(q: Question, records: list[Record]) -> Draft:
    """A total only when no figure is part of a larger budget (内数, or a grant added as 内数): the figures are added; a
    word with no figure beside one (＋事項要求) and a line with no figure at all are named and left out, as
    :func:`listed_total` leaves them out."""
    draft = listing(q, records, note=False)
    if len(records) == 1:  # 「3. 稼ぐ力…の柱の金額は？」 of a pillar with one line: nothing to add up
        return draft
    # 「内数ではない金額を足すと？」: a grant added as (内数) beside a figure of its own is left out, as a word is
    def apart(f: str) -> bool:
        return bool(q.flag and q.flag_negated and added_grant(f) and q.flag in f)

    addable = not any(r.is_naisu or any(f not in TERM_WORDS and not apart(f) for f in r.flags) for r in records)
    priced = [r for r in records if r.amount_oku is not None] if addable else []
    if len(priced) >= 2:
        total = sum(r.amount_oku or 0.0 for r in priced)
        terms = "＋".join(as_written(r) for r in priced)  # 2.0億円 as the line writes it, not 2億円
        unpriced = "・".join(dict.fromkeys(added_grant(f) or f for r in priced for f in r.flags))
        left_out = f"、{unpriced}の分は金額がないため含みません" if unpriced else ""
        summed = format_oku(total)
        lead = f"合計すると{summed}です（{terms}として計算{left_out}）。"
        lead += "".join(f"{quote_title(r)}は金額の記載がないため含みません。" for r in records if r.amount_oku is None)
        draft.computed = [summed]
    else:  # why, of what is there: a 内数 figure, or a line with a flag and no figure of its own
        why = [w for w, present in (("（内数）の額はより大きな予算の一部で", any(r.is_naisu for r in records)),
                                    ("事項要求などは金額がないため", any(r.amount_oku is None or len(r.flags) > int(r.is_naisu)
                                                                     for r in records))) if present]
        lead = ("いいえ、" if q.yes_no else "") + "合計額は示せません。" + "、".join(why) + "、足し合わせると実態と異なる数字になります。"
    draft.text = lead + "\n" + draft.text
    return draft


def listed_total(q: Question, lines: list[Record], group: Record | None = None) -> Draft:
    """「2.～5.の主な事業を全部足すと70億円になる？」「4.と5.の主な事業、まとめていくら？」: the lines of a group (after its
    own line) or of the pillars named, added up. A group's lines are its main ones only, so their sum is set beside
    the total it states, not taken for it; a figure the asker says is checked against the sum. A line with no figure
    (事項要求) is left out and named; a (内数) one cannot be added."""
    plain = [r for r in lines if r.amount_oku is not None]
    if not plain or any(r.is_naisu for r in lines):
        return plain_total(q, lines)
    value = sum(r.amount_oku or 0.0 for r in plain)
    summed = computed_like(value, plain)
    verdict = ""
    if q.yes_no and q.stated_amounts:  # 「…全部足すと70億円になりますか？」
        verdict = "はい。" if any(abs(c - value) < 1e-6 for c in q.stated_amounts) else "いいえ。"
    records = [group, *lines] if group else lines
    numbered = [(n, r) for n, r in enumerate(records, start=1) if r is not group]
    if group:
        scope = quote_title(group).removesuffix("の合計")
    else:
        scope = _pillars_quoted(q)
    kind = "主な事業" if all(r.kind == "line_item" for r in lines) else "施策"
    text = (f"{verdict}{scope}の{kind}に書かれている額を足すと{summed}です"
            f"（{'＋'.join(as_written(r) for r in plain)}として計算）。")
    text += "".join(f"{quote_title(r)}（{amount_label(r) or '金額の記載なし'}）[{n}]は金額がないため含みません。"
                    for n, r in numbered if r.amount_oku is None)
    if group:
        agrees = group.amount_oku is not None and abs(group.amount_oku - value) < 1e-6
        text += (f"資料が示す{quote_title(group)}は{amount_label(group)}で[1]、主な事業の額を足した額とは"
                 f"{'一致します' if agrees else '一致しません'}。")
    listed = [f"・{r.title}：{amount_label(r) or '金額の記載なし'}[{n}]" for n, r in numbered]
    return Draft("\n".join([text, *listed]), records, computed=[summed])


def _pillars_quoted(q: Question) -> str:
    """The pillars the question names, each label in 「」 (「4. 人や企業の地方分散」「5. 横断的支援等」)."""
    return "".join(f"「{label}」" for p in q.pillars_named if (label := q.profile.pillar_label(p)))


BOUND_WORDS = {"above": "お尋ねの額を超える", "at_least": "お尋ねの額以上の", "below": "お尋ねの額未満の", "at_most": "お尋ねの額以下の"}
"""How a list heading says the bound it selects by; the asker's figure is not repeated (it is in no record)."""


def _same_amount(q: Question, records: list[Record]) -> Draft:
    """「それと同じ金額の事業ってほかにある？」: the measures with the earlier one's figure, or that there is none."""
    own = [r for r in records if r.id == q.same_amount_of]
    others = [r for r in records if r.id != q.same_amount_of]
    if not own:
        return Draft(refusal_text(q.profile), [], refused=True)
    figure = format_oku(q.asked_amount) if q.asked_amount is not None else ""
    said = f"{quote_title(own[0])}の概算要求額は{amount_label(own[0])}です[1]。"
    if not others:
        return Draft(f"{said}資料には、同じ{figure}の事業・施策はほかにありません。", own)
    listed = [f"・{r.title}：{amount_label(r)}[{n}]" for n, r in enumerate(others, 2)]
    return Draft("\n".join([f"{said}同じ{figure}の事業・施策は次のとおりです。", *listed]), [*own, *others])


def listing(q: Question, records: list[Record], note: bool = True) -> Draft:
    if not records:
        return Draft(refusal_text(q.profile), [], refused=True)
    if q.asked_amount is not None and not q.asked_bound and not any(r.amount_oku == q.asked_amount for r in records):
        return figure_in_text(q, records) or Draft(refusal_text(q.profile), [], refused=True)
    scope = "、".join(q.ministries) if q.ministries else (records[0].pillar or "")
    condition = ""
    if q.flag:
        condition = f"{'または'.join(f'「{f}」' for f in q.flags)}{'でない' if q.flag_negated else 'の付いた'}"
    elif q.asks_unpriced:
        condition = "金額の記載がない"
    if q.same_amount_of is not None:
        return _same_amount(q, records)
    if q.same_section:
        head = "同じ見出しの下にあるほかの事業・施策は次のとおりです。"
    elif q.asked_amount is not None and not q.ministries:
        head = (f"要求額が{BOUND_WORDS[q.asked_bound]}事業・施策は次のとおりです。" if q.asked_bound
                else f"要求額が{format_oku(q.asked_amount)}の事業・施策は次のとおりです。")
    elif q.ministries and q.asks_only and all(set(r.ministries) == set(q.ministries) for r in records):
        head = f"{scope}だけが担当する{condition}施策は次のとおりです。"
    elif q.ministries and q.asks_only:
        head = f"資料には、{scope}だけが担当する施策はありません。{scope}が担当府省庁に含まれる{condition}施策は次のとおりです。"
    elif q.ministries:
        head = f"{scope}が担当府省庁に含まれる{condition}施策は次のとおりです。"
    elif q.pillars_named:  # 「(1)と(5)の施策を合わせると？」: each pillar named, not only the first
        head = f"{_pillars_quoted(q)}の{condition}施策は次のとおりです。"
    elif q.pillar:
        head = f"「{scope}」の{condition}施策は次のとおりです。"
    elif condition:
        head = f"{condition}施策は次のとおりです。"
    elif q.mentioned:
        head = f"{''.join(f'「{w}」' for w in q.mentioned)}が記述に出てくる施策は次のとおりです。"
    else:
        head = "関連する施策は次のとおりです。"
    counted = q.count_asked in ("", "件") and q.is_scoped  # 「経産省が絡んでるのっていくつある？」「…何件？」: the list, counted
    which = q.mentioned and q.asks_which  # 「自動運転ってどの施策に入ってる？」 asks which, not whether
    if q.asks_existence and q.is_scoped and not (q.asks_quantity or counted or q.asks_only or q.same_section or q.asked_amount
                                                 or which or (q.seeks_confirmation and not q.yes_no)):
        head = "はい。" + head  # 「デジタル庁がかかわってる施策ってある？」, not 「どんな施策がありますか？」
    computed: list[str] = []
    if counted:
        head = head.replace("次のとおりです。", f"次の{len(records)}件です（一覧の件数として計算）。")
        computed.append(str(len(records)))
    lines = [head]
    under = ""
    for i, r in enumerate(records, start=1):
        if q.pillar and not (q.ministries or condition) and (sub := subheading(r)) and sub != under:
            lines.append(f"▶ {sub}")  # 「5. 横断的支援等」's items under the document's own ▶ labels, which say what each is for
            under = sub
        amount = f"：{amount_label(r)}" if r.amount_text else "：金額の記載なし"
        # 「…億円の施策は何？担当府省も」: who is in charge, unless the list is by ministry already
        charge = f"（担当：{ministries_label(r)}）" if q.asks_ministries and not q.ministries and r.ministries else ""
        lines.append(f"・{r.title}{amount}{charge}[{i}]")
    if note and any(r.is_naisu or any(f.startswith("＋") for f in r.flags) for r in records):
        lines.append("（内数）の額はより大きな予算の一部のため、合計はできません。")
    return Draft("\n".join(lines), list(records), computed=computed)


def subheading(r: Record) -> str:
    """The ▶ label a 主な事業 line sits under within its pillar (「人材支援・人材育成」), "" when none."""
    return r.heading_path[2] if r.kind == "line_item" and len(r.heading_path) > 2 else ""


def items(q: Question, records: list[Record]) -> Draft:
    """Each named item's amount, then what was asked of them together: the larger, the difference, the sum.

    Only plain figures are compared by value or added; a (内数) figure is part of a larger budget and a
    事項要求 has no figure, so the answer says so instead of computing.
    """
    shared = _shared(q, records)
    lines = [(f"{quote_title(r)}の概算要求額は{amount_label(r)}です[{n}]。" if r.amount_text
              else f"{quote_title(r)}の概算要求額は資料に記載がありません[{n}]。")
             + (f"担当は{ministries_label(r)}です[{n}]。"
                if (q.asks_ministries or q.ministries or q.asks_same_ministries) and r.ministries else "")
             + _goal_of(q, r, n)  # 「どっちも経産省だよね？合わせたら？」: who is in charge, when the asker names a ministry
             for n, r in enumerate(records, start=1)]
    if shared is not None and not (q.asks_total_of_items or q.asks_times):
        # 「AとB、どっちも環境省がやってるの？」: whether they share it, then each; nothing was asked of their amounts
        return Draft(verdict(q, shared) + "。" + "".join(lines) + notes_once(records), list(records))
    if q.asks_common_ministries and not q.yes_no:  # 「どっちにも入ってる省は？」: those that every item names
        common = [m for m in records[0].ministries if all(m in r.ministries for r in records[1:])]
        found = (f"{'どちら' if len(records) == 2 else 'いずれ'}にも担当府省庁として入っているのは{'、'.join(common)}です。"
                 if common else f"{'どちら' if len(records) == 2 else 'いずれ'}にも共通する担当府省庁はありません。")
        return Draft(found + "".join(line + ("" if "担当は" in line else f"担当は{ministries_label(r)}です[{n}]。")
                                     for n, (line, r) in enumerate(zip(lines, records), start=1)), list(records))
    if q.flag and q.asks_which_of_two and shared is None:  # 「AとB、税制改正要望が付いてるのはどっち？」: which carry the flag
        return Draft(_which_carry(q.flag, records) + "".join(lines) + notes_once(records), list(records))
    if GOAL in q.wanted_figures and not q.asks_total_of_items and not q.claims_more and not q.claims_less:
        return Draft("".join(lines), list(records))  # 「AとBの目標、それぞれいくら？」: the goals, no amounts compared
    if q.claims_each_figure and q.premise_numbers and q.asserts and not (
            q.compares_figures or q.superlative or q.asks_total_of_items or q.claimed_times):
        # 「Aは8.1億円、Bは6.8億円という理解でよいですか？」: the figures claimed are checked, then each amount
        return Draft(_claims_checked(q, records) + "".join(lines) + notes_once(records), list(records))
    if not (q.compares_figures or q.superlative or q.asks_total_of_items or q.claimed_times or q.yes_no or q.claims_same):
        # 「AとBの要求額を教えて」: each amount as written; nothing was asked of them together
        return Draft("".join(lines) + notes_once(records), list(records))
    plain = [r for r in records if r.amount_oku is not None and not r.is_naisu]
    computed: list[str] = []
    if len(plain) < len(records) and (apart := _apart_as_written(q, records)):
        lines.append(apart)  # 「AとBの差額は？」 of (内数) figures: the difference of what is written, with its caveat
        computed.append(computed_like(abs((records[0].amount_oku or 0.0) - (records[1].amount_oku or 0.0)), records))
    elif len(plain) < len(records):
        lines.append(_why_not_computed(q, records))
    elif q.asks_total_of_items and (whole := _whole_of_another(q, records)):
        lines.append(whole)  # 「2.～5.の70億円と伴走支援事業を合わせると？」: a part is already in the whole
        plain = []  # nothing computed, so nothing left out of a computation
    elif q.asks_total_of_items:
        total = sum(r.amount_oku or 0.0 for r in plain)
        lines.append(f"合わせると{computed_like(total, plain)}です（{'＋'.join(as_written(r) for r in plain)}"
                     "として計算）。")
        computed.append(computed_like(total, plain))
    else:
        ordered = sorted(plain, key=lambda r: r.amount_oku or 0.0, reverse=True)
        big, small = ordered[0], ordered[-1]
        diff = (big.amount_oku or 0.0) - (small.amount_oku or 0.0)
        if diff == 0:
            lines.append(f"{'どちら' if len(records) == 2 else 'いずれ'}も{format_oku(big.amount_oku or 0.0)}で、"
                         "金額は同じです。")
        elif len(plain) > 2 and q.asks_order:  # 「A、B、Cを大きい順に並べて」: all of them, in the order asked
            ranked = ordered[::-1] if q.asks_ascending else ordered
            lines.append(f"{'少ない' if q.asks_ascending else '多い'}順に、"
                         + "、".join(f"{quote_title(r)}（{as_written(r)}）" for r in ranked) + "です。")
        elif len(plain) > 2 and q.superlative:  # 「A、B、Cのなかで最大は？」: the one, not a difference of two
            which, most = (small, "少ない") if q.asks_smallest else (big, "多い")
            lines.append(f"挙げられた中で最も{most}のは{quote_title(which)}です。")
        else:  # said of the one asked about: 「少ないのはどっち？」 the smaller
            which, more = (small, "少なく") if q.asks_smallest else (big, "多く")
            lines.append(f"{quote_title(which)}のほうが{computed_like(diff, plain)}{more}なっています"
                         f"（{as_written(big)}−{as_written(small)}として計算）。")
            computed.append(computed_like(diff, plain))
    if plain and len(plain) == len(records):
        lines.extend(_not_counted(records))
    pair = _claimed_pair(q, records)
    if (q.claimed_times or q.asks_times) and pair:
        subject, other = pair
        as_is = "書かれている額では、" if subject.is_naisu or other.is_naisu else ""
        times = (subject.amount_oku or 0.0) / (other.amount_oku or 1.0)
        if 0 < times < 1:  # 「AはBの何分の一？」: 0.1倍 says little; the inverse as a fraction says it plainly
            ratio = f"{round(1 / times, 1):g}分の1"
            lines.append(f"{as_is}{quote_title(subject)}は{quote_title(other)}のおよそ{ratio}です"
                         f"（{as_written(other)}÷{as_written(subject)}として計算）。")
        else:
            ratio = f"{round(times, 1):g}"
            lines.append(f"{as_is}{quote_title(subject)}は{quote_title(other)}のおよそ{ratio}倍です"
                         f"（{as_written(subject)}÷{as_written(other)}として計算）。")
        computed.append(ratio)
    return Draft(_comparison_verdict(q, records) + "".join(lines), list(records), computed=computed)


def _carries(r: Record, flag: str) -> bool:
    """Whether the measure's amount carries the flag word (内数 as the record reads it, the others as written)."""
    return r.is_naisu if flag == "内数" else flag in (r.amount_text or "")


def _which_carry(flag: str, records: list[Record]) -> str:
    """Which of the items carry a flag (「税制改正要望が付いてるのはどっち？」): both, neither, or the ones that do."""
    carry = [r for r in records if _carries(r, flag)]
    every = "どちら" if len(records) == 2 else "いずれ"
    if len(carry) == len(records):
        return f"{every}も「{flag}」が付いています。"
    if not carry:
        return f"{every}にも「{flag}」は付いていません。"
    return f"「{flag}」が付いているのは{'、'.join(quote_title(r) for r in carry)}です。"


def _claims_checked(q: Question, records: list[Record]) -> str:
    """はい or いいえ for a figure claimed of each item: one figure per item, in the order they are named, is checked
    against that item's own amount (a figure swapped between two items is wrong); otherwise every figure claimed must
    be written in one of them."""
    if len(q.premise_numbers) != len(records):
        return confirm_figures(q, *(r.amount_text or "" for r in records))
    own = [re.findall(r"\d+(?:\.\d+)?", compact(r.amount_text or "")) for r in records]
    holds = all(any(same_number(n, o) for o in figures) for n, figures in zip(q.premise_numbers, own))
    return "はい。" if holds else WRONG_FIGURES


def _shared(q: Question, records: list[Record]) -> bool | None:
    """Whether every item has what a yes/no question asks they share: the ministries it names (each of them, or only
    them with 「のみ」), the flag or grant it names (税制改正要望, 社会資本整備総合交付金, 内数), the same ministries as each
    other (「同じ役所の担当？」). None when it asks no such thing (a figure claimed of them all, 「両方とも0.5億円？」, is
    compared as figures are)."""
    if not q.asks_shared:
        return None
    if q.ministries:
        named = set(q.ministries)
        return all((set(r.ministries) == named) if q.asks_only else named <= set(r.ministries) for r in records)
    flags = [w for w in q.profile.flag_words if w in q.payload]
    if flags:
        return all(all(_carries(r, w) for w in flags) for r in records)
    if q.asks_ministries_overlap:  # 「担当省庁かぶってる？」: one ministry in common is enough
        return bool(set(records[0].ministries).intersection(*(r.ministries for r in records[1:])))
    if q.asks_same_ministries:
        return len({frozenset(r.ministries) for r in records}) == 1
    return None


def _goal_of(q: Question, rec: Record, n: int) -> str:
    """The clause of the record's goal (「…15兆円…を目指す」) when the question asks each item's goal, that it has
    none when it writes none, else ""."""
    if GOAL not in q.wanted_figures:
        return ""
    sent = best_sentence(q, rec, prefer_numbers=True)
    if sent is None or not GOAL.search(sent):
        return f"{quote_title(rec)}の目標は資料に記載がありません[{n}]。"
    return f"資料では「{key_clause(q, sent)}」とされています[{n}]。"


def _claimed_pair(q: Question, records: list[Record]) -> tuple[Record, Record] | None:
    """The item a comparison claims something of (A in 「AはBの10倍以上？」, else the first named) and the one it is
    compared with, when both have a figure to divide."""
    figured = [r for r in records if r.amount_oku]
    subject = next((r for r in figured if r.id == q.compared_subject), figured[0] if figured else None)
    other = next((r for r in figured if r is not subject), None)
    return (subject, other) if subject is not None and other is not None else None


RATIO_TOLERANCE = 0.2
"""「10倍くらい」 holds within this share of the claimed ratio."""


def _ratio_holds(ratio: float, times: float, bound: str) -> bool:
    """A claimed ratio against the computed one: 以上 and 超 bound it below; otherwise it is about that much."""
    if bound == "以上":
        return ratio >= times - 1e-9
    if bound == "超":
        return ratio > times
    return abs(ratio / times - 1) <= RATIO_TOLERANCE


def _comparison_verdict(q: Question, records: list[Record]) -> str:
    """はい/いいえ for 「AはBより多いですか？」 and 「どちらも同じ金額ですか？」, on the figures as written (a 内数 caveat
    follows in the answer); いいえ for a proposed sum (「足した約2,028億円が予算額と考えていいですか？」) that cannot be computed."""
    if q.yes_no and q.asks_total_of_items and any(r.amount_oku is None or r.is_naisu for r in records):
        return "いいえ。"
    if (q.yes_no or q.asks_shared) and q.claims_same and all(r.amount_oku is not None for r in records):  # 「両方とも0.5億円？」
        return verdict(q, len({r.amount_oku for r in records}) == 1) + "。"
    pair = _claimed_pair(q, records)
    if q.claimed_times and pair:
        return verdict(q, _ratio_holds((pair[0].amount_oku or 0.0) / (pair[1].amount_oku or 1.0), *q.claimed_times)) + "。"
    subject = next((r for r in records if r.id == q.compared_subject), None)
    others = [r for r in records if r is not subject and r.amount_oku is not None]
    if subject is None or subject.amount_oku is None or not others:
        return ""
    other = others[0].amount_oku or 0.0
    holds = subject.amount_oku < other if q.asks_smallest else subject.amount_oku > other
    return verdict(q, holds) + "。"


def _not_counted(records: list[Record]) -> list[str]:
    """What the computed figure leaves out: words written beside an amount (事項要求, 税制改正要望, 調整中) carry
    no figure, and a ＋…（内数） part belongs to another budget, so neither is computed, and the answer says so."""
    words = [w for w in TERM_WORDS if any(w in r.flags for r in records)]
    notes = [f"{'・'.join(words)}の分は金額がないため含みません。"] if words else []
    for n, r in enumerate(records, start=1):
        extra = [g for g in map(added_grant, r.flags) if g]
        if extra:
            notes.append(f"{quote_title(r)}には、このほか{'、'.join(extra)}が加わりますが、計算には含めていません[{n}]。")
    return notes


def _apart_as_written(q: Question, records: list[Record]) -> str:
    """How far apart two written figures are when one is (内数) and the question asks the difference: computed as
    written and labelled, with the caveat that a (内数) figure is part of a larger budget. "" when it cannot be."""
    if not q.asks_difference or q.asks_total_of_items or len(records) != 2 or any(r.amount_oku is None for r in records):
        return ""
    big, small = sorted(records, key=lambda r: r.amount_oku or 0.0, reverse=True)
    diff = (big.amount_oku or 0.0) - (small.amount_oku or 0.0)
    if diff == 0:
        return ""
    return (f"書かれている額では{quote_title(big)}のほうが{computed_like(diff, records)}大きくなっています"
            f"（{as_written(big)}−{as_written(small)}として計算）。ただし、（内数）の額はより大きな予算の一部のため、"
            "この差は目安としてご覧ください。")


def _whole_of_another(q: Question, records: list[Record]) -> str:
    """Why a sum of a whole and its part is not computed: one record is the headline total or a group of pillars the
    other records' lines sit under (by the number their pillar starts with). "" when none is."""
    for whole in records:
        parts = [r for r in records if r is not whole and (
            whole.id in q.profile.breakdown[:1] or q.profile.in_group(whole.id, r))]
        if parts:
            return (f"{'、'.join(quote_title(r) for r in parts)}の額は{quote_title(whole)}に含まれているため、"
                    "足し合わせると二重に数えることになります。")
    return ""


def _why_not_computed(q: Question, records: list[Record]) -> str:
    """Why two figures cannot be compared by value or added: 内数, or no figure at all. A (内数) figure may
    still be compared as written, with the caveat, when the question asks which is larger."""
    if any(r.amount_oku is None for r in records):
        return f"金額の記載がない項目があるため、{'合計は計算できません' if q.asks_total_of_items else '金額では比べられません'}。"
    if q.asks_total_of_items:
        return "（内数）の額はより大きな予算の一部のため、足し合わせると実態と異なる数字になります。"
    big = max(records, key=lambda r: r.amount_oku or 0.0)
    return (f"書かれている額では{quote_title(big)}のほうが大きいですが、（内数）の額はより大きな予算の一部のため、"
            "差を取ると実態と異なる数字になります。大小は目安としてご覧ください。")
