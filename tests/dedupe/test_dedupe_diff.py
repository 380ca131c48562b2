"""What a copy changed, and rebuilding the copy from original + differences."""
from __future__ import annotations

from tidings.dedupe import apply_diff, diff_summary
from tidings.dedupe.normalize import tokens

PARAS = ["The council approved the harbour plan on Tuesday.",
         "Work will start in spring and take eighteen months.",
         "Fishing crews asked for a temporary mooring.",
         "The mayor said fares would not rise this year.",
         "A public meeting is planned for next week."]
TEXT = "\n\n".join(PARAS)


def same_words(a: str, b: str) -> bool:
    return tokens(a) == tokens(b)


def test_identical_copy_with_markup_is_not_a_change():
    d = diff_summary("Harbour plan", TEXT, "Harbour plan", "\n".join(f"<p>{p}</p>" for p in PARAS))
    assert d["same_text"] and not d["title_changed"] and d["added"] == [] and d["removed"] == 0
    assert d["kept_share"] == 1.0 and not d["truncated"]


def test_new_headline_is_kept():
    d = diff_summary("Harbour plan", TEXT, "Council backs harbour", TEXT)
    assert d["title_changed"] and d["title"] == "Council backs harbour"


def test_added_and_removed_paragraphs():
    copy = PARAS[:2] + ["Our reporter visited the port."] + PARAS[3:]
    d = diff_summary("t", TEXT, "t", "\n\n".join(copy))
    assert d["added"] == ["Our reporter visited the port."]
    assert d["removed"] == 1 and not d["truncated"]


def test_truncation_in_the_middle_of_a_paragraph():
    copy = "\n\n".join(PARAS[:2] + ["Fishing crews asked …"])
    d = diff_summary("t", TEXT, "t", copy)
    assert d["truncated"] and d["added"] == [] and d["removed"] == 3
    assert 0.3 < d["kept_share"] < 0.6


def test_teaser_of_one_paragraph_text_is_cut_short():
    blob = " ".join(PARAS)
    d = diff_summary("t", blob, "t", "The council approved the harbour plan on Tuesday. Work will start")
    assert d["unit"] == "sentence" and d["truncated"]


def test_apply_diff_rebuilds_the_copy_wording():
    copies = ["\n\n".join(PARAS[:2] + ["Our reporter visited the port."] + PARAS[3:]),
              "\n\n".join(PARAS[:3] + ["The mayor said"]),
              "Advertisement\n\n" + TEXT + "\n\nSign up for our newsletter.",
              " ".join(PARAS[1:])]
    for copy in copies:
        d = diff_summary("Harbour plan", TEXT, "New title", copy)
        title, text = apply_diff("Harbour plan", TEXT, d)
        assert title == "New title" and same_words(text, copy), (copy, text)
