"""Normalisation, fingerprints, band keys and their serialisation."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tidings.dedupe import DEFAULT_PARAMS, Fingerprint, fingerprint
from tidings.dedupe.normalize import shingle_set, tokens

TEXT = ("The regional council approved the harbour budget on Tuesday after a long debate. "
        "Residents of Kelworth said the new ferry terminal would open next spring, and the mayor "
        "promised that fares would not rise before the winter session. ") * 2


def test_tokens_fold_markup_case_unicode_and_punctuation():
    noisy = ("<p>The <b>REGIONAL</b> council&nbsp;approved the har\u00adbour budget — "
             "on Tues\u200bday&hellip;</p>")
    assert tokens(noisy) == tokens("the regional council approved the harbour budget on tuesday")


def test_tokens_split_scripts_without_spaces_into_characters():
    assert tokens("東京で地震") == ["東", "京", "で", "地", "震"]


def test_teaser_tail_is_dropped():
    assert tokens("The council approved it … Read more") == tokens("The council approved it")
    assert tokens("Text. The post Text appeared first on Foo News.") == ["text"]


def test_exact_hash_ignores_markup_and_headline_for_long_text():
    a = fingerprint("Council backs budget", TEXT)
    b = fingerprint("A different headline!", f"<div>{TEXT.upper()}</div>")
    assert a.exact_hash == b.exact_hash
    assert a.exact_hash != fingerprint("x", TEXT + " One more sentence.").exact_hash


def test_exact_hash_of_short_text_includes_title():
    a = fingerprint("Gallery: the harbour at night", "Photos by our staff.")
    b = fingerprint("Gallery: election night", "Photos by our staff.")
    assert a.exact_hash != b.exact_hash


def test_band_keys_are_signed_64_bit_and_counted_by_params():
    fp = fingerprint("Council backs budget", TEXT)
    assert len(fp.band_keys) == DEFAULT_PARAMS.key_count
    assert all(-(1 << 63) <= k < (1 << 63) for k in fp.band_keys)
    assert any(k < 0 for k in fp.band_keys) and any(k > 0 for k in fp.band_keys)


def test_serialisation_round_trip():
    fp = fingerprint("Council backs budget", TEXT)
    blob = fp.to_bytes()
    assert isinstance(blob, bytes) and len(blob) < 800
    back = Fingerprint.from_bytes(blob)
    assert back.exact_hash == fp.exact_hash
    assert np.array_equal(back.minhash, fp.minhash) and np.array_equal(back.lead, fp.lead)
    assert (back.shingle_count, back.lead_count, back.word_count) == \
        (fp.shingle_count, fp.lead_count, fp.word_count)
    assert back.band_keys == fp.band_keys


def test_from_bytes_rejects_other_data():
    with pytest.raises(ValueError):
        Fingerprint.from_bytes(b"XXXX" + bytes(100))
    with pytest.raises(ValueError):
        Fingerprint.from_bytes(fingerprint("t", TEXT).to_bytes()[:-8])


def test_band_keys_are_the_same_in_another_process():
    src = Path(__file__).resolve().parents[2] / "src"
    code = ("import json, sys; sys.path.insert(0, %r); from tidings.dedupe import fingerprint; "
            "print(json.dumps(fingerprint(sys.argv[1], sys.argv[2]).band_keys))" % str(src))
    out = subprocess.run([sys.executable, "-c", code, "Council backs budget", TEXT],
                         capture_output=True, text=True, check=True,
                         env={"PYTHONHASHSEED": "123", "PATH": ""})
    assert json.loads(out.stdout) == fingerprint("Council backs budget", TEXT).band_keys


def test_empty_article_has_no_keys():
    fp = fingerprint("", "")
    assert fp.empty and fp.band_keys == []


def test_shingles_do_not_cross_title_and_text():
    both = shingle_set(["a", "b", "c", "d", "e"], ["f", "g", "h", "i", "j"], 5)
    assert len(both) == 2
