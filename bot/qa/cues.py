"""The cues a question gives about the answer it wants: yes/no or how much, more or less, which figure.

A mixin of :class:`~bot.qa.question.Question`: each cue is read once from the cleaned text (``payload``),
so the composer and the re-ranker read a field instead of matching the raw text again.
"""

from __future__ import annotations

import re
from functools import cached_property

from bot.qa.patterns import FIGURE_CUES, INTENT_PATTERN, LISTY, PREMISE
from bot.text import compact


class QuestionCues:
    """Yes/no or wh-, increase or decrease, rate, smallest, the numbers written, the kind of figure wanted."""

    payload: str

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
