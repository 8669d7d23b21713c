"""Reading a question once into a typed value: what it asks, about what, and in which conversation.

Retrieval, composition and refusal read the fields of :class:`Question`; nothing after this step
re-reads the raw text. The rules that decide the intent and what the document lacks live beside it
(``bot.qa.intent``, ``bot.qa.unknowns``); the vocabulary they use is data (``bot.qa.lexicon``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from bot.models import Intent, Turn
from bot.qa import intent as intents
from bot.qa import unknowns
from bot.qa.cleaning import RETRIEVAL_CHARS, cap
from bot.qa.cues import QuestionCues
from bot.qa.lexicon import COLLOQUIAL, SPECIFIC_DF
from bot.qa.patterns import (
    ANAPHORA,
    CHINESE_HINT,
    INJECTION,
    JAPANESE,
    KANA,
    SHARE,
    detect_ministries,
    pillar_of,
)
from bot.qa.vocabulary import Vocabulary
from bot.qa.words import QuestionWords
from bot.text import compact, normalize, parse_amount_oku


@dataclass
class Question(QuestionWords, QuestionCues):
    """A cleaned question with everything the answer step needs to know about it."""

    text: str
    vocab: Vocabulary
    history: list[Turn] = field(default_factory=list)
    ministries: tuple[str, ...] = ()
    max_retrieval_chars: int = RETRIEVAL_CHARS

    @cached_property
    def normalized(self) -> str:
        return normalize(self.text)

    @cached_property
    def is_japanese(self) -> bool:
        if not JAPANESE.search(self.text):
            return False
        return bool(KANA.search(self.text)) or not CHINESE_HINT.search(self.text)

    @cached_property
    def injection(self) -> bool:
        return bool(INJECTION.search(self.normalized))

    @cached_property
    def payload(self) -> str:
        """The question without injected instructions: sentences matching injection patterns are dropped."""
        if not self.injection:
            return self.normalized
        parts = [p for p in re.split(r"(?<=[。！!？?\n])|(?<=】)", self.normalized) if p.strip()]
        kept = [p for p in parts if not INJECTION.search(p)]
        return " ".join(kept).strip()

    @cached_property
    def follow_up_of(self) -> str | None:
        """The earlier user question this one refers back to (「それの担当省庁は？」), if any."""
        earlier = [t.content for t in self.history if t.role == "user" and t.content.strip()]
        if not earlier:
            return None
        # A follow-up names nothing specific of its own: no rare document word, no word the document lacks.
        nouns = [t for t in self.content_terms if self.weight(t) >= 1.0]
        specific = [t for t in nouns if t in self.unknown_terms or self.vocab.df(t) <= SPECIFIC_DF]
        if ANAPHORA.search(self.payload) or not specific:
            return normalize(earlier[-1])
        return None

    @cached_property
    def previous_answer(self) -> str:
        """The first sentence of the last assistant turn, which names the measure it was about."""
        answers = [t.content for t in self.history if t.role == "assistant" and t.content.strip()]
        return normalize(re.split(r"(?<=。)", answers[-1])[0])[:200] if answers else ""

    @cached_property
    def retrieval_text(self) -> str:
        base = self.payload
        if self.follow_up_of:
            base = f"{self.follow_up_of} {self.previous_answer} {base}"
        extra = [v for k, v in COLLOQUIAL.items() if k in base]
        return cap(" ".join([base, *extra]), self.max_retrieval_chars)

    @cached_property
    def previous(self) -> "Question | None":
        """The earlier question this follow-up refers to, read the same way."""
        if not self.follow_up_of:
            return None
        prev = Question(self.follow_up_of, self.vocab, max_retrieval_chars=self.max_retrieval_chars)
        prev.ministries = detect_ministries(self.follow_up_of)
        return prev

    @cached_property
    def intent(self) -> Intent:
        """What kind of answer is wanted (the rules in :mod:`bot.qa.intent`)."""
        return intents.read_intent(self)

    @cached_property
    def is_scoped(self) -> bool:
        """Names a ministry, pillar, flag or amount to select records by."""
        return bool(self.ministries or self.pillar or self.flag or self.asked_amount)

    @cached_property
    def scoped_list(self) -> bool:
        """A list, superlative or sum over a named scope: answered from the records the scope selects."""
        return self.intent in ("list", "superlative", "sum") and self.is_scoped

    @cached_property
    def carrying_nouns(self) -> list[str]:
        """Known nouns that carry the question: at least one must be in what was found."""
        return [t for t in self.focus_terms if self.weight(t) >= 1.0 and t not in self.unknown_terms]

    @cached_property
    def asked_amount(self) -> float | None:
        """A figure the user looks records up by (「8.1億円の事業は何？」), not one they assert."""
        if self.asserts or SHARE.search(self.payload) or not re.search(r"何|どれ|どの|どこ", self.payload):
            return None
        return parse_amount_oku(self.payload)

    @cached_property
    def flag(self) -> str | None:
        """A budget flag the question lists by (「税制改正要望がある施策は？」), when it asks for a list."""
        if not re.search(r"どれ|どの|施策は|事業は|一覧|すべて|全部|挙げ|ありますか|何がある", self.payload):
            return None
        for word in ("税制改正要望", "事項要求", "調整中", "社会資本整備総合交付金", "防災・安全交付金", "内数"):
            if word in self.payload:
                return word
        return None

    @cached_property
    def flag_negated(self) -> bool:
        """「内数じゃないのは？」: the records without the flag."""
        return bool(self.flag and re.search(re.escape(self.flag) + r"(じゃない|ではない|でない|以外|を除)", self.payload))

    @cached_property
    def same_section(self) -> bool:
        """「同じところに載ってる他の事業は？」: the earlier measure's section, the measure itself left out."""
        return bool(self.follow_up_of and re.search(r"同じ(柱|分野|項目|ところ|カテゴリ|セクション|区分|見出し)", self.payload))

    @cached_property
    def premise_numbers(self) -> list[str]:
        """Figures the user asserts (「100億円ですよね？」) that the answer must check, never repeat."""
        if not self.asserts:
            return []
        return re.findall(r"\d+(?:\.\d+)?(?=\s*(?:億円|兆円|万人|億|兆|万|人|か所|年))", compact(self.payload))

    @cached_property
    def pillar(self) -> str | None:
        own = pillar_of(self.payload)
        if own or not self.follow_up_of:
            return own
        return pillar_of(self.follow_up_of)

    @cached_property
    def about_document(self) -> bool:
        """Asks about the document itself: its date, its author, its title (「これっていつ出た資料？」)."""
        return bool(re.search(r"資料|文書|この(ペーパー|紙)", self.payload)) and bool(
            re.search(r"いつ|日付|何日|発表|公表|作成|出た|出され|どこが|誰が|だれが|発行|タイトル|題名|表題|どこの部署", self.payload)
        )

    @cached_property
    def glossary_term(self) -> str | None:
        """A budget term the question asks the meaning of (「事項要求って何？」)."""
        m = re.search(r"(内数|事項要求|税制改正要望|概算要求|調整中)(とは|って|の意味|はどういう|ってどういう|はなに|は何)", self.payload)
        if m and not re.search(r"いくら|額は|金額", self.payload):
            return m.group(1)
        return None

    @cached_property
    def focus_terms(self) -> list[str]:
        """Content words of this question and, for a follow-up, of the question it refers back to."""
        prev = self.previous
        if prev is None:
            return self.content_terms
        return [*prev.content_terms, *[t for t in self.content_terms if t not in prev.content_terms]]

    @cached_property
    def unknown_terms(self) -> list[str]:
        """Content words the document never uses, even after normalisation, by reading or everyday mapping."""
        kana_question = bool(self.kana_runs)
        return [
            s for s, n in self.terms
            if s not in COLLOQUIAL and not self.vocab.knows(s, n)
            and not (kana_question and re.fullmatch(r"[ぁ-ゖー]+", s))  # fragments of a kana-only name
        ]

    @cached_property
    def unknown_names(self) -> list[str]:
        """Proper nouns and programme names (…交付金, …制度, …庁) the document does not contain."""
        return unknowns.unknown_names(self)

    @cached_property
    def out_of_scope(self) -> str | None:
        """Kinds of question the document cannot answer whatever it retrieves."""
        return unknowns.out_of_scope(self)

    @cached_property
    def unknown_years(self) -> list[str]:
        """Fiscal years or calendar years named in the question that the document never mentions."""
        return unknowns.unknown_years(self)


def analyse(
    text: str, history: list[Turn], vocab: Vocabulary, max_retrieval_chars: int = RETRIEVAL_CHARS
) -> Question:
    """A follow-up keeps the earlier question's ministries unless it names its own (「じゃあ総務省は？」)."""
    q = Question(text=text, vocab=vocab, history=history, max_retrieval_chars=max_retrieval_chars)
    own = detect_ministries(q.payload)
    q.ministries = own or (detect_ministries(q.follow_up_of) if q.follow_up_of else ())
    return q
