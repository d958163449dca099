"""Each QA check on its own: table-driven, the expected findings on each row (none included)."""

from __future__ import annotations

import pytest

from workbench.quality import checks

NUMBER_CASES = [
    # (source, English, is an issue)
    ("قتل ٣٩ شخصا", "39 people were killed", False),
    ("قتل ٣٩ شخصا", "93 people were killed", True),
    ("قتل ۳۹ شخصا", "39 people were killed", False),
    ("في عام ٢٠٢٠", "in 2020", False),
    ("في عام ٢٠٢٠", "in 2002", True),
    ("ارتفع بنسبة ٢٥٪", "rose by 25%", False),
    ("ارتفع بنسبة ٢٥٪", "rose by 25 percent", False),
    ("ارتفع بنسبة ٢٥٪", "rose by 52%", True),
    ("بلغ ٢٫٥ مليون", "reached 2.5 million", False),
    ("بلغ ٢٫٥ مليون", "reached 2,500,000", False),
    ("بلغ ٢٫٥ مليون", "reached 25 million", True),
    ("حضر ٣ وزراء", "three ministers attended", False),
    ("حضر ٣ وزراء", "ministers attended", True),
    ("يوم ١٩/٣/٢٠٢٠", "on 19 March 2020", False),
    ("يوم ١٩/٣/٢٠٢٠", "on 19 May 2020", True),
    ("في 1 يناير", "on January 4", True),
    ("بلغ ١٬٢٠٠ دولار", "reached $1,200", False),
    ("بلغ 1200 دولار", "reached $1,200", False),
    ("الساعة ٩:٣٠", "at 9:30", False),
    ("لا أرقام هنا", "Five numbers here: 5", False),
    ("قتل ٥ و٥ جرحى", "5 killed and wounded", True),
    ("تحتل 291،773 ميل مربع", "291,773 square miles", False),
    ("تحتل 300،948 ميل مربع", "948,300 square miles", True),
    ("بنتيجة 5-3", "5-3", False),
    ("بنتيجة 5-3", "5.3", True),
    ("https://x.com/2020 فقط", "only", False),
    # Two English words make one number: "four dozen" is 48, "two hundred" 200.
    ("في حوالي 48 قاعدة", "in some four dozen bases", False),
    ("في حوالي 48 قاعدة", "in some four bases", True),
    ("نحو ٢٠٠ منظمة", "some two hundred organisations", False),
    ("بعد ٢٥ عاما", "after twenty-five years", False),
    ("بعد ٢٥ عاما", "after twenty years", True),
    ("بلغت ١٬٢٥٠٫٥ مليون", "reached $1,250.5 million", False),
    ("بلغت ١٬٢٥٠٫٥ مليون", "reached $1,205.5 million", True),
    ("حيث ۹۳٪ من السكان", "with 93% of the people", False),
    ("حيث ۹۳٪ من السكان", "with 94% of the people", True),
    ("", "", False),
]


@pytest.mark.parametrize(("source", "target", "issue"), NUMBER_CASES)
def test_number_mismatch(source: str, target: str, issue: bool) -> None:
    assert bool(checks.number_mismatch(source, target)) == issue


def test_number_mismatch_names_the_number_both_ways() -> None:
    assert checks.number_mismatch("قتل ٣٩ شخصا", "93 killed") == ["٣٩ (39) not in the English"]
    assert checks.number_mismatch("تحتل ٢٩١،٧٧٣ ميل", "291, 773 miles") == [
        "٢٩١،٧٧٣ (291,773) not in the English"
    ]


@pytest.mark.parametrize(
    ("source", "target", "issue"),
    [
        ("زوروا https://x.com/a", "Visit https://x.com/a", False),
        ("زوروا https://x.com/a", "Visit the site", True),
        ("راسلوا info@x.org", "Write to INFO@x.org", False),
        ("راسلوا info@x.org", "Write to us", True),
        ("قال @user", "@user said", False),
        ("قال @user", "the user said", True),
        ("وسم #مصر", "the hashtag #مصر", False),
        ("وسم #مصر", "the hashtag #Egypt", True),
        ("بلا روابط", "no links", False),
        # A whole item of the English, not a piece of a longer one.
        ("زوروا https://x.com/a", "Visit https://x.com/a-b", True),
        ("زوروا https://x.com/a", "Visit https://x.com/a.", False),
        ("زوروا https://x.com/a", "Visit (https://x.com/a)", False),
        ("زوروا https://x.com/a", "Visit http://x.com/a/", False),
        ("زوروا www.x.com", "Visit https://www.x.com", False),
        ("راسلوا info@x.org", "Write to info@x.org.uk", True),
        ("قال @user", "@username said", True),
        ("قال @user", "@user's aide said", False),
        ("وسم #مصر", "the hashtag #مصر2020", True),
    ],
)
def test_url_missing(source: str, target: str, issue: bool) -> None:
    assert bool(checks.url_missing(source, target)) == issue


@pytest.mark.parametrize(
    ("source", "target", "issue"),
    [
        ("قال الوزير", "The minister said", False),
        ("قال الوزير", "The الوزير said", True),
        ("وسم #مصر", "the hashtag #مصر", False),
        ("وسم #مصر", "the hashtag #مصر and مصر", True),
        ("قال", "Said (قال)", True),
        # Arabic-Indic or Persian digits and Arabic punctuation are Arabic script too.
        ("في عام ٢٠٢٠", "in ٢٠٢٠", True),
        ("في عام ۲۰۲۰", "in ۲۰۲۰", True),
        ("في عام ٢٠٢٠", "in 2020", False),
        ("بنسبة ٢٫٥٪", "by 2.5%", False),
        ("بنسبة ٢٫٥٪", "by ٢٫٥٪", True),
        ("من النار، أو", "from a fire، or", True),
        ("لماذا؟", "Why؟", True),
        ("وسم #مصر٢٠", "the hashtag #مصر٢٠", False),
    ],
)
def test_arabic_left(source: str, target: str, issue: bool) -> None:
    assert bool(checks.arabic_left(source, target)) == issue


@pytest.mark.parametrize(
    ("source", "target", "issue"),
    [
        ("قال الوزير", "", True),
        ("قال الوزير", "   ", True),
        ("قال الوزير", "He said", False),
        ("٢٠٢٠", "", False),
        ("", "", False),
    ],
)
def test_empty_target(source: str, target: str, issue: bool) -> None:
    assert bool(checks.empty_target(source, target)) == issue


@pytest.mark.parametrize(
    ("source", "target", "issue"),
    [
        ("قال الوزير", "قال الوزير", True),
        ("قالَ الوزيـر", "قال الوزير ", True),
        ("قال الوزير", "The minister said", False),
        ("2020", "2020", False),
        ("Apple", "Apple", False),
    ],
)
def test_same_as_source(source: str, target: str, issue: bool) -> None:
    assert bool(checks.same_as_source(source, target)) == issue


@pytest.mark.parametrize(
    ("source", "target", "issue"),
    [
        ("قال الوزير إن الاجتماع كان مثمرا", "The minister said the meeting was fruitful", False),
        ("قال الوزير إن الاجتماع كان مثمرا وبناء وإن الطرفين اتفقا على كل شيء", "Yes.", True),
        ("نعم", "Yes, he said, and then he went on and on about the meeting at length", True),
        ("نعم", "Yes", False),
        ("قال", "", False),
    ],
)
def test_length_ratio(source: str, target: str, issue: bool) -> None:
    assert bool(checks.length_ratio(source, target)) == issue


@pytest.mark.parametrize(
    ("target", "found"),
    [
        ("the the minister", ["“the the”"]),
        ("The the minister", ["“The The”"]),
        ("He said that that was over", []),
        ("They had had enough", []),
        ("in in 2020 and and", ["“in in”, “and and”"]),
        ("computers, computers, to", ["“computers, computers,”"]),
        ("blah, blah, blah.", ["“blah, blah,”"]),
        ("Paris, Paris is", []),
        ("no repeats here", []),
        ("well-well known", []),
        ("10 10", []),
        ("moose is is a danger", ["“is is”"]),
        ("What it is is a scam", []),
        ("What it does. It is is wrong", ["“is is”"]),
    ],
)
def test_repeated_word(target: str, found: list[str]) -> None:
    assert checks.repeated_word("", target) == found


@pytest.mark.parametrize(
    ("source", "target", "issue"),
    [
        ("قال (أمس)", "He said (yesterday)", False),
        ("قال (أمس)", "He said (yesterday", True),
        ("قال «نعم»", 'He said "yes"', False),
        ("قال «نعم»", 'He said "yes', True),
        ("قال «نعم»", "He said “yes”", False),
        ("قال «نعم»", "He said “yes", True),
        ("قال «نعم", 'He said "yes', False),
        ("قال [أمس]", "He said ]yesterday[", True),
        ("قال", "He said (a [b) c]", True),
    ],
)
def test_unbalanced_brackets(source: str, target: str, issue: bool) -> None:
    assert bool(checks.unbalanced_brackets(source, target)) == issue


@pytest.mark.parametrize(
    ("target", "found"),
    [
        ("one  two", ["1 double space"]),
        ("one  two   three", ["2 double spaces"]),
        ("one two", []),
        ("  leading and trailing  ", []),
        ("one\u00a0 two", ["1 double space"]),
    ],
)
def test_double_space(target: str, found: list[str]) -> None:
    assert checks.double_space("", target) == found
