"""The History's word diff: what changed, escaped."""

from __future__ import annotations

import pytest

from workbench.ui.diff import diff_html


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("same text", "same text", "same text"),
        (
            "The army entered the city.",
            "The army left the city.",
            'The army <del class="wb-del">entered</del><ins class="wb-ins">left</ins> the city.',
        ),
        ("", "added", '<ins class="wb-ins">added</ins>'),
        ("removed", "", '<del class="wb-del">removed</del>'),
        (
            "a <b>",
            "a <script>",
            'a <del class="wb-del">&lt;b&gt;</del><ins class="wb-ins">&lt;script&gt;</ins>',
        ),
    ],
)
def test_diff_html(old: str, new: str, expected: str) -> None:
    assert (
        diff_html(old, new) == f'<div class="wb-text wb-diff" dir="ltr" lang="en">{expected}</div>'
    )
