"""Answers about one record: its amount, ministries, text, targets, or the document itself."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

from bot.document.flags import GLOSSARY, added_grant
from bot.models import Draft, Record
from bot.qa.grounding import same_number
from bot.qa.lexicon import ATTRIBUTE_WORDS, SPECIFIC_DF
from bot.qa.patterns import (
    APPROXIMATE,
    DATE,
    DESCRIBE,
    FIGURE_CUES,
    FIGURE_UNIT,
    GOAL,
    INTENT_PATTERN,
    MAIN_ITEMS_NUMBER,
    MEASURES_NUMBER,
    RULED_OUT_CLAUSE,
    WH,
    WHEN_WORD,
    WRITTEN_FIGURE,
    WRITTEN_UNITS,
    YEAR,
)
from bot.qa.question import Question
from bot.qa.refusal import refusal_text
from bot.qa.vocabulary import loose
from bot.qa.wording import (
    amount_label,
    best_sentence,
    clauses,
    flag_notes,
    key_clause,
    ministries_label,
    quote_title,
    sentences,
)
from bot.text import (
    Morpheme,
    all_morphemes,
    amounts_oku,
    compact,
    format_oku,
    money_parts,
    normalize,
    plain_figure,
    writes_figure,
)


def amount(q: Question, records: list[Record]) -> Draft:
    if parts := _parts_not_written(q, records):
        return parts
    rec = next((r for r in records if r.amount_text), None)
    top = records[0]
    if rec is None or (rec is not top and top.kind in ("measure", "line_item", "summary")):
        if "調整中" in top.flags:
            rec = top
        elif top.amount_text is None:  # 「…要求額は書かれていますか？」: いいえ; 「…いくら？」: the document does not say
            confirms = q.yes_no
            return Draft(f"{verdict(q, False) + '、' if confirms else ''}{quote_title(top)}について、資料には金額の記載がありません[1]。"
                         f"{context(top)}", [top], refused=not confirms)
    assert rec is not None
    grant = _grant_asked(q, rec)
    if grant:  # 「社会資本整備総合交付金の要求総額は？」: written only as a (内数) part of measures' amounts
        return Draft(f"資料には「{grant}」そのものの金額は示されていません。{quote_title(rec)}の概算要求額（{amount_label(rec)}）"
                     f"に（内数）として含まれていると書かれています[1]。", [rec], refused=True)
    part = _part_of(q, rec)
    if part:  # 「NEXT日本博の予算は？」: named in a measure's text, with no figure of its own
        return Draft(f"資料には「{part}」だけの金額は示されていません。「{part}」は{quote_title(rec)}"
                     f"（概算要求額{amount_label(rec)}）の取組の一つとして書かれています[1]。", [rec], refused=True)
    label = amount_label(rec)
    if q.asks_unstated_part and q.asks_quantity and rec.is_naisu:  # a 事項要求 part is answered by what 事項要求 means
        return Draft(f"資料には、{quote_title(rec)}のお尋ねの部分だけの金額は示されていません。概算要求額は{label}と"
                     f"書かれています[1]。{flag_notes(rec)}", [rec], refused=True)
    if "調整中" in rec.flags:
        # 「もう金額は決まってるの？」: いいえ; 「調整中ですか？」: はい
        confirms = q.yes_no and not q.asks_if_decided  # 「もう決まってるの？」 is answered first, by the request
        lead = f"{verdict(q, '調整中' in q.payload)}、" if confirms else ""
        text = f"{lead}{quote_title(rec)}の予算額は【調整中】とされており、資料に金額は示されていません[1]。"
    elif rec.amount_oku is None:  # 「具体的な金額が書いてありますか？」: いいえ; 「金額が書いてないんですか？」: はい
        lead = f"{verdict(q, False)}、" if q.yes_no and not q.premise_numbers else ""  # a figure claimed gets its own いいえ
        text = f"{lead}{quote_title(rec)}は「{label}」として要求されており、金額は示されていません[1]。"
    else:
        text = f"{quote_title(rec)}の概算要求額は{label}です[1]。"
    wrong = amount_correction(q, rec) if rec.id == q.named_item and not q.premise_numbers else ""
    # 「…は1.7億円しか要求されていないんですね。」: an amount said of it in passing is corrected, never left standing
    text = wrong or premise_lead(q, rec, text) + flag_notes(rec)
    if rec.ministries and rec.kind != "headline":
        text += f"担当は{ministries_label(rec)}です[1]。"
    return Draft(text, [rec])


def _grant_asked(q: Question, rec: Record) -> str | None:
    """A grant whose amount is asked that the document writes only as a (内数) part of a measure's amount
    (「…＋社会資本整備総合交付金（内数）」), when the question names no measure of its own."""
    if q.named_item or q.items or q.follow_up_of:
        return None
    return next((w for w in q.profile.flag_words if w not in rec.title
                 and re.search(re.escape(w) + r"(?:の|って|は)?[^。?？、]{0,12}?(?:総額|全体|要求額|金額|予算|いくら)", q.payload)
                 and re.search(re.escape(w) + r"[(（]内数[)）]", rec.amount_text or "")), None)  # not 「…からもお金が出る？」


def _part_of(q: Question, rec: Record) -> str | None:
    """The thing whose budget is asked when the record only mentions it in its text (not its title, not its amount),
    or names it as one of several things in its title and the question asks for that one alone (「…だけの予算」)."""
    subject = q.budget_subject
    if not subject or q.items or rec.kind == "headline":
        return None
    key = loose(subject)
    title = loose(rec.title)
    if q.asks_only and key in title and len(key) < len(title) and "、" in rec.title:
        return subject  # 「地域協同プラットフォームの構築だけの予算」: one of the things a combined title names
    # 「地域金融力強化」 of 「…地域金融力の強化」: the title's own words without its の name the measure itself
    in_title = any(key.replace("の", "") in loose(t).replace("の", "") for t in (rec.title, rec.amount_text or "", *q.vocab.titles))
    if in_title:
        return None
    return subject if key in loose(" ".join(rec.body)) else None


CLAIMED_AUTHOR = re.compile(r"([^\s、。？?「」はがの]{2,30}?(?:事務局|本部|省|庁|府|室|局))(?:が|の)?[^、。？?「」]{0,16}?"
                            r"(?:作成|作っ|つくっ|出し|発表|まとめ)")
"""Who the asker says wrote the document (「内閣府地方創生推進事務局が作成した」「財務省が…日に出した」)."""


CLAIMED_DATE = re.compile(r"(?:(?:令和|平成|昭和)\s*\d+|\d{4})\s*年\s*\d+\s*月(?:\s*\d+\s*日)?(?=[^。？?]{0,12}[?？]|[^。？?]{0,6}(?:よね|ですか|でしょう|で合って|であって))")
"""A date the question puts to be confirmed (「日付は令和N年9月2日？」「…9月2日ですよね」「…9月に出たものですよね」)."""


def document(q: Question, records: list[Record]) -> Draft:
    """The document's own title, date and author, from its first lines."""
    rec = records[0]
    date = next((b for b in rec.body if re.search(r"年.*月.*日", b)), "")
    author = next((b for b in rec.body if b != date), "")
    lead = ""
    if q.asserts and YEAR.search(q.payload):  # the year the asker states, against the document's
        claimed = q.paper_year_claimed
        lead = "いいえ。" if q.unknown_years or (claimed and not q.own_fiscal_year(claimed)) else "はい。"
    said_date = CLAIMED_DATE.search(q.payload)
    if said_date and date:  # 「日付は令和N年9月2日？」: the date said, against the document's
        lead = "はい。" if compact(said_date.group(0)) in compact(date) else "いいえ。"
    claimed = CLAIMED_AUTHOR.search(q.payload)
    if q.asserts and claimed and author:  # 「内閣府地方創生推進事務局が作成したもの、で合ってますか」
        lead = "はい。" if loose(claimed.group(1)) in loose(author) else "いいえ。"
    text = f"{lead}この資料は「{q.profile.title or rec.title}」です[1]。"
    if len(records) > 1:  # another year claimed of the paper: the request's own line says its year
        text += f"{quote_title(records[1])}とあるとおり、{q.profile.fiscal_year}の概算要求をまとめたものです[2]。"
    if date:
        text += f"日付は{date.replace(' ', '')}[1]"
        text += f"、作成は{author}です[1]。" if author else "です[1]。"
    text += "金額はすべて概算要求の段階のもので、成立した予算ではありません。"
    return Draft(text, records[:2] if "[2]" in text else [rec])


def glossary(q: Question, records: list[Record]) -> Draft:
    term = q.glossary_term or ""
    if term not in GLOSSARY:  # a follow-up of 「内数とは」 that asks something else of its own
        return overview(q, records)
    text = GLOSSARY[term]
    carrying = [r for r in records if term in (r.amount_text or "") or term in r.flags]
    # the measure the question names or quotes the figure of (「観光の3,140.7億円の内数って？」) is the example
    example = next((r for r in carrying if r.id == q.named_item or r.amount_oku in q.stated_amounts), None) or next(
        iter(carrying), None)
    if term == "概算要求":
        example = next((r for r in records if r.kind == "headline" and r.amount_text), example)
    if example is None:
        return Draft(text + "（用語の一般的な説明です）", [records[0]] if records else [], intent="glossary")
    asked = example.id == q.named_item or example.amount_oku in q.stated_amounts
    return Draft(f"{text}資料では、{'' if asked else '例えば'}{quote_title(example)}が{amount_label(example)}です[1]。", [example])


def premise_lead(q: Question, rec: Record, text: str) -> str:
    """はい/いいえ first when the question asks to confirm: that the figure is the decided budget (it is a
    request), that a (内数) figure is all for this measure (it is not), a flag (「内数ですか？」), and the figures
    it states (compared by value: 2 and 2.0 are the same; a bound such as 「1億円もいかない」 against the amount), or a
    thing it asks is included. いいえ as soon as one claim fails; a negative claim (「内数じゃないですよね」) is agreed
    with by はい."""
    if q.claimed_year:  # the year is wrong whatever else holds: said first, instead of a はい
        return year_correction(q) + _premise_lead(q, rec, text).removeprefix("はい。")
    wrong = _wrong_pillar(q, rec)
    if wrong:  # 「…は(5)の柱に入ってるけど、いくら？」: the pillar stated is corrected before the answer
        lead = _premise_lead(q, rec, text)
        return ("いいえ。" if lead.startswith("はい") or q.yes_no or q.claims_placement else "") + wrong + re.sub(r"^はい[。、]", "", lead)
    return with_faults(q, rec, _premise_lead(q, rec, text))


def with_faults(q: Question, rec: Record, lead: str) -> str:
    """The answer with what its claim gets wrong besides the figures said first, after いいえ (「…は農林水産省単独で
    6,287.6億円、事項要求はなし」: each wrong part, even when the figure holds)."""
    faults = claim_faults(q, rec)
    if not faults:
        return lead
    figures_wrong = lead.startswith("いいえ、ご質問の数字")
    return ("いいえ。" + faults + ("ご質問の数字も資料と異なります。" if figures_wrong else "")
            + re.sub(r"^(はい|いいえ)[。、](ご質問の数字は資料と異なります。)?", "", lead))


FLAG_DENIED = r"(は|が|も)?(なし|無し|ない|無い|ありません|ついていない|付いていない|つかない|含まれない|含まれていない|入っていない)"
"""What follows a flag the claim says the amount lacks (「事項要求はなし」)."""


def claim_faults(q: Question, rec: Record) -> str:
    """What a stated claim about the measure it names gets wrong besides its figures: a ministry not in charge,
    one ministry 「単独」 of a measure with several, or a flag said to be absent that the amount carries. Empty when
    the question states nothing of these or asks rather than claims."""
    if not q.asserts or q.asks_quantity or rec.id != q.named_item or q.intent == "ministry_check":
        return extras_fault(q, rec) if q.asserts and q.named_item is None else ""
    faults = []
    label = ministries_label(rec)
    if rec.ministries and q.ministries:
        stray = [m for m in q.ministries if m not in rec.ministries]
        if stray:
            faults.append(f"担当は{label}で、{'、'.join(stray)}は含まれていません")
        elif (q.asks_only or len(q.ministries) >= 2) and len(rec.ministries) > len(q.ministries):
            # 「…単独」 or a list of those in charge (「AとBが担う」) that leaves some out
            others = "、".join(m for m in rec.ministries if m not in q.ministries)
            faults.append(f"担当は{label}で、{'、'.join(q.ministries)}のほかに{others}も担当です")
    for word in q.profile.flag_words:
        if word in (rec.amount_text or "") and re.search(re.escape(word) + FLAG_DENIED, q.payload):
            faults.append(f"概算要求額は{amount_label(rec)}で、{word}が含まれています")
    return _said(rec, faults) if faults else extras_fault(q, rec)


def _said(rec: Record, faults: list[str]) -> str:
    return f"資料では{quote_title(rec)}の" + "。また、".join(f + "[1]" for f in faults) + "。"


def extras_fault(q: Question, rec: Record) -> str:
    """「2,444億円だけ？」 of 2,444億円＋事項要求: what the amount adds to the figure, when the claim says there is nothing
    else (the figure itself is checked by :func:`confirm_figures`)."""
    first, *extras = re.split(r"[＋+]", rec.amount_text or "")
    if not (q.claims_nothing_else and q.premise_numbers and extras):
        return ""
    return _said(rec, [f"概算要求額には{first.strip().removeprefix('計')}のほかに{'、'.join(e.strip() for e in extras)}も含まれています"])


def _wrong_pillar(q: Question, rec: Record) -> str:
    """The measure's own pillar, when the question places the measure it names under another one."""
    if not (q.pillar and rec.pillar and rec.id == q.named_item) or rec.pillar.startswith(q.pillar):
        return ""
    kind = "主な事業" if rec.kind == "line_item" else "施策"
    return f"{quote_title(rec)}は、お尋ねの柱ではなく「{rec.pillar}」の{kind}です[1]。"  # the claimed label may cite nothing


def _premise_lead(q: Question, rec: Record, text: str) -> str:
    if q.asks_included and not (q.premise_numbers or q.confirms_flag):
        return figures_lead(q, rec) + text
    if q.asks_if_decided and q.seeks_confirmation:
        return (f"いいえ。この資料の金額は{q.profile.fiscal_year}の概算要求（各府省庁が要求した段階の額）で、"
                f"決まった予算ではありません。{text}")
    if q.asks_whole_amount and rec.is_naisu:
        return verdict(q, False) + "。" + text
    if q.claims_no_money and q.asserts and rec.amount_oku:
        return "いいえ。" + text  # 「税制改正要望だけで金額はゼロですよね？」 of 計0.6億円＋税制改正要望
    # a figure claimed as requested (「6,000億円を要求してるんでしょ？」) is checked against the amount, not the text
    sources = (rec.amount_text or "",) if q.claims_request else (rec.amount_text or "", " ".join(rec.body))
    figures = confirm_figures(q, *sources, amount=rec.amount_oku) if q.premise_numbers else ""
    if figures.startswith("いいえ") and q.claims_request:
        text += _where_written(q, rec)
    if figures.startswith("いいえ") or not q.confirms_flag:
        return figures + text
    partly = _flagged_part(q, rec, q.confirms_flag)
    if partly:  # 「交通空白の予算は内数？」 of 「計269.0億円＋社会資本整備総合交付金（内数）」: neither はい nor いいえ
        return f"一部だけです（{partly}の分が{q.confirms_flag}です）。" + text
    return verdict(q, _flag_holds(q, rec, q.confirms_flag)) + "。" + text


def _flagged_part(q: Question, rec: Record, flag: str) -> str:
    """The grants added to an amount with a figure of its own that carry the flag while the figure does not
    (「社会資本整備総合交付金」 of 「計269.0億円＋社会資本整備総合交付金（内数）」); "" when the question names a figure (its part
    decides), the figure itself carries the flag or no added grant does."""
    if q.stated_amounts or rec.amount_oku is None or any(flag in f for f in rec.flags if not added_grant(f)):
        return ""
    marked = rf"[(（]{re.escape(flag)}[)）]"
    return "、".join(re.sub(marked, "", g) for f in rec.flags if (g := added_grant(f)) and re.search(marked, g))


def _flag_holds(q: Question, rec: Record, flag: str) -> bool:
    """Whether the amount carries the flag; of a figure the question names (「269.0億円、それ自体が内数？」 of
    「計269.0億円＋社会資本整備総合交付金（内数）」), whether the part of the amount with that figure carries it."""
    if not any(flag in f for f in rec.flags):
        return False
    qualifies = re.search(rf"[(（]{re.escape(flag)}[)）]", rec.amount_text or "")  # 「…（内数）」, not 「＋事項要求」
    comes_with = re.search(rf"{re.escape(flag)}[^。?？]{{0,6}}(?:も|が)(?:付|つ|入|含)", q.payload)
    if not qualifies or comes_with:
        return True  # a part of its own, or a flag said to come with the figure (「63.3億円に税制改正要望も付いてる」)
    parts = re.split(r"[＋+]", rec.amount_text or "")
    named = [p for p in parts if any(v in q.stated_amounts for _, _, v in amounts_oku(p))]
    return not named or any(flag in p for p in named)


def count_declined(q: Question, records: list[Record]) -> Draft | None:
    """A count asked of the measure named by its title that its record does not state (「星空観光の推進で、観光地は
    何か所つくる？」): declined, citing the record that was read, so the asker sees where it is not written; None when
    none is named."""
    rec = next((r for r in records if r.id == q.named_by_title), None)
    return not_stated(rec) if rec is not None else None


def corrected_premise(q: Question, records: list[Record]) -> Draft | None:
    """The amount the question states of the measure it names, corrected when wrong even if what it goes on to ask is
    not in the document (「…は20億円規模だそうですが、何社くらいが対象？」): a wrong figure is never left standing."""
    rec = next((r for r in records if r.id == q.named_item), None)
    lead = (amount_correction(q, rec) or _ministry_correction(q, rec) or _figure_correction(q, rec)) if rec is not None else ""
    if rec is None or not lead:
        return None
    return Draft(f"{lead}お尋ねのほかの点は、資料には記載がありません。", [rec])


NUMBER = re.compile(r"\d+(?:\.\d+)?")
FIGURE_UNIT_WRITTEN = re.compile(f"({WRITTEN_UNITS})$")
"""The unit a written figure ends with (「53.5兆円」 → 兆円, 「2026年度」 → 年度)."""


def _figure_correction(q: Question, rec: Record) -> str:
    """「…53.5兆円の目標って、どの組織が…」「集中対策期間（2024～2026年度）が終わったら…」: a figure the question says that the
    record writes otherwise (figures with the same unit, none of them this one), corrected with the clause that writes
    it, though what is then asked is not in the document."""
    text = normalize(RULED_OUT_CLAUSE.sub("", q.payload))
    for said in WRITTEN_FIGURE.finditer(text):
        unit = FIGURE_UNIT_WRITTEN.search(said.group(0).rstrip("～"))
        other = _in_other_unit(said.group(0), rec)
        if other:  # 「35.5億円を目指す」 of 35.5兆円: the digits, with another unit
            return f"{WRONG_FIGURES}資料では{quote_title(rec)}について「{other.rstrip('。')}」とされています[1]。"
        if unit is None or plain_figure(said.group(0)) in q.vocab.figures:
            continue  # a figure the document writes is another measure's (「CCRCの394.7億円と似た…」), not misquoted
        if unit.group(1) in ("年", "年度") and not _bracketed(text, said.start(), said.end()):
            continue  # 「2028年度以降は」 is when the question asks about; 「集中対策期間(2024～2026年度)」 says of it
        same_unit = [(sent, m.group(0)) for sent in sentences(rec) for m in WRITTEN_FIGURE.finditer(sent)
                     if (u := FIGURE_UNIT_WRITTEN.search(m.group(0).rstrip("～"))) and u.group(1) == unit.group(1)]
        written = [n for _, f in same_unit for n in NUMBER.findall(f.replace(",", ""))]  # both ends of 2025年度～2027年度
        if not same_unit or all(any(same_number(n, w) for w in written) for n in NUMBER.findall(said.group(0).replace(",", ""))):
            continue
        sent, figure = same_unit[0]
        clause = next((c for c in clauses(sent) if figure in c), sent).rstrip("。")
        return f"{WRONG_FIGURES}資料では{quote_title(rec)}について「{clause}」とされています[1]。"
    return ""


def _in_other_unit(said: str, rec: Record) -> str | None:
    """The clause of the record that writes the same digits as a money figure the question says, with another unit
    (「35.5億円」 of 「35.5兆円を目指し」): a slip of the unit, which a figure compared by value would not catch."""
    money = money_parts(said)
    if len(money) != 1 or money[0][0] != normalize(said).strip():
        return None
    _, digits, unit = money[0]
    for sent in sentences(rec):
        for written, other_digits, other_unit in money_parts(sent):
            if other_unit != unit and same_number(other_digits, digits):
                return next((c for c in clauses(sent) if written in normalize(c)), sent)
    return None


def _bracketed(text: str, start: int, end: int) -> bool:
    """The span is inside brackets (normalised to ASCII): what the question says the thing before it is."""
    opened = text.rfind("(", 0, start)
    return opened >= 0 and ")" not in text[opened:start] and ")" in text[end:]


def _ministry_correction(q: Question, rec: Record) -> str:
    """「…は国土交通省が担当しているんですよね。問い合わせ先を…」: a ministry claimed to be in charge that is not."""
    stray = [m for m in q.ministries if m not in rec.ministries] if (q.asserts or q.presupposes) and rec.ministries else []
    return "いいえ、" + not_in_charge(rec, stray) if stray else ""


def not_in_charge(rec: Record, stray: list[str]) -> str:
    """The ministries in charge of the record, and that those claimed are not among them."""
    return f"資料では{quote_title(rec)}の担当は{ministries_label(rec) or '記載なし'}で、{'、'.join(stray)}は含まれていません[1]。"


def amount_correction(q: Question, rec: Record) -> str:
    """「いいえ、…」 and the record's amount when the amount the question says of it right after its name (「…に170億円も
    要求されてますが」) is written nowhere in the record; "" otherwise (another of its figures, such as 累計6,000億円, is
    not a wrong amount)."""
    said = q.amount_said
    if not said or not rec.amount_text:
        return ""
    written = _texts_with_figures(rec)
    value = next((v for *_, v in amounts_oku(said)), None)
    if (q.claims_request and value is not None and rec.prev_amount_oku is not None  # 「令和N年度の要求額は（前年度の額）」
            and abs(rec.prev_amount_oku - value) < 1e-9 and rec.amount_oku is not None and abs(rec.amount_oku - value) > 1e-9):
        return (f"{WRONG_FIGURES}{said}は{quote_title(rec)}の{q.profile.previous_year}当初予算額で、"
                f"{q.profile.fiscal_year}の概算要求額は{amount_label(rec)}です[1]。{flag_notes(rec)}")
    if any(writes_figure(plain_figure(said), t) for t in written):
        return ""
    if value is not None and any(abs(v - value) < 1e-9 for t in written for *_, v in amounts_oku(t)):
        return ""  # 「3億円」 of a record that writes 3.0億円: the same figure
    if rec.amount_oku is None:
        return f"{WRONG_FIGURES}{quote_title(rec)}は「{amount_label(rec)}」として要求されており、金額は示されていません[1]。"
    return f"{WRONG_FIGURES}{quote_title(rec)}の概算要求額は{amount_label(rec)}です[1]。{flag_notes(rec)}"


def _texts_with_figures(rec: Record) -> tuple[str, ...]:
    """Where a record writes figures: its amount, its previous-year figure and its sentences."""
    return (rec.amount_text or "", format_oku(rec.prev_amount_oku) if rec.prev_amount_oku is not None else "", *rec.body)


def year_correction(q: Question) -> str:
    """The year the asker claimed, corrected: the figures are the document's own fiscal year's request (the claimed
    year is not repeated: a figure the document does not write is never shown)."""
    return f"いいえ、この資料は{q.profile.fiscal_year}の概算要求です。"


def _where_written(q: Question, rec: Record) -> str:
    """A figure claimed as requested that the record's text writes for something else (「累計6,000億円（…補正）」): what
    the text says it is."""
    for sent in sentences(rec):
        for m in WRITTEN_FIGURE.finditer(sent):
            if any(same_number(n, re.sub(r"[^\d.]", "", m.group(0))) for n in q.premise_numbers):
                clause = next((c for c in clauses(sent) if m.group(0) in c), sent.rstrip("。"))
                return f"なお、{m.group(0)}は、資料では「{clause}」とされている額です[1]。"
    return ""


def verdict(q: Question, holds: bool) -> str:
    """はい when the claim holds, as the asker put it: for 「…じゃないですよね？」 the claim is that it is not."""
    return "はい" if holds != q.claims_negated else "いいえ"


def figures_lead(q: Question, rec: Record) -> str:
    """はい/いいえ about the figures a question states (「86の自治体でしたっけ？」) or a thing it asks is included
    (「ドローン航路も含まれますか？」), from the record's own text."""
    if q.premise_numbers:
        return with_faults(q, rec, confirm_figures(q, rec.amount_text or "", " ".join(rec.body)))
    if q.claims_ended and q.seeks_confirmation and rec.amount_text and rec.id == q.named_item:
        return f"いいえ、{quote_title(rec)}は{q.profile.fiscal_year}の概算要求に含まれています[1]。"
    if q.asks_included and q.seeks_confirmation:
        thing = q.asks_included
        yes = "" if WH.search(q.payload) else "はい、"  # 「…はどの施策に入ってる？」 asks which, not whether
        if loose(thing) in loose(" ".join([rec.title, rec.amount_text or "", *rec.body])):
            return f"{yes}{quote_title(rec)}の記述に「{thing}」が含まれています[1]。" + _sentence_naming(q, rec, thing)
        written = nouns_written(q, rec, thing)
        if written is True:  # in other words (「農業をやる人」 for 農林水産業): the sentence that says it, to check
            return f"{yes}{quote_title(rec)}の記述に該当する内容があります[1]。" + _sentence_naming(q, rec, thing)
        partly = [m.surface for m in _claim_nouns(q, thing) if _written(q, _source(rec), m.surface)]
        if written is False and partly:  # 「アニメの聖地巡礼っぽいの」 of 「アニメツーリズム」: the sentence, to judge
            sentence = _sentence_naming(q, rec, thing)
            return (f"{quote_title(rec)}の記述に「{thing}」そのものはありませんが、「{partly[0]}」についての記述があります[1]。"
                    + sentence)
        if written is False:
            return f"いいえ、{quote_title(rec)}の記述に「{thing}」は見当たりません[1]。"
    if q.seeks_confirmation and (q.claims_only or q.claims_new or q.claims_existing):
        said = next((s for s in sentences(rec) if (NOT_ONLY if q.claims_only else WRITES_NEW).search(s)), None)
        if said:  # 「まるごと移すだけ？」 of 「…全面的な移転だけでなく…」: いいえ; 「新たに実施？」 of 「新たに…」: はい;
            # 「既にある制度の拡充ですよね？」 of 「…を創設する」: いいえ
            denied = q.claims_only or q.claims_existing
            return f"{'いいえ' if denied else 'はい'}。資料では「{said.rstrip('。')}」とされています[1]。"
    if q.claims_every_place and (q.seeks_confirmation or q.asserts):
        said = next((s for s in sentences(rec) if PLACES_COUNTED.search(s)), None)
        if said:  # 「全都道府県が参加してるんでしょ？」 of 「68の自治体（24県、44市町村）」: いいえ, and the count
            return f"いいえ。資料では「{said.rstrip('。')}」とされています[1]。"
    return ""


PLACES_COUNTED = re.compile(r"\d+(?:の)?(?:自治体|都道府県|県|市町村)")
"""A count of prefectures or municipalities a sentence writes (「68の自治体（24県、44市町村）」)."""


NOT_ONLY = re.compile(r"だけでなく|だけではなく|のみならず|に限らず|に加え")
"""A sentence that says the measure is not limited to one thing."""
WRITES_NEW = re.compile(r"新たに|創設|新設|新規")
"""A sentence that says the measure is new."""


def _sentence_naming(q: Question, rec: Record, thing: str) -> str:
    """The record's sentence (not its title) that writes most of what the question asks is included, quoted."""
    nouns = [v for m in _claim_nouns(q, thing) for v in [m.surface, *q.vocab.lexicon.meanings(m.surface)]]
    scored = [(sum(compact(n) in compact(s) for n in nouns) + (loose(thing) in loose(s)) * 10, s) for s in sentences(rec)]
    score, best = max(scored, key=lambda x: x[0], default=(0, ""))
    return f"資料では「{best.rstrip('。')}」とされています[1]。" if score else ""


def figure_in_text(q: Question, records: list[Record]) -> Draft | None:
    """「6,000億円って何の金額？」「2027年度までって何の期間？」: the line that states the figure, quoted; a measure's
    requested amount is named as such."""
    written = q.looked_up_figure or (plain_figure(format_oku(q.asked_amount)) if q.asked_amount is not None else "")
    if not written:
        return None
    for rec in records:
        if writes_figure(written, rec.amount_text or ""):  # whole: 「5兆円」 is not the end of 「15兆円」
            return Draft(f"{amount_label(rec)}は、{quote_title(rec)}の概算要求額です[1]。{context(rec)}", [rec])
        if rec.prev_amount_oku is not None and written == plain_figure(format_oku(rec.prev_amount_oku)):
            return Draft(f"{format_oku(rec.prev_amount_oku)}は、{quote_title(rec)}の{q.profile.previous_year}当初予算額です[1]。"
                         f"{q.profile.fiscal_year}の概算要求額は{amount_label(rec)}です[1]。", [rec])
        for sent in sentences(rec):
            if writes_figure(written, sent):
                clause = next((c for c in clauses(sent) if writes_figure(written, c)), sent.rstrip("。"))
                shown = next((m.group(0) for m in WRITTEN_FIGURE.finditer(clause) if plain_figure(m.group(0)) == written),
                             written)  # as the document writes it (6,000万人), not as the question did
                text = f"{shown}は、資料では「{clause}」とされている{'額' if shown.endswith('円') else '数字'}です[1]。"
                lead = verdict(q, figure_claim_holds(q.payload, sent)) + "。" if q.figure_of_a_year else ""
                return Draft(lead + text + f"（{quote_title(rec)}の記述：{sent}）{context(rec)}", [rec])
    return None


BUDGET_KINDS = ("当初", "補正")
"""Which budget of a year a figure belongs to: a claim that names one is checked against the clause's."""


COUNT_KINDS = "か所|箇所|自治体|市町村|県|人|件|社|校"
"""The counters a claim and the document count things with."""
COUNTED_OF = re.compile(r"([一-龥ァ-ヶー]{2,})(?:が|は|で|の|って|も)?(\d[\d,.]*)(" + COUNT_KINDS + ")")
"""A count claimed of something named right before it (「産総研関連が26か所」)."""
KIND_COUNTED = re.compile(r"(?<!道府)(" + COUNT_KINDS + r")(?:は|が|って)(\d+)(?![\d.,]|" + COUNT_KINDS
                          + r"|万|億|兆|年|月|日|%)|(?<![\d.,])(\d+)(?:は|が)(" + COUNT_KINDS + ")")
"""A count claimed of a kind without the counter after it (「68自治体のうち、県は44」「44は県」)."""
ALL_ONE_KIND = re.compile(r"(?:全部|すべて|全て|いずれも|みんな)(?:が|は)?(" + COUNT_KINDS + r")(?![\d一-龥])")
"""All of a count claimed to be one kind (「68自治体はすべて市町村」)."""


def counted_of_another(claim: str, source: str) -> bool:
    """A count the claim gives of one thing (「産総研関連が26か所」) when the source writes another count right after
    that thing (「地域大学関連26か所、産総研関連3か所」), a count of a kind the source counts otherwise (「県は44」 of
    「24県、44市町村」), or all of a count claimed to be one kind the source splits (「すべて市町村」); a noun the source
    puts no count after (「拠点は3か所」) is not checked here."""
    written, said = compact(source), compact(claim)
    for m in COUNTED_OF.finditer(said):
        thing, count = m.group(1), m.group(2) + m.group(3)
        if re.search(re.escape(thing) + r"\d", written) and not re.search(re.escape(thing) + re.escape(count), written):
            return True
    for m in KIND_COUNTED.finditer(said):  # 「県は44」 of 「68の自治体（24県、44市町村）」
        kind, count = m.group(1) or m.group(4), m.group(2) or m.group(3)
        as_written = re.search(r"(?<![\d.,])" + count + re.escape(kind), written)
        if re.search(r"\d" + re.escape(kind), written) and not as_written:
            return True
    for m in ALL_ONE_KIND.finditer(said):  # 「すべて市町村」 of a count the document splits into kinds
        bracketed = re.findall(r"[（(]([^（）()]*)[）)]", written)
        kinds = [set(re.findall(r"\d(" + COUNT_KINDS + ")", inner)) for inner in bracketed]
        if any(m.group(1) in found and len(found) > 1 for found in kinds):
            return True
    return False


def figure_claim_holds(claim: str, sentence: str) -> bool:
    """Every figure and year the claim gives (令和N年度, RN, 20NN年度), and 当初 or 補正 if it says which, are the
    sentence's own (a figure the sentence writes as of two earlier years' 補正 is not of the previous year, nor 当初)."""
    written = compact(sentence)
    figures = (plain_figure(m.group(0)) for m in WRITTEN_FIGURE.finditer(claim) if not m.group(0).endswith("年"))
    if not all(writes_figure(f, written) for f in figures):
        return False  # 「2030年に6,000万人・消費額20兆円」: another figure claimed beside it is not the document's (nor is
        # 「5兆円」 the 「15兆円」 it is the end of)
    if counted_of_another(claim, written):
        return False
    for m in YEAR.finditer(claim):
        year = f"令和{int(m.group(2))}年度" if m.group(1) in ("令和", "R", "r") else m.group(0)
        if compact(year) not in written and compact(m.group(0)) not in written:
            return False
    return all(kind in written for kind in BUDGET_KINDS if kind in claim)


def figure(q: Question, records: list[Record]) -> Draft:
    """The writer for a figure looked up: where it is written, or that the document does not write it."""
    return figure_in_text(q, records) or Draft(refusal_text(q.profile), [], refused=True)


ROUGHLY = Decimal("0.05")
"""How far a rounded figure may be from the document's and still be 「約」 it."""


def rounds_to(exact: str, rough: str) -> bool:
    """「約8億円」 of 8.1億円, 「約2,400億円」 of 2,444億円: the exact figure rounded (half up) to the rough one's last
    written digit, and within :data:`ROUGHLY` of it (「約10億円」 is not 7.6億円)."""
    places = len(rough.split(".")[1]) if "." in rough else -(len(rough) - len(rough.rstrip("0")))
    value, claimed = Decimal(exact), Decimal(rough)
    if claimed == 0 or abs(value - claimed) > ROUGHLY * value:
        return False
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP) == claimed


SCALES = {"万": Decimal("0.0001"), "億": Decimal(1), "兆": Decimal(10000)}
"""The scales a money figure is written in, in 億: 「4000万円」 is the document's 0.4億円, 「約0.6兆円」 its 6,287.6億円."""


def rescaled(figure: str, scale: str, to: str) -> str:
    """The figure written in another scale (0.4 億 → 4000 万), as digits without trailing zeros after the point."""
    return format((Decimal(figure) * SCALES[scale] / SCALES[to]).normalize(), "f")


def confirm_figures(q: Question, *sources: str, amount: float | None = None) -> str:
    """「はい。」 when every figure the question asserts is in the sources by value (4.50 is 4.5), or, for a figure
    claimed as a bound (「1億円もいかない」), when the amount is on the claimed side of it; else 「いいえ、…」.

    Both sides are read as written, without their units: the question's 「4.50億円」 against the source's 「4.5億円」.
    """
    written = [(m.group(0), unit.group(1) if (unit := FIGURE_UNIT.match(m.string, m.end())) else None)
               for m in re.finditer(r"\d+(?:\.\d+)?", compact(" ".join(sources)))]

    def holds(n: str) -> bool:
        bound = q.premise_bounds.get(n)
        scale = q.premise_scales.get(n)
        own = [o for o, s in written if scale is None or s == scale]  # 35.5億円 is not the document's 35.5兆円
        own += [rescaled(o, s, scale) for o, s in written if s != scale and s in SCALES and scale in SCALES]
        if n in q.approximate_numbers:
            return any(abs(float(n) - float(o)) <= APPROXIMATE * float(o) or rounds_to(o, n) for o in own)
        if n in q.count_bounds and scale is not None and own:  # 「68の自治体」 against 「50自治体を超えていますか」
            side, value = q.count_bounds[n]
            return any(float(o) > value if side == "above" else float(o) < value for o in own)
        if bound is None or amount is None:
            return any(same_number(n, o) for o in own)
        side, value = bound
        return amount > value if side == "above" else amount < value

    bounds = q.premise_bounds | q.count_bounds
    if all(map(holds, q.premise_numbers)) and not counted_of_another(q.asked_clause, " ".join(sources)):
        return verdict(q, True) + "。" if bounds else "はい。"
    if any(n in bounds for n in q.premise_numbers):
        return verdict(q, False) + "。"
    return WRONG_FIGURES


WRONG_FIGURES = "いいえ、ご質問の数字は資料と異なります。"
FIGURES_TOO = "ご質問の数字も資料と異なります。"
"""The wrong figures said after another correction, which has given the いいえ already."""


def ministries(q: Question, records: list[Record]) -> Draft:
    rec = next((r for r in records if r.ministries), records[0])
    if not rec.ministries:
        return Draft(f"{quote_title(rec)}について、資料には担当府省庁の記載がありません[1]。", [rec])
    if rec.kind in ("line_item", "headline"):
        budget = q.profile.owner[1] if len(q.profile.owner) > 1 else "予算"  # the document's name for it, not the code's
        text = f"{quote_title(rec)}は、{ministries_label(rec)}の{budget}の概算要求に計上されている事業です[1]。"
    else:
        text = f"{quote_title(rec)}の担当府省庁は{ministries_label(rec)}です[1]。"
    lead = _claimed_on_the_way(q, rec)
    if lead in ("はい。", "いいえ。") and rec.kind not in ("line_item", "headline"):  # a flag claimed: the amount first
        text = (f"{quote_title(rec)}の概算要求額は{amount_label(rec)}です[1]。{flag_notes(rec)}"
                f"担当府省庁は{ministries_label(rec)}です[1]。")
    elif rec.amount_text and amount_label(rec) not in lead:
        text += f"概算要求額は{amount_label(rec)}です[1]。"
    return Draft(lead + text, [rec])


def _claimed_on_the_way(q: Question, rec: Record) -> str:
    """The amount the question says of the measure before asking who is in charge (「…は13億円とのことですが、担当は？」),
    corrected first: a wrong figure is never left standing."""
    wrong = amount_correction(q, rec) if rec.id == q.named_item else ""
    claim = q.claimed_first  # 「…は内数じゃないんですよね？どこの省が出すんですか？」: the sentence that claims, on its own
    if not wrong and claim is not None and rec.id == claim.named_item:
        if claim.asks_whole_amount and rec.is_naisu:
            return "いいえ。"  # 「…の1,917.0億円は内数じゃなくて単独の金額ですよね？」: the amount says (内数)
        if claim.confirms_flag:
            return verdict(claim, _flag_holds(claim, rec, claim.confirms_flag)) + "。"
    return wrong.removesuffix(flag_notes(rec))


def ministry_check(q: Question, records: list[Record]) -> Draft:
    rec = next((r for r in records if r.ministries), records[0])
    wrong = amount_correction(q, rec) or _described_amount_wrong(q, rec)
    if wrong:  # 「…って、金融庁が4億円要求してるんですよね？」: the claim fails on its figure whoever is in charge
        return Draft(f"{wrong}担当は{ministries_label(rec) or '記載なし'}です[1]。", [rec])
    asked = [m for m in q.ministries if m]
    hit = [m for m in asked if m in rec.ministries]
    others = [m for m in rec.ministries if m not in asked]
    if q.asks_only and hit and len(hit) == len(asked) and others:  # 「文部科学省だけが担当？」
        text = (f"{verdict(q, False)}、{quote_title(rec)}の担当は{ministries_label(rec)}で、{'、'.join(hit)}だけではありません"
                f"（ほかに{'、'.join(others)}）[1]。")
    elif q.asks_only and hit and len(hit) == len(asked):
        text = f"{verdict(q, True)}、{quote_title(rec)}の担当は{ministries_label(rec)}だけです[1]。"
    elif hit and len(hit) == len(asked):
        text = (f"{verdict(q, True)}、{quote_title(rec)}の担当府省庁には{'、'.join(hit)}が含まれます"
                f"（担当：{ministries_label(rec)}）[1]。")
    else:
        text = f"{verdict(q, False)}、" + not_in_charge(rec, [m for m in asked if m not in rec.ministries])
    if rec.amount_text:
        text += f"概算要求額は{amount_label(rec)}です[1]。"
    return Draft(text, [rec])


def _described_amount_wrong(q: Question, rec: Record) -> str:
    """「地域金融力強化プランの関係で金融庁が4億円要求してるらしいけど」: the one figure claimed as requested, not right after
    a name (:attr:`Question.amount_said`), checked against the amount of the measure found for it; "" when the record
    writes that figure anywhere."""
    if q.amount_said or not q.claims_request or len(q.stated_amounts) != 1:
        return ""
    if rec.amount_oku is None and rec.amount_text:  # 「総務省が50億円を要求した」 of a measure whose amount is 【調整中】
        return f"{WRONG_FIGURES}{quote_title(rec)}は「{amount_label(rec)}」とされており、金額は示されていません[1]。"
    if rec.amount_oku is None:
        return ""
    (value,) = q.stated_amounts
    if any(abs(v - value) < 1e-9 for t in _texts_with_figures(rec) for *_, v in amounts_oku(t)):
        return ""
    return f"{WRONG_FIGURES}{quote_title(rec)}の概算要求額は{amount_label(rec)}です[1]。"


def _described_apart(q: Question) -> bool:
    """A sentence of its own asks what the measure is (「何をする制度？いつから？」), apart from the one that asks the
    time or figure; a name that ends in 仕組み (「スマホで登録できる仕組み、いつから？」) asks nothing of the kind."""
    parts = [p for p in re.split(r"(?<=[?？。])", q.payload) if p.strip()]
    return len(parts) > 1 and any(DESCRIBE.search(p) and not INTENT_PATTERN["targets"].search(p) for p in parts)


def not_stated(rec: Record) -> Draft:
    """The record is the one asked about, but it states no time or figure of the kind asked: a refusal that cites it."""
    return Draft(
        f"資料の{quote_title(rec)}の記述には、お尋ねの時期や数値は示されていません[1]。資料に記載がないため、お答えできません。",
        [rec],
        refused=True,
    )


CLAIMED_DAY = re.compile(r"\d+月(?:\d+日)?|\d+日")
"""A month or day a claim states (「4月から始まるって本当？」): the record must write it for the claim to hold."""


def definition(q: Question, records: list[Record]) -> Draft:
    rec = records[0]
    named = next((r for r in records if r.id == q.named_item), None)
    if (q.premise_numbers or q.stated_amounts) and named is not None and named is not rec:  # 「プロ人材事業11億円って…何する事業？」: the figure
        return overview(q, [named, *(r for r in records if r is not named)])  # claimed of the measure named is checked first
    sent = best_sentence(q, rec) or (sentences(rec)[0] if q.follow_up_of and rec.body else None)
    if sent is None:  # 「どんな制度なの？」 after a question about it: its first sentence
        return overview(q, records)
    bullet = next((b for b in rec.body if sent.rstrip("。") in b), sent)
    if len(bullet) <= 260:
        sent = bullet
    text = f"{figures_lead(q, rec)}資料では、{quote_title(rec)}について次のように説明されています。{sent}[1]"
    return Draft(text + context(rec), [rec])


def targets(q: Question, records: list[Record]) -> Draft:
    candidates = [(best_sentence(q, r, prefer_numbers=True), r) for r in records[:3]]
    candidates = [(s, r) for s, r in candidates if s]
    if not candidates:
        return overview(q, records)
    sent, rec = candidates[0]
    wanted = q.wanted_figures  # the most specific kind first (いつ before 目標): that one must be there
    if wanted == (GOAL,) and not GOAL.search(sent) and not q.asks_measured:
        return definition(q, records)  # 「…って何を目指すもの？」: what the record says it is for
    # 「閣議決定されたのはいつ？」: a date asked of something the document never names is not the date it writes
    clause = _asking_clause(q)  # 「…毎日思ってますが…「交通空白」の期間っていつ？」: the asker's mood is not the event
    unknown_event = wanted[:1] == (DATE,) and not q.asserts and any(  # not 人数, a word for what is asked
        t in q.unknown_terms and t in clause and t not in ATTRIBUTE_WORDS for t in q.own_nouns)
    if wanted and (not wanted[0].search(sent) or not _about_asked(q, rec, sent) or unknown_event):
        described = definition(q, records) if _described_apart(q) and not unknown_event else None
        if described is not None and described.cited[:1] == [rec]:  # 「何をする制度？いつから？」: what it is, and that
            return Draft(described.text + f"お尋ねの時期や数値は、{quote_title(rec)}の記述には示されていません[1]。",
                         described.cited)  # the time is not written
        return not_stated(rec)
    prefix = ""
    period = period_verdict(q.payload, sent)
    if period is not None:
        prefix = (WRONG_FIGURES if not period else "はい。" if q.yes_no or q.seeks_confirmation
                  else confirm_figures(q, sent) if q.premise_numbers else "")
    elif q.premise_numbers:
        prefix = confirm_figures(q, sent)
    if (q.asks_what_is_written or q.asks_text) and not q.yes_no and prefix.startswith("はい"):
        prefix = ""  # 「2030年の目標はどう書かれていますか」: asks what it says, and the year it names is no claim
    clause = key_clause(q, sent)
    text = f"{prefix}資料では「{clause}」とされています[1]。"
    if clause != sent.rstrip("。"):
        text += f"（{quote_title(rec)}の記述：{sent}）"
    return Draft(text, [rec])


PERIOD_WRITTEN = re.compile(r"(\d{4})年度?\s*[～〜~\-－]\s*(\d{4})年度?")
"""A period the document writes (「2025年度～2027年度」)."""
PERIOD_SAID = re.compile(r"(\d{4})年度?(?:から|より|[～〜~\-－])(\d{4})年度?")
"""A period the question states (「2025年度から2030年度まで」)."""
YEARS_SAID = re.compile(r"(\d{4})年度?(?:から|より)の?(\d{1,2})年間")
"""A period the question states by its length (「2025年度からの3年間」)."""


def period_verdict(question: str, sentence: str) -> bool | None:
    """Whether the period the question states is the one the sentence writes: both ends, or the first year and the
    number of years (2025年度～2027年度 is 「2025年度からの3年間」); None when either states none."""
    written = PERIOD_WRITTEN.search(sentence)
    if written is None:
        return None
    first, last = int(written.group(1)), int(written.group(2))
    said = PERIOD_SAID.search(question)
    if said:
        return (int(said.group(1)), int(said.group(2))) == (first, last)
    length = YEARS_SAID.search(question)
    if length:
        return int(length.group(1)) == first and int(length.group(2)) == last - first + 1
    return None


WHEN = re.compile(WHEN_WORD + r"|何年|何月|何日|時期|期限|期間|年度")


def _asking_clause(q: Question) -> str:
    """The clause that asks when (from the last 、。… before the cue to the end): what the date is asked of."""
    cue = WHEN.search(q.payload)
    if cue is None:
        return q.payload
    return re.split(r"[、。…]|\.\.\.", q.payload[: cue.start()])[-1] + q.payload[cue.start():]


def _about_asked(q: Question, rec: Record, sent: str) -> bool:
    """The sentence with the asked kind of figure speaks of what is asked: of the question's own nouns that the record
    writes outside its title, one is in the sentence (「地域円卓会議はいつ開かれる？」 is not answered by the
    sentence of the same measure that dates a subsidy)."""
    text = compact(" ".join(rec.body))
    title = compact(rec.title)
    asks = [s for s in re.split(r"(?<=[。?？])", q.payload) if any(cue.search(s) for cue, unit in FIGURE_CUES
                                                                 if unit is q.wanted_figures[0])]
    asked = compact(asks[0]) if len(asks) == 1 else compact(q.payload)  # 「いつまでに何を見直すの？防波堤は？」: the first
    own = [compact(t) for t in q.own_nouns if t not in q.unknown_terms and len(t) >= 2 and compact(t) in asked]
    # 「これらの先行自治体」: a word the text writes only pointing back at what it said before names no fact of its own
    specific = [t for t in own if t in text and t not in title and q.vocab.df(t) <= SPECIFIC_DF
                and re.sub(r"(?:これらの|こうした|この|その)" + re.escape(t), "", text).count(t)]
    return not specific or any(t in compact(sent) for t in specific)


def pillar(q: Question, records: list[Record]) -> Draft:
    """「それって柱でいうとどこ？」: the pillar heading the measure (or 主な事業 line) sits under, as the document writes it."""
    rec = next((r for r in records if r.id == q.placed_item), records[0])  # 「それって…の柱？」: the earlier one
    if not rec.pillar:
        return overview(q, records)
    wrong = amount_correction(q, rec) if rec.id == q.named_item else ""
    if wrong:  # 「Aの3億円について、3.の柱の主な事業という整理でよい？」: the figure fails, wherever A sits
        return Draft(f"{wrong}{placement(rec)}", [rec])
    if q.claimed_heading and q.asserts:  # the heading claimed within the pillar decides, not the pillar around it
        lead = verdict(q, q.claimed_heading in rec.heading_path) + "。"
    else:
        holds = q.pillar is not None and (rec.pillar.startswith(q.pillar) or _names_its_pillar(q, rec))
        lead = verdict(q, holds) + "。" if q.pillar and q.asserts else ""  # the claimed pillar
    money = f"概算要求額は{amount_label(rec)}です[1]。" if rec.amount_text else ""  # what it is, beside where it sits
    return Draft(f"{lead}{placement(rec)}{money}", [rec])


def _names_its_pillar(q: Question, rec: Record) -> bool:
    """「…って『人や企業の地方分散』の柱の事業？」 of a 主な事業 under 「4. 人や企業の地方分散」: the name claimed, with no
    number, is its pillar's own, though the measures' pillar 「(3) 人や企業の地方分散～…～」 shares it."""
    own = rec.pillar.partition(" ")[2].removesuffix("等").split("～")[0]
    claimed = (q.profile.pillar_label(q.pillar or "") or "").partition(" ")[2]
    numbered = MEASURES_NUMBER.search(q.payload) or MAIN_ITEMS_NUMBER.search(q.payload)
    return len(own) >= 4 and own in q.payload and claimed.startswith(own) and not numbered


def placement(rec: Record) -> str:
    """Where the measure sits: its pillar and the headings below it (「5. 横断的支援等」の「広報周知活動と…」)."""
    kind = "主な事業" if rec.kind == "line_item" else "施策"
    below = rec.heading_path[rec.heading_path.index(rec.pillar) + 1:] if rec.pillar in rec.heading_path else []
    where = "の".join(f"「{h}」" for h in [rec.pillar, *below])
    return f"{quote_title(rec)}は、{where}の{kind}です[1]。"


def overview(q: Question, records: list[Record]) -> Draft:
    if parts := _parts_not_written(q, records):
        return parts
    rec = records[0]
    text = f"{figures_lead(q, rec)}{quote_title(rec)}"
    if rec.amount_text:
        text += f"の概算要求額は{amount_label(rec)}です[1]。{flag_notes(rec)}"
    else:
        text += "について。"
    sent = best_sentence(q, rec)
    if sent and sent.rstrip("。") not in text:  # not twice when the はい already quotes it
        text += f"{sent}[1]"
    if rec.ministries and rec.kind not in ("headline",):
        text += f"担当は{ministries_label(rec)}です[1]。"
    return Draft(text, [rec])


def _parts_not_written(q: Question, records: list[Record]) -> Draft | None:
    """「交付金の内訳は？」: the document writes the measure's one figure and no parts, which the answer says, with it."""
    rec = next((r for r in records if r.id == q.named_item), None) if q.asks_parts_of_one else None
    if rec is None or not rec.amount_text:
        return None
    return Draft(f"資料には、{quote_title(rec)}の内訳は示されていません。概算要求額は{amount_label(rec)}と書かれています[1]。"
                 f"{flag_notes(rec)}", [rec], refused=True)


def also_asked(q: Question, draft: Draft) -> Draft:
    """What else a one-record question asks besides its intent (「期間は？要求額と担当府省庁も」): the amount, the
    ministries or the record's own words, each once, from the same record."""
    if draft.refused or len(draft.cited) != 1:
        return draft
    rec, text = draft.cited[0], draft.text
    if q.written_claim and q.seeks_confirmation and any(compact(d) not in _source(rec) for d in CLAIMED_DAY.findall(q.written_claim)):
        return not_stated(rec)  # 「…は4月から始まるって本当？」 of a record that gives no month
    if q.written_claim and q.seeks_confirmation and not text.startswith(("はい", "いいえ")):
        found, unknown = written_claim_check(q, rec)
        if unknown and CAN_DO.search(q.payload) and not ASKS_WRITTEN.search(q.payload):
            # 「登録したら選挙で投票できるようになるんですか？」: the document says nothing of it, which is no いいえ
            return Draft(f"{quote_title(rec)}について、資料には「{unknown}」についての記載がないため、お答えできません[1]。"
                         f"{context(rec)}", [rec], refused=True)
        lead = ("" if (q.asks_quantity and q.written_claim in q.asker_context) or q.asks_what_is_written else "はい。") if found else (  # 「…って出てきたんですが、正式名称は何？」
            f"いいえ、資料には「{unknown}」についての記載は見当たりません。関連する記述は次のとおりです。"
            if unknown and not q.asks_what_is_written else "")  # 「うちの製品はどの取組に出てきますか」: where, not whether
        text = lead + text
        where = _claim_sentence(q, rec) if found else None
        if where and where.rstrip("。") not in text:  # the sentence that writes it, so the はい can be checked
            text += f"資料では「{where.rstrip('。')}」とされています[1]。"
    elif q.done_claim and q.seeks_confirmation and not text.startswith(("はい", "いいえ")) and nouns_written(q, rec, q.done_claim):
        negated = negated_sentence(q.done_claim, rec)  # 「改訂を待ってから始める？」 of 「改訂を待たずに先取りで」
        text = ("いいえ。" if negated else "はい。") + text  # 「…って、北海道総合開発計画も含むんでしょうか」: the record writes all of it
        where = negated or _claim_sentence(q, rec, q.done_claim)
        if where and where.rstrip("。") not in text:
            text += f"資料では「{where.rstrip('。')}」とされています[1]。"
    if not (q.premise_numbers or text.startswith(("はい", "いいえ"))) and (_miscounted(q, rec) or _figure_correction(q, rec)):
        text = WRONG_FIGURES + text  # 「参加している100の自治体の内訳を教えて」 of 68の自治体, 「…53.5兆円の目標」 of 35.5兆円
    stray = [m for m in q.ministries if m not in rec.ministries] if (q.names_doer or q.owner_claimed) and rec.ministries else []
    if stray and rec.id == q.named_item and "含まれていません" not in text:  # 「国交省が出してる…って何に使う？」
        said = f"担当府省庁は{ministries_label(rec)}"
        text = text.replace(f"{said}です[1]。", f"{said}で、{'、'.join(stray)}は含まれていません[1]。") \
            if f"{said}です[1]。" in text else not_in_charge(rec, stray) + text.replace(WRONG_FIGURES, FIGURES_TOO, 1)
        text = text if text.startswith(("はい", "いいえ")) else "いいえ、" + text  # the ministry taken as given is not
    if q.asks_amount and rec.amount_text and amount_label(rec) not in text:
        text += f"概算要求額は{amount_label(rec)}です[1]。"
    if q.asks_ministries and rec.ministries and ministries_label(rec) not in text:
        text += f"担当は{ministries_label(rec)}です[1]。"
    if q.asks_pillar and rec.pillar and rec.pillar not in text:  # 「いくら？あと、どの分類に入ってるかも」
        text += placement(rec)
    sent = best_sentence(q, rec) if q.asks_text or q.asks_note else None  # 「…って注記がありましたよね？」 after an amount
    if sent and sent.rstrip("。") not in text:
        text += f"資料では「{sent.rstrip('。')}」とされています[1]。"
    rest = _rest_asked(q, rec, text) if q.intent != "amount" or q.asks_beyond_amount else None
    if rest:
        text += f"また、資料では「{rest.rstrip('。')}」とされています[1]。"
    return replace(draft, text=text)


def said_amount_checked(q: Question, draft: Draft) -> Draft:
    """「…2,544億円+事項要求って聞いたんですけど、その内訳を」「…に27億円要求とありますが、どんな支援？」: an amount said of
    the measure the answer starts from that its record writes nowhere is corrected first, whatever is then asked."""
    if draft.refused or not draft.cited or draft.cited[0].id != q.named_item or draft.text.startswith(("はい", "いいえ")):
        return draft
    rec = draft.cited[0]
    lead = amount_correction(q, rec)
    if not lead or _rounded_or_change(q.amount_said or "", rec):
        return draft
    return replace(draft, text=(WRONG_FIGURES if amount_label(rec) in draft.text else lead) + draft.text)


def whole_said_checked(q: Question, draft: Draft, records: list[Record]) -> Draft:
    """「…全体で2,037億円と聞きました。そのうち交付金は？」: a figure said of the whole budget before a question about a part
    of it is checked against the headline total (which the search adds for it) and corrected first when it differs."""
    whole = next((r for r in records if q.profile.breakdown and r.id == q.profile.breakdown[0]), None)
    value = next((v for *_, v in amounts_oku(q.whole_said or "")), None)
    if draft.refused or whole is None or whole.amount_oku is None or value is None:
        return draft
    if abs(value - whole.amount_oku) < 1e-9:
        return draft
    cited = draft.cited if whole in draft.cited else [*draft.cited, whole]
    n, name = cited.index(whole) + 1, q.profile.owner[1] if len(q.profile.owner) > 1 else ""
    if whole.prev_amount_oku is not None and abs(whole.prev_amount_oku - value) < 1e-9:
        lead = (f"{WRONG_FIGURES}{q.whole_said}は{name}全体の{q.profile.previous_year}当初予算額で、{q.profile.fiscal_year}の"
                f"概算要求額は{amount_label(whole)}です[{n}]。")
    else:
        lead = f"{WRONG_FIGURES}{name}全体の概算要求額は{amount_label(whole)}です[{n}]。"
    text = draft.text.removeprefix(WRONG_FIGURES)
    return replace(draft, text=lead + text, cited=cited)


def taken_for_granted(q: Question, draft: Draft) -> Draft:
    """「本社機能の地方分散に付いている事項要求の中身は？」「…は0.4億円の内数とされていますが、何の内数？」「…を担当する
    経済産業省は」: a flag the question takes the measure to carry that its amount does not carry, or a ministry it
    takes to be in charge that is not, is corrected first, whatever is then asked."""
    if draft.refused or not draft.cited or draft.cited[0].id != q.named_item or draft.text.startswith(("はい", "いいえ")):
        return draft
    rec = draft.cited[0]
    if not rec.amount_text or q.flag_negated or q.claims_negated or q.items or len(q.named_items - {None}) > 1:
        return draft  # what is said of another measure named beside it is not said of this one
    named = compact(rec.title)
    missing = [w for w in q.profile.flag_words
               if w not in named and w not in rec.amount_text and not any(w in f for f in rec.flags) and q._says(w)
               and not _quoted_of_another(q, rec, w)
               and not re.search(re.escape(w) + r"[^。?？、]{0,4}(?:を?除|抜き)", q.payload)]  # 「事項要求は除いて」
    checked = q.intent != "ministry_check"  # whose answer checks the ministries itself
    stray = [m for m in q.ministries if rec.ministries and m not in rec.ministries] if checked else []
    if stray:  # 「ワット・ビット連携等の推進を担当する経済産業省は、何に取り組むの？」
        return replace(draft, text=f"いいえ、{not_in_charge(rec, stray)}" + draft.text)
    if not missing:
        return draft
    said = "、".join("内数ではありません" if w == "内数" else f"{w}は付いていません" for w in missing)
    return replace(draft, text=f"いいえ、資料では{quote_title(rec)}の概算要求額は{amount_label(rec)}で、{said}[1]。"
                               + draft.text)


def _quoted_of_another(q: Question, rec: Record, flag: str) -> bool:
    """「…は8.1億円＋事項要求と見たんですが、半導体…のほうは」: the flag is quoted with a figure that is not this measure's
    amount, so it is said of another one ("6.8億円＋事項要求のうち" of a 6.8億円 measure is said of this one)."""
    quoted = [value for m in re.finditer(r"円\s*[+＋]\s*" + re.escape(flag), q.payload)
              for _, _, value in amounts_oku(q.payload[: m.start() + 1])[-1:]]
    return any(rec.amount_oku is None or abs(value - rec.amount_oku) > 1e-9 for value in quoted)


def _rounded_or_change(said: str, rec: Record) -> bool:
    """「六千二百八十七億円もあって」 of 6,287.6億円 (the figure without its decimal) or 「407億円増」 of 2,444億円 against
    2,037億円 (the change, not the amount): said of the measure, but no misquote of its amount."""
    value = next((v for *_, v in amounts_oku(said)), None)
    if value is None or rec.amount_oku is None:
        return False
    change = abs(rec.amount_oku - rec.prev_amount_oku) if rec.prev_amount_oku is not None else None
    return (value.is_integer() and abs(rec.amount_oku - value) < 1) or (change is not None and abs(change - value) < 1e-9)


def _miscounted(q: Question, rec: Record) -> bool:
    """A count the question says in passing that the record writes otherwise: the record counts the same things (自治体)
    with another number and never with this one."""
    written = compact(" ".join([rec.title, *rec.body]))
    for number, counter in q.counts_said:
        counts = re.findall(r"(?<![\d.])(\d+)(?:の)?" + re.escape(counter), written)
        if counts and not any(same_number(number, c) for c in counts):
            return True
    return False


def _rest_asked(q: Question, rec: Record, text: str) -> str | None:
    """The record's sentence that writes what else the question asks (「参加自治体数と取組期間は？」「要求額と何を策定するのか」):
    the question's own words, or the kinds of figure it wants, that the record's text has and the answer does not yet say."""
    said, title = compact(text), compact(rec.title)
    body = [(s, compact(s)) for s in sentences(rec) if s.rstrip("。") not in text]
    words = {compact(t) for t in q.own_nouns if t not in q.unknown_terms and t not in q.vocab.stop_terms and len(t) >= 2}
    missing = [w for w in words if w not in said and w not in title and any(w in plain for _, plain in body)]
    missing += [k for k in map(compact, q.kinds_asked) if k not in missing and k not in title and any(k in plain for _, plain in body)]
    figures = [u for u in q.wanted_figures if not u.search(text)]
    if not missing and not figures:
        return None
    scored = [(sum(w in plain for w in missing) + sum(2 for u in figures if u.search(s)), s) for s, plain in body]
    score, best = max(scored, key=lambda x: x[0], default=(0, ""))
    return best if score else None


ASKS_WRITTEN = re.compile(r"記載|記述|書いて|書かれ|載って|触れて|言及|旨")
"""The question asks whether the document writes something (「…旨の記載はありますか」), which いいえ answers when it does not."""
CAN_DO = re.compile(r"(?:でき|られ)(?:る|ます)(?:ようになる)?(?:ん|の)?(?:です|でしょう)?か")
"""Whether something can be done (「登録したら選挙で投票できるようになるんですか？」): the document's silence on it is no いいえ.
A claim of what a measure does (「防波堤を撤去する方針なんですか？」) is still checked against what it writes."""


def written_claim_check(q: Question, rec: Record) -> tuple[bool, str | None]:
    """Whether every noun of what the question asks to be written (「スマホのアプリで登録できる旨」) is in the record (はい),
    and else the first that is a word the document never uses (「マイナンバーカード」: いいえ), None when it cannot tell or
    the claim holds a figure."""
    claim = q.written_claim or ""
    found = nouns_written(q, rec, claim)
    if found is not False or re.search(r"\d", claim):
        return found is True, None
    return False, next(m.surface for m in _claim_nouns(q, claim) if _unknown(q, m))


def nouns_written(q: Question, rec: Record, claim: str) -> bool | None:
    """Whether the record writes what a claim names, noun by noun (an everyday word by the document's words): True when
    every noun is there, False when one is a word the document never uses, None when it cannot tell."""
    nouns = _claim_nouns(q, claim)
    if not nouns:
        return None
    source = _source(rec)
    if all(_written(q, source, m.surface) for m in nouns):
        return True
    return False if any(_unknown(q, m) for m in nouns) else None


PLAIN_VERBS = frozenset({"する", "ある", "いる", "なる", "できる", "れる", "られる", "おる", "くる", "いく"})
"""Verbs too plain to say what a claim is about."""
NEGATIONS = frozenset({"ず", "ない", "ぬ"})


def negated_sentence(claim: str, rec: Record) -> str | None:
    """The record's sentence that writes a verb of the claim with the other polarity (「改訂を待ってから始める」 against
    「改訂を待たずに先取りで」, 「見直さずに」 against 「見直す」), which answers the claim いいえ though every noun of it is
    there; None when none does."""
    said = _verbs(claim)
    for sentence in sentences(rec):
        if any((verb, not negated) in said for verb, negated in _verbs(sentence)):
            return sentence
    return None


def _verbs(text: str) -> set[tuple[str, bool]]:
    """Each verb of the text (its dictionary form), and whether a negation follows it (待たず, 見直さない)."""
    morphs = all_morphemes(text)
    return {(m.normalized, nxt is not None and nxt.pos == "助動詞" and nxt.normalized in NEGATIONS)
            for m, nxt in zip(morphs, [*morphs[1:], None]) if m.pos == "動詞" and m.normalized not in PLAIN_VERBS}


def _source(rec: Record) -> str:
    """Everything the record writes, compacted: its headings, title, amount and text."""
    return compact(" ".join([*rec.heading_path, rec.title, rec.amount_text or "", *rec.body]))


def _written(q: Question, source: str, surface: str) -> bool:
    """Whether the source (:func:`_source`) writes the word or a document word for it."""
    return any(compact(v) in source for v in [surface, *q.vocab.lexicon.meanings(surface)] if v)


def _claim_sentence(q: Question, rec: Record, claim: str | None = None) -> str | None:
    """The record's sentence that writes the most nouns of the claim (「誰もがスマホのアプリで…登録でき…」)."""
    nouns = [compact(m.surface) for m in _claim_nouns(q, claim or q.written_claim or "")]
    scored = [(sum(n in compact(s) for n in nouns), s) for s in sentences(rec)]
    best = max(scored, key=lambda x: x[0], default=(0, ""))
    return best[1] if best[0] else None


def _claim_nouns(q: Question, claim: str) -> list[Morpheme]:
    """The nouns a claim says are written; not one that says what is asked of it (「きっかけになった出来事」), nor the
    kind a likeness is said of (「寮みたいな施設」: 寮 is the claim, 施設 the asker's loose word for it)."""
    morphs = all_morphemes(claim)
    return [m for i, m in enumerate(morphs) if m.pos == "名詞" and m.surface not in q.vocab.stop_terms and len(m.surface) > 1
            and m.surface not in ATTRIBUTE_WORDS
            and not (i >= 2 and morphs[i - 2].surface in LIKENESS and morphs[i - 1].surface == "な")]


LIKENESS = frozenset({"みたい", "よう", "風"})
"""「寮みたいな」「寮のような」: what follows is only like the noun before."""


def _unknown(q: Question, m: Morpheme) -> bool:
    return m.surface not in q.vocab.lexicon.everyday and not q.vocab.knows(m.surface, m.normalized)


def context(rec: Record) -> str:
    parts = []
    if rec.amount_text:
        parts.append(f"概算要求額は{amount_label(rec)}")
    if rec.ministries and rec.kind != "headline":
        parts.append(f"担当は{ministries_label(rec)}")
    return ("（" + "、".join(parts) + "）") if parts else ""
