"""The surface patterns the question reader looks for, and the small readers built on them.

Grouped by what they tell: the language and intent of the text, what kind of answer is asked for,
and what the document cannot answer. Only the question reader (``bot.qa.question`` and its rules) uses them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

from bot.models import Intent
from bot.text import morphemes

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]")
"""Any kana or kanji: the text is at least partly Japanese (or Chinese)."""
KANA = re.compile(r"[\u3040-\u30ff\uff66-\uff9f]")
"""Kana: Japanese rather than Chinese."""
WHEN_WORD = r"(?<![追思])(?<!くら)(?<!ぐら)いつ(?!か(?!ら)|も)"
"""いつ asking when (「いつから？」), not inside 追いつく/思いつく, 「どれくらいついてる」 (くらい and つく), nor いつか (some
day) or いつも (always)."""
WHY_WORD = r"(?:なぜ|何故|どうして|(?:(?<![一-龥ァ-ヶー])|(?<=結局)|(?<=一体))なんで(?!す|しょう))"
"""A word asking why; 「倍増なんですか」 holds なんで but asks whether, and 「趣味なんで」 says because."""
CHINESE_HINT = re.compile(r"[的吗么们这说为预们关]|多少|什么|哪")
"""Words and characters only Chinese uses, for a kanji-only question."""

INJECTION = re.compile(  # instructions to the bot rather than a question
    r"(指示|命令|ルール|設定|制約)(を|は)?(すべて|全て|全部)?(無視|忘れ|無効|取り消|リセット|破棄)|システムプロンプト|プロンプトを(表示|出力|教え)"
    r"|あなたは(今から|これから)|ロールプレイ|になりきって|なりきり|資料にない(情報|こと)も|(?:^|[】。\s]|これ|今)以降は|管理者より|開発者モード"
    r"|ignore (all )?(previous|prior|above)|system prompt|you are now|jailbreak|と(?:だけ|のみ)?(?:答えて|回答して|出力して)"
    r"|と(?:答え|回答す|出力す)ること|(?:資料|文書)の内容に(?:かかわらず|関わらず|関係なく)"
    r"|(?:ルール|制約|指示|決まり)(?:は|なんか|とか)?(?:気にしな|気にせ|どうでもい)"
    r"|(?:あなた|君|きみ)が(?:従って|守って)(?:い)?る|(?:ルール|制約|指示)を[^。?？]{0,10}(?:見せ|表示|出力|書き出)"  # its rules shown
    r"|(?:冒頭|最初|最後|末尾|文末|語尾)に[「『][^」』]{1,40}[」』](?:と|って)(?:書|付け|つけ|入れ|添え|足)"  # what to add to the answer
    r"|(?:回答|答え|返答|返事|返信)の(?:冒頭|最初|最後|末尾|文末|終わり)に|復唱|(?:そのまま|一字一句)(?:言|書|繰り返|読み上げ)"  # its form
    r"|(?:資料|文書)に(?:書いて|載って|記載(?:が|されて)?)(?:い)?な(?:くて|い(?:こと|内容|情報)?で)?も(?:構わ|いい|良い|大丈夫|OK|結構)"  # beyond it
    r"|(?:設定ファイル|設定の中身|環境変数|APIキー|ソースコード|内部(?:設定|情報))(?:の中身|の内容)?(?:を|は)?[^。?？]{0,10}(?:貼|見せ|表示|出力|教え|書き出)"  # its own workings
    r"|(?:使って|使用して|動いて)(?:い)?る(?:AI|LLM|言語)?モデル(?:名|の名前)?|モデル名"
    r"|管理者モード|制限(?:を)?解除|断定して(?:答え|回答|教え)|(?:という|との)前提で(?:結構|構わ|いい|良い|OK|お願い)"  # a premise to take as given
    r"|(?:金額|数字|数値|額)を[^。?？]{0,10}(?:倍に|水増し|盛って|変えて)|(?:根拠|出典|引用|ソース)(?:は|を)?(?:示さ|出さ|書か|付け|つけ|載せ)(?:ず|ないで)",  # its figures and sources
    re.IGNORECASE,
)
ANAPHORA = re.compile(
    r"それ|その|これ|(?<!ど)この|あれ|あの|そっち|そちら|こちら|同じ|同(?=項目|事業|施策|取組|制度)|当該|上記|前述|前の|さっき|先ほど|そこ|じゃあ|では、|ほかに|他に"
    r"|あと(?![0-9一二三四五六七八九十何数少])|ちなみに|該当"
)
"""Words that point back to the conversation (それ, 同じ, じゃあ): a follow-up; 「あと1時間」 counts time, not back."""
POINTING = re.compile(r"それ|その|これ|(?<!ど)この(?!資料)|あれ|あの|そっち|そちら|こちら|そこ|上記|前述|さっき|先ほど")
"""Demonstratives among the anaphora: 「その支援体制」 is the earlier measure's, even if a title holds 支援体制."""
RELATIVE_YEAR = re.compile(r"(?:前年度?|昨年度?|去年|前の年|今年度?|来年度?|本年度|当初|予算|補正|額)+")
"""A year said relative to the document's own (「前年度当初」), with budget words: the document's years, not others."""
HONORIFICS = "さん|様|さま|課長|部長|係長|主任|先輩|先生|くん|君|ちゃん|氏"
"""What follows a person's name or stands for one (「佐藤さん」「課長」): someone the message speaks to or of."""
YEAR = re.compile(r"(?!(?:令和|R|平成|H)\s*\d{1,2}\s*年\s*\d{1,2}\s*月)(令和|R|平成|H)\s*(\d{1,2})\s*年?度?"
                  r"|(?<!\d)((?:19|20)\d{2})\s*年(?!\s*\d{1,2}\s*月)")
"""A fiscal or calendar year (令和N年度, RN, 20NN年); not the year of a date (令和N年9月2日), which says when."""
DESCRIBE = re.compile(r"とは|って(?:何|なに)(?![億兆万千百円割倍年月日時人件つ個%]|か所)|何ですか|どんな|どういう|内容|概要|目的|仕組み|説明|何をする|何(?:を)?(?:する|やる)(?:事業|施策|取組|の)|中身|詳しく")
"""Asks what something is, not only how much it gets (「…って何億円？」 asks how much: 何 before a counter)."""
BUDGET_CONTEXT = re.compile(r"予算|額|億円|いくら|交付金|当初|前年|前の年|昨年度|去年|概算要求|伸び率|増加率|増減率")
"""Budget words that make 「増え」「差」 a comparison of figures, not of targets (so does naming the previous year)."""
SHARE = re.compile(
    r"割合|占め|うちどのくらい|うちどれくらい|うち何"
    r"|(全体|総額|合計|全部|予算|要求額|概算要求)[^。?？]{0,24}?(何割|何%|何パーセント)(?![^。?？]{0,4}(上が|増|減|下が|伸))"
    r"|(全体|総額|合計|全部|要求額|概算要求)[^。?？]{0,12}?(ほとんど|ほぼ全部|大半|大部分)"  # 「全体って、ほとんど交付金？」: how much of it
)
"""A part of a whole (割合, 何割, うち何)."""
LISTY = re.compile(r"すべて|全部(?!で)|全て|一覧|リスト|ピックアップ|拾って|拾い出|抜き出|洗い出|どれ|何と何|挙げ|施策は|事業は|項目は|ものは|それぞれ|列挙|箇条書き|見出しだけ|何があ|ありますか"
                   r"|どの(?:話|項目|施策|事業|取組|取り組み)|何が(?:入|含ま|載|書か|書いて|並)|(?:項目|施策|事業)を(?:教え|全部)")
"""Words that ask for several records (すべて, 一覧, …は)."""
BREAKDOWN = re.compile(r"内訳|構成|何と何|どう分かれ|どんな(もの|項目)で(でき|成り)|以外の(部分|分|額|予算|金額)|残り(?:は|が|って|の(?:部分|分|額))")
"""What a whole is made of (「総額の内訳は？」「交付金以外の部分は？」「総額のうち交付金はいくらで、残りは？」)."""
WHOLE = re.compile(r"総額|全体|全部|概算要求額|要求総額|予算総額")
"""Words that name the whole budget rather than one of its parts."""
SUM = re.compile(r"合計|足す|足し|たすと|たしたら|合わせ(?:ると|て|たら|た(?:額|金額|合計|場合))|総額|トータル|全部で")
"""Adding figures up (合計, 足す, 全部で)."""
CLAIMED_SENTENCE = re.compile(r"[^。？?！!]*(?:よね|でしたね)。(?=.)")
"""A sentence that claims, before the one that asks (「令和N年度当初予算額は2,000億円でしたよね。」); one ending in 「？」 is
not read so (「…のところだよね？同じ枠の…はいくら？」 would become a check of the first)."""
HEARD_BEFORE_ASKING = (r"(?:そう|らしい|との(?:こと|話)|(?:と|って)聞(?:いた|きました)|って(?:なって|書いて|言われて)(?:る|い?ます)|って(?:書いて|載って)(?:ある|あった|あります|ありました)|だった|でした"
                       r"|と(?:理解|認識|把握|記憶)して(?:い)?(?:ます|る)|(?:だ|の)?と思(?:い(?:ます|まし(?:た)?)|う|った|ってた|って(?:い)?ます))"
                       r"(?:(?:ん|の)?(?:です|だ))?(?:が[、,]|けど[、,]?|けれど[、,]?)")
"""A claim the asker heard or read, before the question (「…に増えるって聞いたけど、」「…の事業とのことですが、」「…30か所
あるって書いてあったけど、」「…2,444億円だったけど、」)."""
CLAIMED_CLAUSE = re.compile(r"[^。？?！!]*?" + HEARD_BEFORE_ASKING)
"""The clause that claims, before the one that asks (「交付金が3,000億円に増えるって聞いたけど、」)."""
SAID_BEFORE_ASKING = re.compile(HEARD_BEFORE_ASKING + r"|(?:と|って)聞(?:いた|きました|いています|いてます)。(?=.)|と(?:理解|認識|把握|記憶)して|んですね。(?=.)|" + CLAIMED_SENTENCE.pattern)
"""A claim stated before the question that follows it (「…100の自治体が参加しているそうですが、内訳は？」「…と理解していますが、
いつまで？」「…しか要求されていないんですね。少なすぎませんか？」「…2,000億円でしたよね。そこから何億円増えた？」): to check,
whatever is then asked."""
KANSAI_WORDS = ((re.compile(r"なんぼ(?!でも)"), "いくら"), (re.compile(r"ほんま|ホンマ"), "本当"),
                (re.compile(r"(?<=[しっ])とる"), "てる"), (re.compile(r"(?<=[しっ])とった"), "てた"))
"""Western words read in standard Japanese (「…ってなんぼ？」 → いくら, 「ホンマ？」 → 本当, 「担当しとる」 → 担当してる), so
that every rule sees them once."""
KANSAI_TAG = r"やん(?:な|ね|か)[?？]?$|やろ(?:う)?[?？]$"
"""A Kansai tag that asks back (「…持ってる事業やんな？」): a yes/no question, and a claim to check."""
PREMISE = re.compile(
    r"そうですね|ですよね|だよね|でしたよね|よね[?？。]?$|ですか[?？。]?$|でしたか[?？。]?$|ますか[?？。]?$|ですね[?？。]?$|でしたね[?？。]?$|(た|だ)っけ|(?:だけ|単独|のみ)(?:なの|なん|です)?[?？]$|\d(?:億円|兆円|億|人|か所|件)?(?:くらい|ぐらい|程度|前後)(?:[(（][^()（）]{1,8}[)）])?[?？]$|本当|ほんと|ホント|同じ(額|金額)?(なの|です|でしょう)?か?[?？]$|じゃない|ではない|(?:じゃ|では)なかった(?:です)?(?:か|っけ)?[?？]?$|んですよね"
    r"|と聞き|合って(る|い?ます)|(?<=[でがは])あって(る|い?ます)|正しい(ですか)?[?？。]?$|(なん|ん)ですか[?？]|なの[?？]|(で|と考えて|ってことで|として)いい(ですか|の|んですか|のかな|かな)?[?？。]?$"
    r"|(の|ん)?でしょうか(?=[、?？。]|$)|(の|ん)?でしょ[?？]?$|(る|た)の[?？]$|(て|で)(ます|る)[?？]$|(って|という)こと(です|でしょう)?か?[?？]$|(それ|これ|あれ)って[^。?？、]{1,12}[?？]$|[^。?？、]って、[^。?？、]{2,40}[?？]$|よろしい(です|でしょう)か|問題(は)?ない|(て|で)(よい|良い)(です|でしょう)か|理解で"
    r"|(資料)?(どおり|通り)(か|です|でしょう)?[?？]|(どおり|通り)か(どうか)?(だけ)?を?(確認|教え|見て|チェック)|(って|と)(書いて|書く|書き|言って|言う|述べて|報じて)(も)?(いい|良い|大丈夫)|(で|て)(OK|ok|オーケー)|(間違い|まちがい)(ない|ありません|なし|ないです)|大丈夫(です|でしょう)?(か|よね|[?？])"
    r"|(直す|直し|修正|訂正)(ところ|点|箇所|べき)|(?:と(?:なって|され)て?(?:いる|る))点(?:について|を)(?:ご?確認|伺|お聞き)|(違って|間違って|誤って)(い)?(たら|れば)|(合って|正しい|違って)(いる|る)?か(どうか)?(を)?(確認|教え|見て|チェック)"
    r"|\d(?:億円|兆円|億|万円|人|か所)(?:[(（][^()（）]{1,8}[)）])?[?？]$"  # a figure said and asked back (「…は8.1億円？」), how a draft is checked
    r"|\d(?:億円|兆円|億|万円)(?:しか|だけ|も)(?:ない|無い|なの|なん|ある)"  # 「…8,100万円しかないの？」: a figure claimed, and weighed
    r"|\d(?:億円|兆円|億|万円)しか[^。?？、]{1,8}?(?:ない|無い|ません)"  # 「0.5億円しか要求してないって少なすぎん？」
    r"|気がする(?:ん|の)?(?:です|だ)?(?:が|けど|けれど(?:も)?)?[。!！?？]?$|はず(?:です|だ)?(?:が|けど)?[。!！?？]?$"  # 「…と書いてあった気がするんですが。」「…だったはず」
    r"|\d(?:億円|兆円|億|万円)も[^。?？]{0,12}(?:ん|の)(?:だ|です)?(?:ね|な)"  # 「70億円も要求してるんだね」: marvelled at, a claim
    r"|(数字|数値|表現|書き方|金額|額)で[^。?？]{0,8}(書いて|書く|使って|載せて|出して)(も)?(いい|良い|大丈夫|OK|ok)"  # 「その数字で原稿を書いてもいい？」
    + r"|" + KANSAI_TAG  # Kansai: 「…持ってる事業やんな？」
)
"""The asker states something to confirm (「…ですよね」「本当？」)."""
EXCLUDED = re.compile(r"([^、。?？!！]{2,40}?)(?:じゃなくて|じゃなく(?=[、,])|じゃない方|じゃないほう|じゃない(?:分|部分|もの)|ではなくて?|ではない(?:方|ほう)|以外の(?:主な)?(?:方|事業|施策|分|もの|部分)"
                      r"|以外(?:で|は|って|だと)|とは別|を除(?:いた|く|き|け)|を引(?:く|いた|いて)|抜き)")
"""What the asker rules out (「1.1億円の事業じゃなくて」「特区推進事業じゃない方」「交付金以外の事業の分」「交付金を除いた分」
「総額から交付金を引くと」「A（Bではないほう）」): never the answer."""
RULED_OUT_CLAUSE = re.compile(r"([^、。?？!！はが]{2,40}?)(?:じゃなくて|ではなくて?|とは別(?:の話|の件)?で)、")
"""A clause that only rules something out before what is asked (「観光消費15兆円ではなく、」「共創拠点の『26か所』とは別の
話で、」): not what to search for, nor what the question names. One with a subject (「…の2,087.7億円は内数ではなく、」) says
what the subject is not."""
MONEY_FIGURE = re.compile(r"[(（]?(?:計|約)?[0-9０-９,.，．]+(?:億円|兆円|万円|億|兆|円)(?:の(?:方|ほう))?[)）]?")
"""A money figure with its unit as a question writes it beside a name (「（計4.0億円の方）」「の1.1億円」)."""
AIM = r"(?:目指|目差|めざ(?=[さしすせそ]))"
"""目指す as a question may write it (めざしてる, 目差す): a goal asked or named; not 目覚ましい."""
LIKENED = re.compile(rf"^\s*(?:と(?:よく)?(?:似た|似てる|似ている|紛らわしい|近い|同じくらいの)|に(?:似た|近い)|(?:を|の|が)?(?:{AIM}|目標))")
"""「394.7億円と似た393.8億円」: a figure named only to tell the asked one from it; 「35.5兆円を目指す施策」: a goal, which
names the measure, not the amount it requests."""
CHOSEN = re.compile(r"^\s*の(?:方|ほう)")
"""「727.2億円の方」: of several figures written, the one meant."""
PREMISE_FIGURE = re.compile(
    r"(?<![令和R平成H\d.])(\d+(?:\.\d+)?)(?=\s*(?:億円|兆円|万人|億|兆|万|人|か所|箇所|ブロック|年|件|社|校"
    r"|の?(?:自治体|市町村|都道府県|県|団体|拠点)|(?:なん|ん)?(?:です|でしょう|だ|で合って)|くらい|ぐらい|程度|前後))"
)
"""A figure a question may assert (「5億円ですよね？」「86の自治体」「24なんですか？」), the year of a budget excepted."""
FIGURE_UNIT = re.compile(r"の?(兆|億|万|都道府県|市町村|県|自治体|ブロック|か所|箇所|ヶ所|拠点|団体|社|校|件|人)")
"""What a figure counts or its scale, written right after it: a claimed figure must match it too."""
NEGATED = re.compile(
    r"((じゃ|では|で|て|ては|って|は)(い)?(ない|ありません)|(?<!少)(?<!いか|届か|満た|足り|行か)ない)(ん|の)?(です)?(よね|ね)"
    r"|(て|で)(い)?ない(ん|の)(です)?か?[?？]?$|(て|で)(い)?ないって(本当|ほんと)"
    r"|(て|で)(い)?ない(という|って|との|と)(認識|理解|こと|整理)|(て|で)(い)?ない(で|と考えて)(いい|良い)"
)
"""A negative the asker states to confirm (「内数じゃないですよね」「かかわっていないのですよね」)."""
ABOVE = ("以上", "超え", "超", "上回", "より多", "もある", "を超")
BOUND = re.compile(
    r"(\d+(?:\.\d+)?)(億|兆)円(?:も|を|に|は)?(いかない|行かない|届かない|満たない|未満|以下|下回|より少な|以上|超え|超|上回|より多|もある"
    r"|届いていな|届いてな|いっていな|行っていな)"
)
"""A money figure claimed as a bound (「1億円もいかない」「100億円を超える」), as written after :func:`compact`."""
COUNT_BOUND = re.compile(
    r"(\d+(?:\.\d+)?)の?(?:万人|人|か所|箇所|ブロック|件|社|校|自治体|市町村|都道府県|県|団体|拠点)(?:も|を|に|は)?"
    r"(いかない|行かない|届かない|満たない|未満|以下|下回|より少な|以上|超え|超|上回|より多|もある)"
)
"""A count claimed as a bound (「50自治体を超えていますか」「10か所もいかない」): compared with the count the document writes
with the same counter, not looked for as a value."""
WRITTEN_CLAIM = re.compile(
    r"([^、。?？]{2,40}?)(?:旨|こと|話|件)?(?:の|は|が|って|について)?(?:記載|記述|言及)(?:は|が|って)?(?:あり|ある)"
    r"|([^、。?？]{2,40}?)(?:のこと|の話|旨|こと)?(?:は|が|って|も)[^。?？]{0,12}?(?:書いて|書かれて|載って|触れて|言及して|出てく|出て(?:き|い)|(?<=資料に)(?:入って|あり|ある)|(?<=の中に)(?:入って|含まれ))"
    r"|([^、。?？]{2,30}?)(?<!お願い)(?<!いただ)(?<!頂)(?:でき|られ)(?:る|ます)(?:ようになる)?(?:ん|の)?(?:です|でしょう)?か"
    r"|([^、。?？]{4,40}?)(?:って|という|との)?(?:話|こと)も(?:ある|あり)"
    r"|([^、。?？]{4,40}?)(?:って|という|との|と)(?:の|こと|話)?(?:は|も)?[、,]?\s?(?:本当|ほんと)"
    r"|([^、。?？]{4,40}?)(?:って|という)こと(?:なん|なの)?(?:です|でしょう)?か?[?？]"
    r"|([^、。?？]{4,40}?)(?:って|という|の)こと(?:で|は)(?:合って|あって|正しい|間違いな|いい|よい|良い)"  # 「…ってことで合ってますか」「…のことで合ってる？」
    r"|([^、。?？]{4,40}?)、?と(?:書いて|書かれて|記載され|載って)"
    r"|([^、。?？]{2,30}?)(?<!お願い)(?<!いただ)(?<!頂)(?:でき|られ)る(?:ようになる)?(?:の|ん)(?:です|でしょう)?か?[?？]"
    r"|([^、。?？]{4,40}?)(?:方向|方針)(?:なの|なん)?(?:です|でしょう)?か"  # 「…アプリで登録できるようにする方向なのですか」
    r"|([^、。?？]{4,40}?)(?:想定|予定|方針|見込み|つもり)(?:なん|なの|で)?(?:す|です|でしょう)?か?[?？]"
)
"""「スマホで登録できる旨の記載はありますか」「あの事故のことは…書いてあるのでしょうか」「…に位置付けるって本当？」
「…を変えるってことなんですか？」「スマホでできるの？」: what is asked to be written."""
DONE_CLAIM = re.compile(r"([^、。?？]{4,40}?[うくすつぬむるぐぶ]|[^、。?？]{4,40}?(?<=[っしいんけげせてねべめれ])た)(?:(?:ん|の)(?:です|でしょう)か[?？。]?|の[?？])$"
                        r"|([^、。?？]{4,40}?[うくすつぬむるぐぶ])の?も(?:あり|アリ|可能|オーケー|OK)(?:なん|なの)?(?:です|でしょう)?か?[?？。]?$"
                        r"|([^、。?？]{4,40}?[一-龥ァ-ヶー])な(?:ん|の)(?:(?:です|でしょう)か[?？。]?|[?？])$"
                        r"|([^、。?？]{2,30}?が[^、。?？]{1,20}?[一-龥ァ-ヶー])(?:です|でしょう)か[?？。]?$"
                        r"|([^、。?？]{4,40}?(?:仕組み|しくみ|制度|枠組み|取組|取り組み|施策|計画|拠点))(?:です|でしょう)か[?？。]?$"
                        r"|([^、。?？]{4,40}?[てで])(?:い)?(?:ます|る)(?:ん|の)?(?:です|でしょう)?か[?？。]?$")
"""「…って、北海道総合開発計画も含むんでしょうか」「…学習指導要領を改訂してやるんですか」「…会議体って、総理大臣がトップなんですか」
「…って、コンビニに役所の機能を併設するのもありなんですか」「CCRCは…ホーム型の推進が中心ですか」「…を登録する仕組みですか」
「…を活用していますか」:
what the measure is asked to do or be,
confirmed (はい) when the record writes every noun of it; never denied from it, as a claim to be written is."""
APPROX_FIGURE = re.compile(
    r"(約|およそ|ほぼ|大体|だいたい|ざっと)?(\d+(?:\.\d+)?)(?:億円|兆円|万人|億|兆|万|人|か所|件)?"
    r"(くらい|ぐらい|程度|ほど|とか|前後|強|弱|余り)?"
)
"""A figure with its hedge before or after it (「約2,400億円」「727億円とか」), as written after :func:`compact`."""
APPROXIMATE = 0.05
"""How far (as a share of the document's figure) a roughly given figure may be and still hold."""
AMOUNT_BOUNDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("at_least", re.compile(r"以上")),
    ("above", re.compile(r"(?:を|より)?(?:超え|超|上回|多|大き|高)")),
    ("at_most", re.compile(r"以下")),
    ("below", re.compile(r"(?:を|より)?(?:未満|下回|少な|小さ|低|に(?:満たない|届かない))")),
)
"""What follows a figure that selects records beyond it (「5億円を超える」「1億円未満の」), in the order tried."""
BUDGET_YEAR = re.compile(r"年度の?(?:概算要求|予算|当初|要求|補正)")
"""A year followed by the budget it names (「2026年度概算要求」): which budget, not a date."""
TALKED_ABOUT = re.compile(r"^(?:億円|兆円|万人|億|兆|万|人|か所|箇所|年|件|社|校)?(?:って|は)、")
"""A figure followed by a topic marker and a pause (「183.7億円って、…」): what the question is about, not its claim."""
WRITTEN_UNITS = r"億円|兆円|万円|万人|千人|人|か所|箇所|年度|年|%|倍|万|件|社"
"""The units a figure is written with, longest of a kind first (万人 before 万)."""
WRITTEN_FIGURE = re.compile(r"(?<![令和R平成H\d,.])\d[\d,.]*\s*(?:" + WRITTEN_UNITS + r")(?:～\d+年度?)?")
"""A figure with its unit as the question writes it (「35.5兆円」「2027年度」)."""
WHAT_FIGURE = re.compile(
    r"何の(数字|数値|目標|金額|額|期間|こと|年)|何を(指|表|意味)|どういう(数字|意味|こと)|何のこと|とは何|って何[?？]?$|って何[？?]"
    r"|書いてある(の|のは|のって)"
)
"""Asks what a figure written in the document stands for (「6,000万人って何の数字？」)."""
ALSO_INCLUDED = re.compile(r"[^、。？?！!]{1,24}?(?:も|を)含め(?:て|た)")
"""What a list is to include besides (「主な事業も含めて」「金額のないものも含めて」): not what it is narrowed to."""
INCLUDED = re.compile(
    r"(?:、|は|って|に(?:は)?|^)([^、。?？\s]{2,30}?)(?:の(?:話|件|こと)(?:って|は|も)、?|でも|も|は|が|って)\s?(?:(?:[^、。?？\s]{0,24}?(?:に|の中に))?(?:含まれ|ふくまれ|入っ|入り|入る|入れ)"
    r"|(?:支援の?|補助の?)?対象(?:業種)?\s?(?:(?:に|と)\s?(?:なり|なる|なっ|入)|(?:です|でしょう|なの|なん)))"
)
"""「…には、ドローン航路も含まれていますか」「浄化槽もインフラ管理の話に含まれてる？」「農業をやる人も支援の対象になる？」
「…も支援対象になるって聞いたけど本当？」「営農型太陽光発電の話って、地域脱炭素の施策に入ってる？」: the thing asked to be part
of a measure."""
BUDGET_SUBJECT = re.compile(
    r"([^、。?？\s「」『』]{3,30}?)(?:[(（][^)）]*[)）])?(?:の(?:創設|整備|推進|実施|導入))?(?:の(?:令和|R)\d+年度)?"
    r"(?:だけ)?(?:の(?:予算|金額|要求額|予算額|概算要求額)|には、?(?:いくら|何億)|って、[^。?？]{0,12}?(?:総額|全部で)?(?:いくら|何億)"
    r"|は、?(?:いくら|何億)[^。?？]{0,4}(?:発行|使われ|充て))"
)
"""What a question asks the budget of (「NEXT日本博（仮称）の創設には、いくら」 → NEXT日本博)."""
WH = re.compile(r"何(?!か[のがにをでもは]|も(?:ない|無い|なし|ありませ))|いくら|どれ(?!か)|(?<!な)どの|どこ(?!か)|" + WHEN_WORD + r"|誰(?!か)|だれ(?!か)|どんな|どういう|(?<!な)どのよう")
"""A wh-word: the question asks for something rather than stating it (「何かの」「何もない」 are not one)."""

INTENT_PATTERNS: list[tuple[Intent, re.Pattern[str]]] = [
    ("comparison", re.compile(r"前年|昨年|去年|前の年|比べ|比較|増え|減っ|減額|増額|増加|減少|差|伸び|対前年|当初予算|当初(?:は|って|額|の額|では)|倍増|据え?置|横ばい|上積み|積み増")),
    ("superlative", re.compile(r"一番|最も|最大|最小|いちばん|番目に(?:大き|多|小さ|少な|高|低)|(?<!誰が)(?<!だれが)(?<!大臣が)(?<!総理が)(?<!首相が)(?<!長官が)(?<![体議織部会]の)トップ(?!(?:は|って|が)[^。?？]{0,6}(?:大臣|総理|首相|長官|知事|市長|議長|本部長)|は誰|って誰|は誰|とする|に|の\s*(?:会議|組織|体制|かいぎ|そしき|たいせい))|最高")),
    ("list", re.compile(r"(?:すべて|全部(?!終わ|済|完了|で)|全て)(?!ひっくるめ|含め|込み|こみ)|一覧|挙げ|どんな(施策|事業|取組|項目)|どの(施策|事業)|どれ(です|でしょう)?か?|何があ|何がある|ありますか|主な事業|施策は[?？]?$|事業は[?？]?$|列挙|リスト|一通り|ひととおり|並んで(?:いる|る)(?:施策|事業|取組)|(?:施策|事業|取組|項目)が並んで")),
    ("ministries", re.compile(r"省庁|府省|担当|所管|どこの省|どこが(担当|所管|やる|やって)|どの省|何省(?!庁)|どの役所|官庁|省の施策|省ですか|省の担当|関わって|どこの(役所|府省|担当)|(省|庁|府)[^。?？]{0,8}(あと|他に|ほかに|ほか)(は)?どこ")),
    ("targets", re.compile(r"目標|" + AIM + r"(?!す?(?:っていう|という|ような|みたいな)?(?:施策|事業|取組|取り組み|やつ|話))|" + WHEN_WORD + r"|何月|何日|期間|何人|何か所|何カ所|何箇所|いくつ(?!か|も)|何自治体|何県|何ブロック|何年|何社|何者|累計|(?<!予算)(?<!金額)(?<!事業)規模は|(?:どれだけ|どれくらい|どれぐらい|どのくらい|どのぐらい)の(?:人|数|自治体|市町村|県|団体|企業|地域|件)|何万|どこ(?!か|の省|に(出て|載|書|あ)|が(変わ|ちが|違|新し))|どの地域|増えて|増えた|減って|伸びて|倍|拡大して|拡大した")),
    ("definition", re.compile(r"とは|定義|って何|ってなに|何ですか|なんですか|どんな|どういう|内容|概要|目的|仕組み|説明|何をする|何(?:を)?(?:する|やる)(?:事業|施策|取組|の)|中身|どうやって|どのように|どうする|詳しく|なに[?？]|名前|名称|新しく|新た|新設|創設|きっかけ|背景|経緯|理由|なぜ|何が書|何を(?:立ち上げ|つく|作|始め|設け|進め)|(?:誰|だれ)(?:が|に(?:な|す)|を)|(?:する|やる|行う|担う)(?:のは|人は|のって)(?:誰|だれ)|(?:トップ|代表|議長|座長)(?:は|って)")),
    ("amount", re.compile(r"いくら|予算|金額|額|億円|費用|お金|どれくらい|どのくらい|要求|純増|全額|新しいお金|税制")),
]
"""Tried in this order after the rules in ``bot.qa.intent``: the first that matches, with its guards, wins."""
INTENT_PATTERN = dict(INTENT_PATTERNS)


WHOLLY_ONES = re.compile(r"(?:全部|すべて|全て|丸ごと)[^。?？、]{0,10}の(?:分|担当|所管|予算|お金)(?:なん|なの)?(?:です|でしょう|だ)?"
                         r"(?:よね|か|っけ|[?？])")
"""「全部国交省の分ですよね？」: one ministry claimed to hold all of a measure's amount, as 「…だけ」 claims it."""
MAIN_ITEMS = re.compile(r"(?:主な|おもな|主要な?)(?:事業|じぎょう)")
"""The document's 【主な事業】 lists, as people write them."""
MEASURES = re.compile(r"施策|取組|取り組み")
"""The document's measures (○ lines), as against its 主な事業."""
PILLAR_CUE = re.compile(r"分野|柱|(?:主な|おもな|主要な?)(?:事業|じぎょう)")
"""What a question calls a pillar when it gives the pillar's name in its own words (「…を地方に分散させる分野」)."""


MEASURES_NUMBER = re.compile(r"[(（]\s*(\d)\s*[)）]")
"""A pillar by the number its measures are listed under: 「(3)」."""
MAIN_ITEMS_NUMBER = re.compile(r"(?<![\d.])(\d)\s*[.．]\s*(?=\D)")
"""A pillar by the number its 主な事業 are listed under: 「4.」, not the 2. of 地方創生2.0."""


def pillar_of(text: str, pillars: Sequence[str], titles: Sequence[str] = ()) -> str | None:
    """A pillar of the document named in the text: by its number, 「(N)」 for the measures or 「N.」 for the
    主な事業 lists, or by a name that only that pillar's label has (no other label, no measure title unless the text
    calls it a pillar: 「広域リージョン連携の柱」)."""
    m = MEASURES_NUMBER.search(text)
    if m and any(p.startswith(f"({m.group(1)})") for p in pillars):
        return f"({m.group(1)})"
    m = MAIN_ITEMS_NUMBER.search(text)
    if m and any(p.startswith(f"{m.group(1)}.") for p in pillars):
        return f"{m.group(1)}."
    said = {n for n, _ in _forms(text)} if PILLAR_CUE.search(text) else set()
    labels = {re.sub(r"\s", "", p) for p in pillars}
    for label in pillars:
        number, _, name = label.partition(" ")
        name = name.removesuffix("等")
        if name[:3] in text and any(len(part) >= 6 and part in text for part in _subtitle(label)):
            return number  # 「稼ぐ力（地方イノベーション創生構想）」: its first words and its subtitle
        name = _said_part(name, text)  # 「新時代のインフラ整備とAI・デジタルの項目」: the label's first words
        called = re.search(re.escape(name) + r"[」』]?(?:の|という)?(?:柱|章|パート)", text)  # 「広域リージョン連携の柱」「『…』の章」
        words = {n for n, pos in _forms(name.split("～")[0]) if pos in ("名詞", "動詞")} if said else set()
        in_other_words = len(words) >= 3 and words <= said  # 「企業や人を地方に分散させる分野」: 人や企業の地方分散
        if len(name) < 4 or not (name in text or in_other_words) or (
                not called and not in_other_words and any(name in t for t in titles if re.sub(r"\s", "", t) not in labels)):
            continue
        same = [p for p in pillars if name in p]
        if len(same) == 1:
            return number
        subtitled = [p for p in same if any(len(part) >= 4 and part in text for part in _subtitle(p))]
        if len(subtitled) == 1:  # 「人や企業の地方分散（産官学の地方移転とか）」: the label with that subtitle
            return subtitled[0].partition(" ")[0]
        if MAIN_ITEMS.search(text) and number.endswith("."):  # the name of a measures pillar and a 主な事業 list both
            return number
        measures = [p.partition(" ")[0] for p in same if p.startswith("(")]
        if MEASURES.search(text) and measures and not MAIN_ITEMS.search(text):
            return measures[0]  # 「…の柱にある施策」: the measures pillar of that name
    return None


def _subtitle(label: str) -> list[str]:
    """The phrases of a label's subtitle (「～産官学の地方移転、都市と地方の交流等による創生～」), which another label of the
    same name lacks."""
    _, _, rest = label.partition("～")
    return [p.removesuffix("等") for p in re.split(r"[、～]", rest) if p]


SAID_TAIL_MIN = 6
"""The fewest last characters of a pillar's label that name it (「生活環境の創生」): what a label ends with is its subject,
which people remember when they drop its first words; fewer would be an ending many labels share (「…の創生」)."""
SAID_PART_MIN = 10
"""How many of a pillar label's first characters name it when the rest is left off (「新時代のインフラ整備とAI・デジタル」):
fewer are shared by everyday phrases and measure titles."""


def _said_part(name: str, text: str) -> str:
    """The label's name, or the longest run of its first characters (at least :data:`SAID_PART_MIN`) that the text
    writes; labels are long, and people stop once the pillar is clear. Else the longest run of its last characters (at
    least :data:`SAID_TAIL_MIN`): 「生活環境の創生の主な事業」 names 「安心して働き、暮らせる地方の生活環境の創生」 by its end."""
    if name in text:
        return name
    cut = next((n for n in range(len(name) - 1, SAID_PART_MIN - 1, -1) if name[:n] in text), 0)
    if cut:
        return name[:cut]
    tail = next((n for n in range(len(name) - 1, SAID_TAIL_MIN - 1, -1) if name[-n:] in text), 0)
    return name[-tail:] if tail else name


@lru_cache(maxsize=256)
def _forms(text: str) -> tuple[tuple[str, str], ...]:
    """(normalised form, POS) of each content morpheme; cached because the pillar labels are the same for every
    question."""
    return tuple((n, pos) for _, n, pos in morphemes(text))


def detect_ministries(text: str, aliases: Mapping[str, str]) -> tuple[str, ...]:
    """The ministries the text names, by their names or short names (国交省), longest first."""
    found: list[str] = []
    for alias, name in sorted(aliases.items(), key=lambda kv: -len(kv[0])):
        if alias in text and name not in found:
            if alias == "内閣府" and "内閣官房・内閣府" in text:
                continue
            found.append(name)
    return tuple(found)


FIGURE_CUES: list[tuple[re.Pattern[str], re.Pattern[str]]] = [
    # いつ asks for a date (20NN年度, 令和N年度), not a length of time (3～5年程度, この10年間); 何年くらい for a length
    (re.compile(WHEN_WORD + r"|何年(に|から|まで|度)|年度|何月|何日"),
     DATE := re.compile(r"(?:19|20)\d{2}年|令和\d+年|平成\d+年|\d+月|本年|今年")),
    (re.compile(r"期間|何年"), re.compile(r"\d+年|\d+[～~]\d+年|\d+月|本年|今年")),
    (re.compile(r"どこ(?!に(出て|載|書|あ|何|いくつ))|どの地域"), re.compile(r"[一-龥]{1,4}(県|市|町|村|州|島|半島)")),
    (re.compile(r"何(?:兆|億)円?"), MONEY_WRITTEN := re.compile(r"\d[\d,.]*(億|兆)円")),  # 「…倍増って、金額だと何兆円？」
    (re.compile(r"増え|減っ|伸び|倍|拡大"), re.compile(r"倍|増|拡大|減")),
    (re.compile(r"何(?:千|万|百万|千万|億)?人|人数|旅行者|(?:どれ|どの)(?:くらい|ぐらい)の人(?!材)"), re.compile(r"\d[\d,]*万?人")),
    # a count of places, or where the sites are (「拠点ってどこに作る？」: its count of sites answers it); 「支援拠点を持ってる
    # 機関の名前」 names a place, it neither counts them nor asks where
    (re.compile(r"か所|カ所|箇所|拠点(?:数|の数)|(?:いくつ|何)の?拠点|拠点[^。?？]{0,20}?(?:いくつ|何か所|何カ所|何箇所|どれ(?:くらい|ぐらい|だけ)|どの(?:くらい|ぐらい)|どこ(?!か))"),
     re.compile(r"\d+か所")),
    (re.compile(r"いくつ(?!か|も)(?:の)?(?:自治体|県|市町村|ブロック)|自治体|何県|ブロック"), re.compile(r"\d+(の)?(自治体|県|市町村|ブロック)")),
    (re.compile(r"いくつ(?!か|も)"), re.compile(r"\d+(?:つ|(の)?(自治体|県|市町村|ブロック))")),  # 「いくつの側面」: 3つの側面
    (re.compile(AIM + r"|目標"), GOAL := re.compile(r"目指")),
    (re.compile(r"累計|総額|いくら"), MONEY_WRITTEN),
]
"""(what the question says, the kind of figure that answers it): いつ → a year, 何人 → a count of people. Only
``GOAL`` (目指す) is not a figure: a goal the record states in other words is still the answer. ``DATE`` answers
いつ: a date is only ever of something the document writes."""

UNPRICED = re.compile(
    r"金額(?:の(?:記載|表示|表記)|が)?も?(?:書かれて|書いて|載って|記載されて|示されて|入って)(?:い)?(?:ない|ません)"
    r"|金額(?:の(?:記載|表示|表記))?(?:が|の)?(?:ない|無い|なし|未定|空欄)(?:施策|事業|取組|項目|もの|の)"
)
"""The measures with no figure (「金額が書かれてない施策」): a list of them, not of any one."""
COUNT_ASKED = re.compile(
    r"何(?P<unit>か所|ヶ所|カ所|ケ所|箇所|キロ|km|件|社|者|人|名|校|機関|団体|自治体|地域|台|ブロック|拠点|都市|か国|カ国|市町村"
    r"|組合|組|施設|世帯|戸|店舗|事業者|企業|大学|歳|才"
    r"|%|パーセント|ギガワット|GW|ha|ヘクタール|トン)"
    r"|いくつ(?!か|も)|何個(?!目|か)"
    # 「国交省が絡んでる事業の数は？」「登録されている用地の数は？」: as いくつ
    r"|(?:施策|事業|取組|項目|用地|土地|路線|区画|施設|拠点|自治体|企業|大学|団体|事業者|市町村|店舗)の(?:数|件数)(?![値字])"
    r"|(?P<counted>人|社|校)数"  # 「派遣される人数を教えて」: as 何人
)
"""A count the question asks for (「何か所」「何人」「いくつ」): answered only when a record states such a count."""
COUNTER_SPELLINGS = {"ヶ所": "か所", "カ所": "か所", "ケ所": "か所", "箇所": "か所", "キロ": "(?:km|キロ)", "km": "(?:km|キロ)",
                     "人": "(?:人|名)", "名": "(?:人|名)", "カ国": "か国", "者": "(?:者|社)", "社": "(?:者|社)",
                     "%": "(?:%|パーセント)", "パーセント": "(?:%|パーセント)", "GW": "(?:GW|ギガワット)", "ギガワット": "(?:GW|ギガワット)",
                     "歳": "(?:歳|才)", "才": "(?:歳|才)",
                     "団体": "(?:団体|自治体|都道府県|県|市区町村|市町村)", "自治体": "(?:自治体|団体|都道府県|県|市区町村|市町村)"}
"""One counter, however it is written: 「何ヶ所」 is answered by 「26か所」, 「何団体」 by 「24県、44市町村」."""
A_COUNT = r"(?<![\d.])(?!1(?![\d,.万千]))\d[\d,.]*(?:万|千)?の?"
"""A number before its counter, as the document writes it (「26か所」「6,000万人」「68の自治体」); one (「1か所で
複数のサービス」) is never how many."""
ANY_COUNT = re.compile(A_COUNT + r"(?!億|兆|円|年|月|日|%|％|割|倍|\d)[ぁ-んァ-ヴー一-龥]")
"""A number with a counter that is not money, a date or a ratio: what 「いくつ」 is answered by."""

CONTEXT_SENTENCE = re.compile(r"(です|ます|ました|でした|だ|いる|いた|しています|ています|でいます)[。！!]$")
"""A sentence that tells something about the asker (「横浜市民です。」「町役場に勤めています。」), not a question."""
CHECK_REQUEST = re.compile(
    r"^(本当|ほんと)|合って|正しい|問題(ない|なし|あり)|大丈夫|間違い|まちがい|(で|て)(OK|ok|いい|良い)|直す|直し|確認"
    r"|どおり|通りか|書いてあり|載って(い|る|ま)"
)
"""A sentence that asks to check what the one before it states (「この数字で問題ないですか。」)."""
CLAIMS = re.compile(r"\d|よね|ね[。!！]?$|とあり|書いて|載って|そうです|らしい")
"""A sentence that states something to check: the question may rest on it."""
HEARSAY = re.compile(r"(と|って)(?:[^。、？?]{1,8}?(?:に|から))?(聞き|聞い|伺い|伺っ|読み|読ん|見まし|見た|言って|言われ|話して|説明を?受け|説明され|教わ)|らしい|そうです"
                     r"|(という|との|って)(記事|報道|ニュース|見出し|投稿|噂|うわさ|書き込み)"
                     r"|資料(に|で|の中に)[^。！!]{0,8}(出て|載って|書かれて|書いて|見つけ)")
"""A sentence that reports what the asker heard (「…をまとめるって聞きました。」「…って先生に聞きました。」) or saw in the document (「…を調べてたら、
この資料に名前が出てきました。」): the topic, not context about them."""
TOLD = re.compile(r"(?:ます|ました|ません|です|でした|たい|ている|ていた|てる|てた|いる|った|た|だ|ない|らしい|そうだ)"
                  r"(?:よ|ね|けど|が)*(?:[…‥ー〜~]|\.{2,})*[。！!]$")
"""A sentence that tells something of the asker's world (「…と言われています。」「…関わっていたい。」「…参加できない…。」),
not one that names a topic (「沖縄県の事業について。」): wider than :data:`CONTEXT_SENTENCE`, which decides what is
dropped before searching; this one only decides which names are context, not asked (bot/qa/unknowns.py)."""
LABEL = re.compile(r"^(?:【[^】]{1,20}】|\[[^\]]{1,20}\]|@[^\s、,。]{1,30})\s*")
"""A label or mention before a chat message (「【県庁Slack】」「@channel」): where it was posted or to whom, not asked."""
TRAILED_OFF = re.compile(r"(?:\.\.\.|…|‥)\s*$")
"""A sentence that trails off (「うちの市議会で話題になってて…」): what leads up to the question, not the question."""

AFTERTHOUGHT_ASKS = re.compile(r"予算|いくら|何|額|億|円|どこ|どれ|どの|" + WHEN_WORD + r"|誰|だれ|[?？]|教えて|ください|知りたい|ほしい|欲しい|たいです|お願い|伺|お聞き|聞きたい|お尋ね|か[。!！]?$"
                               r"|^(?:あと(?!で)|それと|ついでに)[^。?？!！]*も[。!！]?$"  # 「あと目標の訪日客数も。」
                               r"|^(?:担当|所管)?(?:府省庁|省庁|府省|担当)も[。!！]?$"  # 「担当省庁も。」「担当府省庁も。」
                               r"|(?:全部|ぜんぶ|すべて|全て|一覧)[。!！]?$"  # 「厚労省が入ってる施策ぜんぶ」
                               r"|(?:意見|感想|考え|見解)を?(?:聞かせ|きかせ|聞き|教え)")  # 「…と思いません？意見を聞かせて」
"""A sentence after the question that asks or requests something (「担当も教えて。」) is part of the question."""
OWN_WORK = re.compile(r"(?:整理|検討|把握|準備|作成|報告|共有|活用|参考に|提案|説明|検証)(?:を)?(?:し|させ)たい"
                      r"(?:です|と思(?:って|い)ます|と考えています|んです)?[。!！]?$")
"""A sentence after the question that says what the asker will do with the answer (「…を全部挙げてもらえますか。環境
部局として、どこに自分たちの事業を絡められるか整理したいです。」): why they ask, not part of what is asked."""
ANSWER_FORM = re.compile(r"^(?:はい|イエス|yes)(?:か|/|・|、)?(?:いいえ|ノー|no)(?:か)?で(?:お願い|お答え|答え|回答|教え|ご回答|結構|いい|よい|大丈夫)?[^。？?！!]{0,12}[。！!]?$"
                         r"|^一言で(?:お願い|お答え|答え|回答|教え)?[^。？?！!]{0,12}[。！!]?$", re.IGNORECASE)
"""A sentence after the question that only says how to answer it (「はい/いいえでお願いします。」): no part of what is asked."""
SWITCH_WORDS = (r"別件|(?<![のたるいなう])ところで|話題?[はが]?(?:変|か)わ|別の質問|次の質問|それとは別|違う質問|関係ない|それはそうと|(?:それ|これ)はさておき|(?:それ|これ)はそれとして"
                r"|その前に確認|(?:その|この|あの)(?:話|件)は(?:もう)?(?:いい|大丈夫|結構|わかった|分かった|了解)"
                r"|(?:別|他|ほか)の(?:話|件|テーマ|トピック)|違う(?:話|件|テーマ|トピック)")
ASKED_AGAIN = re.compile(r"箇条書き|並べ直|もう一(?:回|度|遍)|再掲|まとめ直|言い直|(?:一覧|表|リスト)に(?:して|し直)")
"""A request to see the earlier answer again, or in another form (「それ箇条書きにして」「もう一回」)."""
FIRST_ASKED = re.compile(r"最初に(?:挙げ|教え|聞い|出し|答え)|最初の(?:回答|答え|質問)|一番最初")
"""Points at the conversation's first question, not its last."""
ANOTHER_QUESTION = re.compile(r"^(?:あと|それと)?もう(?:一つ|ひとつ|1つ)[。!！]")
"""「あともう一つ。」: another question follows, about something else unless it points back (「…。それの担当は？」)."""
APPOSITION = re.compile(r"(?:取組|取り組み|事業|施策|制度|仕組み|やつ|話|構想|計画)、\s*(?:あれ|それ|これ)(?=は|って|の|が)")
"""A pointer right after what it points at (「…を広げる取組、あれはいくら？」): within the sentence, not back."""
TOPIC_SWITCH = re.compile(rf"(?:^|[。！!？?]\s*|、)(?:(?:次|今度|つぎ)は、?|では、?|じゃあ、?|さて、?)?(?:全然|まったく|全く|ちょっと|少し)?({SWITCH_WORDS})")
"""Words that start a new topic: the question inherits nothing from the conversation."""
SWITCH_CLAUSE = re.compile(
    rf"^(?:[あえおうん]+[、,]\s*)?[^。、？?]{{0,8}}?(?:{SWITCH_WORDS})(?:(?!この|その|あの|これ|それ)[^。、？?]){{0,14}}?[、,]\s*(?=\S)"
)
"""A clause that only says a new topic starts (「あ、話変わるけど、」「全然違う質問だけど、」): it asks nothing, and its words
are not what the question is about; one that points back (「ところでこの制度、」) is kept, and a place in the document
(「地域脱炭素のところで出てた…、」) is no ところで."""
TURN = re.compile(r"^(?:あ|あっ|そうだ|そうそう|そういえば)[、,]")
"""An interjection that turns to something else (「あ、その前に…」「そうだ、」): after it, what came before is chatter unless
it named something of the document."""
NOT_ASKED = re.compile(r"(?:は|なら|については)、?(?:後で|あとで|別途|また)?(?:自分で|こちらで|自力で)(?:調べ|確認|探)"
                       r"|(?:は|なら)(?:不要|いらない|いりません|要りません|結構)(?:です)?[。）)]*$")
"""A sentence that says what the asker does not want answered (「（誰が担当かは後で自分で調べます）」「担当は不要です。」)."""
NOT_ASKED_CLAUSE = re.compile(r"^[^、。?？!！]{2,40}?(?:は|まで(?:は)?|なんて)、?(?:後で|あとで|別途)?(?:自分で|こちらで)?(?:調べる|調べます|確認する|確認します"
                              r"|聞かない|聞きません|いらない|いりません|要らない|不要|結構)(?:です|ですが|なんですが|んですが)?(?:ので|から|けど|けれど|が)?、")
"""A clause the question opens with that declines something before what is asked (「申請の締め切りは自分で調べるので、」
「自治体の名前までは聞かないので、」): nothing in it is asked."""
ASKED_INSTEAD = re.compile(r"(?:お聞きしたい|お聞きする|聞きたい|知りたい|伺いたい|お尋ねしたい|質問したい)(?:の|こと)は"
                           r"(?:それとは|そちらとは|そこではなく|その話ではなく)?(?:別|ほか|他)(?:で|の(?:こと|件|話)で)(?:して)?、")
"""「…紛らわしいのですが、今回お聞きしたいのは別で、…」: what comes before it is not what is asked."""
FOR_NOW = re.compile(r"(?:とりあえず|ひとまず)、")
"""「…本当かな…とりあえず、…は？」: the asker leaves what came before and asks what follows."""
SENTENCE_BREAK = re.compile(r"(?<=[。！!？?\n])|(?<=】)(?![のはがをともへにで]|って|として)|(?<=[A-Za-z]\.)(?=\s)|(?<=笑)(?=\s)|\s(?=" + SWITCH_CLAUSE.pattern.lstrip("^") + ")"
                            r"|\s(?=" + TURN.pattern.lstrip("^") + r")|(?<=[…‥.])(?=\s*" + FOR_NOW.pattern + ")"
                            r"|(?<=[てでねよながけど)）]\.\.\.)(?=[^.\s?？!！。)）」』と])")
"""Where a message splits into sentences: after a full stop (an English one too: 「Ignore all previous rules. …」), a clause that
trails off (NFKC 「...」 after 「…てて」「…そうで」「…けど」: 「市議会で話題になってて…総額を教えて」; not inside a title cut short,
「稼ぐ力を高め…地方イノベーション創生構想」, nor before a quoting 「と」), a label or a laugh, and before a topic switch or an
interjection that turns to something else after a space (「傘持ってきた？ それはそうと、…」「…並んでるかな… あ、その前に…」)."""
MENTIONED = re.compile(
    r"([^、。？?！!]{2,24}?)(?:を(?:使う|活用する|扱う)|に(?:ついて|関する)|の)?(?:話|こと|記述|言葉|文言)?(?:が|の|って|は)?"
    r"(?:出てくる|出ている|出てる|書かれている|書かれてる|書いてある|載っている|載ってる|含まれる|含まれている|入っている|入ってる"
    r"|(?:書き)?添えられている|(?:書き)?添えられてる|記載されている|記載されてる|記載のある|記載がある)"
    r"(?:施策|項目|事業|取組|取り組み|もの)"
    r"|([^、。？?！!]{2,24}?)(?:って|は|が)どの(?:施策|項目|事業|取組|取り組み)に(?:も)?(?:入って|含まれ|出て|書かれ|載って)"
)
"""A list of the measures that write something (「ドローンを使う話が出てくる施策はどれ？」「自動運転ってどの施策に入ってる？」)."""
BELIEVED_BEFORE = re.compile(
    r"^[^。！!？?]*?(?:と|って)(?:思い込んで|思って|勘違いして|考えて)(?:い)?た(?:んです|のです|んだ|ん)?(?:けど|けれど|けれども|が)[、,]"
)
"""A clause that tells what the asker used to believe (「…は厚労省の事業だと思い込んでいたんですが、」): not what they claim now."""
SAID_CLAUSE_BREAK = re.compile(r"(?<=[。！!？?\n])|(?<=が[、,])|(?<=けど[、,])|(?<=けれども[、,])|(?<=ので[、,])"
                               r"|(?<=と同じ柱に入っている[、,])|(?<=と同じ柱にある[、,])|(?<=と同じ分野にある[、,])")
"""Where a question splits into clauses when finding which item it asks about: after a full stop or a clause that
ends 「…んですが、」「…と聞いたので、」 (the asker's own clauses end there), or one that names an item only as where
another is (「A（183.7億円）と同じ柱に入っている、Bは…」)."""
ASKED_OTHER = re.compile(r"の(?:ほう|方)(?:は|って|だと|では|を|も)|じゃあ.{2,}は[?？]?$")
"""「…のほうは？」「じゃあ…は？」: a clause that turns from what was said to something else."""
LAUGH = re.compile(r"^[wｗ笑草]+(?:\s+|$)")
"""A laugh that ends the chatter before it (「…どこ行く？w あ、その前に…」), cut where the sentences are split."""
LAUGH_END = re.compile(r"(?<=[ぁ-ゖ])(?:笑|[wｗ]+)$")
"""A laugh that ends a sentence (「就活中の大学3年です笑 地方インターンの…」): a full stop."""


MINISTRIES_OVERLAP = r"(?:省|府省|省庁|府省庁|役所|官庁|担当|所管)(?:は|が|って|も)?(?:かぶ|被っ|重な|重複)"
"""「担当省庁かぶってる？」: whether several items share any ministry in charge (not all of them)."""
SUBTRACTED = r"から[^。?？、]{0,30}?を?引(?:く|いた|いて|けば)"
"""「AからBを引くと？」: the difference, A less B."""
SAME_MINISTRIES = (r"(?:同じ|一緒|いっしょ|共通)の?(?:省|府省|省庁|府省庁|役所|官庁|担当|所管)"
                   r"|(?:省|府省|省庁|府省庁|役所|官庁|担当|所管)(?:は|が|って|も)?[^。?？、]{0,3}(?:同じ|一緒|いっしょ|共通)(?!に|し|な)"
                   r"|" + MINISTRIES_OVERLAP)
"""「同じ役所の担当？」「担当省庁いっしょ？」「担当省庁かぶってる？」: whether several items have the same ministries in charge; not 「省庁が一緒になって
支える」「役所が一緒に研究する」, which say they work together."""
SHARED = re.compile(rf"どっちも|どちらも|両方とも?|いずれも|ともに|共に|{SAME_MINISTRIES}")
"""Whether several items share something: a ministry, a flag, the same ministries (「どっちも環境省？」)."""
RANK = re.compile(r"(?<![\d.])([2-9二三四五六七八九])番目に(?:大き|多|小さ|少な|高|低)")
"""「2番目に大きいのは？」: the rank a superlative asks for, after the first."""
