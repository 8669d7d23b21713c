"""Everyday Japanese and budget vocabulary the question reader needs: data, not rules.

Which words only say what kind of answer is wanted (いくら, 教えて) and the endings of programme names
live here; what an everyday word means in the document's terms (田舎 → 地方) and the short names of
ministries are a data file beside the document (corpus/vocabulary.json), loaded into a :class:`Lexicon`.
None of it names a measure, a figure or a year of an edition.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from bot.text import to_hiragana, to_katakana


@dataclass(frozen=True)
class Lexicon:
    """Everyday words → the document's words, and ministry short names → their names in the document."""

    everyday: Mapping[str, str] = field(default_factory=dict)
    ministries: Mapping[str, str] = field(default_factory=dict)
    latin: Mapping[str, str] = field(default_factory=dict)
    """Office English mixed into a question (budget, KPI) → the Japanese word it stands for."""

    @cached_property
    def ministry_words(self) -> frozenset[str]:
        """Every ministry short name and full name (国交省, 国土交通省): built once."""
        return frozenset({*self.ministries, *self.ministries.values()})

    @cached_property
    def _latin_words(self) -> tuple[re.Pattern[str], dict[str, str]]:
        """The English words as one pattern, longest first, and their Japanese by lower case: built once."""
        words = sorted(self.latin, key=len, reverse=True)
        found = re.compile(r"(?<![A-Za-z])(" + "|".join(re.escape(w) for w in words) + r")(?![A-Za-z])", re.IGNORECASE)
        return found, {w.lower(): j for w, j in self.latin.items()}

    def in_japanese(self, text: str) -> str:
        """The text with the English words of :attr:`latin` in Japanese (「budgetっていくら」 → 「予算っていくら」),
        longest first, case-insensitive, and only where no other Latin letter touches them: 「GX」「RESAS」 stay."""
        if not self.latin or not re.search(r"[A-Za-z]", text):
            return text
        found, japanese = self._latin_words
        return found.sub(lambda m: japanese[m.group(1).lower()], text)

    def document_words(self, text: str) -> list[str]:
        """The document's words for every everyday phrase the text writes (田舎 → 地方, 税金の優遇 → 税制改正要望); a
        katakana phrase also in hiragana, as a question written in kana has it (ばす → バス → 交通)."""
        return [word for phrase, words in self.everyday.items()
                if phrase in text or phrase in self._in_hiragana and self._in_hiragana[phrase] in text
                for word in words.split()]

    def meanings(self, word: str) -> list[str]:
        """The document's words for one everyday word, found as written or, in hiragana, by its katakana (ばす → バス)."""
        return (self.everyday.get(word) or self.everyday.get(to_katakana(word), "")).split()

    @cached_property
    def _in_hiragana(self) -> dict[str, str]:
        """Each katakana everyday phrase of two or more letters, long vowel mark and all, in hiragana (バス → ばす,
        タクシー → たくしー)."""
        return {p: to_hiragana(p) for p in self.everyday if re.fullmatch(r"[ァ-ヴ][ァ-ヴー]+", p)}


def load_lexicon(path: Path) -> Lexicon:
    """The vocabulary file beside the document; a missing file is an empty lexicon (the bot still answers)."""
    if not path.is_file():
        return Lexicon()
    data = json.loads(path.read_text(encoding="utf-8"))
    return Lexicon(everyday=dict(data.get("everyday", {})), ministries=dict(data.get("ministries", {})),
                   latin=dict(data.get("latin", {})))


CHECKING_WORDS = {
    "原稿", "記事", "見出し", "一文", "文", "文章", "表現", "書き方", "言い方", "書く", "書い", "数字", "数値", "問題", "直す",
    "直し", "デスク", "クレジット", "いい", "良い", "よい", "大丈夫", "ok", "OK", "認識", "理解", "照らす", "発言", "述べる",
    "報じる", "報道", "整理", "正確", "誤り", "訂正", "修正", "チェック", "確かめる", "資料どおり", "どおり", "通り",
    "もらえる", "貰える", "頂ける", "いただける", "載る", "載っ", "該当", "把握", "規模感", "一通り",
}
"""How someone checking their own text asks (「原稿の見出し、この数字で大丈夫？」): what is checked is the claim,
never these words, so they name nothing and never cause a refusal."""

# Words that say what kind of answer is wanted but not what it is about.
STOP_TERMS = CHECKING_WORDS | {
    "予算", "いくら", "幾ら", "金額", "額", "要求", "概算", "概算要求", "要求額", "教える", "下さる", "くださる",
    "ある", "あり", "いる", "する", "なる", "成る", "含める", "できる", "れる", "られる", "思う", "言う", "聞く", "知る", "分かる", "わかる",
    "何", "なに", "どこ", "どれ", "どの", "どう", "どんな", "いつ", "誰", "どれくらい", "どのくらい", "ぐらい", "くらい",
    "施策", "事業", "取組", "取り組み", "取組み", "政策", "担当", "省庁", "府省", "府省庁", "所管", "官庁", "省",
    "地方",  # the countryside, as everyone says it (「地方のお医者さん」): not a name of this budget's
    "令和", "年度", "全部", "すべて", "全て", "一覧", "主", "主な", "教え", "お願い", "願い", "願う",
    "ください", "下さい", "もの", "こと", "よう", "ため", "まま", "方", "中", "上", "的", "円", "億", "億円", "兆", "兆円",
    "時点", "段階",  # when in the process a figure stands (「概算要求の時点で」): every figure here is a request's
    "本当", "ほんと", "すごい", "凄い", "やばい",  # how the asker feels about a figure (「2,444兆円ってすごい額だよね？」)
    "関わる", "関係", "関係する", "含む", "挙げる", "出る", "使う", "予定", "内容", "概要", "目的",
    "とは", "って", "説明", "詳しい", "詳しく", "資料", "記載", "質問", "回答", "答える", "それ", "その", "これ",
    "この", "あれ", "国", "政府", "一番", "最も", "大きい", "小さい", "少額", "多額", "高額", "低額", "ほとんど", "大半", "大部分", "比べる", "前年", "前年度", "増える", "減る",
    "目標", "目指す", "期間", "数", "規模", "はい", "いいえ", "ね", "よ", "か", "聞き", "及び", "うち", "以外", "部分",
    "全体", "合計", "総額", "予算額", "概算要求額", "あと", "ちなみ", "入る", "入っ", "だいたい", "大体", "およそ", "ほぼ", "約", "項目", "目安", "増し", "今", "今回", "具体的", "具体", "詳細", "ほか", "他", "ところ", "とこ", "所", "一度", "もう", "だけ", "話", "件",
    "感じ", "全額", "金", "ゼロ", "計上", "制度", "仕組み", "前", "年", "前の年", "去年度", "名前", "名称", "分", "占める", "割合", "何割", "増額", "減額", "去年", "昨年", "今年", "来年", "今年度", "来年度", "前回", "昨年度", "なさる", "いただく", "頂く", "もらう", "くれる",
    "r", "fy", "担当府省庁", "担当省庁", "所管省庁", "関係府省庁", "多い", "少ない", "高い", "低い",
    "別件", "ところで", "っぽい", "ぽい", "みたい", "結局", "くる", "出てくる", "引っ括める", "増", "減", "増減", "パーセント", "倍増",
    "名", "項目名", "事業名", "施策名", "単独", "単体", "抽出", "並べる", "列挙",  # how a memo wants the answer laid out
    "以上", "以下", "未満",  # a bound on a figure the question gives (「1億円未満の事業」)
    "つもり", "はず", "わけ", "前者", "後者", "先ほど", "さっき", "先日", "最近", "今日", "昨日", "今度", "この前", "以前", "今まで",  # when the asker speaks, not what
    "やつ", "奴",  # 「さっきのやつ」: a pointer to something said before, naming nothing
    "動き", "動向",  # 「…していこうという国の動きはありますか」: a measure, in everyday words
    "分野",  # 「…を一本化する分野」: a kind of thing asked, naming no measure on its own (GX・DX分野 is named by GX・DX)
    "前半", "後半", "冒頭", "末尾",  # where in the document (「資料後半の（3）の部分」), not what
    "トータル",  # 「トータルでいくら？」: 合計, in loanword
    "ネット", "ニュース", "新聞", "テレビ", "SNS",  # where the asker heard it (「ネットで見たんだけど」), not what
    # Words that ask to confirm a premise (「2444億円で合ってる？」), not what it is about.
    "合う", "正しい", "間違い", "間違う", "違う", "確か", "確認",
    "倍", "割", "%", "番目",  # units of a computed answer, like 円 and 億; a rank (「2番目に大きい」)
    "前年比", "前年度比", "対前年比", "対前年", "比", "比較", "伸び", "伸び率", "計算", "元",  # a comparison the answer computes
}

TURNING_WORDS = frozenset({"あと", "次", "今度", "ほとんど", "大半", "大部分"})
"""Nouns that turn to the next question (「あとプロ人材事業っていくら」) or say how much of a whole (「ほとんど交付金」),
never the start of a name."""

ASKERS_PEOPLE = frozenset({
    "息子", "娘", "父", "母", "父親", "母親", "両親", "親", "祖父", "祖母", "孫", "妻", "夫", "嫁", "婿", "兄", "姉", "弟", "妹",
    "家族", "親戚", "親族", "友達", "友人", "知人", "同僚", "上司", "部下", "後輩", "同級生",
})
"""The people of the asker's own life (「息子はドローンに興味津々で」「友人が勤める会社」): whom they tell about, never what
the question is about, so they are no unknown name."""

PROGRAMME_SUFFIXES = (
    "交付金", "補助金", "給付金", "助成金", "支援金", "基金", "制度", "事業", "計画", "構想", "戦略", "特区", "税", "法",
    "プログラム", "手当", "政策", "プロジェクト", "庁", "省", "局", "隊", "機構", "協議会", "本部",
)
GRANT_WORDS = ("交付金", "補助金", "助成金", "給付金", "支援金")
"""Words people use for any grant of money, one for another (a 交付金 is often called a 補助金)."""
# Names of bodies and of cash programmes must be in the document whole; 「…連携事業」 may extend a known name.
WHOLE_NAME_SUFFIXES = ("庁", "省", "局", "隊", "機構", "協議会", "本部", "支援金", "給付金", "補助金", "助成金", "手当")
BUDGET_WORDS = {
    "予算", "金額", "額", "予算額", "要求額", "総額", "全体額", "総予算", "全額", "ゼロ", "概算要求", "要求", "お金", "費用",
    "増額", "減額", "増加", "減少", "伸び", "差", "差額", "割合", "比率", "内訳", "分", "増減", "合計額", "総計", "事業費", "経費", "残り",
    "当初", "当初予算", "伸び率", "増加率", "増減率", "配分",
}

ATTRIBUTE_WORDS = {
    "中身", "内容", "詳細", "概要", "目的", "狙い", "ねらい", "仕組み", "対象", "条件", "期間", "効果", "成果", "目標",
    "予定", "状況", "進捗", "理由", "背景", "意味", "違い", "特徴", "方法", "やり方", "手続き", "具体例", "事例", "数字",
    "中味", "どんなの", "意図", "位置付け", "役割", "ポイント", "要点", "種類", "性質", "扱い", "区別",
    "期限", "時期", "人数", "件数", "数値", "指標", "KPI", "ゴール", "見込み", "見通し", "規模感", "開始", "終了",
    "達成時期", "年限", "到達", "水準", "名称", "正式名称", "正式名", "略称",
    "欄", "表示", "記述", "箇所", "文脈", "ワード", "言葉", "ページ", "但し書き", "ただし書き", "注記", "注釈", "補足",
    # where in the document, not what
    "一緒", "同じ", "同額", "大小", "多寡", "高低", "別",
    # how two figures compare (「金額ほぼ一緒って聞いた」「金額の大小は」「それぞれ別の金額」), not what
    "出来事", "きっかけ", "職種", "業種", "分野",
    # which of its kind the document names (「きっかけになった出来事」「対象に加える職種」)
}
"""What a question asks of a measure (「…って中身は？」): everyday words that are not names, so never a reason to
refuse on their own; whether the document says it is decided by what the answer finds."""

SPECIFIC_DF = 3
"""A word in at most this many records names a measure rather than a theme."""
