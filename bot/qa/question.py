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
from bot.qa.lexicon import COLLOQUIAL, MINISTRY_ALIASES, SPECIFIC_DF, STOP_TERMS
from bot.qa.patterns import (
    ANAPHORA,
    CHINESE_HINT,
    FIGURE_CUES,
    INJECTION,
    INTENT_PATTERN,
    JAPANESE,
    KANA,
    LISTY,
    PREMISE,
    SHARE,
    detect_ministries,
    pillar_of,
)
from bot.qa.vocabulary import Vocabulary
from bot.text import all_morphemes, compact, normalize, parse_amount_oku, to_katakana


@dataclass
class Question:
    """A cleaned question with everything the answer step needs to know about it."""

    text: str
    vocab: Vocabulary
    history: list[Turn] = field(default_factory=list)
    ministries: tuple[str, ...] = ()

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
        return " ".join([base, *extra])

    @cached_property
    def previous(self) -> "Question | None":
        """The earlier question this follow-up refers to, read the same way."""
        if not self.follow_up_of:
            return None
        prev = Question(self.follow_up_of, self.vocab)
        prev.ministries = detect_ministries(self.follow_up_of)
        return prev

    @cached_property
    def intent(self) -> Intent:
        """What kind of answer is wanted (the rules in :mod:`bot.qa.intent`)."""
        return intents.read_intent(self)

    @cached_property
    def listy(self) -> bool:
        """Has a word that asks for several records (すべて, 一覧, どれ, …は)."""
        return bool(LISTY.search(self.payload))

    @cached_property
    def asserts(self) -> bool:
        """States something for the bot to confirm (「…ですよね？」「本当？」)."""
        return bool(PREMISE.search(self.payload))

    @cached_property
    def superlative(self) -> bool:
        """Asks for the largest or smallest (一番, 最も)."""
        return bool(INTENT_PATTERN["superlative"].search(self.payload))

    @cached_property
    def own_nouns(self) -> list[str]:
        """Nouns of this question itself (not of the one it follows up)."""
        return [t for t in self.content_terms if self.weight(t) >= 1.0]

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
    def mentions_increase(self) -> bool:
        return "増" in self.payload

    @cached_property
    def mentions_decrease(self) -> bool:
        return "減" in self.payload

    @cached_property
    def mentions_change(self) -> bool:
        """Speaks of an increase or decrease (増/減)."""
        return self.mentions_increase or self.mentions_decrease

    @cached_property
    def asks_about_increase(self) -> bool:
        """The increase itself is the subject (「増額分のうち…」)."""
        return bool(re.search(r"増額|増え|増加", self.payload))

    @cached_property
    def seeks_confirmation(self) -> bool:
        """Ends like a yes/no question (「…ですか」「本当？」), so the answer may lead with はい/いいえ."""
        return bool(re.search(r"ですよね|本当|ですか|でしょうか|だよね", self.payload))

    @cached_property
    def asks_quantity(self) -> bool:
        """Asks how much or what (何, いくら, どのくらい): a wh-question, not a yes/no one."""
        return bool(re.search(r"何|いくら|どのくらい|どれくらい|どれだけ", self.payload))

    @cached_property
    def asks_rate(self) -> bool:
        """Asks for a rate or percentage (割, %, 率)."""
        return bool(re.search(r"割|%|パーセント|率", self.payload))

    @cached_property
    def asks_smallest(self) -> bool:
        """A superlative about the smallest rather than the largest."""
        return bool(re.search(r"最小|小さ|少な|低い", self.payload))

    @cached_property
    def stated_numbers(self) -> frozenset[str]:
        """The numbers the question itself writes (「2,444億円と2,374億円」)."""
        return frozenset(re.findall(r"\d+(?:\.\d+)?", compact(self.payload)))

    @cached_property
    def wanted_figures(self) -> tuple[re.Pattern[str], ...]:
        """The kinds of figure the question asks for: a year for いつ, a count of people for 何人."""
        return tuple(unit for cue, unit in FIGURE_CUES if cue.search(self.payload))

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
    def morphemes(self):
        return all_morphemes(self.payload)

    @cached_property
    def _term_table(self) -> list[tuple[str, str, float]]:
        """(surface, normalized, weight) of each content word; intent and filler words removed.

        Nouns carry a question (weight 1); verbs and adjectives (移す, 困る) are often everyday wording (0.5).
        """
        out = []
        for m in self.morphemes:
            if m.pos not in ("名詞", "動詞", "形容詞", "接頭辞", "接尾辞", "形状詞"):
                continue
            surface, norm = m.surface, m.normalized
            if norm in STOP_TERMS or surface in STOP_TERMS or re.search(r"\d", surface):
                continue
            if len(surface) == 1 and not re.match(r"[\u4e00-\u9fff]", surface):
                continue
            if any(surface in alias for alias in MINISTRY_ALIASES):
                continue
            out.append((surface, norm, 1.0 if m.pos in ("名詞", "接頭辞", "接尾辞") else 0.5))
        return out

    @cached_property
    def terms(self) -> list[tuple[str, str]]:
        """(surface, normalized) content words of the payload."""
        return [(surface, norm) for surface, norm, _ in self._term_table]

    @cached_property
    def _weights(self) -> dict[str, float]:
        return {surface: w for surface, _, w in self._term_table}

    def weight(self, term: str) -> float:
        return self._weights.get(term, 1.0)

    @cached_property
    def content_terms(self) -> list[str]:
        return [s for s, _ in self.terms]

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
    def phrase_spans(self) -> list[tuple[str, list, str]]:
        """(phrase, its morphemes, the surface right after it) for each run of nouns in the question."""
        out: list[tuple[str, list, str]] = []
        chunk: list = []
        morphs = self.morphemes
        for i, m in enumerate([*morphs, None]):
            if m is not None and m.pos in ("名詞", "接頭辞", "接尾辞") and not re.search(r"\d", m.surface):
                chunk.append(m)
                continue
            if chunk:
                phrase = "".join(x.surface for x in chunk)
                after = "".join(x.surface for x in morphs[i : i + 2]) if m is not None else ""
                out.append((phrase, chunk, after))
            chunk = []
        return out

    @cached_property
    def noun_phrases(self) -> list[str]:
        """Runs of nouns in the question (「広域リージョン連携」), for matching a measure's title."""
        return [p for p, _, _ in self.phrase_spans if len(p) >= 2 and p not in STOP_TERMS]

    @cached_property
    def kana_runs(self) -> list[str]:
        """Runs of hiragana (4+ chars) in katakana, for a question written mostly in kana."""
        letters = re.sub(r"[\s\W\d]", "", self.payload)
        if not letters or len(re.findall(r"[ぁ-ゖー]", letters)) / len(letters) < 0.8:
            return []
        runs = re.findall(r"[ぁ-ゖー・]{4,}", self.payload)
        return [k for k in (to_katakana(r.replace("・", "")) for r in runs) if len(k) >= 4]

    @cached_property
    def unknown_years(self) -> list[str]:
        """Fiscal years or calendar years named in the question that the document never mentions."""
        return unknowns.unknown_years(self)


def analyse(text: str, history: list[Turn], vocab: Vocabulary) -> Question:
    """A follow-up keeps the earlier question's ministries unless it names its own (「じゃあ総務省は？」)."""
    q = Question(text=text, vocab=vocab, history=history)
    own = detect_ministries(q.payload)
    q.ministries = own or (detect_ministries(q.follow_up_of) if q.follow_up_of else ())
    return q
