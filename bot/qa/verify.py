"""The verifier: citations must be retrieved records, every number must be in a cited line or labelled,
and the text carries no link, image or URL of its own."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.models import Draft, Record
from bot.qa.grounding import COMPUTED_LABEL, MARKER, Span, source_text, strip_markers, ungrounded_numbers

_LINK = re.compile(
    r"!?\[[^\]\n]*\]\s*\("  # Markdown inline link or image: [text](url), ![alt](url)
    r"|^\s*\[[^\]\n]+\]:"  # a reference definition: [ref]: url
    r"|\b(?:https?|ftp|file|mailto|javascript|data|vbscript):"  # a URL scheme
    r"|\bwww\.|(?<![\w/])//[\w-]+\.[\w-]"  # www. and protocol-relative //host.tld
    r"|\b[\w-]+\.(?:com|net|org|jp|io|co|info|biz|xyz|ly|me|app|dev|ru|cn|top)\b"  # a bare domain
    r"|<\s*(?:a|img|iframe|script|svg|object|embed|link|meta)\b",  # raw HTML that loads or links
    re.IGNORECASE | re.MULTILINE,
)
"""Anything a Markdown or mrkdwn renderer would turn into a link or a fetched image: the page and Slack show
only the markup we add ourselves (citation markers, source cards), so generated text may carry none."""


def links_in(text: str) -> list[str]:
    """The link, image or URL fragments in ``text`` (empty for an answer we may show)."""
    return [m.group(0).strip() for m in _LINK.finditer(text)]


def verify(draft: Draft, retrieved: list[Record], lines: Sequence[str], always: Sequence[Span] = (),
           *, partial: bool = False) -> list[str]:
    """Problems found; an empty list means the draft may be shown.

    ``always`` are document spans any answer may draw numbers from (its title block). ``partial``: the
    finished sentences of a text still being streamed; checks that need the whole answer wait for it.
    """
    problems: list[str] = []
    retrieved_ids = {r.id for r in retrieved}
    for r in draft.cited:
        if r.id not in retrieved_ids:
            problems.append(f"cited record {r.id} was not retrieved")
    for m in MARKER.finditer(draft.text):
        n = int(m.group(1))
        if not 1 <= n <= len(draft.cited):
            problems.append(f"citation marker [{n}] has no source")
    if not partial:
        problems += _whole_answer_problems(draft)
    source = source_text(lines, [(r.line_start, r.line_end) for r in draft.cited], always)
    _, missing = ungrounded_numbers(draft.text, source, declared=draft.computed)
    problems += [f"number {num} not in a cited record" for num in missing]
    problems += [f"link or image in the answer: {frag!r}" for frag in links_in(draft.text)]
    return problems


def _whole_answer_problems(draft: Draft) -> list[str]:
    """What only the finished answer can show: it is empty, unlabelled or uncited."""
    problems = []
    if not draft.refused and not draft.text.strip():
        problems.append("empty answer")
    if draft.origin == "model" and not draft.refused and not MARKER.search(draft.text):
        problems.append("model answer without a citation marker")  # it may have followed another instruction
    if draft.computed and COMPUTED_LABEL not in strip_markers(draft.text):
        problems.append("computed figure without a label")
    if not draft.refused and draft.text.strip() and not draft.cited:
        problems.append("answer without citations")
    return problems
