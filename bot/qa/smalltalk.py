"""Small talk in a chat: thanks and acknowledgements that deserve a reaction, never an answer.

「ありがとうございます、助かりました」 or 「了解です」 is not a question: answering it repeats or refuses,
and taking it as "the earlier question" breaks the asker's next follow-up. A message is small talk
when, once these phrases and punctuation are removed, nothing is left.
"""

from __future__ import annotations

import re

from bot.qa.patterns import HONORIFICS

REACTION_WORDS = r"へえ|へぇ|へー|ふーん|そうなんだ|そうなんですね|そっか|おけ|おっけー|オッケー"
"""Interjections that react to the last answer: small talk on their own, and the start of a sentence that only reacts."""

_PHRASES = re.compile(
    r"(ありがとう?|ございます|ございました|有難う(ございます)?|感謝(します|いたします)?|助かり(ます|ました)|"
    r"了解(しました|です)?|りょうかい|承知(しました|いたしました)?|わかりました|分かりました|なるほど|"
    r"かしこまりました|確認しました|お疲れ様(です)?|おつかれさま(です)?|よろしくお願いします|"
    r"いいですね|すごい|完璧|ok|okay|thanks|thank you|thx|got it|了解っす|どうも|です|ます|でした|"
    r"(結構|けっこう|かなり|意外と?|思ったより)?(大きい|多い|少ない|小さい|高い|安い|でかい|でっかい|デカい)(んだ|んです)?(ね|な|よね)?|"
    + REACTION_WORDS + r"|ふむ|そうですか|メモ(?:った|りました|しました)|"
    r"[!！。、,.\s~〜ー笑wｗ🙏👍🙇😊\u200d\u2640\u2642\ufe0f]|:[a-z0-9_+\-]+:)+",
    re.IGNORECASE,
)
MAX_CHARS = 60

REMARK_END = re.compile(r"(?:(?:ます|ました|ません|ましょう|です|でした)(?:ね|よ|な)?|(?:だった|かった|た|だ)(?:よ|ね|わ|な)|[笑草wｗ])"
                        r"(?:[ー〜~]|[^\w])*$")
"""A sentence that states something and asks nothing: 「明日の朝イチでまとめておきます」「今日は早めに上がりますー」, one said
casually (「今日は雨で通勤が大変だったよ」), or one that laughs (「村長「へえ〜」だって笑」)."""
MUSING = re.compile(r"(?:[おこそとのほもよろごぞどぼぽ]う)かな(?:あ|ぁ|ー)?(?:[^\w])*$")
"""Wondering aloud what to do (「今日のお昼なに食べようかな」): a wh-word in it asks the bot nothing."""
WAITING = re.compile(r"(?:ちょっと|少し|少々|しばらく)?(?:お)?待(?:っ|ち)(?:て|てて|ていて)(?:ください|下さい|ね|て)?(?:[^\w])*$")
"""Asks the bot to wait (「…のでちょっと待っててください」): a request, but no question."""
ASKING = re.compile(r"[?？]|いくら|何|なに|なん|どこ|どれ|どの|どう|いつ|誰|だれ|教え|知りたい|知りたかった|聞きたい|聞きたかった|伺いたい|ください|下さい|願い|ねがい|確認|本当|ほんと|合って|正し|でしょ|っけ|かな")
"""Any sign of a question or a request in a message."""


ASIDE = re.compile(r"^\s*[（(]([^（）()]{1,80})[）)]\s*")
"""A parenthesis the message opens with: 「（隣の鈴木さんへ）」「（山本さん：今日中にお願いね）」."""
ADDRESSED = re.compile(rf"(?:{HONORIFICS}|隣|みんな|皆さん)(へ|に|宛て?)$|[へ宛]$")
"""The aside names someone else as the one spoken to: the whole message is for them."""
QUOTED = re.compile(r"[：:]|から$")
"""The aside quotes someone else's words (「山本さん：…」「隣から：…」): what follows answers them."""
REPORTED = re.compile(r"「[^「」]{1,60}(?<![?？])」(?:だって|って(?:言って|話)|とのこと)")
"""Someone else's words reported in the message (課長が「15時から会議室B」だって); a question quoted (「…は他にあるか？」って
言ってます) is passed on for the bot to answer."""
QUESTION_MARK = re.compile(r"[?？]|(?:答えて|教えて|示して)(?:ください|下さい|ほしい|欲しい)?。?$")
"""What asks the bot after a quoted aside: a question mark, or a request to answer (「…を答えてください。」)."""


REACTION = re.compile(rf"^(?:{REACTION_WORDS}|ほう|ほー|なるほど|了解)[、,!！。\s]")
"""A sentence that opens by reacting to the last answer (「へえ、法務省も。」)."""
ASIDE_TO = re.compile(rf"^\s*[（(][^（）()、,]{{0,12}}(?:{HONORIFICS})[、,][^（）()]*[）)]")
"""A bracketed word to a colleague inside a message (「（山田さん、これ環境省だけじゃないっすよ）」)."""


def is_reaction(sentence: str) -> bool:
    """A sentence of a longer message that only reacts to the last answer (「了解です。」「へえ、法務省も。」「おけ、
    メモった。」) or speaks to a colleague in brackets: the question is in the sentences after it."""
    s = sentence.strip()
    return is_small_talk(s) or bool(REACTION.match(s) and not ASKING.search(s)) or bool(ASIDE_TO.match(s))


def is_aside(text: str) -> bool:
    """True for a message to someone else in the thread: one addressed to a colleague 「（隣の鈴木さんへ）…」, or a
    reply to a colleague's words quoted first 「（山本さん：答弁書お願いね）はーい、了解です」 that asks the bot
    nothing (no question mark or request after the quote)."""
    m = ASIDE.match(text)
    if m is None:
        return False
    aside, rest = m.group(1).strip(), text[m.end():]
    if ADDRESSED.search(aside):
        return True
    return QUOTED.search(aside) is not None and QUESTION_MARK.search(rest) is None


def unreported(text: str) -> str:
    """The message without other people's words it reports (「…」だって), which ask the bot nothing."""
    return REPORTED.sub("", text)


def is_remark(text: str) -> bool:
    """True for a short statement that asks nothing (a remark to a colleague in a thread, or small talk that is
    more than thanks); whether it speaks of the document is for the caller to weigh."""
    stripped = text.strip()
    if not 0 < len(stripped) <= MAX_CHARS:
        return False
    if MUSING.search(stripped):
        return True
    waiting = WAITING.search(stripped)
    if waiting:  # 「…のでちょっと待っててください」: what comes before it may still ask
        return not ASKING.search(stripped[:waiting.start()])
    return REMARK_END.search(stripped) is not None and not ASKING.search(stripped)


def is_small_talk(text: str) -> bool:
    """True for a short message made only of thanks/acknowledgement phrases (no question left)."""
    stripped = text.strip()
    if not stripped or len(stripped) > MAX_CHARS or "?" in stripped or "？" in stripped:
        return False
    return _PHRASES.fullmatch(stripped) is not None
