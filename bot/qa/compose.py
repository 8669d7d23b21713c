"""The default composer: a short Japanese answer written from the retrieved records, no model needed.

It leads with what was asked (the figure, the ministries, the date), states 内数/事項要求 correctly,
computes a difference only from two cited figures and says so, and marks each claim with [n].
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Protocol

from bot.document.flags import FLAGS, GLOSSARY, added_grant
from bot.models import Draft, Record
from bot.qa.question import Question
from bot.qa.refusal import REFUSAL
from bot.text import compact, format_oku, lexical_tokens, reading


class Composer(Protocol):
    def __call__(self, question: Question, records: list[Record]) -> Draft: ...


def is_total(record: Record) -> bool:
    """The document's 総額 (the headline with an R7 figure and 概算要求額 in its title)."""
    return record.kind == "headline" and record.prev_amount_oku is not None and "概算要求額" in record.title


def amount_label(record: Record) -> str:
    """The amount as the document writes it, with ＋ for the additions."""
    if not record.amount_text:
        return ""
    return re.sub(r"\s*[+＋]\s*", "＋", record.amount_text.replace("(", "（").replace(")", "）"))


def quote_title(record: Record) -> str:
    """The title in 「」, inner 「」 turned into 『』 as Japanese nests quotes."""
    title = record.title
    if record.kind == "headline" and title.startswith("2."):
        return "「2.～5.」（交付金以外）の合計"
    return "「" + title.replace("「", "『").replace("」", "』") + "」"


def _clauses(sentence: str) -> list[str]:
    """Split a sentence at 、 outside brackets, so 「68の自治体（24県、44市町村）」 stays whole."""
    out, depth, cur = [], 0, ""
    for ch in sentence:
        depth += ch in "（(「『【"
        depth -= ch in "）)」』】"
        if ch == "、" and depth <= 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    out.append(cur)
    return [c.strip("。 ") for c in out if c.strip("。 ")]


_CUES = [
    (re.compile(r"いつ|期間|何年|年度|いつまで|いつから"), re.compile(r"\d+年|\d+～\d+年|\d+月|本年|今年")),
    (re.compile(r"どこ|どの地域"), re.compile(r"[一-龥]{1,4}(県|市|町|村|州|島|半島)")),
    (re.compile(r"増え|減っ|伸び|倍"), re.compile(r"倍|増|拡大|減")),
    (re.compile(r"何人|人数|旅行者"), re.compile(r"\d[\d,]*万?人")),
    (re.compile(r"か所|カ所|箇所|拠点"), re.compile(r"\d+か所")),
    (re.compile(r"いくつ|自治体|何県|ブロック"), re.compile(r"\d+(の)?(自治体|県|市町村|ブロック)")),
    (re.compile(r"目指|目標"), re.compile(r"目指")),
    (re.compile(r"累計|総額|いくら"), re.compile(r"\d[\d,.]*(億|兆)円")),
]


def key_clause(question: Question, sentence: str) -> str:
    """The clause of ``sentence`` holding the figure the question asks for."""
    q_tokens = set(lexical_tokens(question.retrieval_text))
    best, best_score = sentence, -1.0
    for clause in _clauses(sentence):
        score = len(q_tokens & set(lexical_tokens(clause))) + (2.0 if re.search(r"\d", clause) else 0.0)
        for cue, unit in _CUES:
            if cue.search(question.payload) and unit.search(clause):
                score += 100.0  # the asked-for kind of figure decides
        if score > best_score:
            best, best_score = clause, score
    return re.sub(r"(?<=[）)」\d])(で|に|を|は|が|と|し)$", "", best)


def flag_notes(record: Record) -> str:
    notes = [FLAGS[f].note for f in record.flags if f in FLAGS and f != "調整中"]
    extra = [g for g in map(added_grant, record.flags) if g]
    if extra:
        notes.append(f"このほか{'、'.join(extra)}が加わります（金額の記載はありません）。")
    return "".join(notes)


def ministries_label(record: Record) -> str:
    return "、".join(record.ministries)


def question_overlap(question: Question, record: Record) -> float:
    """Share of the question's own words found in the record: how much the record is what was asked."""
    terms = [t for t in question.focus_terms if t not in question.unknown_terms]
    if not terms:
        return 0.0
    text = compact(" ".join([*record.heading_path, record.title, record.amount_text or "", *record.body]))
    return sum(1 for t in terms if compact(t) in text) / len(terms)


def sentences(record: Record) -> list[str]:
    out: list[str] = []
    for b in record.body:
        out.extend(s + ("。" if not s.endswith("。") else "") for s in re.split(r"(?<=。)", b) if s.strip())
    return out


def best_sentence(question: Question, record: Record, prefer_numbers: bool = False) -> str | None:
    """The body sentence that shares most words with the question (figures preferred for targets)."""
    q_tokens = set(lexical_tokens(question.retrieval_text))
    q_terms = [compact(t) for t in question.content_terms]
    best, best_score = None, 0.0
    for s in sentences(record):
        s_tokens = set(lexical_tokens(s))
        score = len(q_tokens & s_tokens) + 2.0 * sum(1 for t in q_terms if t and t in compact(s))
        for run in question.kana_runs:
            text = reading(s)
            m = SequenceMatcher(None, run, text, autojunk=False).find_longest_match(0, len(run), 0, len(text))
            score += 3.0 * m.size / len(run) if m.size >= 4 else 0.0
        if prefer_numbers:
            score += 1.5 if re.search(r"\d", s) else 0.0
            score += sum(100.0 for cue, unit in _CUES if cue.search(question.payload) and unit.search(s))  # cue first
        if score > best_score:
            best, best_score = s, score
    return best


class ExtractiveComposer:
    """Writes the answer from the records themselves; deterministic and fast."""

    def __call__(self, question: Question, records: list[Record]) -> Draft:
        intent = question.intent
        handler = getattr(self, f"_{intent}", self._overview)
        draft = handler(question, records)
        draft.intent = intent
        return draft

    # --- single-record answers -------------------------------------------------------------
    def _amount(self, q: Question, records: list[Record]) -> Draft:
        rec = next((r for r in records if r.amount_text), None)
        top = records[0]
        if rec is None or (rec is not top and top.kind in ("measure", "line_item", "summary")):
            if "調整中" in top.flags:
                rec = top
            elif top.amount_text is None:
                return Draft(
                    f"{quote_title(top)}について、資料には金額の記載がありません[1]。{self._context(top)}", [top]
                )
        assert rec is not None
        label = amount_label(rec)
        if "調整中" in rec.flags:
            text = f"{quote_title(rec)}の予算額は【調整中】とされており、資料に金額は示されていません[1]。"
        elif rec.amount_oku is None:
            text = f"{quote_title(rec)}は「{label}」として要求されており、金額は示されていません[1]。"
        else:
            text = f"{quote_title(rec)}の概算要求額は{label}です[1]。"
        text = self._premise(q, rec, text)
        text += flag_notes(rec)
        if rec.ministries and rec.kind != "headline":
            text += f"担当は{ministries_label(rec)}です[1]。"
        return Draft(text, [rec])

    def _document(self, q: Question, records: list[Record]) -> Draft:
        """The document's own title, date and author, from its first lines."""
        rec = records[0]
        date = next((b for b in rec.body if re.search(r"年.*月.*日", b)), "")
        author = next((b for b in rec.body if b != date), "")
        text = f"この資料は「{rec.title}」です[1]。"
        if date:
            text += f"日付は{date.replace(' ', '')}[1]"
            text += f"、作成は{author}です[1]。" if author else "です[1]。"
        text += "金額はすべて概算要求の段階のもので、成立した予算ではありません。"
        return Draft(text, [rec])

    def _glossary(self, q: Question, records: list[Record]) -> Draft:
        term = q.glossary_term or ""
        text = GLOSSARY[term]
        example = next((r for r in records if term in (r.amount_text or "") or term in r.flags), None)
        if term == "概算要求":
            example = next((r for r in records if r.kind == "headline" and r.amount_text), example)
        if example is None:
            return Draft(text + "（用語の一般的な説明です）", [records[0]] if records else [], intent="glossary")
        return Draft(f"{text}資料では、例えば{quote_title(example)}が{amount_label(example)}です[1]。", [example])

    def _premise(self, q: Question, rec: Record, text: str) -> str:
        if not q.premise_numbers:
            return text
        own = set(re.findall(r"\d+(?:\.\d+)?", compact(rec.amount_text or "") + compact(" ".join(rec.body))))
        if all(n in own or n.rstrip("0").rstrip(".") in own for n in q.premise_numbers):
            return "はい。" + text
        return "いいえ、ご質問の数字は資料と異なります。" + text

    def _ministries(self, q: Question, records: list[Record]) -> Draft:
        rec = next((r for r in records if r.ministries), records[0])
        if not rec.ministries:
            return Draft(f"{quote_title(rec)}について、資料には担当府省庁の記載がありません[1]。", [rec])
        if rec.kind in ("line_item", "headline"):
            text = f"{quote_title(rec)}は、{ministries_label(rec)}の地方創生2.0予算の概算要求に計上されている事業です[1]。"
        else:
            text = f"{quote_title(rec)}の担当府省庁は{ministries_label(rec)}です[1]。"
        if rec.amount_text:
            text += f"概算要求額は{amount_label(rec)}です[1]。"
        return Draft(text, [rec])

    def _ministry_check(self, q: Question, records: list[Record]) -> Draft:
        rec = next((r for r in records if r.ministries), records[0])
        asked = [m for m in q.ministries if m]
        hit = [m for m in asked if m in rec.ministries]
        if hit and len(hit) == len(asked):
            text = f"はい、{quote_title(rec)}の担当府省庁には{'、'.join(hit)}が含まれます（担当：{ministries_label(rec)}）[1]。"
        else:
            missing = [m for m in asked if m not in rec.ministries]
            text = (
                f"いいえ、資料では{quote_title(rec)}の担当は{ministries_label(rec) or '記載なし'}で、"
                f"{'、'.join(missing)}は含まれていません[1]。"
            )
        if rec.amount_text:
            text += f"概算要求額は{amount_label(rec)}です[1]。"
        return Draft(text, [rec])

    def _definition(self, q: Question, records: list[Record]) -> Draft:
        rec = records[0]
        sent = best_sentence(q, rec)
        if sent is None:
            return self._overview(q, records)
        bullet = next((b for b in rec.body if sent.rstrip("。") in b), sent)
        if len(bullet) <= 260:
            sent = bullet
        text = f"資料では、{quote_title(rec)}について次のように説明されています。{sent}[1]"
        return Draft(text + self._context(rec), [rec])

    def _targets(self, q: Question, records: list[Record]) -> Draft:
        candidates = [(best_sentence(q, r, prefer_numbers=True), r) for r in records[:3]]
        candidates = [(s, r) for s, r in candidates if s]
        if not candidates:
            return self._overview(q, records)
        sent, rec = candidates[0]
        wanted = [unit for cue, unit in _CUES if cue.search(q.payload)]
        if wanted and not any(unit.search(s) for s, _ in candidates[:1] for unit in wanted):
            return Draft(
                f"資料の{quote_title(rec)}の記述には、お尋ねの時期や数値は示されていません[1]。"
                "資料に記載がないため、お答えできません。",
                [rec],
                refused=True,
            )
        prefix = ""
        if q.premise_numbers:
            own = set(re.findall(r"\d+(?:\.\d+)?", compact(sent)))
            prefix = "はい。" if all(n in own for n in q.premise_numbers) else "いいえ、ご質問の数字は資料と異なります。"
        clause = key_clause(q, sent)
        text = f"{prefix}資料では「{clause}」とされています[1]。"
        if clause != sent.rstrip("。"):
            text += f"（{quote_title(rec)}の記述：{sent}）"
        return Draft(text, [rec])

    def _overview(self, q: Question, records: list[Record]) -> Draft:
        rec = records[0]
        text = f"{quote_title(rec)}"
        if rec.amount_text:
            text += f"の概算要求額は{amount_label(rec)}です[1]。{flag_notes(rec)}"
        else:
            text += "について。"
        sent = best_sentence(q, rec)
        if sent:
            text += f"{sent}[1]"
        if rec.ministries and rec.kind not in ("headline",):
            text += f"担当は{ministries_label(rec)}です[1]。"
        return Draft(text, [rec])

    def _context(self, rec: Record) -> str:
        parts = []
        if rec.amount_text:
            parts.append(f"概算要求額は{amount_label(rec)}")
        if rec.ministries and rec.kind != "headline":
            parts.append(f"担当は{ministries_label(rec)}")
        return ("（" + "、".join(parts) + "）") if parts else ""

    # --- comparisons and sets ----------------------------------------------------------------
    def _comparison(self, q: Question, records: list[Record]) -> Draft:
        with_prev = [r for r in records[:3] if r.prev_amount_oku is not None]
        top = records[0]
        cover = {r.id: question_overlap(q, r) for r in records[:3]}
        usable = [r for r in with_prev if r is top or cover[r.id] >= 0.4 * cover[top.id] > 0]
        if not usable:
            return Draft(
                f"資料には、{quote_title(top)}の令和7年度の予算額は記載されていません[1]。"
                "前年度と比較できる数字が載っているのは、概算要求の総額と新しい地方経済・生活環境創生交付金だけです。",
                [top],
                refused=True,
            )
        with_prev = usable
        # Name every record with an R7 figure the question points at (「総額と交付金それぞれ」).
        asked_numbers = set(re.findall(r"\d+(?:\.\d+)?", compact(q.payload)))
        wanted = [
            r for r in with_prev
            if r is with_prev[0] or cover[r.id] >= 0.5 * cover[with_prev[0].id] > 0
            or asked_numbers & {f"{r.amount_oku:g}", f"{r.prev_amount_oku:g}"}
        ]
        parts, computed = [], []
        lead = ""
        for n, rec in enumerate(wanted, start=1):
            assert rec.amount_oku is not None and rec.prev_amount_oku is not None
            diff = rec.amount_oku - rec.prev_amount_oku
            now, prev = format_oku(rec.amount_oku), format_oku(rec.prev_amount_oku)
            direction = "増加" if diff > 0 else "減少" if diff < 0 else "同額"
            if n == 1 and re.search(r"減", q.payload) and diff > 0:
                lead = "いいえ、減額ではなく増額です。"
            elif (n == 1 and re.search(r"増", q.payload) and diff > 0 and _PREMISE_RE.search(q.payload)
                  and not re.search(r"何|いくら|どのくらい|どれくらい|どれだけ", q.payload)):
                lead = "はい、増額です。"
            text = (
                f"{quote_title(rec)}の令和8年度概算要求額は{amount_label(rec)}、令和7年度当初予算額は{prev}です[{n}]。"
                f"差は{format_oku(abs(diff))}の{direction}です（{now}−{prev}として計算"
            )
            text += "、事項要求分は金額がないため含みません）。" if "事項要求" in rec.flags else "）。"
            computed.append(format_oku(abs(diff)))
            if re.search(r"割|%|パーセント|率", q.payload) and rec.prev_amount_oku:
                rate = round(100 * diff / rec.prev_amount_oku, 1)
                text += f"前年度比でおよそ{abs(rate):g}%の{direction}です（{format_oku(abs(diff))}÷{prev}として計算）。"
                computed.append(f"{abs(rate):g}")
            parts.append(text)
        return Draft(lead + "".join(parts), wanted, computed=computed)

    def _share(self, q: Question, records: list[Record]) -> Draft:
        """A part of the 総額 as a percentage, only for figures that are inside that total."""
        total = next((r for r in records if is_total(r)), None)
        part = next((r for r in records if r is not total and r.amount_text), None)
        if total is None or part is None or total.amount_oku is None:
            return self._amount(q, records)
        inside = part.kind in ("headline", "line_item") and part.amount_oku is not None and not part.flags
        if not inside:
            why = "（内数）で、ほかの予算の一部の額" if part.is_naisu else "複数の府省庁の予算をまとめた施策の額"
            text = (
                f"{quote_title(part)}の{amount_label(part)}[1]は{why}です。総額{amount_label(total)}[2]の内訳として"
                "示された額ではないため、割合は計算できません。"
            )
            return Draft(text, [part, total])
        assert part.amount_oku is not None
        if re.search(r"増額|増え|増加", q.payload) and part.prev_amount_oku and total.prev_amount_oku:
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
            f"{quote_title(part)}の{amount_label(part)}[1]は、総額{amount_label(total)}[2]のおよそ{pct:g}%です"
            f"（{format_oku(part.amount_oku)}÷{format_oku(total.amount_oku)}として計算、事項要求分は金額がないため含みません）。"
        )
        return Draft(text, [part, total], computed=[f"{pct:g}"])

    def _superlative(self, q: Question, records: list[Record]) -> Draft:
        pool = [r for r in records if r.amount_oku is not None]
        if not pool:
            return self._overview(q, records)
        smallest = bool(re.search(r"最小|小さ|少な|低い", q.payload))
        rec = sorted(pool, key=lambda r: r.amount_oku or 0.0, reverse=not smallest)[0]
        word = "最も小さい" if smallest else "最も大きい"
        text = f"挙げられた施策のうち、要求額が{word}のは{quote_title(rec)}の{amount_label(rec)}です[1]。"
        if any(r.is_naisu for r in pool):
            text += "ただし（内数）の額は、より大きな予算の一部の額なので、大小は目安です。"
        return Draft(text, [rec])

    def _sum(self, q: Question, records: list[Record]) -> Draft:
        """A total only when every figure is a plain amount; 内数 and 事項要求 cannot be added up."""
        listing = self._list(q, records, note=False)
        plain = [r for r in records if r.amount_oku is not None and not r.flags]
        if records and len(plain) == len(records):
            total = sum(r.amount_oku or 0.0 for r in plain)
            terms = "＋".join(format_oku(r.amount_oku or 0.0) for r in plain)
            lead = f"合計すると{format_oku(total)}です（{terms}として計算）。"
            listing.computed = [format_oku(total)]
        else:
            lead = (
                "合計額は示せません。（内数）の額はより大きな予算の一部で、事項要求などは金額がないため、"
                "足し合わせると実態と異なる数字になります。"
            )
        listing.text = lead + "\n" + listing.text
        return listing

    def _list(self, q: Question, records: list[Record], note: bool = True) -> Draft:
        if not records:
            return Draft(REFUSAL, [], refused=True)
        scope = "、".join(q.ministries) if q.ministries else (records[0].pillar or "")
        condition = ""
        if q.flag:
            condition = f"「{q.flag}」{'でない' if q.flag_negated else 'の付いた'}"
        if q.same_section:
            head = "同じ見出しの下にあるほかの事業・施策は次のとおりです。"
        elif q.asked_amount is not None and not q.ministries:
            head = f"要求額が{format_oku(q.asked_amount)}の事業・施策は次のとおりです。"
        elif q.ministries:
            head = f"{scope}が担当府省庁に含まれる{condition}施策は次のとおりです。"
        elif q.pillar:
            head = f"「{scope}」の{condition}施策は次のとおりです。"
        elif condition:
            head = f"{condition}施策は次のとおりです。"
        else:
            head = "関連する施策は次のとおりです。"
        lines = [head]
        for i, r in enumerate(records, start=1):
            amount = f"：{amount_label(r)}" if r.amount_text else "：金額の記載なし"
            lines.append(f"・{r.title}{amount}[{i}]")
        if note and any(r.is_naisu or any(f.startswith("＋") for f in r.flags) for r in records):
            lines.append("（内数）の額はより大きな予算の一部のため、合計はできません。")
        return Draft("\n".join(lines), list(records))


_PREMISE_RE = re.compile(r"ですよね|本当|ですか|でしょうか|だよね")
