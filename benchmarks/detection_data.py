"""Build benchmarks/data/detection/cases.jsonl: short and hard inputs for language detection (run once; committed).

Usage: python benchmarks/detection_data.py LINGUA_PY_GIT_DIR ARABIZI_GIT_DIR TATOEBA_ARA_TXT
Real text only: lingua-py's language-testdata sentences (Apache-2.0), the HaifaCLG/Arabizi annotated sentences,
Tatoeba's English-Arabic pairs (ara.txt of the tab-separated export, CC-BY 2.0 FR, each line's attribution kept),
and passages of public news pages copied below with their addresses (see data/detection/SOURCES.md). The
"keyboard" variants write a language's own letters with the nearest Arabic ones, as text typed on an Arabic
keyboard does; that transformation is the only change made to any text.
"""

from __future__ import annotations

import csv
import io
import json
import random
import re
import subprocess
import sys
from pathlib import Path

OUT = Path(__file__).parent / "data" / "detection" / "cases.jsonl"
LINGUA = "lingua-py language-testdata/sentences/{}.txt (Apache-2.0)"
ARABIZI = "HaifaCLG/Arabizi sen_annotated.csv"
LATIN_SHORT = {"so": 25, "sw": 25, "ms": 25, "fr": 25, "es": 25, "tr": 25, "en": 30}
KEYBOARD = {  # a language's own letters -> the Arabic letter an Arabic keyboard gives instead
    "fa": str.maketrans("یک", "يك"),
    "ur": str.maketrans("یکہےھںۃ", "يكهيهنة"),
    "ps": str.maketrans("یکټډړښږځڅګېۍڼ", "يكتدرشزجحكيين"),
    "ku": str.maketrans("یکەێڵڕۆڤ", "يكهيلروف"),
}
OWN_LETTERS = {"fa": "پچژگیک", "ur": "ٹڈڑںھےہیک", "ps": "ټډړښږځڅګېۍڼیک", "ku": "ەێڵڕۆڤیک"}

PAGES = {
    "ps": [
        ("https://pa.azadiradio.com/amp/1717628.html",
         "په سراسر افغانستان کې په ميلونونو مينونه تر خاورو لاندى ښخ دي او هره شيبه د خلکو ژوند د خطر سره مخامخ کوي. هر کال ددى ينونو د چاودنې له کبله په سل ګونو کسان وژل کيږي او په سلګونو نور يي معيوبه کيږي. د کابل ولايت هره خوا هم ددغو وژونکو مينونو څخه ډکه ده او خلک له دې درکه ډير په انديښنه دي."),
        ("https://www.afintl.com/pa/202508084378",
         "پاکستانی چارواکی: په پښتونخوا کې سوله د افغانستان له همکارۍ پرته ناشونې ده. هغه وړاندیز کړی، چې د ولایتي او فدرالي حکومتونو د استازو او د قبایلو د مشرانو په ګډون ګډه جرګه جوړه شي. د نوموړي په وینا؛ افغانستان په سیمهییز ټیکاو کې مهم رول لوبوي او له پاکستان سره تر ۲۲۰۰ کیلومترو ډېره ګډه پوله لري."),
        ("https://amu.tv/ps/56519/",
         "نامعلومه راتلونکي ته د شپږم ټولګي د نجونو زده کوونکو اندېښنه. د خوښۍ ورځې دي چې ښوونځي ته ځي، خو پوهیږي چې د دوی دا خوښي دایمي نه ده. یلدا یوه بله زده کوونکې ده چې وايي ښوونځي ته د نه تللو بد خوب یې ځوروي. افغانستان په نړۍ کې یوازینی هېواد دی چې نجونې په کې ښوونځيو ته له تللو بې برخې دي."),
        ("https://archive.taand.net/ (د غزني د مُقر اوسېدونکو مظاهره)",
         "تاند- د غزني د مُقر ولسوالۍ اوسېدونکو د دوشنبې په ورځ یو وار بیا مظاهره وکړه او له حکومت څخه یې وغوښتل چې مُقر دې ولایت شي. افغانستان اوس ۳۴ ولایتونه لري. له همدې کبله د مُقر د خلکو اعتراض بې ځایه نه ښکاری. دوی د کابل – کندهار لویه لار بنده کړه او ویې ویل چې مرکزي حکومت له اوږدې مودې راهیسې د دوی غوښتنې ته پام نه کوي."),
        ("https://dawatmedia24.com/uncategorized/75043/",
         "لوی کندهار، لوی ننګرهار، لويه پکتیا. وړوکی پنجشیر، کوچنی جاغوري، وړه دایکنډي. چېرته ډېر ښونځي بند دي چېرته ډېر پرانستي؟ پښتانه په هغه څه پسې سرښ وي چې نه کوچ کوي، نه شیدې."),
    ],
    "ku": [
        ("https://xelk.org/tag/دەستور",
         "وتەبێژی حکومەتی هەرێم رایگەیاند، ئێمە هەمومان لەگەڵ سەروەری یاسا و دادگایەکی بێ لایەن و دەستورین. راوێژکارێکی سەرۆکوەزیرانی عێراق دەڵێت، حکومەت پابەندە بە جێبەجێکردنی لێکتێگەیشتنەکان لەگەڵ ھەرێمی کوردستان."),
        ("https://ku.kurdpress.com/tag/خانەی ڕاپەڕاندن",
         "ڕێکخهری ژووری حکوومهت لە بزووتنەوەی گۆڕان دەڵێت، بزووتنەوەکەیان بە هیچ شێوەیەک بڕیاری کشانەوە لە هەڵبژاردنی پەرلەمانی کوردستان نادات."),
        ("https://www.zamenpress.com/Detail_wtar.aspx?jimare=7874",
         "ئەمە حکومەتی هەرێمی کوردستانە، نە حکومەتی هەولێر. هەرچەندە لەڕوكەشدا حكومەتی هەرێم بنكەفراوانە. لە ناوخۆ ڕەخنە، لە دەرەوە هێڵی سوور."),
        ("https://npasyria.com/krd/16776",
         "لەو ڕاگەیەنراوەی حکومەتی هەرێمدا هاتووە، ئێمە وەک حکومەتی هەرێم، بە هیچ شێوەیەک، ئەم ستەمکاری و پێشێلکردنەی مافەکانی خەڵکی کوردستان قبول ناکەین. پابەندی هیچ بڕیارێکی تریش نابین."),
        ("https://haremnews.com/details/57315",
         "د. عەزیز ئەحمەد، جێگری بەڕێوەبەری نووسینگەی سەرۆك وەزیرانی هەرێمی كوردستان، لە هەژماری خۆی لە تۆڕی (ئێكس) بڵاوی كردەوە. ئەوەشی وتووە: لەلایەكی دیكەوە، باسی ئەوە دەكەن، كێشەی تەكنینی هەیە. شەوی ڕابردوو لە کۆبوونەوەی چوار سەرۆکایەتییەکەی عێراق، ڕاگەیەندرا دەبێت هەرێمی کوردستان بە بڕیارەکانی دادگای فیدراڵییەوە پابەند بێت."),
        ("https://ku.kurdpress.com/tag/دەستووری عێراق",
         "بەشی عێراق و هەرێمی کوردستان- وەزیری ناوخۆی هەرێمی کوردستان ڕایگەیاند، دەستووری عێراق دەڵێت، عێراق پێکدێت لە حکوومەتێکی فیدراڵی. بۆیە دهستوور بههای خۆی لهدهستدا."),
    ],
    "ar": [
        ("https://djazairess.com/akhbarelyoum/108078",
         "أشارت تقارير إلى أن شركة Samsung تخطط بشكل جيد لمنافسة هاتف Apple القادم هذا العام iPhone 6. ومن المتوقع أن يأتي الهاتف بهيكل معدني كما هو حال هاتف HTC One M8. بما في ذلك معالج Snapdragon 805 وشاشة بدقة عرض QHD. ومنذ فترة والشائعات تدور حول عمل Samsung على نسخة محسّنة من هاتف Galaxy S5 مع تصميم أكثر رقي. وتأمل Samsung أن تسيطر على المبيعات عندما تعلن منافسها Apple عن هاتف iPhone 6. فيما قد تكشف Apple أيضًا عن نسخة أكبر من هاتف iPhone بشاشة 5.5 إنش. وذلك بالتزامن مع إطلاق ساعتها الذكية iWatch في أكتوبر القادم. وذلك سيسمح ل Apple بإنتاج كاميرا أرق."),
        ("https://taizonline.com/news9516.html",
         "والصورة تحمل عبارة 4 أضعاف المتعة 4x Fun إلى جانب كلمة A Galaxy Event. فالبعض يشير إلى أن القادم سيكون هاتف من عائلة Galaxy A. وسيكون هو هاتف الشركة القابل للطي الأول Galaxy X."),
        ("https://businessechoes.com/news/technologies/24637/",
         "ومؤخراً طرحت شركة سامسونغ سلسلة هواتف Galaxy S10 التي تأتي بمواصفات متقدمة. فهواتف سامسونغ الجديدة تدعم تقنية الـ 5G وتحديداً نسخة S10 بلس."),
        ("https://www.ngmisr.com/tech/ (أبل تتحدى العملاق الكوري سامسونج)",
         "أبل تتحدى العملاق الكوري سامسونج بهاتف iPhone جديد. وأشارت تقارير تقنية إلى أن هاتف iPhone 20 المزمع إطلاقه في عام 2027 سيكون بدون أي أزرار صلبة."),
        ("https://alwatan.com.sa/article/197335",
         "كما ستركز الشركة خلال الحدث على شرح ميزات نظام التشغيل الجديد IOS 7."),
        ("https://darelhilal.com/News/59621.aspx",
         "الهاتف الجديد لشركة آبل، والذي سيحمل اسم آيفون 8 iPhone 8. ومن المنتظر ان يضم الهاتف آيفون 8 شاشة «OLED» بحجم 5.2."),
        ("https://shaam.org/news/syria-news?page=216", "انطلاق مؤتمر SYNC 25 II في دمشق."),
        ("http://www.dotmsr.com/News/331/1288354/", "ودشنت البورصة المصرية مؤشر جديد محدد الأوزان \"EGX30 CAPPED \"."),
        ("https://sadanews.ps/news/print/130171.html",
         "وأوضحت الصحيفة أنه تم جمع الوثيقة من قبل مجلس الاستخبارات الوطني (National Intelligence Council)."),
        ("https://www.annahar.com/Factcheck/177873/", "أعلنت وكالة \"رويترز\" أمس، عبر حساب Reuters Press Team التابع لها."),
        ("issue 15 of this project", "أعلنت شركة Apple عن iPhone 15 Pro Max في مؤتمر WWDC."),
    ],
    "fa": [
        ("https://ariadl.ir/showthread.php?p=174561&t=66777",
         "شركت سامونگ الكترونيكس و شركت گوگل در پي در گذشت استيو جابز، مدير عامل پيشين شركت اپل، موافقت كردند كه اعلان عمومي محصول تلفن همراه جديد خود را به تعويق بيندازند. به گزارش ایسنا قرار بود سامسونگ از تلفن همراه جديد خود در روز 11 اكتبر رونمايي كند."),
        ("issue 15 of this project", "امروز هوا سرد است."),
    ],
    "en": [
        ("issue 15 of this project", "Hundreds die every day."),
        ("https://www.reuters.com/article/us-usa-russia-diplomats-tillerson/ (headline)", "Nursing crisis strains hospitals."),
        ("https://www.reuters.com/article/us-usa-russia-diplomats-tillerson/ (headline)", "Dow 23,000 whets risk appetite."),
        ("https://hosted.ap.org/journalrecord/tags/lebanon (headline)", "Major roads reopened in Lebanon after 2-day closure."),
        ("https://hosted.ap.org/journalrecord/tags/lebanon (headline)", "Lebanese police to boost security near banks amid unrest."),
        ("https://hosted.ap.org/thetimes-tribune/tags/saad-hariri (headline)", "Riots in Lebanon as West calls for quick Cabinet formation."),
        ("https://jimbakkershow.com/tag/washington/page/11 (Reuters)", "Trump says time for U.S. to recognize Israeli sovereignty over Golan."),
        ("https://townhall.com/news/politics-elections/2017/12/08/ (AP)", "He said he will present his resignation to President Michel Aoun."),
        ("https://www.9and10news.com/i/the-latest-lebanon-pm-resigns-amid-nationwide-protests/ (AP)", "Hariri called on all Lebanese to protect civil peace."),
        ("https://jimbakkershow.morningsidechurchinc.com/tag/u-s/page/3 (Reuters)", "We have to break that cycle."),
    ],
}


def _git_show(repo: str, path: str) -> str:
    return subprocess.run(["git", "-C", repo, "show", f"HEAD:{path}"], check=True, capture_output=True, text=True).stdout


def _short(lines: list[str], count: int, low: int = 3, high: int = 7, avoid: str = "") -> list[str]:
    picked = []
    for line in lines:
        line = re.sub(r"^\W*\d+[.)]?\s*", "", line.strip())  # lingua's lines may open with a list number
        words = line.split()
        if low <= len(words) <= high and not set(line) & set(avoid) and not re.search(r"[0-9]{3,}|http", line):
            picked.append(line)
        if len(picked) == count:
            break
    return picked


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.؟?])\s+", text) if len(s.split()) >= 3]


def build(lingua: str, arabizi: str) -> list[dict]:
    cases = []

    def add(text, lang, group, source):
        cases.append({"text": text, "lang": lang, "group": group, "source": source})

    for lang, count in LATIN_SHORT.items():
        for text in _short(_git_show(lingua, f"language-testdata/sentences/{lang}.txt").splitlines(), count):
            add(text, lang, f"short {lang}", LINGUA.format(lang))
    ar_lines = _git_show(lingua, "language-testdata/sentences/ar.txt").splitlines()
    for text in _short(ar_lines, 20):
        add(text, "ar", "short ar", LINGUA.format("ar"))
    fa_lines = _git_show(lingua, "language-testdata/sentences/fa.txt").splitlines()
    for text in _short(fa_lines, 20, 3, 9, avoid="پچژگ"):
        add(text.translate(KEYBOARD["fa"]), "fa", "fa without own letters", LINGUA.format("fa") + ", keyboard variant")
    ur_lines = _git_show(lingua, "language-testdata/sentences/ur.txt").splitlines()
    for text in _short(ur_lines, 10, 3, 9):
        add(text, "ur", "ur", LINGUA.format("ur"))
    for text in _short(ur_lines[200:], 15, 3, 9, avoid="ٹڈڑپچژگ"):
        add(text.translate(KEYBOARD["ur"]), "ur", "ur without own letters", LINGUA.format("ur") + ", keyboard variant")
    for lang, pages in PAGES.items():
        for source, text in pages:
            for sentence in _sentences(text) if len(text.split()) > 12 else [text]:
                group = {"ar": "ar with Latin names", "en": "short en"}.get(lang, lang)
                add(sentence, lang, group, source)
                if lang in ("ps", "ku") and set(sentence) & set(OWN_LETTERS[lang]):
                    keyed = sentence.translate(KEYBOARD[lang])
                    add(keyed, lang, f"{lang} without own letters", source + ", keyboard variant")
    rows = list(csv.DictReader(io.StringIO(_git_show(arabizi, "sen_annotated.csv"))))
    taken = 0
    for row in rows:
        text, code = row["Text"], row["Language"]
        if code in ("100000", "100001") and len(re.findall(r"[A-Za-z]{2,}", text)) >= 3 and taken < 45:
            add(text, "ar-Latn", "arabizi", ARABIZI + f" sen_id {row['sen_id']}")
            taken += 1
    mixed = [  # Arabic-script sentences carrying a few Latin-script words
        r for r in rows if r["Language"] in ("010101", "010100", "000111", "000110")
        and len(re.findall(r"[\u0600-\u06FF]+", r["Text"])) > len(re.findall(r"[A-Za-z]+", r["Text"]))
    ]
    for row in mixed[:12]:
        add(row["Text"], "ar", "ar with Latin names", ARABIZI + f" sen_id {row['sen_id']}")
    plain = [r for r in rows if r["Language"] == "000100" and len(r["Text"].split()) >= 3]
    for row in plain[:12]:
        add(row["Text"], "ar", "short ar", ARABIZI + f" sen_id {row['sen_id']}")
    return cases


def tatoeba(path: str) -> list[dict]:
    """Three-word English and two- or three-word Arabic sentences of Tatoeba (issue 25), 55 of each drawn with a
    fixed seed, and the two the issue names."""
    english: dict[str, str] = {}
    arabic: dict[str, str] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        en, ar, attribution = line.split("\t")
        ids = re.search(r"(#\d+ \([^)]*\)) & (#\d+ \([^)]*\))", attribution)
        if len(en.split()) == 3 or en == "Does Tom like tomatoes?":
            english.setdefault(en, ids[1])
        if 2 <= len(ar.split()) <= 3:
            arabic.setdefault(ar, ids[2])
    rng = random.Random(25)
    cases = []
    for lang, found, named in (("en", english, "Does Tom like tomatoes?"), ("ar", arabic, "سررت برؤيته.")):
        picked = rng.sample(sorted(t for t in found if t != named), 55) + [named]
        cases += [{"text": t, "lang": lang, "group": f"tatoeba {lang}",
                   "source": f"tatoeba.org {found[t]}, CC-BY 2.0 FR"} for t in picked]
    return cases


def main(lingua: str, arabizi: str, tatoeba_pairs: str) -> None:
    cases = build(lingua, arabizi) + tatoeba(tatoeba_pairs)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in cases), encoding="utf-8")
    groups: dict[str, int] = {}
    for case in cases:
        groups[case["group"]] = groups.get(case["group"], 0) + 1
    print(len(cases), "cases:", ", ".join(f"{g} {n}" for g, n in sorted(groups.items())))


if __name__ == "__main__":
    main(*sys.argv[1:4])
