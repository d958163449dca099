"""Segmentation of quotations and Latin initials (issue 14), and the hand-written news sets.

tests/gold/quotes_dev.jsonl is the development set: every paragraph is checked exactly.
tests/gold/quotes_heldout.jsonl was written with it but never tuned on: only its overall boundary
F1 is held to the issue's target, so that a change that breaks news in general shows there.
"""

from __future__ import annotations

import json

import pytest
from conftest import REPO

from workbench.text.segment import split_line, split_sentences

QUOTES = [
    # (why, text, expected sentences)
    (
        "two sentences of reported speech (the issue)",
        'قال الوزير: "أنجزنا المرحلة الأولى. سنبدأ المرحلة الثانية الشهر المقبل." '
        "وأضاف أن التمويل متوفر.",
        [
            'قال الوزير: "أنجزنا المرحلة الأولى.',
            'سنبدأ المرحلة الثانية الشهر المقبل."',
            "وأضاف أن التمويل متوفر.",
        ],
    ),
    (
        "a quote that never closes hides nothing (the issue)",
        'وأكد المتحدث أن "القوات ستبقى في مواقعها. وأشار إلى أن الانسحاب غير مطروح.',
        ['وأكد المتحدث أن "القوات ستبقى في مواقعها.', "وأشار إلى أن الانسحاب غير مطروح."],
    ),
    (
        "unclosed guillemet",
        "ونقل عن مصدر أن «المفاوضات توقفت. والوفد سيعود غداً. ولا جولة جديدة.",
        ["ونقل عن مصدر أن «المفاوضات توقفت.", "والوفد سيعود غداً.", "ولا جولة جديدة."],
    ),
    (
        "guillemets holding two sentences",
        "قال «لن نتراجع. سنواصل الضغط» ثم غادر.",
        ["قال «لن نتراجع.", "سنواصل الضغط» ثم غادر."],
    ),
    (
        "curly quotes",
        "وقالت: “نحن جاهزون. المهم هو التوقيت.” وغادرت.",
        ["وقالت: “نحن جاهزون.", "المهم هو التوقيت.”", "وغادرت."],
    ),
    (
        "curly quotes typed the other way round",
        "وقالت: ”نحن جاهزون.“ وغادرت.",
        ["وقالت: ”نحن جاهزون.“", "وغادرت."],
    ),
    ("exclamation closes the quote", 'صرخ: "كفى!" ثم صمت.', ['صرخ: "كفى!"', "ثم صمت."]),
    (
        "question closes the guillemet",
        "وسأل: «هل انتهى الأمر؟» فأجابه الوزير بالنفي.",
        ["وسأل: «هل انتهى الأمر؟»", "فأجابه الوزير بالنفي."],
    ),
    (
        "question inside speech, answer after it",
        'وقال: "هل نقبل؟ بالتأكيد لا." وصفق الحضور.',
        ['وقال: "هل نقبل؟', 'بالتأكيد لا."', "وصفق الحضور."],
    ),
    (
        "nested guillemets inside a straight quote",
        'وقال: "وصفها بأنها «مهزلة». ولن نقبل بها." وانسحب.',
        ['وقال: "وصفها بأنها «مهزلة».', 'ولن نقبل بها."', "وانسحب."],
    ),
    (
        "quoted film title with a question mark",
        "عرضت القناة فيلم «من يحكم العالم؟» مساء الجمعة.",
        ["عرضت القناة فيلم «من يحكم العالم؟» مساء الجمعة."],
    ),
    (
        "quoted slogan with an exclamation mark",
        'ردد المتظاهرون شعار "ارحل!" أمام القصر. وتفرقوا مساء.',
        ['ردد المتظاهرون شعار "ارحل!" أمام القصر.', "وتفرقوا مساء."],
    ),
    (
        "subject between the verb of saying and the quote",
        'وتساءل النائب "إلى متى؟" وغادر القاعة.',
        ['وتساءل النائب "إلى متى؟"', "وغادر القاعة."],
    ),
    (
        "short speech after the subject, two sentences",
        'وقال الوزير "نحن هنا. سنبقى هنا" ثم غادر.',
        ['وقال الوزير "نحن هنا.', 'سنبقى هنا" ثم غادر.'],
    ),
    (
        "title named after a verb of saying",
        "وقال إن فيلم «من أنا؟» رائع.",
        ["وقال إن فيلم «من أنا؟» رائع."],
    ),
    (
        "a comma ends the lead of the quote",
        "ورغم ما قاله الوزير، «ماذا بعد؟» يبقى سؤالاً.",
        ["ورغم ما قاله الوزير، «ماذا بعد؟» يبقى سؤالاً."],
    ),
    (
        "title after a glued proclitic",
        'وأشاد الوزير بـ"ماذا بعد؟" في كلمته.',
        ['وأشاد الوزير بـ"ماذا بعد؟" في كلمته.'],
    ),
    (
        "title followed by a comma",
        'وقدم برنامج "ماذا بعد؟"، الذي يعرض مساء الأحد.',
        ['وقدم برنامج "ماذا بعد؟"، الذي يعرض مساء الأحد.'],
    ),
    (
        "quote opening the sentence",
        '"لن نترك أرضنا"، قالها الشيخ. ثم بكى.',
        ['"لن نترك أرضنا"، قالها الشيخ.', "ثم بكى."],
    ),
    (
        "quote that closes without a stop, then a comma",
        'وأكد أن "الحكومة ملتزمة. وستدفع الرواتب"، مشيراً إلى الأزمة.',
        ['وأكد أن "الحكومة ملتزمة.', 'وستدفع الرواتب"، مشيراً إلى الأزمة.'],
    ),
    (
        "stop after the closing quote",
        'وصفها بأنها "مسرحية". وقال إنه سيقاطع.',
        ['وصفها بأنها "مسرحية".', "وقال إنه سيقاطع."],
    ),
    (
        "unclosed quote before a quoted name",
        'وأكد أن "القوات باقية. وأشار إلى فيلم "الرسالة" الشهير.',
        ['وأكد أن "القوات باقية.', 'وأشار إلى فيلم "الرسالة" الشهير.'],
    ),
    (
        "long speech in one quote",
        'وأوضح: "اعتقلنا خمسة. اثنان منهم مطلوبان. التحقيق جار." وطلب المساعدة.',
        ['وأوضح: "اعتقلنا خمسة.', "اثنان منهم مطلوبان.", 'التحقيق جار."', "وطلب المساعدة."],
    ),
    (
        "quote inside parentheses stays whole",
        '(قال: "انتهى. سنعود") ثم غادر.',
        ['(قال: "انتهى. سنعود") ثم غادر.'],
    ),
    (
        "abbreviation and decimal inside a quote",
        'وقال د. علي: "النمو 2.5 بالمئة. وهذا جيد." ثم غادر.',
        ['وقال د. علي: "النمو 2.5 بالمئة.', 'وهذا جيد."', "ثم غادر."],
    ),
    (
        "ellipsis after a comma leaves words out",
        "علمت الأطفال القراءة، ... وحب الكتب.",
        ["علمت الأطفال القراءة، ... وحب الكتب."],
    ),
    ("quote of one sentence", 'قال: "سنعود".', ['قال: "سنعود".']),
    ("lone quote mark", 'قال " ثم عاد. وانتهى.', ['قال " ثم عاد.', "وانتهى."]),
]

INITIALS = [
    (
        "Latin letter before an Arabic word ends the sentence",
        "أظهرت الدراسة نقصاً في فيتامين D. وأوصى الباحثون بالشمس.",
        ["أظهرت الدراسة نقصاً في فيتامين D.", "وأوصى الباحثون بالشمس."],
    ),
    (
        "plan B",
        "أطلقت الشركة الخطة B. وقالت إنها ناجحة.",
        ["أطلقت الشركة الخطة B.", "وقالت إنها ناجحة."],
    ),
    ("two initials", "كتب المحلل A. R. Hamilton مقالاً.", ["كتب المحلل A. R. Hamilton مقالاً."]),
    (
        "middle initial",
        "قال Robert T. Chen إن النتائج واعدة.",
        ["قال Robert T. Chen إن النتائج واعدة."],
    ),
    ("page reference", "انظر p. 12 من التقرير.", ["انظر p. 12 من التقرير."]),
    ("letter at the end", "حصل الفريق على الدرجة A.", ["حصل الفريق على الدرجة A."]),
    (
        "lowercase letter before an Arabic word",
        "نقص فيتامين k. وهذا خطير.",
        ["نقص فيتامين k.", "وهذا خطير."],
    ),
]

CASES = QUOTES + INITIALS


@pytest.mark.parametrize(("why", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_split(why: str, text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected
    assert [text[s:e] for s, e in split_line(text)] == expected


def _rows(name: str) -> list[tuple[str, list[str]]]:
    path = REPO / "tests" / "gold" / name
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [(row["text"], row["sentences"]) for row in rows]


# Known misses of the development set, each with the reason it is left.
DEV_MISSES = {
    # "ق.م." (BC) is kept as an abbreviation; its dot doubling as the full stop is not told apart
    # from "ق.م. في مصر" going on.
    36: "an abbreviation ending the sentence",
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(*row, marks=pytest.mark.xfail(reason=DEV_MISSES[i], strict=True))
        if i in DEV_MISSES
        else row
        for i, row in enumerate(_rows("quotes_dev.jsonl"))
    ],
)
def test_news_development_set(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def _boundaries(text: str, sentences: list[str]) -> set[int]:
    cuts, pos = set(), 0
    for sentence in sentences[:-1]:
        pos = text.index(sentence, pos) + len(sentence)
        cuts.add(pos)
    return cuts


def test_news_held_out_set_meets_the_target() -> None:
    tp = fp = fn = 0
    for text, gold in _rows("quotes_heldout.jsonl"):
        want, got = _boundaries(text, gold), _boundaries(text, split_sentences(text))
        tp, fp, fn = tp + len(want & got), fp + len(got - want), fn + len(want - got)
    assert 2 * tp / (2 * tp + fp + fn) >= 0.97


def test_gold_sets_are_consistent() -> None:
    for name in ("quotes_dev.jsonl", "quotes_heldout.jsonl"):
        rows = _rows(name)
        assert rows
        for text, sentences in rows:
            assert all(s == s.strip() and s for s in sentences)
            assert "".join(sentences).replace(" ", "") == text.replace(" ", "")


def test_gold_sets_are_big_enough() -> None:
    rows = _rows("quotes_dev.jsonl") + _rows("quotes_heldout.jsonl")
    assert len(rows) >= 60
    assert sum(len(s) - 1 for _, s in rows) >= 200


def test_a_line_of_thousands_of_quotes() -> None:
    """Quotes are found in one sweep of the line, not rescanned at each full stop."""
    text = 'قال: "ذهبنا إلى السوق. ثم عدنا" وأضاف «نعم». ' * 3000
    sentences = split_sentences(text)
    assert len(sentences) == 6000
    assert sentences[:2] == ['قال: "ذهبنا إلى السوق.', 'ثم عدنا" وأضاف «نعم».']
