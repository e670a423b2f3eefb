"""Text normalisation: NFC and whitespace folding (NBSP, zero-width space, tabs, newlines);
text typed in the legacy TCVN3 / VNI fonts told apart from Vietnamese."""

from __future__ import annotations

import unicodedata

import pytest

from portals.parsing.text import legacy_encoding, nfc, squash

NFC_TITLE = "Nghiệm thu đề tài nuôi thủy sản ở Cát Hải"
NFD_TITLE = unicodedata.normalize("NFD", NFC_TITLE)


def test_fixture_strings_really_differ_in_form():
    # Guards the tests below: the NFD copy must be a different code-point sequence.
    assert NFD_TITLE != NFC_TITLE
    assert len(NFD_TITLE) > len(NFC_TITLE)


def test_nfc_composes_decomposed_vietnamese():
    assert nfc(NFD_TITLE) == NFC_TITLE


def test_nfc_composes_single_letter_with_two_marks():
    # "ệ" decomposed is e + combining dot below + combining circumflex.
    assert nfc("e\u0323\u0302") == "ệ"
    assert nfc("Vie\u0323\u0302t Nam") == "Việt Nam"


def test_nfc_leaves_composed_text_alone():
    assert nfc(NFC_TITLE) == NFC_TITLE


def test_squash_folds_nbsp():
    assert squash("Sở\u00a0Khoa học\u00a0\u00a0và Công nghệ") == "Sở Khoa học và Công nghệ"


def test_squash_folds_zero_width_space_and_bom():
    assert squash("\ufeffKhoa học\u200b \u200bcông nghệ\u200b") == "Khoa học công nghệ"


def test_squash_folds_tabs_and_newlines():
    text = "\tHội nghị\t\ttổng kết\r\nnăm 2024\n\n  tại Hải Phòng \n"
    assert squash(text) == "Hội nghị tổng kết năm 2024 tại Hải Phòng"


def test_squash_folds_thin_and_narrow_spaces():
    assert squash("26/6/1959\u2009-\u202f26/6/2024") == "26/6/1959 - 26/6/2024"


def test_squash_also_normalises_to_nfc():
    assert squash("  " + NFD_TITLE + "\u00a0") == NFC_TITLE


@pytest.mark.parametrize("empty", [None, "", "   ", "\u00a0\u200b\t\n"])
def test_squash_of_nothing_is_empty_string(empty):
    assert squash(empty) == ""


def test_squash_keeps_words_and_punctuation():
    text = "Sở KH&CN (Hải Phòng): “Chuyển đổi số” – 100%."
    assert squash(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "Th«ng tin Khoa häc vµ C«ng nghÖ tØnh H¶i D­¬ng: nghiÖm thu ®Ò tµi cÊp tØnh",  # TCVN3
        "Khoa hoïc vaø Coâng ngheä: nghieäm thu ñeà taøi caáp tænh naêm 2019",  # VNI
    ],
)
def test_text_in_the_legacy_fonts_is_recognised(text: str) -> None:
    assert legacy_encoding(text)


@pytest.mark.parametrize(
    "text",
    [
        "Sở Khoa học và Công nghệ tỉnh đã tổ chức hội đồng nghiệm thu đề tài cấp tỉnh năm 2019",
        "Tên đề tài: Ứng dụng công nghệ sinh học trong sản xuất giống cây trồng chất lượng cao",
        "Thông tin về Hội nghị",  # Latin-1 letters after letters, but too few to say
        "Café Résumé Noël: các điểm hẹn cuối tuần ở Hà Nội",
    ],
)
def test_vietnamese_is_not_taken_for_legacy_text(text: str) -> None:
    assert not legacy_encoding(text)
