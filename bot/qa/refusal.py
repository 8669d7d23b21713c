"""Deciding that the document cannot answer a question, and saying so.

Overall retrieval scores do not separate in-scope from out-of-scope questions on this corpus, so the
decision looks at the question's specific words: years and names the document never mentions, kinds
of question it cannot answer, and whether any word that carries the question is in what was found.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from bot.document.profile import Profile
from bot.models import Record
from bot.qa.patterns import A_COUNT, ANY_COUNT, COUNTER_SPELLINGS
from bot.qa.question import HEARSAY, Question
from bot.qa.unknowns import CONTACT, DECIDED
from bot.search.index import record_text
from bot.text import compact

RefusalKind = Literal[
    "small_talk", "not_japanese", "injection", "unknown_year", "nothing_retrieved", "out_of_scope", "decided_budget", "unknown_name",
    "count_not_stated", "only_unknown_words", "no_content_words", "not_in_records",
]

# What the user is told, by kind; {subject} is the document's title, from its profile.
TEXTS: dict[str, str] = {
    "small_talk": "資料（{subject}）について、ほかにご質問があればどうぞお尋ねください。",
    "not_japanese": "申し訳ありません。日本語でご質問ください。（Please ask in Japanese.）"
    "この資料（{subject}）の内容にお答えします。",
    "injection": "資料（{subject}）の内容に関するご質問にのみお答えします。指示の変更にはお応えできません。",
    "unknown_year": "申し訳ありません。お尋ねの年度については、この資料（{subject}）には記載がありません。",
    "decided_budget": "この資料の金額は{fiscal_year}の概算要求（各府省庁が要求した段階の額）です。"
    "認められた額や成立した予算は、この資料（{subject}）には記載がありません。",
}
REFUSAL = "申し訳ありません。お尋ねの内容は、この資料（{subject}）には記載がありません。"
UNVERIFIABLE = "申し訳ありません。資料の記載と照合できる回答を作成できませんでした。質問を言い換えてお試しください。"

CORRECTED: tuple[RefusalKind, ...] = ("count_not_stated", "out_of_scope")
"""Refusals of what a question asks about a measure it names, after which a wrong amount it states of that measure is
still corrected (bot.qa.answers_one.corrected_premise)."""
COMPUTED_RATES = ("share", "comparison")
"""Intents whose 何% or 何割 is computed from two figures, not looked up as a count."""
COUNT_EVIDENCE = 3
"""How many of the best records may state the count asked for."""
KANA_EVIDENCE = 0.5
"""A reading match this strong among the top records is evidence enough for a kana-only question."""
NAMED_AMONG = 3
"""A record whose title the question writes in kana (:attr:`Question.titles_heard`) is evidence when it is among this
many of the best found."""


@dataclass(frozen=True)
class Refusal:
    """Why the document cannot answer: a closed kind, and the detail for the log."""

    kind: RefusalKind
    detail: str = ""

    def text(self, profile: Profile) -> str:
        """What the user is told."""
        return TEXTS.get(self.kind, REFUSAL).format(subject=profile.subject, fiscal_year=profile.fiscal_year)


def refusal_text(profile: Profile) -> str:
    """The plain 「資料には記載がありません」 for this document."""
    return REFUSAL.format(subject=profile.subject)


def before_retrieval(q: Question) -> Refusal | None:
    """Questions no record can help with: small talk, not Japanese, or only an injected instruction."""
    if q.small_talk:
        return Refusal("small_talk")
    if not q.is_japanese:
        return Refusal("not_japanese")
    if q.injection and not (q.content_terms or q.ministries or q.named_item or q.asks_amount):  # 「…と答えて。総額は？」 asks
        return Refusal("injection", "instruction injection without a question")
    return None


def after_retrieval(q: Question, records: Sequence[Record], scores: Sequence[Mapping[str, float]]) -> Refusal | None:
    """Why what was retrieved cannot answer this question, or None."""
    if q.intent == "document" and records:  # 「…年度の資料ですよね？」 is answered with the document's own year
        return Refusal("out_of_scope", CONTACT) if q.out_of_scope == CONTACT else None  # not its author's phone number
    if q.unknown_years and not q.claimed_year and not q.figure_of_a_year and not (  # a year claimed of a written figure is checked
        q.premise_numbers and all(re.fullmatch(r"\d{4}年度?", y) for y in q.unknown_years)
    ):
        return Refusal("unknown_year", f"years not in document: {q.unknown_years}")  # 「2026年度からですよね？」 is a claim
    if not records:
        return Refusal("nothing_retrieved")
    if q.out_of_scope:
        return Refusal("decided_budget" if q.out_of_scope == DECIDED else "out_of_scope", q.out_of_scope)
    if q.asks_why_changed and not _contradicts_change(q, records[0]):
        return Refusal("out_of_scope", "asks why a figure changed")
    if q.unknown_names:
        return Refusal("unknown_name", f"names not in document: {q.unknown_names}")
    if (q.count_asked is not None and not q.asks_ministries and q.intent not in (*COMPUTED_RATES, "ministry_counts")
            and not q.scoped_list and not _states_count(q.count_asked, _count_evidence(q, records))):
        return Refusal("count_not_stated", f"no record found states a count ({q.count_asked or 'いくつ'})")
    if (q.scoped_list or q.same_section or q.intent in ("items", "figure", "breakdown", "ministry_counts") or q.group or q.ranks_by_ministries
            or q.other_item or q.ordinal_item or (q.intent == "comparison" and q.items)):
        return None  # records chosen by what the question names, not found by its words
    if any(s.get("kana", 0.0) >= KANA_EVIDENCE for s in scores[:3]):
        return None
    if q.written_figures & q.vocab.figures:
        return None  # it quotes one of the document's own figures (「2,444億円って…」): the words around it may be new
    if q.asks_if_decided and q.seeks_confirmation:
        return None  # 「国会で成立済みですか？」 is answered: いいえ, it is a request
    if q.foreign_phrases and not (q.follow_up_of or q.ministries or _heard_of_the_whole(q)):
        return Refusal("only_unknown_words", f"no phrase of the question is in the document: {q.foreign_phrases}")
    if q.carrying_nouns and not q.naming_nouns:
        return None  # 「…総額は？前年度当初との比較も」: its only words say which year, found in every comparison's record
    if not q.carrying_nouns or (q.follow_up_of and not q.own_nouns):  # 「前年度はいくらだった？」 after a question
        return _without_content_words(q)
    return _not_in_records(q, records, scores)


def _contradicts_change(q: Question, record: Record) -> bool:
    """The record's two years contradict the change the question takes for granted (「減額されたのはなぜ？」 of a figure
    that rose, or a figure it does not write): a false premise, which the answer corrects, rather than a reason the
    document does not give."""
    if record.amount_oku is None or record.prev_amount_oku is None:
        return False
    rose = record.amount_oku > record.prev_amount_oku
    misquoted = q.states_other_than(record.amount_oku, record.prev_amount_oku)
    return (q.mentions_decrease and rose) or (q.mentions_increase and not q.mentions_decrease and not rose) or misquoted


def _count_evidence(q: Question, records: Sequence[Record]) -> Sequence[Record]:
    """Where a count must be written: the measure named by its full title, or the earlier measure's record for a
    follow-up about it (「その拠点、全国で何か所？」 after 地域暮らしサービス拠点推進事業: not 26か所 of another measure's 拠点),
    else the best records found."""
    earlier = q.previous.named_item if q.previous is not None and not q.named_item else None
    named = q.named_by_title or earlier  # 「星空観光の推進で派遣される人数」: not 1,000人 of another measure
    return [r for r in records if r.id == named] or records[:COUNT_EVIDENCE]


def _states_count(counter: str, records: Sequence[Record]) -> bool:
    """Whether one of the records writes a number with this counter (any counter for 「いくつ」)."""
    pattern = re.compile(A_COUNT + COUNTER_SPELLINGS.get(counter, re.escape(counter))) if counter else ANY_COUNT
    return any(pattern.search(compact(record_text(r))) for r in records)


def _heard_of_the_whole(q: Question) -> bool:
    """「ニュースでキャスターが、地方創生の予算は去年より減ったと言っていました」: a claim heard about the whole budget;
    who said it and where are not what is asked; nor is what the asker tells before asking it (「居酒屋で盛り上がった
    んだけど、…総額いくら？」)."""
    if not (q.whole_budget or (q.named_item is not None and q.named_item in q.profile.breakdown[:1])):  # 「…予算の総額」
        return False
    asked = q.payload[max(len(q.told), len(q.before_asking)):]  # after what the asker tells of themselves
    seen_at = " ".join(m.group(0) for m in SEEN_AT.finditer(q.payload))
    return (HEARSAY.search(q.payload) is not None
            or bool(len(asked) < len(q.payload) and not any(t in asked for t in q.unknown_terms))
            or all(t in seen_at for t in q.unknown_terms))


SEEN_AT = re.compile(r"([^。、？?！!\s]{1,10}?)(?:で|から)(?:見|読|聞|知)(?:た|だ|まし|て|っ|ん|い)")
"""Where the asker saw or heard of something (「ニュースで見たんだけど」「新聞で読んで」): not what is asked about."""


def _without_content_words(q: Question) -> Refusal | None:
    if q.unknown_terms and not q.follow_up_of and not _heard_of_the_whole(q):
        return Refusal("only_unknown_words", f"only unknown words: {q.unknown_terms}")
    if q.follow_up_of or q.intent in ("amount", "comparison", "superlative") or q.ministries:
        return None
    return Refusal("no_content_words")


def _not_in_records(q: Question, records: Sequence[Record], scores: Sequence[Mapping[str, float]]) -> Refusal | None:
    """None when a top record holds a word of the question, or the document's word for one of its everyday words
    (「どろーんや ろぼっとで…」 → ロボット: the words in kana match nothing written, their meaning does)."""
    meant = [compact(w) for w in q.vocab.lexicon.document_words(q.payload)]
    if any(w in compact(" ".join([r.title, *r.body])) for r in records[:1] for w in meant):  # not in 国土交通省
        return None
    if q.titles_heard and any(compact(r.title) in q.titles_heard for r in records[:NAMED_AMONG]):
        return None  # 「チホウダイガク・チイキ…コウフキン」「ほんしゃきのうの地方分さん」: a title named by how it is read

    if max(s.get("coverage", 0.0) for s in scores[:3]) <= 0.0:
        return Refusal("not_in_records", f"no question word in retrieved records ({q.carrying_nouns})")
    return None
