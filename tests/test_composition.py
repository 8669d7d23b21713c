"""Exact answers on the tiny made-up document (tests/tiny.py): what a citizen reads, word for word."""

from __future__ import annotations

import pytest

from bot.models import Turn
from bot.qa.service import QAService
from tests.tiny import TITLE, tiny_service


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> QAService:
    return tiny_service(tmp_path_factory.mktemp("tiny"))


@pytest.mark.parametrize(("question", "answer"), [
    ("山里バス支援事業の予算は？", "「山里バス支援事業」の概算要求額は4.5億円です[1]。担当は内閣官房・内閣府です[1]。"),
    ("星空観光の推進は、環境省の担当？",
     "はい、「星空観光の推進」の担当府省庁には環境省が含まれます（担当：環境省）[1]。概算要求額は計3.0億円です[1]。"),
    ("この資料って、環境省の施策も入ってるの？",  # no measure named: whether there are any, not a ministry to confirm
     "はい。環境省が担当府省庁に含まれる施策は次のとおりです。\n・星空観光の推進：計3.0億円[1]"),
    ("環境省がかかわってる施策ってある？",  # whether there is any: はい, then the list
     "はい。環境省が担当府省庁に含まれる施策は次のとおりです。\n・星空観光の推進：計3.0億円[1]"),
    ("港町の防災強化の予算は？避難計画の話も出てくる？",  # whether the text writes it: はい, and the sentence that does
     "はい。「港町の防災強化」の概算要求額は計2.0億円です[1]。担当は国土交通省です[1]。"
     "資料では「2028年度までに港町の避難計画を見直す」とされています[1]。"),
    ("星空観光の推進って、観光地づくりを支援できるんですか？",
     "はい。「星空観光の推進」の概算要求額は計3.0億円です[1]。星空を生かした観光地づくりを支援する。[1]担当は環境省です[1]。"),
    ("星空観光の推進って、ドローンで観光できるんですか？",
     "いいえ、資料には「ドローン」についての記載は見当たりません。関連する記述は次のとおりです。"
     "「星空観光の推進」の概算要求額は計3.0億円です[1]。星空を生かした観光地づくりを支援する。[1]担当は環境省です[1]。"),
    ("星空観光の推進で何ができるんですか",  # asks what: no はい
     "「星空観光の推進」の概算要求額は計3.0億円です[1]。星空を生かした観光地づくりを支援する。[1]担当は環境省です[1]。"),
    ("山里バス支援事業はどの柱の事業？",  # the pillar heading it sits under
     "「山里バス支援事業」は、「2. 暮らしの創生」の主な事業です[1]。概算要求額は4.5億円です[1]。"),
    ("山里バス支援事業は「3. 稼ぐ力の創生」の主な事業ですよね？",  # a pillar claimed of a measure: checked
     "いいえ。「山里バス支援事業」は、「2. 暮らしの創生」の主な事業です[1]。概算要求額は4.5億円です[1]。"),
    ("特産品の海外展開事業は3.の主な事業ですよね？", "はい。「特産品の海外展開事業」は、「3. 稼ぐ力の創生」の主な事業です[1]。概算要求額は事項要求です[1]。"),
    ("雪国の除雪支援の予算と、どの分野の施策か教えて",
     "「雪国の除雪支援」は、「(1) 暮らしの創生」の施策です[1]。概算要求額は計12.0億円（内数）です[1]。"),
    ("港町の防災強化の予算と、何を補強するのか教えて",  # what else it asks, from the sentence that writes it
     "「港町の防災強化」の概算要求額は計2.0億円です[1]。担当は国土交通省です[1]。また、資料では「港の防波堤を補強する」とされています[1]。"),
    ("港町の防災強化って、いつまでに何を見直すの？防波堤はどうするの？",  # two questions: each answered from its sentence
     "資料では「2028年度までに港町の避難計画を見直す」とされています[1]。また、資料では「港の防波堤を補強する」とされています[1]。"),
    ("港町の防災強化の予算は？",  # nothing else asked: nothing added
     "「港町の防災強化」の概算要求額は計2.0億円です[1]。担当は国土交通省です[1]。"),
    ("山里のバスを支える取組と、漁村を見守る取組、どっちが多い？",  # two items no title holds: each found by a search
     "「山里バス支援事業」の概算要求額は4.5億円です[1]。「漁村の見守り事業」の概算要求額は1.5億円です[2]。"
     "「山里バス支援事業」のほうが3.0億円多くなっています（4.5億円−1.5億円として計算）。"),
    ("山里のバスを支える取組と、漁村を見守る取組、少ないのはどっち？",  # said of the one asked about
     "「山里バス支援事業」の概算要求額は4.5億円です[1]。「漁村の見守り事業」の概算要求額は1.5億円です[2]。"
     "「漁村の見守り事業」のほうが3.0億円少なくなっています（4.5億円−1.5億円として計算）。"),
    ("温泉の取組と、祭りの取組、どっちが多い？",  # a search that finds nothing of the words is no item
     f"申し訳ありません。お尋ねの内容は、この資料（{TITLE}）には記載がありません。"),
    ("国土交通省が絡んでるやつっていくつある？",  # a scope's measures counted: a labelled computation
     "国土交通省が担当府省庁に含まれる施策は次の2件です（一覧の件数として計算）。\n・雪国の除雪支援：計12.0億円（内数）[1]\n"
     "・港町の防災強化：計2.0億円[2]\n（内数）の額はより大きな予算の一部のため、合計はできません。"),
    ("環境省が絡んでるやつっていくつある？",  # counted from the list, though no record states a count
     "環境省が担当府省庁に含まれる施策は次の1件です（一覧の件数として計算）。\n・星空観光の推進：計3.0億円[1]"),
    ("総額は去年の何%増しなの？",
     "「令和9年度 テスト創生予算 概算要求額」の令和9年度概算要求額は120億円＋事項要求、令和8年度当初予算額は100億円です[1]。"
     "差は20億円の増加です（120億円−100億円として計算、事項要求分は金額がないため含みません）。"
     "前年度比でおよそ20%の増加です（20億円÷100億円として計算）。"),
    ("雪国の除雪支援の12.0億円って、まるごと全部がその事業のお金ってこと？",  # 「…ってこと？」 asks to confirm
     "いいえ。「雪国の除雪支援」の概算要求額は計12.0億円（内数）です[1]。（内数）は、より大きな予算の一部として計上されている金額で、"
     "この施策だけの額ではなく、他の金額と足し合わせることもできません。担当は国土交通省、総務省です[1]。"),
    ("雪国の除雪支援で確保する担い手って、全部で800人だっけ？",  # a claimed count, checked against the sentence that states one
     "いいえ、ご質問の数字は資料と異なります。資料では「2030年までに除雪の担い手を1,000人確保することを目指す」とされています[1]。"
     "（「雪国の除雪支援」の記述：豪雪地帯の除雪を支援し、2030年までに除雪の担い手を1,000人確保することを目指す。）"),
    ("雪国の除雪支援で確保する担い手って、全部で1,000件だっけ？",  # the number is written, but of 人, not 件
     "いいえ、ご質問の数字は資料と異なります。資料では「2030年までに除雪の担い手を1,000人確保することを目指す」とされています[1]。"
     "（「雪国の除雪支援」の記述：豪雪地帯の除雪を支援し、2030年までに除雪の担い手を1,000人確保することを目指す。）"),
    ("雪国の除雪支援で確保する担い手って、全部で1,000人だっけ？",
     "はい。資料では「2030年までに除雪の担い手を1,000人確保することを目指す」とされています[1]。"
     "（「雪国の除雪支援」の記述：豪雪地帯の除雪を支援し、2030年までに除雪の担い手を1,000人確保することを目指す。）"),
    ("山里バス支援事業って5億円超えてます？",  # 「…ます？」 asks to confirm
     "いいえ。「山里バス支援事業」の概算要求額は4.5億円です[1]。担当は内閣官房・内閣府です[1]。"),
    ("特産品の海外展開事業って、金額が書いてないんですか？",  # a negative asked: はい agrees it is not written
     "はい、「特産品の海外展開事業」は「事項要求」として要求されており、金額は示されていません[1]。"
     "「事項要求」は金額を示さずに事項だけを要求するもので、その分の金額は資料に記載されていません。担当は内閣官房・内閣府です[1]。"),
    ("特産品の海外展開事業って、金額は出てます？",
     "いいえ、「特産品の海外展開事業」は「事項要求」として要求されており、金額は示されていません[1]。"
     "「事項要求」は金額を示さずに事項だけを要求するもので、その分の金額は資料に記載されていません。担当は内閣官房・内閣府です[1]。"),
    ("総額の内訳は？",  # the headline lines that add up to the total, as the document states them
     "「令和9年度 テスト創生予算 概算要求額」の120億円＋事項要求[1]の内訳は、「新しいテスト交付金」の90億円[2]と、"
     "「2.～3.」の計30億円＋事項要求[3]です。"),
    ("概算要求全体のうち、交付金以外の部分はいくら？",
     "「令和9年度 テスト創生予算 概算要求額」の120億円＋事項要求[1]の内訳は、「新しいテスト交付金」の90億円[2]と、"
     "「2.～3.」の計30億円＋事項要求[3]です。"),
    ("新しいテスト交付金の内訳は？",  # a part has no 内訳 of its own in the document: its amount
     "「新しいテスト交付金」の概算要求額は90億円です[1]。"),
    ("山里バス支援事業と漁村の見守り事業を合わせると？",
     "「山里バス支援事業」の概算要求額は4.5億円です[1]。「漁村の見守り事業」の概算要求額は1.5億円です[2]。"
     "合わせると6.0億円です（4.5億円＋1.5億円として計算）。"),
    ("山里バス支援事業と漁村の見守り事業、どっちが多い？",
     "「山里バス支援事業」の概算要求額は4.5億円です[1]。「漁村の見守り事業」の概算要求額は1.5億円です[2]。"
     "「山里バス支援事業」のほうが3.0億円多くなっています（4.5億円−1.5億円として計算）。"),
    ("雪国の除雪支援と星空観光の推進を合わせると？",
     "「雪国の除雪支援」の概算要求額は計12.0億円（内数）です[1]。「星空観光の推進」の概算要求額は計3.0億円です[2]。"
     "（内数）の額はより大きな予算の一部のため、足し合わせると実態と異なる数字になります。"),
    ("雪国の除雪支援と星空観光の推進、どっちが多い？",
     "「雪国の除雪支援」の概算要求額は計12.0億円（内数）です[1]。「星空観光の推進」の概算要求額は計3.0億円です[2]。"
     "書かれている額では「雪国の除雪支援」のほうが大きいですが、（内数）の額はより大きな予算の一部のため、"
     "差を取ると実態と異なる数字になります。大小は目安としてご覧ください。"),
    ("里海と里山の交流拠点と山里バス支援事業、どっちが多い？",  # a joiner inside a name; equal figures; a ＋grant
     "「里海と里山の交流拠点」の概算要求額は計4.5億円＋テスト交付金（内数）です[1]。"
     "「山里バス支援事業」の概算要求額は4.5億円です[2]。どちらも4.5億円で、金額は同じです。"
     "「里海と里山の交流拠点」には、このほかテスト交付金（内数）が加わりますが、計算には含めていません[1]。"),
    ("主な事業2つ（山里バス支援事業、漁村の見守り事業）を全部足すと？",
     "「山里バス支援事業」の概算要求額は4.5億円です[1]。「漁村の見守り事業」の概算要求額は1.5億円です[2]。"
     "合わせると6.0億円です（4.5億円＋1.5億円として計算）。"),
    ("山里バス支援事業（4.5億円の方）と特産品の海外展開事業の合計は？",
     "「山里バス支援事業」の概算要求額は4.5億円です[1]。「特産品の海外展開事業」の概算要求額は事項要求です[2]。"
     "金額の記載がない項目があるため、合計は計算できません。"),
    ("総額は前年度からいくら増えた？",
     "「令和9年度 テスト創生予算 概算要求額」の令和9年度概算要求額は120億円＋事項要求、令和8年度当初予算額は100億円です[1]。"
     "差は20億円の増加です（120億円−100億円として計算、事項要求分は金額がないため含みません）。"),
    ("2.～3.の合計はいくら？",
     "「2.～3.」の合計の概算要求額は計30億円＋事項要求です[1]。"
     "「事項要求」は金額を示さずに事項だけを要求するもので、その分の金額は資料に記載されていません。"),
    ("雪国の除雪支援の12.0億円は全額その施策のためのお金ですか？",
     "いいえ。「雪国の除雪支援」の概算要求額は計12.0億円（内数）です[1]。（内数）は、より大きな予算の一部として"
     "計上されている金額で、この施策だけの額ではなく、他の金額と足し合わせることもできません。担当は国土交通省、総務省です[1]。"),
    ("山里バス支援事業は5億円ですよね？",
     "いいえ、ご質問の数字は資料と異なります。「山里バス支援事業」の概算要求額は4.5億円です[1]。担当は内閣官房・内閣府です[1]。"),
    ("山里バス支援事業は4.50億円ですよね？", "はい。「山里バス支援事業」の概算要求額は4.5億円です[1]。担当は内閣官房・内閣府です[1]。"),
    ("山里バス支援事業は4.5兆円ですよね？",  # the figure matches, the scale does not
     "いいえ、ご質問の数字は資料と異なります。「山里バス支援事業」の概算要求額は4.5億円です[1]。担当は内閣官房・内閣府です[1]。"),
    ("除雪の担い手の目標は？",
     "資料では「2030年までに除雪の担い手を1,000人確保することを目指す」とされています[1]。"
     "（「雪国の除雪支援」の記述：豪雪地帯の除雪を支援し、2030年までに除雪の担い手を1,000人確保することを目指す。）"),
    ("担当府省庁の数が一番多い施策は？",
     "担当府省庁の数が最も多いのは「雪国の除雪支援」で、国土交通省、総務省の2府省庁です（資料の担当府省庁を数えて計算）[1]。"),
    ("2.から3.までの合計額はいくらですか？",
     "「2.～3.」の合計の概算要求額は計30億円＋事項要求です[1]。"
     "「事項要求」は金額を示さずに事項だけを要求するもので、その分の金額は資料に記載されていません。"),
    ("雪国の除雪支援で、被災した自治体には何億円出る？",
     f"申し訳ありません。お尋ねの内容は、この資料（{TITLE}）には記載がありません。"),
    ("山里バス支援事業の予算は4.5億円で合ってる？",
     "はい。「山里バス支援事業」の概算要求額は4.5億円です[1]。担当は内閣官房・内閣府です[1]。"),
    ("星空観光の推進の3.0億円は満額で認められたんですか？",
     f"この資料の金額は令和9年度の概算要求（各府省庁が要求した段階の額）です。認められた額や成立した予算は、この資料（{TITLE}）には記載がありません。"),
    ("温泉地のおすすめを教えてください", f"申し訳ありません。お尋ねの内容は、この資料（{TITLE}）には記載がありません。"),
    ("うちの大学には山里バス支援事業から何億円来る？", f"申し訳ありません。お尋ねの内容は、この資料（{TITLE}）には記載がありません。"),
    ("山里バス支援事業って事項要求なんですか？金額を覚えてなくて",
     "いいえ。「山里バス支援事業」の概算要求額は4.5億円です[1]。担当は内閣官房・内閣府です[1]。"),
    ("雪国の除雪支援の12.0億円は、まるごと除雪の事業費ってことでいい？",
     "いいえ。「雪国の除雪支援」の概算要求額は計12.0億円（内数）です[1]。（内数）は、より大きな予算の一部として"
     "計上されている金額で、この施策だけの額ではなく、他の金額と足し合わせることもできません。担当は国土交通省、総務省です[1]。"),
    ("山里バス支援事業の4.5億円は、決まった額と考えていいですか？",
     "いいえ。この資料の金額は令和9年度の概算要求（各府省庁が要求した段階の額）で、決まった予算ではありません。"
     "「山里バス支援事業」の概算要求額は4.5億円です[1]。担当は内閣官房・内閣府です[1]。"),
    ("漁村の見守り事業は山里バス支援事業より多いですか？",
     "いいえ。「漁村の見守り事業」の概算要求額は1.5億円です[1]。「山里バス支援事業」の概算要求額は4.5億円です[2]。"
     "「山里バス支援事業」のほうが3.0億円多くなっています（4.5億円−1.5億円として計算）。"),
    ("資料に25億円って出てくるけど、これは何の金額？",
     "25億円は、資料では「これまで累計25億円を投じた交流事業の成果を引き継ぐ」とされている額です[1]。"
     "（「里海と里山の交流拠点」の記述：これまで累計25億円を投じた交流事業の成果を引き継ぐ。）"
     "（概算要求額は計4.5億円＋テスト交付金（内数）、担当は農林水産省）"),
    ("この資料って令和10年度の概算要求をまとめたものですよね？",
     f"いいえ。この資料は「{TITLE}」です[1]。日付は令和8年8月1日[1]、作成は内閣官房テスト本部事務局です[1]。"
     "金額はすべて概算要求の段階のもので、成立した予算ではありません。"),
    ("山里バス支援事業の4.5億円は成立した予算ですか？",
     "いいえ。この資料の金額は令和9年度の概算要求（各府省庁が要求した段階の額）で、決まった予算ではありません。"
     "「山里バス支援事業」の概算要求額は4.5億円です[1]。担当は内閣官房・内閣府です[1]。"),
    ("雪国の除雪支援は国土交通省だけの担当ですか？",
     "いいえ、「雪国の除雪支援」の担当は国土交通省、総務省で、国土交通省だけではありません（ほかに総務省）[1]。"
     "概算要求額は計12.0億円（内数）です[1]。"),
    ("雪国の除雪支援（12.0億円・内数）は国土交通省だけの担当ですか？",  # the bracket restates; the ministry is asked
     "いいえ、「雪国の除雪支援」の担当は国土交通省、総務省で、国土交通省だけではありません（ほかに総務省）[1]。"
     "概算要求額は計12.0億円（内数）です[1]。"),
    ("漁村の見守り事業の要求額は山里バス支援事業の要求額より大きいですか？",
     "いいえ。「漁村の見守り事業」の概算要求額は1.5億円です[1]。「山里バス支援事業」の概算要求額は4.5億円です[2]。"
     "「山里バス支援事業」のほうが3.0億円多くなっています（4.5億円−1.5億円として計算）。"),
    ("星空観光の推進の3.0億円のうち、ガイド養成の分はいくら？",
     f"申し訳ありません。お尋ねの内容は、この資料（{TITLE}）には記載がありません。"),
    ("除雪の担い手の確保は2035年までが目標ですよね？",  # a year the document lacks, claimed: corrected, not refused
     "いいえ、ご質問の数字は資料と異なります。資料では「2030年までに除雪の担い手を1,000人確保することを目指す」とされています[1]。"
     "（「雪国の除雪支援」の記述：豪雪地帯の除雪を支援し、2030年までに除雪の担い手を1,000人確保することを目指す。）"),
    ("除雪の担い手の予算は？",  # named only in a measure's text: no figure of its own
     "資料には「除雪の担い手」だけの金額は示されていません。「除雪の担い手」は「雪国の除雪支援」（概算要求額計12.0億円（内数））"
     "の取組の一つとして書かれています[1]。"),
    ("総額は前年度の何倍？",
     "「令和9年度 テスト創生予算 概算要求額」の令和9年度概算要求額は120億円＋事項要求、令和8年度当初予算額は100億円です[1]。"
     "差は20億円の増加です（120億円−100億円として計算、事項要求分は金額がないため含みません）。"
     "前年度のおよそ1.2倍です（120億円÷100億円として計算）。"),
    ("星空観光の推進で、観光地は何か所つくるんですか？",  # a count no record found states
     f"申し訳ありません。お尋ねの内容は、この資料（{TITLE}）には記載がありません。"),
    ("除雪の担い手は何人確保するのが目標？",
     "資料では「2030年までに除雪の担い手を1,000人確保することを目指す」とされています[1]。"
     "（「雪国の除雪支援」の記述：豪雪地帯の除雪を支援し、2030年までに除雪の担い手を1,000人確保することを目指す。）"),
    # はい/いいえ agrees with the claim as the asker put it: a negative claim is agreed with by はい
    ("雪国の除雪支援は内数じゃないですよね？",
     "いいえ。「雪国の除雪支援」の概算要求額は計12.0億円（内数）です[1]。（内数）は、より大きな予算の一部として計上されている"
     "金額で、この施策だけの額ではなく、他の金額と足し合わせることもできません。担当は国土交通省、総務省です[1]。"),
    ("星空観光の推進は内数じゃないですよね？", "はい。「星空観光の推進」の概算要求額は計3.0億円です[1]。担当は環境省です[1]。"),
    ("星空観光の推進は環境省だけの担当じゃないですよね？",
     "いいえ、「星空観光の推進」の担当は環境省だけです[1]。概算要求額は計3.0億円です[1]。"),
    ("星空観光の推進って、1億円もいかないですよね？",  # a figure claimed as a bound, compared with the amount
     "いいえ。「星空観光の推進」の概算要求額は計3.0億円です[1]。担当は環境省です[1]。"),
    ("山里バス支援事業は1億円以上ですよね？", "はい。「山里バス支援事業」の概算要求額は4.5億円です[1]。担当は内閣官房・内閣府です[1]。"),
    ("山里バス支援事業って四十五億円ですよね？",  # kanji numerals read as figures
     "いいえ、ご質問の数字は資料と異なります。「山里バス支援事業」の概算要求額は4.5億円です[1]。担当は内閣官房・内閣府です[1]。"),
    ("前年度当初と比べて増えていますか？",  # 「前年度当初」 is the document's previous year
     "はい、増額です。「令和9年度 テスト創生予算 概算要求額」の令和9年度概算要求額は120億円＋事項要求、令和8年度当初予算額は100億円です[1]。"
     "差は20億円の増加です（120億円−100億円として計算、事項要求分は金額がないため含みません）。"),
    ("総額は前年度より多いですか？",
     "はい、増額です。「令和9年度 テスト創生予算 概算要求額」の令和9年度概算要求額は120億円＋事項要求、令和8年度当初予算額は100億円です[1]。"
     "差は20億円の増加です（120億円−100億円として計算、事項要求分は金額がないため含みません）。"),
    ("累計25億円は令和8年度の当初予算で計上されたものですよね？",  # a figure of the text claimed to be of a year
     "いいえ。25億円は、資料では「これまで累計25億円を投じた交流事業の成果を引き継ぐ」とされている額です[1]。"
     "（「里海と里山の交流拠点」の記述：これまで累計25億円を投じた交流事業の成果を引き継ぐ。）"
     "（概算要求額は計4.5億円＋テスト交付金（内数）、担当は農林水産省）"),
    ("担い手1,000人は2030年までの目標ですよね？",
     "はい。1,000人は、資料では「2030年までに除雪の担い手を1,000人確保することを目指す」とされている数字です[1]。"
     "（「雪国の除雪支援」の記述：豪雪地帯の除雪を支援し、2030年までに除雪の担い手を1,000人確保することを目指す。）"
     "（概算要求額は計12.0億円（内数）、担当は国土交通省、総務省）"),
    ("担い手1,000人は2035年までの目標ですよね？",  # the clause's year is another
     "いいえ。1,000人は、資料では「2030年までに除雪の担い手を1,000人確保することを目指す」とされている数字です[1]。"
     "（「雪国の除雪支援」の記述：豪雪地帯の除雪を支援し、2030年までに除雪の担い手を1,000人確保することを目指す。）"
     "（概算要求額は計12.0億円（内数）、担当は国土交通省、総務省）"),
    ("雪国の除雪支援の12.0億円は、別枠で要求されてるって聞きました。合ってますか？",  # 別枠 of a 内数 figure
     "いいえ。「雪国の除雪支援」の概算要求額は計12.0億円（内数）です[1]。（内数）は、より大きな予算の一部として"
     "計上されている金額で、この施策だけの額ではなく、他の金額と足し合わせることもできません。担当は国土交通省、総務省です[1]。"),
    ("山里バス支援事業は5億円と新聞で読んだ気がするのですが、そうでしたか？",
     "いいえ、ご質問の数字は資料と異なります。「山里バス支援事業」の概算要求額は4.5億円です[1]。担当は内閣官房・内閣府です[1]。"),
    ("山里バス支援事業と里海と里山の交流拠点って同じ額？",
     "はい。「山里バス支援事業」の概算要求額は4.5億円です[1]。「里海と里山の交流拠点」の概算要求額は計4.5億円＋テスト交付金（内数）です[2]。"
     "どちらも4.5億円で、金額は同じです。「里海と里山の交流拠点」には、このほかテスト交付金（内数）が加わりますが、計算には含めていません[2]。"),
    ("山里バス支援事業と漁村の見守り事業、どっちも4.5億円ってホント？",
     "いいえ。「山里バス支援事業」の概算要求額は4.5億円です[1]。「漁村の見守り事業」の概算要求額は1.5億円です[2]。"
     "「山里バス支援事業」のほうが3.0億円多くなっています（4.5億円−1.5億円として計算）。"),
    ("山里バス支援事業と里海と里山の交流拠点は、どちらも同じ金額ですか？",
     "はい。「山里バス支援事業」の概算要求額は4.5億円です[1]。「里海と里山の交流拠点」の概算要求額は計4.5億円＋テスト交付金（内数）です[2]。"
     "どちらも4.5億円で、金額は同じです。「里海と里山の交流拠点」には、このほかテスト交付金（内数）が加わりますが、計算には含めていません[2]。"),
    ("雪国の除雪支援と星空観光の推進を足した15億円が、これらの予算だと考えていいですか？",
     "いいえ。「雪国の除雪支援」の概算要求額は計12.0億円（内数）です[1]。「星空観光の推進」の概算要求額は計3.0億円です[2]。"
     "（内数）の額はより大きな予算の一部のため、足し合わせると実態と異なる数字になります。"),
    ("星空観光の推進は、環境省も担当に入ってます？",
     "はい、「星空観光の推進」の担当府省庁には環境省が含まれます（担当：環境省）[1]。概算要求額は計3.0億円です[1]。"),
    ("星空観光の推進は何を目指すもの？",  # a goal the record states in other words: what it says it is for
     "資料では、「星空観光の推進」について次のように説明されています。星空を生かした観光地づくりを支援する。[1]"
     "（概算要求額は計3.0億円、担当は環境省）"),
    ("星空観光の推進は何人の観光客を目指す？",  # a figure the record does not state
     "資料の「星空観光の推進」の記述には、お尋ねの時期や数値は示されていません[1]。資料に記載がないため、お答えできません。"),
    ("新しいテスト交付金は80億円から減ったんですか？",  # a wrong direction is said before the figures are checked
     "いいえ、減額ではなく増額です。「新しいテスト交付金」の令和9年度概算要求額は90億円、令和8年度当初予算額は80億円です[1]。"
     "差は10億円の増加です（90億円−80億円として計算）。"),
    ("テスト創生予算は国会で成立済みですか？",
     "いいえ。この資料の金額は令和9年度の概算要求（各府省庁が要求した段階の額）で、決まった予算ではありません。"
     "「令和9年度 テスト創生予算 概算要求額」の概算要求額は120億円＋事項要求です[1]。"
     "「事項要求」は金額を示さずに事項だけを要求するもので、その分の金額は資料に記載されていません。"),
    ("雪国の除雪支援の12.0億円は全部が除雪に使われるんですか？",
     "いいえ。「雪国の除雪支援」の概算要求額は計12.0億円（内数）です[1]。（内数）は、より大きな予算の一部として計上されている"
     "金額で、この施策だけの額ではなく、他の金額と足し合わせることもできません。担当は国土交通省、総務省です[1]。"),
    ("山里バス支援事業と漁村の見守り事業では、漁村の見守り事業の方が多いですか？",
     "いいえ。「山里バス支援事業」の概算要求額は4.5億円です[1]。「漁村の見守り事業」の概算要求額は1.5億円です[2]。"
     "「山里バス支援事業」のほうが3.0億円多くなっています（4.5億円−1.5億円として計算）。"),
    ("山里バス支援事業と星空観光の推進、それぞれの担当と合計額を教えて",  # each item's ministries when asked
     "「山里バス支援事業」の概算要求額は4.5億円です[1]。担当は内閣官房・内閣府です[1]。「星空観光の推進」の概算要求額は計3.0億円です[2]。"
     "担当は環境省です[2]。合わせると7.5億円です（4.5億円＋3.0億円として計算）。"),
    ("山里バス支援事業と漁村の見守り事業、それぞれどの省がいくらで要求？",  # 「どの省」 asks who is in charge
     "「山里バス支援事業」の概算要求額は4.5億円です[1]。担当は内閣官房・内閣府です[1]。「漁村の見守り事業」の概算要求額は1.5億円です[2]。"
     "担当は内閣官房・内閣府です[2]。「山里バス支援事業」のほうが3.0億円多くなっています（4.5億円−1.5億円として計算）。"),
    ("山里バス支援事業と漁村の見守り事業、２つ合わせて何億円？",  # 「２つ」 starts the question; 漁村 is not a town
     "「山里バス支援事業」の概算要求額は4.5億円です[1]。「漁村の見守り事業」の概算要求額は1.5億円です[2]。"
     "合わせると6.0億円です（4.5億円＋1.5億円として計算）。"),
    ("80億円って何の数字？", "80億円は、「新しいテスト交付金」の令和8年度当初予算額です[1]。令和9年度の概算要求額は90億円です[1]。"),
    ("星空観光の推進には、環境省はかかわっていないのですよね？",  # a negative claim in a verb
     "いいえ、「星空観光の推進」の担当府省庁には環境省が含まれます（担当：環境省）[1]。概算要求額は計3.0億円です[1]。"),
    ("山里バス支援事業は四億五千万円でよろしいでしょうか。",  # 億 and 万 read as one figure; でしょうか。 asks to confirm
     "はい。「山里バス支援事業」の概算要求額は4.5億円です[1]。担当は内閣官房・内閣府です[1]。"),
    ("令和10年度の概算要求で、山里バス支援事業は4.5億円ですよね。",  # a year claimed of a known measure: corrected
     "いいえ、この資料は令和9年度の概算要求です。「山里バス支援事業」の概算要求額は4.5億円です[1]。担当は内閣官房・内閣府です[1]。"),
    ("令和10年度の総額は120億円ですよね？",  # no measure named, but a figure the document writes: corrected too
     "いいえ、この資料は令和9年度の概算要求です。「令和9年度 テスト創生予算 概算要求額」の概算要求額は120億円＋事項要求です[1]。"
     "「事項要求」は金額を示さずに事項だけを要求するもので、その分の金額は資料に記載されていません。"),
    ("山里バス支援事業は一世帯あたり百万円までという上限があるのでしょうか",
     f"申し訳ありません。お尋ねの内容は、この資料（{TITLE}）には記載がありません。"),
    ("山里バス支援事業は4月から受付が始まりますか", f"申し訳ありません。お尋ねの内容は、この資料（{TITLE}）には記載がありません。"),
    ("この資料は豪雪地帯について何と書いていますか？その施策の担当府省庁も知りたいです。",  # what else it asks, from the same record
     "「雪国の除雪支援」の担当府省庁は国土交通省、総務省です[1]。概算要求額は計12.0億円（内数）です[1]。"
     "資料では「豪雪地帯の除雪を支援し、2030年までに除雪の担い手を1,000人確保することを目指す」とされています[1]。"),
    ("雪国の除雪支援について、担い手を確保する旨の記載はありますか。",  # asked whether the document writes it
     "はい。「雪国の除雪支援」の概算要求額は計12.0億円（内数）です[1]。（内数）は、より大きな予算の一部として計上されている金額で、"
     "この施策だけの額ではなく、他の金額と足し合わせることもできません。豪雪地帯の除雪を支援し、2030年までに除雪の担い手を1,000人"
     "確保することを目指す。[1]担当は国土交通省、総務省です[1]。"),
    ("雪国の除雪支援について、ヘリコプターで除雪する旨の記載はありますか。",
     "いいえ、資料には「ヘリコプター」についての記載は見当たりません。関連する記述は次のとおりです。「雪国の除雪支援」の概算要求額は"
     "計12.0億円（内数）です[1]。（内数）は、より大きな予算の一部として計上されている金額で、この施策だけの額ではなく、"
     "他の金額と足し合わせることもできません。豪雪地帯の除雪を支援し、2030年までに除雪の担い手を1,000人確保することを目指す。[1]"
     "担当は国土交通省、総務省です[1]。"),
    ("2.～3.の30億円のうち、山里バス支援事業はいくら？",  # the part asked after のうち, not the group nor both
     "「山里バス支援事業」の概算要求額は4.5億円です[1]。担当は内閣官房・内閣府です[1]。"),
    ("星空観光の推進はいつ始まりますか？",  # いつ wants a date; the record gives none
     "資料の「星空観光の推進」の記述には、お尋ねの時期や数値は示されていません[1]。資料に記載がないため、お答えできません。"),
    ("雪国の除雪支援はいつまでに全部終わりますか？",  # 「全部終わる」 is not a list
     "資料では「2030年までに除雪の担い手を1,000人確保することを目指す」とされています[1]。"
     "（「雪国の除雪支援」の記述：豪雪地帯の除雪を支援し、2030年までに除雪の担い手を1,000人確保することを目指す。）"),
    ("星空観光の推進で観光客は何%増える見込みですか？",  # a rate no record states
     f"申し訳ありません。お尋ねの内容は、この資料（{TITLE}）には記載がありません。"),
    ("総額のうち、新しいテスト交付金は何割？",
     "「新しいテスト交付金」の90億円[1]は、総額120億円＋事項要求[2]のおよそ75%です（90億円÷120億円として計算、"
     "事項要求分は金額がないため含みません）。"),
    ("交流事業って、総額いくら？",  # mentioned only in a measure's text, asked with って
     "資料には「交流事業」だけの金額は示されていません。「交流事業」は「里海と里山の交流拠点」（概算要求額計4.5億円＋テスト交付金（内数））"
     "の取組の一つとして書かれています[1]。"),
    ("ふるさと債の発行予定額はこの資料ではいくらですか？",  # 発行予定額 is not the document's publication
     f"申し訳ありません。お尋ねの内容は、この資料（{TITLE}）には記載がありません。"),
    ("星空観光の推進は、1億円に届いていないですよね？",  # a bound in a negative verb: the bound is the claim
     "いいえ。「星空観光の推進」の概算要求額は計3.0億円です[1]。担当は環境省です[1]。"),
    ("特産品の海外展開事業には、具体的な金額が書いてありますか？",
     "いいえ、「特産品の海外展開事業」は「事項要求」として要求されており、金額は示されていません[1]。"
     "「事項要求」は金額を示さずに事項だけを要求するもので、その分の金額は資料に記載されていません。担当は内閣官房・内閣府です[1]。"),
    ("星空観光の推進の担当省庁をぜんぶ教えて。環境省だけ？",  # names its measure: its ministries, not a ministry's list
     "はい、「星空観光の推進」の担当は環境省だけです[1]。概算要求額は計3.0億円です[1]。"),
    ("星空観光の推進には何が含まれますか？",  # asks what, not whether 「は何」 is included
     "「星空観光の推進」の概算要求額は計3.0億円です[1]。星空を生かした観光地づくりを支援する。[1]担当は環境省です[1]。"),
    ("星空観光の推進で観光地の整備費はいくら？", f"申し訳ありません。お尋ねの内容は、この資料（{TITLE}）には記載がありません。"),
    ("テスト交付金でどれくらい減税されますか？", f"申し訳ありません。お尋ねの内容は、この資料（{TITLE}）には記載がありません。"),
    ("テスト交付金いくら？", "「新しいテスト交付金」の概算要求額は90億円です[1]。"),  # いくら joined to the noun
    ("暮らしの創生の主な事業を全部あげて",  # the name of a measures pillar and a 主な事業 list: 主な事業 picks the list
     "「2. 暮らしの創生」の施策は次のとおりです。\n・山里バス支援事業：4.5億円[1]\n・漁村の見守り事業：1.5億円[2]"),
    ("星空観光の推進の要求額はもう決まってる？",
     "いいえ。この資料の金額は令和9年度の概算要求（各府省庁が要求した段階の額）で、決まった予算ではありません。"
     "「星空観光の推進」の概算要求額は計3.0億円です[1]。担当は環境省です[1]。"),
    ("里海と里山の交流拠点は25億円を要求してるんでしょ？",  # a figure claimed as requested, written for something else
     "いいえ、ご質問の数字は資料と異なります。「里海と里山の交流拠点」の概算要求額は計4.5億円＋テスト交付金（内数）です[1]。"
     "なお、25億円は、資料では「これまで累計25億円を投じた交流事業の成果を引き継ぐ」とされている額です[1]。"
     "このほかテスト交付金（内数）が加わります（金額の記載はありません）。担当は農林水産省です[1]。"),
    ("じこうようきゅうが付いてる事業はどれ？",  # a flag written in kana
     "「事項要求」の付いた施策は次のとおりです。\n・特産品の海外展開事業：事項要求[1]"),
    ("環境省だけが担当の施策はある？", "環境省だけが担当する施策は次のとおりです。\n・星空観光の推進：計3.0億円[1]"),
    ("総務省だけが担当の施策はある？",
     "資料には、総務省だけが担当する施策はありません。総務省が担当府省庁に含まれる施策は次のとおりです。\n"
     "・雪国の除雪支援：計12.0億円（内数）[1]\n（内数）の額はより大きな予算の一部のため、合計はできません。"),
    ("総額は？",  # the headline total, whatever retrieval ranks first
     "「令和9年度 テスト創生予算 概算要求額」の概算要求額は120億円＋事項要求です[1]。"
     "「事項要求」は金額を示さずに事項だけを要求するもので、その分の金額は資料に記載されていません。"),
    ("一番大きい施策は？",  # every measure ranked, not only what was retrieved
     "資料の施策のうち、要求額が最も大きいのは「雪国の除雪支援」の計12.0億円（内数）です[1]。"
     "ただし（内数）の額は、より大きな予算の一部の額なので、大小は目安です。"),
    ("一番小さい主な事業は？", "資料の主な事業のうち、要求額が最も小さいのは「漁村の見守り事業」の1.5億円です[1]。"),
    ("去年より増えた？",  # nothing named: the whole budget; 「…た？」 asks to confirm
     "はい、増額です。「令和9年度 テスト創生予算 概算要求額」の令和9年度概算要求額は120億円＋事項要求、令和8年度当初予算額は100億円です[1]。"
     "差は20億円の増加です（120億円−100億円として計算、事項要求分は金額がないため含みません）。"),
    ("特産品の海外展開事業の事項要求とは？",  # the measure named is the example, not any record with the term
     "「事項要求」とは、概算要求の段階では金額を示さずに、事項（項目）だけを要求することです。金額は予算編成の過程で決まるため、"
     "資料には記載がありません。資料では、「特産品の海外展開事業」が事項要求です[1]。"),
    ("港町の防災強化で、防波堤の補強はいつ終わりますか？",  # the dated sentence is about the evacuation plan
     "資料の「港町の防災強化」の記述には、お尋ねの時期や数値は示されていません[1]。資料に記載がないため、お答えできません。"),
    ("港町の防災強化で、避難計画はいつまでに見直しますか？",
     "資料では「2028年度までに港町の避難計画を見直す」とされています[1]。"),
    ("雪国の除雪支援には、担い手の確保の話も含まれていますか？",  # included by its nouns, not only word for word
     "はい、「雪国の除雪支援」の記述に該当する内容があります[1]。"
     "資料では「豪雪地帯の除雪を支援し、2030年までに除雪の担い手を1,000人確保することを目指す」とされています[1]。"
     "「雪国の除雪支援」の概算要求額は計12.0億円（内数）です[1]。"
     "（内数）は、より大きな予算の一部として計上されている金額で、この施策だけの額ではなく、他の金額と足し合わせることもできません。"
     "担当は国土交通省、総務省です[1]。"),
    ("令和7年度の予算は？", f"申し訳ありません。お尋ねの年度については、この資料（{TITLE}）には記載がありません。"),
    ("ふるさと納税の予算は？", f"申し訳ありません。お尋ねの内容は、この資料（{TITLE}）には記載がありません。"),
])
def test_answer(tiny: QAService, question: str, answer: str) -> None:
    assert tiny.ask(question).answer == answer


def turns(question: str, answer: str) -> list[Turn]:
    return [Turn(role="user", content=question), Turn(role="assistant", content=answer)]


@pytest.mark.parametrize(("history", "question", "answer"), [
    (turns("星空観光の推進っていくら？", "計3.0億円です。"), "それって柱でいうとどこ？",
     "「星空観光の推進」は、「(1) 暮らしの創生」の施策です[1]。概算要求額は計3.0億円です[1]。"),
    (turns("星空観光の推進っていくら？", "計3.0億円です。"),  # 「あと、全体の…」 asks the whole, not the earlier measure
     "あと、全体の概算要求額もおしえて",
     "「令和9年度 テスト創生予算 概算要求額」の概算要求額は120億円＋事項要求です[1]。"
     "「事項要求」は金額を示さずに事項だけを要求するもので、その分の金額は資料に記載されていません。"),
    (turns("星空観光の推進の予算は？", "計3.0億円です。"),  # a ministry to confirm of the earlier measure; 「…んだけど」 is not 「だけ」
     "同僚が「環境省も関わってるらしい」って言ってるんだけど、本当？",
     "はい、「星空観光の推進」の担当府省庁には環境省が含まれます（担当：環境省）[1]。概算要求額は計3.0億円です[1]。"),
    (turns("雪国の除雪支援の予算は？", "計12.0億円（内数）です。"), "へえ、なるほど。それはそうと、星空観光の推進の担当は？",
     "「星空観光の推進」の担当府省庁は環境省です[1]。概算要求額は計3.0億円です[1]。"),  # a topic switch mid-sentence
    ([*turns("星空観光の推進の予算は？", "計3.0億円です。"), *turns("結構大きいね", "はい。")], "それの担当は？",
     "「星空観光の推進」の担当府省庁は環境省です[1]。概算要求額は計3.0億円です[1]。"),  # a reaction is not the earlier question
    (turns("課長が「テスト創生予算、全体でどのくらい要求してるか調べて」って言ってるんだけど", "120億円＋事項要求です。"),
     "前年度はいくらだった？",  # a follow-up with no words of its own is not refused for the earlier question's words
     "「令和9年度 テスト創生予算 概算要求額」の令和9年度概算要求額は120億円＋事項要求、令和8年度当初予算額は100億円です[1]。"
     "差は20億円の増加です（120億円−100億円として計算、事項要求分は金額がないため含みません）。"),
    (turns("2.の主な事業って何？", "山里バス支援事業（4.5億円）と漁村の見守り事業の2つです。"), "もう一つの方の金額は？",
     "「漁村の見守り事業」の概算要求額は1.5億円です[1]。担当は内閣官房・内閣府です[1]。"),  # the one not answered about
    (turns("(1)に雪国の除雪支援と星空観光の推進が載ってるよね。星空の方はいくら？", "星空観光の推進は計3.0億円です。"),
     "もう一つの方は？",
     "「雪国の除雪支援」の概算要求額は計12.0億円（内数）です[1]。（内数）は、より大きな予算の一部として計上されている金額で、"
     "この施策だけの額ではなく、他の金額と足し合わせることもできません。担当は国土交通省、総務省です[1]。"),
    (turns("山里バス支援事業の予算は？", "4.5億円です。"), "それって内数？",
     "いいえ。「山里バス支援事業」の概算要求額は4.5億円です[1]。担当は内閣官房・内閣府です[1]。"),
    (turns("星空観光の推進の予算は？", "計3.0億円です。"), "どんな制度なの？",  # 制度 is not a topic of its own
     "資料では、「星空観光の推進」について次のように説明されています。星空を生かした観光地づくりを支援する。[1]"
     "（概算要求額は計3.0億円、担当は環境省）"),
    (turns("新しいテスト交付金の予算は？", "90億円です。"), "前の年は？",
     "「新しいテスト交付金」の令和9年度概算要求額は90億円、令和8年度当初予算額は80億円です[1]。差は10億円の増加です（90億円−80億円として計算）。"),
    (turns("雪国の除雪支援の予算は？", "計12.0億円（内数）です。"), "全部除雪に使われるの？",
     "いいえ。「雪国の除雪支援」の概算要求額は計12.0億円（内数）です[1]。（内数）は、より大きな予算の一部として計上されている金額で、"
     "この施策だけの額ではなく、他の金額と足し合わせることもできません。担当は国土交通省、総務省です[1]。"),
    (turns("雪国の除雪支援の予算は？", "計12.0億円（内数）です。"), "じゃあそのうち総務省の分は？",
     f"申し訳ありません。お尋ねの内容は、この資料（{TITLE}）には記載がありません。"),
    (turns("山里バス支援事業の予算は？", "4.5億円です。"), "同じ4.5億円の事業って他にもある？",
     "要求額が4.5億円の事業・施策は次のとおりです。\n・山里バス支援事業：4.5億円[1]\n"
     "・里海と里山の交流拠点：計4.5億円＋テスト交付金（内数）[2]\n（内数）の額はより大きな予算の一部のため、合計はできません。"),
])
def test_answer_in_conversation(tiny: QAService, history: list[Turn], question: str, answer: str) -> None:
    assert tiny.ask(question, history).answer == answer


def test_one_of_several_things_a_title_names_has_no_figure_of_its_own(tiny: QAService) -> None:
    from bot.models import Record
    from bot.qa.answers_one import _part_of
    from bot.qa.question import analyse

    combined = Record(id="c", kind="measure", title="拠点構想、ドローン物流、「協同プラットフォーム」の構築",
                      amount_text="計4.0億円", line_start=1, line_end=1)
    q = analyse("協同プラットフォームの構築だけの予算はいくら？", [], tiny.chain.vocab)
    assert _part_of(q, combined) == "協同プラットフォームの構築"
    assert _part_of(analyse("協同プラットフォームの構築の予算はいくら？", [], tiny.chain.vocab), combined) is None


def test_a_dated_sentence_must_speak_of_what_is_asked(tiny: QAService) -> None:
    from bot.qa.answers_one import _about_asked
    from bot.qa.question import analyse

    rec = next(r for r in tiny.index.records if r.title == "里海と里山の交流拠点")
    q = analyse("交流事業の成果はいつ出ますか？", [], tiny.chain.vocab)
    assert not _about_asked(q, rec, "里海と里山をつなぐ交流拠点を整備する。")
    assert _about_asked(q, rec, "これまで累計25億円を投じた交流事業の成果を引き継ぐ。")


@pytest.mark.parametrize(("question", "lead"), [
    ("離島の連携の予算は、もう金額が決まってるの？", "いいえ。この資料の金額は"),  # decided: the request is not a budget
    ("離島の連携　要求額確定済？", "いいえ。この資料の金額は"),
    ("離島の連携は、金額が出てるの？", "いいえ、「離島の連携」"),
    ("離島の連携の予算は調整中ですか？", "はい、「離島の連携」"),
    ("離島の連携の予算は？", "「離島の連携」"),
])
def test_an_amount_still_being_settled(tiny: QAService, question: str, lead: str) -> None:
    from bot.models import Record
    from bot.qa.answers_one import amount
    from bot.qa.question import analyse

    rec = Record(id="r", kind="measure", title="離島の連携", amount_text="調整中", flags=["調整中"], ministries=["法務省"],
                 line_start=1, line_end=1)
    assert amount(analyse(question, [], tiny.chain.vocab), [rec]).text.startswith(lead)


def test_last_years_figure_of_the_measure_named_not_of_the_total_found_first(tiny: QAService) -> None:
    from bot.qa.answers_many import comparison
    from bot.qa.question import analyse

    by_title = {r.title: r for r in tiny.index.records}
    found = [by_title["令和9年度 テスト創生予算 概算要求額"], by_title["漁村の見守り事業"]]
    draft = comparison(analyse("漁村の見守り事業のR8当初額は？", [], tiny.chain.vocab), found)
    assert draft.refused and draft.text.startswith("資料には、「漁村の見守り事業」の令和8年度の予算額は記載されていません[1]。")


def test_a_wrong_figure_is_corrected_before_saying_last_years_is_not_written(tiny: QAService) -> None:
    answer = tiny.ask("山里バス支援事業に45億円も要求されてますが、前年度から大幅増ですか？")
    assert not answer.refused and answer.answer == (
        "いいえ、ご質問の数字は資料と異なります。「山里バス支援事業」の概算要求額は4.5億円です[1]。"
        "資料には、「山里バス支援事業」の令和8年度の予算額は記載されていません[1]。"
        "前年度と比較できる数字が載っているのは、「令和9年度 テスト創生予算 概算要求額」と「新しいテスト交付金」だけです。")


@pytest.mark.parametrize(("question", "expected"), [
    ("星空観光の推進って、環境省が30億円要求してるんですよね？",  # the ministry is right, the figure is not
     "いいえ、ご質問の数字は資料と異なります。「星空観光の推進」の概算要求額は計3.0億円です[1]。担当は環境省です[1]。"),
    ("星空観光の推進って、環境省が3億円要求してるんですよね？",  # 3 is 3.0: the same figure
     "はい、「星空観光の推進」の担当府省庁には環境省が含まれます（担当：環境省）[1]。概算要求額は計3.0億円です[1]。"),
])
def test_a_ministry_and_an_amount_claimed_together(tiny: QAService, question: str, expected: str) -> None:
    assert tiny.ask(question).answer == expected


@pytest.mark.parametrize(("question", "refused", "lead"), [
    ("離島の連携にはいくら要求されていますか？", True, "「離島の連携」について、資料には金額の記載がありません[1]。"),
    ("離島の連携の要求額は書かれていますか？", False, "いいえ、「離島の連携」について"),
])
def test_a_measure_with_no_amount_at_all(tiny: QAService, question: str, refused: bool, lead: str) -> None:
    from bot.models import Record
    from bot.qa.answers_one import amount
    from bot.qa.question import analyse

    rec = Record(id="r", kind="measure", title="離島の連携", ministries=["法務省"], body=["離島の連携を進める。"],
                 line_start=1, line_end=1)
    draft = amount(analyse(question, [], tiny.chain.vocab), [rec])
    assert draft.refused is refused and draft.text.startswith(lead)


@pytest.mark.parametrize(("question", "sentence"), [
    ("離島計画等の「等」には何が含まれる？", "※離島振興計画を含む。"),  # the note says what the marked word covers
    ("離島計画等って何を支援するの？", "離島計画等※に基づく事業を支援する。"),
])
def test_a_note_answers_what_a_marked_word_covers(tiny: QAService, question: str, sentence: str) -> None:
    from bot.models import Record
    from bot.qa.question import analyse
    from bot.qa.wording import best_sentence

    rec = Record(id="r", kind="measure", title="離島の連携", line_start=1, line_end=1,
                 body=["離島計画等※に基づく事業を支援する。", "※離島振興計画を含む。"])
    assert best_sentence(analyse(question, [], tiny.chain.vocab), rec) == sentence


def test_the_pillar_of_a_line_under_a_subheading_names_both(tiny: QAService) -> None:
    from bot.models import Record
    from bot.qa.answers_one import pillar
    from bot.qa.question import analyse

    rec = Record(id="r", kind="line_item", title="普及事業", pillar="3. 横断的支援", line_start=1, line_end=1,
                 heading_path=["テスト創生予算", "3. 横断的支援", "広報周知活動"], amount_text="1.3億円", amount_oku=1.3)
    draft = pillar(analyse("普及事業はどの柱の事業？", [], tiny.chain.vocab), [rec])
    assert draft.text == "「普及事業」は、「3. 横断的支援」の「広報周知活動」の主な事業です[1]。概算要求額は1.3億円です[1]。"


@pytest.mark.parametrize(("question", "refused"), [
    ("新しいテスト交付金が増えた理由は？", True),  # the change is real: its reason is not written
    ("星空観光の推進が増えたのはなぜ？", True),  # no previous figure: nothing to check, no reason given
    ("新しいテスト交付金が減ったのはなぜ？", False),  # a false premise: corrected, not refused
])
def test_why_a_figure_changed_is_refused_unless_the_change_is_wrong(tiny: QAService, question: str, refused: bool) -> None:
    answer = tiny.ask(question)
    assert answer.refused is refused, answer.answer
    if not refused:
        assert "減額ではなく増額" in answer.answer


@pytest.mark.parametrize(("question", "lead"), [
    ("雪国の除雪支援って、豪雪地帯も支援の対象になる？",
     "はい、「雪国の除雪支援」の記述に「豪雪地帯」が含まれています[1]。資料では「豪雪地帯の除雪を支援し、"),
    ("雪国の除雪支援って、除雪の担い手の確保も対象になる？",  # each noun written, not the phrase
     "はい、「雪国の除雪支援」の記述に該当する内容があります[1]。資料では「豪雪地帯の除雪を支援し、"),
])
def test_a_thing_asked_to_be_part_of_a_measure_is_confirmed_with_the_sentence_that_writes_it(
        tiny: QAService, question: str, lead: str) -> None:
    assert tiny.ask(question).answer.startswith(lead)


@pytest.mark.parametrize(("question", "lead"), [
    ("星空観光の推進は3.の柱に入ってるけど、要求額はいくら？",
     "「星空観光の推進」は、お尋ねの柱ではなく「(1) 暮らしの創生」の施策です[1]。「星空観光の推進」の概算要求額は計3.0億円です[1]。"),
    ("星空観光の推進は(1)の柱に入ってるけど、要求額はいくら？", "「星空観光の推進」の概算要求額は計3.0億円です[1]。"),
])
def test_a_pillar_stated_of_the_measure_named_is_corrected_when_wrong(tiny: QAService, question: str, lead: str) -> None:
    assert tiny.ask(question).answer.startswith(lead)


@pytest.mark.parametrize(("question", "refused"), [
    ("毎日雪かきで大変なんですが…港町の防災強化で避難計画を見直すのはいつまで？", False),  # the mood is not the event
    ("港町の防災強化が閣議決定されたのはいつ？", True),  # an event the document never names
])
def test_a_date_is_refused_only_for_an_event_named_in_the_clause_that_asks(tiny: QAService, question: str, refused: bool) -> None:
    assert tiny.ask(question).refused is refused


def test_an_item_with_no_amount_is_said_so_plainly(tiny: QAService) -> None:
    from bot.models import Record
    from bot.qa.answers_many import items
    from bot.qa.question import analyse

    a = Record(id="a", kind="line_item", title="普及事業", line_start=1, line_end=1, amount_text="1.3億円", amount_oku=1.3)
    b = Record(id="b", kind="measure", title="離島の連携", line_start=2, line_end=2)
    draft = items(analyse("普及事業と離島の連携、合わせるといくら？", [], tiny.chain.vocab), [a, b])
    assert draft.text == ("「普及事業」の概算要求額は1.3億円です[1]。「離島の連携」の概算要求額は資料に記載がありません[2]。"
                          "金額の記載がない項目があるため、合計は計算できません。")


@pytest.mark.parametrize("question", [
    "それと山里バス支援事業、あわせるといくら？",  # 「それと」: the earlier item and the one named now
    "それと山里のバスを支える取組、足したらいくら？",  # the second in everyday words, found by searching
    "それと、山里のバスを支える取組を足すといくら？",  # 「それと、…」 read as one name: それ is taken off
])
def test_that_and_another_item_together(tiny: QAService, question: str) -> None:
    history = turns("漁村の見守り事業はいくら？", "1.5億円です。")
    assert tiny.ask(question, history).answer == (
        "「漁村の見守り事業」の概算要求額は1.5億円です[1]。「山里バス支援事業」の概算要求額は4.5億円です[2]。"
        "合わせると6.0億円です（1.5億円＋4.5億円として計算）。")


@pytest.mark.parametrize(("question", "lead"), [
    ("里海と里山の交流拠点は、整備だけを考えているんですか？",  # the record: 「整備だけでなく…」
     "いいえ。資料では「交流拠点の整備だけでなく、運営の担い手も育てる」とされています[1]。"),
    ("里海と里山の交流拠点は新たに実施するものですか？", "はい。資料では「新たに里海と里山をつなぐ交流拠点を整備する」とされています[1]。"),
    ("里海と里山の交流拠点は新しく作るものなんですよね？", "はい。資料では「新たに里海と里山をつなぐ交流拠点を整備する」とされています[1]。"),
    ("里海と里山の交流拠点って、既にある拠点の拡充ですよね？", "いいえ。資料では「新たに里海と里山をつなぐ交流拠点を整備する」とされています[1]。"),
    ("里海と里山の交流拠点は、既存の拠点の拡充ではなく新たに作るものですよね？",
     "はい。資料では「新たに里海と里山をつなぐ交流拠点を整備する」とされています[1]。"),
])
def test_only_and_new_are_checked_against_the_records_words(tiny: QAService, question: str, lead: str) -> None:
    from bot.models import Record
    from bot.qa.answers_one import overview
    from bot.qa.question import analyse

    rec = Record(id="r", kind="measure", title="里海と里山の交流拠点", line_start=1, line_end=1, body=[
        "新たに里海と里山をつなぐ交流拠点を整備する。", "交流拠点の整備だけでなく、運営の担い手も育てる。"])
    assert overview(analyse(question, [], tiny.chain.vocab), [rec]).text.startswith(lead)


@pytest.mark.parametrize(("question", "lead"), [
    ("雪国の除雪支援で確保する担い手って、約980人くらい？", "はい。"),  # a rough figure within 5 % holds
    ("雪国の除雪支援で確保する担い手って900人くらい？", "いいえ、ご質問の数字は資料と異なります。"),  # 10 % off does not
    ("雪国の除雪支援で確保する担い手って700くらいあるんだっけ？", "いいえ、ご質問の数字は資料と異なります。"),  # no unit
])
def test_a_rough_figure_is_a_claim_checked_within_a_margin(tiny: QAService, question: str, lead: str) -> None:
    assert tiny.ask(question).answer.startswith(lead)


@pytest.mark.parametrize(("question", "lead"), [
    ("雪国の除雪支援って国土交通省単独？", "いいえ、「雪国の除雪支援」の担当は国土交通省、総務省で、国土交通省だけではありません（ほかに総務省）[1]。"),
    ("港町の防災強化って国土交通省だけ？", "はい、「港町の防災強化」の担当は国土交通省だけです[1]。"),
])
def test_only_one_ministry_asked_with_a_bare_question_mark_is_checked(tiny: QAService, question: str, lead: str) -> None:
    assert tiny.ask(question).answer.startswith(lead)


def test_a_grammatical_noun_is_not_an_event_whose_date_is_unknown(tiny: QAService) -> None:
    answer = tiny.ask("港町の防災強化で避難計画を見直すのは、何年までにやるつもりなんですか？")
    assert not answer.refused and "2028年度" in answer.answer


def test_where_a_measure_sits_is_added_when_asked_beside_its_amount(tiny: QAService) -> None:
    from bot.qa.answers_one import also_asked, amount
    from bot.qa.question import analyse

    rec = next(r for r in tiny.index.records if r.title == "山里バス支援事業")
    q = analyse("山里バス支援事業っていくら？あと、どの分類に入ってるかも教えて", [], tiny.chain.vocab)
    assert also_asked(q, amount(q, [rec])).text == (
        "「山里バス支援事業」の概算要求額は4.5億円です[1]。担当は内閣官房・内閣府です[1]。"
        "「山里バス支援事業」は、「2. 暮らしの創生」の主な事業です[1]。")


@pytest.mark.parametrize(("question", "lead"), [
    # a draft's claim checked part by part: a ministry not in charge, a list of those in charge that leaves some out
    ("原稿に「雪国の除雪支援は12.0億円（内数）で国土交通省と農林水産省が担当」と書きました。資料と合っていますか。",
     "いいえ。資料では「雪国の除雪支援」の担当は国土交通省、総務省で、農林水産省は含まれていません[1]。"
     "「雪国の除雪支援」の概算要求額は計12.0億円（内数）です[1]。"),
    ("雪国の除雪支援は国土交通省単独で12.0億円（内数）、事項要求はなし、と書いて大丈夫？",
     "いいえ。資料では「雪国の除雪支援」の担当は国土交通省、総務省で、国土交通省のほかに総務省も担当です[1]。"
     "「雪国の除雪支援」の概算要求額は計12.0億円（内数）です[1]。"),
    # a flag the claim says the amount lacks
    ("里海と里山の交流拠点は計4.5億円で、テスト交付金はなし、でいいですか？",
     "いいえ。資料では「里海と里山の交流拠点」の概算要求額は計4.5億円＋テスト交付金（内数）で、テスト交付金が含まれています[1]。"),
    # a claim that holds: はい
    ("記事中「星空観光の推進は環境省が3.0億円」の数字、資料どおりか確認させてください。", "はい、"),
    ("星空観光の推進は3.0億円？", "はい。"),
    ("星空観光の推進、3.0億円でOK？", "はい。"),
])
def test_a_claim_to_check_is_answered_part_by_part(tiny: QAService, question: str, lead: str) -> None:
    assert tiny.ask(question).answer.startswith(lead)


def test_a_claimed_list_of_ministries_that_leaves_some_out_is_a_fault(tiny: QAService) -> None:
    from bot.qa.answers_one import claim_faults
    from bot.qa.question import analyse
    q = analyse("雪国の除雪支援は12.0億円（内数）で、国土交通省と総務省が担当、で合ってますか？", [], tiny.chain.vocab)
    rec = tiny.index.by_id[q.named_item].model_copy(update={"ministries": ("国土交通省", "総務省", "環境省")})
    assert claim_faults(q, rec) == "資料では「雪国の除雪支援」の担当は国土交通省、総務省、環境省で、国土交通省、総務省のほかに環境省も担当です[1]。"


@pytest.mark.parametrize(("question", "lead"), [
    # a negative stated to confirm: はい agrees that it is not
    ("星空観光の推進には環境省は関わっていないという認識でいいですか？", "いいえ、「星空観光の推進」の担当府省庁には環境省が含まれます"),
    ("星空観光の推進には総務省は関わっていないという認識でいいですか？", "はい、資料では「星空観光の推進」の担当は環境省で"),
    # a group's stated total, claimed without the flag it carries
    ("2.～3.の事業は計30億円で、事項要求はない、という整理でいいですか？",
     "いいえ。資料では「2.～3.」の合計の概算要求額は計30億円＋事項要求で、事項要求が含まれています[1]。"),
])
def test_a_negative_or_a_group_claim_is_checked(tiny: QAService, question: str, lead: str) -> None:
    assert tiny.ask(question).answer.startswith(lead)



def test_the_glossary_writer_without_a_term_gives_the_overview(tiny: QAService) -> None:
    """A follow-up of 「内数とは」 that asks something else of its own reached the glossary writer with no term (found by
    tests/test_fuzz.py on the real index): it answers what the record says instead of failing."""
    from bot.qa.answers_one import glossary, overview
    from bot.qa.question import analyse
    q = analyse("星空観光の推進に参加すると、町長選挙に投票できるようになるんですか？", [], tiny.chain.vocab)
    records = [r for r in tiny.index.records if r.title == "星空観光の推進"]
    assert glossary(q, records) == overview(q, records)


@pytest.mark.parametrize(("claim", "holds"), [
    ("累計6億円はR5の補正ですよね？", True),  # R5 is 令和5年度
    ("累計6億円は令和5年度の当初予算ですよね？", False),  # the year holds, the budget is another
    ("累計6億円は令和6年度補正ですよね？", False),
    ("累計6億円と10人は令和5年度補正ですよね？", False),  # a figure beside it that the sentence does not write
])
def test_a_year_claimed_of_a_figure_is_the_clauses_own(claim: str, holds: bool) -> None:
    from bot.qa.answers_one import figure_claim_holds

    assert figure_claim_holds(claim, "累計6億円（令和5年度補正）の補助金") is holds


RATIO = ("「山里バス支援事業」の概算要求額は4.5億円です[1]。「漁村の見守り事業」の概算要求額は1.5億円です[2]。"
         "「山里バス支援事業」のほうが3.0億円多くなっています（4.5億円−1.5億円として計算）。"
         "「山里バス支援事業」は「漁村の見守り事業」のおよそ3倍です（4.5億円÷1.5億円として計算）。")


@pytest.mark.parametrize(("question", "lead"), [
    ("山里バス支援事業は漁村の見守り事業の2倍以上ですか？", "はい。"),   # 3倍 is at least 2倍, not about 2倍
    ("山里バス支援事業は、漁村の見守り事業の十倍もあるって本当？", "いいえ。"),
    ("山里バス支援事業は漁村の見守り事業の5倍くらい？", "いいえ。"),
    ("山里バス支援事業は漁村の見守り事業の何倍？", ""),                   # asks, claims nothing
])
def test_a_ratio_between_two_items_is_computed_and_a_claimed_one_checked(tiny: QAService, question: str, lead: str) -> None:
    assert tiny.ask(question).answer == lead + RATIO


@pytest.mark.parametrize(("question", "lead"), [
    ("総額は前年度当初から20億円ふえてる？", "はい。"),            # the difference claimed, in kana
    ("総額は前年度当初から10億円以上ふえてる？", "はい。"),        # a bound on the difference
    ("総額は前年度当初から30億円以上ふえてる？", "いいえ。"),
    ("総額は前年度から30億円へってる？", "いいえ、減額ではなく増額です。"),
])
def test_a_claimed_change_from_last_year_is_checked_against_the_difference(tiny: QAService, question: str, lead: str) -> None:
    answer = tiny.ask(question).answer
    assert answer.startswith(lead + "「令和9年度 テスト創生予算 概算要求額」の令和9年度概算要求額は120億円＋事項要求、令和8年度当初予算額は100億円です[1]。")


def test_a_claim_ending_in_yone_is_checked(tiny: QAService) -> None:
    """「…より予算多いよね？」 asks to confirm, as 「…ですよね？」 does."""
    assert tiny.ask("漁村の見守り事業は山里バス支援事業より予算多いよね？").answer.startswith("いいえ。「漁村の見守り事業」の概算要求額は1.5億円です[1]。")


@pytest.mark.parametrize(("question", "refused"), [
    ("テスト創生予算の事項要求の部分は何億円？", False),         # answered by what 事項要求 means
    ("雪国の除雪支援の内数のうち、除雪の分だけだといくら？", True),  # the document gives no figure for that part
    ("雪国の除雪支援の内数の部分は、除雪にはいくら？", True),
    ("雪国の除雪支援の内数の分を除くといくら？", False),
    ("新しいテスト交付金の分だけだといくら？", False),               # a figure of its own: that is its amount
    ("テスト創生予算の事項要求の分を除くといくら？", False),     # the figure written is that
    ("雪国の除雪支援の予算はいくら？", False),
])
def test_the_figure_of_part_of_an_amount_is_not_stated(tiny: QAService, question: str, refused: bool) -> None:
    answer = tiny.ask(question)
    assert answer.refused is refused and answer.citations


def test_a_question_in_romaji_is_answered_and_echoed_as_asked(tiny: QAService) -> None:
    answer = tiny.ask("Yamazato basu shien jigyou no yosan wa ikura desu ka?")
    assert answer.answer == "「山里バス支援事業」の概算要求額は4.5億円です[1]。担当は内閣官房・内閣府です[1]。"
    assert answer.question == "Yamazato basu shien jigyou no yosan wa ikura desu ka?"
    assert answer.resolved_question == "やまざと ばす しえん じぎょう の よさん は いくら です か?"


@pytest.mark.parametrize(("question", "lead"), [
    ("この資料は内閣府テスト推進事務局が作成したもの、で合ってますか", "いいえ。"),
    ("この資料は内閣官房テスト本部事務局が作成したもの、で合ってますか", "はい。"),
])
def test_who_wrote_the_document_is_checked_against_its_author(tiny: QAService, question: str, lead: str) -> None:
    assert tiny.ask(question).answer.startswith(lead + "この資料は「テスト創生基本構想 政策パッケージ関連 令和")


@pytest.mark.parametrize(("question", "answer"), [
    ("2億円未満の主な事業は？", "要求額がお尋ねの額未満の事業・施策は次のとおりです。\n・漁村の見守り事業：1.5億円[1]"),
    ("4億円を超える主な事業は？", "要求額がお尋ねの額を超える事業・施策は次のとおりです。\n・山里バス支援事業：4.5億円[1]"),  # 主な事業 only
    ("3億円以上の施策はどれ？",
     "要求額がお尋ねの額以上の事業・施策は次のとおりです。\n・山里バス支援事業：4.5億円[1]\n・雪国の除雪支援：計12.0億円（内数）[2]\n"
     "・星空観光の推進：計3.0億円[3]\n・里海と里山の交流拠点：計4.5億円＋テスト交付金（内数）[4]\n"
     "（内数）の額はより大きな予算の一部のため、合計はできません。"),
    ("4億円を超える施策はどれ？",  # 超える: strictly above; the asker's figure is in no record, so it is not repeated
     "要求額がお尋ねの額を超える事業・施策は次のとおりです。\n・山里バス支援事業：4.5億円[1]\n・雪国の除雪支援：計12.0億円（内数）[2]\n"
     "・里海と里山の交流拠点：計4.5億円＋テスト交付金（内数）[3]\n（内数）の額はより大きな予算の一部のため、合計はできません。"),
])
def test_measures_above_or_below_a_figure(tiny: QAService, question: str, answer: str) -> None:
    assert tiny.ask(question).answer == answer


@pytest.mark.parametrize(("question", "answer"), [
    ("山里バス支援事業は45億円規模だそうですが、何社くらいが対象になりますか？",
     "いいえ、ご質問の数字は資料と異なります。「山里バス支援事業」の概算要求額は4.5億円です[1]。お尋ねのほかの点は、資料には記載がありません。"),
    ("特産品の海外展開事業の要求額3.4億円について、その使い道を教えてください。",
     "いいえ、ご質問の数字は資料と異なります。「特産品の海外展開事業」は「事項要求」として要求されており、金額は示されていません[1]。"
     "お尋ねのほかの点は、資料には記載がありません。"),
    ("山里バス支援事業は4.5億円だそうですが、何社くらいが対象になりますか？",  # the figure holds: only the refusal
     "申し訳ありません。お尋ねの内容は、この資料（テスト創生基本構想 政策パッケージ関連 令和9年度予算概算要求・税制改正要望）には記載がありません。"),
    ("里海と里山の交流拠点は25億円だそうですが、何社くらいが参加しますか？",  # another figure of its own (累計25億円)
     "申し訳ありません。お尋ねの内容は、この資料（テスト創生基本構想 政策パッケージ関連 令和9年度予算概算要求・税制改正要望）には記載がありません。"),
])
def test_a_wrong_amount_is_corrected_even_when_the_rest_is_refused(tiny: QAService, question: str, answer: str) -> None:
    assert tiny.ask(question).answer == answer


def test_last_years_figure_asked_as_a_follow_up_is_the_earlier_measures(tiny: QAService) -> None:
    history = [Turn(role="user", content="新しいテスト交付金の要求額は？"), Turn(role="assistant", content="90億円です。")]
    assert tiny.ask("前年度の当初予算だと？", history).answer == (
        "「新しいテスト交付金」の令和9年度概算要求額は90億円、令和8年度当初予算額は80億円です[1]。"
        "差は10億円の増加です（90億円−80億円として計算）。")
