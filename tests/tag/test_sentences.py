"""The sentence splitter on news text."""
from __future__ import annotations

import pytest

from tidings.tag import split_sentences


@pytest.mark.parametrize("text, expected", [
    ("Mr. Massoud spoke. The Taliban denied it.", ["Mr. Massoud spoke.", "The Taliban denied it."]),
    ("U.S. forces left. Then NRF fighters arrived.", ["U.S. forces left.", "Then NRF fighters arrived."]),
    ("He met U.S. officials in Kabul.", ["He met U.S. officials in Kabul."]),
    ("They went to the U.S. The talks failed.", ["They went to the U.S.", "The talks failed."]),
    ("Gen. Yasin Zia and Ahmad S. Massoud met.", ["Gen. Yasin Zia and Ahmad S. Massoud met."]),
    ('"We attacked," he said. "We will again."', ['"We attacked," he said.', '"We will again."']),
    ("Is it over? No! It is not.", ["Is it over?", "No!", "It is not."]),
    ("First line\nSecond line", ["First line", "Second line"]),
    ("Prices rose 3.5 percent. Markets fell.", ["Prices rose 3.5 percent.", "Markets fell."]),
    ("e.g. this stays. And this too.", ["e.g. this stays.", "And this too."]),
    ("طالبان حمله کردند. سه نفر کشته شدند؟ بله", ["طالبان حمله کردند.", "سه نفر کشته شدند؟", "بله"]),
])
def test_split(text, expected):
    assert split_sentences(text) == expected


def test_empty():
    assert split_sentences("") == [] and split_sentences("  \n ") == []
