"""Bylines and sources (research/portals.md §6 and cases 9, 10, 22)."""

from __future__ import annotations

import pytest

from portals.parsing.bylines import (
    Byline,
    credit_in_line,
    parse_byline,
    split_lead_source,
    split_leading_byline,
    split_trailing_byline,
)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Trần Hùng (Sở KH&CN Hải Phòng)", Byline("Trần Hùng", "Sở KH&CN Hải Phòng")),
        ("Tác giả: Minh Châu", Byline("Minh Châu")),
        ("Tác giả: Nguyễn Thị Lan (Trung tâm Thông tin KH&CN)",
         Byline("Nguyễn Thị Lan", "Trung tâm Thông tin KH&CN")),
        ("TC", Byline("TC")),
        ("P.V", Byline("P.V")),
        ("KY", Byline("KY")),
        ("Nhóm PV", Byline("Nhóm PV")),
        ("KHÁNH NGUYỄN", Byline("Khánh Nguyễn")),
        ("MAI HỒNG", Byline("Mai Hồng")),
        ("Minh Nguyệt", Byline("Minh Nguyệt")),
        ("Tuyết Vân - 05:50 17/09/2021", Byline("Tuyết Vân")),
        ("Nguồn: BTV", Byline(source="BTV")),
        ("Nguồn: Báo Hải Phòng", Byline(source="Báo Hải Phòng")),
        ("Theo Báo Hải Phòng", Byline(source="Báo Hải Phòng")),
        ("Theo Cổng TTĐT tỉnh", Byline(source="Cổng TTĐT tỉnh")),
        ("Theo vietnamplus.vn", Byline(source="vietnamplus.vn")),
        ("Bài, ảnh: Thu Hà", Byline("Thu Hà")),
        ("Tin, ảnh: Hồng Nhung", Byline("Hồng Nhung")),
        ("Người viết: Nguyễn Văn An", Byline("Nguyễn Văn An")),
        ("Thanh Tâm - Minh Khoa", Byline("Thanh Tâm - Minh Khoa")),
        ("Thanh Tâm, Minh Khoa", Byline("Thanh Tâm, Minh Khoa")),
        ("MINH KHOA - THANH TÂM", Byline("Minh Khoa - Thanh Tâm")),
        ("Thu Hà - Minh Anh (Trung tâm Thông tin KH&CN)",
         Byline("Thu Hà - Minh Anh", "Trung tâm Thông tin KH&CN")),
        ("Hoàng Anh (tổng hợp)", Byline("Hoàng Anh")),
        ("Ngọc Lan (Theo Báo Khoa học và Phát triển)",
         Byline("Ngọc Lan", source="Báo Khoa học và Phát triển")),
        ("By John Smith", Byline("John Smith")),
        ("Story and photos: Mary Nguyen", Byline("Mary Nguyen")),
        ("Source: VNA", Byline(source="VNA")),
        ("Reporter: Ngoc Mai", Byline("Ngoc Mai")),
        ("Trần Thị Kim Loan (Trung tâm Ứng dụng tiến bộ khoa học và công nghệ An Giang)",
         Byline("Trần Thị Kim Loan", "Trung tâm Ứng dụng tiến bộ khoa học và công nghệ An Giang")),
        ("Bởi Hoàng Thu Trang -", Byline("Hoàng Thu Trang")),  # a theme's "by"
    ],
)  # fmt: skip
def test_byline_shapes(line: str, expected: Byline) -> None:
    assert parse_byline(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "Test Test",  # dost.danang placeholder poster
        "Người đăng tin: Test Test",
        "admin",
        "Quang cảnh Hội nghị.",  # a caption: short, but a sentence
        "Toàn cảnh hội nghị. Ảnh: Hoàng Phạm",
        "Theo đó, các đơn vị sẽ triển khai",  # "Theo" as "according to", not a source
        "Theo báo cáo của Sở, năm 2024 tỉnh có 12 đề tài.",
        "Theo ông Nguyễn Văn An",
        "Khoa học - Công nghệ",  # a category, not two names
        "hpstic.vn",
        "Nhân dịp này, Sở KH&CN tặng Giấy khen cho 04 tập thể./.",
        "Ngày 21/06/2024",
        "CÁC TIN ĐÃ ĐƯA",  # a list's heading in capitals, as names may be
        "Tin Liên Quan",
        "Hội nghị đã thống nhất các nội dung chính của kế hoạch năm 2025 và giao nhiệm vụ",
        "",
    ],
)
def test_not_a_byline(line: str) -> None:
    assert parse_byline(line) is None


def test_a_credit_among_the_items_of_an_info_line() -> None:
    line = "Cập nhật lúc 14:20, 25/07/2023 · Tác giả: Quốc Việt · Lượt xem: 1.204"
    assert credit_in_line(line) == Byline("Quốc Việt")
    assert credit_in_line("Thanh Tâm - Minh Khoa | 10:24") is None  # a bare name: unlabelled
    assert credit_in_line("Cập nhật lúc 14:20 · Lượt xem: 1.204") is None


def test_trailing_byline_is_taken_off_the_body() -> None:
    body = ["Chiều 20/6, hội nghị diễn ra.", "Nhân dịp này, Sở tặng Giấy khen./.",
            "Trần Hùng (Sở KH&CN Hải Phòng)"]  # fmt: skip
    paragraphs, byline = split_trailing_byline(body)
    assert paragraphs == body[:2]
    assert byline == Byline("Trần Hùng", "Sở KH&CN Hải Phòng")


def test_source_then_all_caps_author() -> None:
    paragraphs, byline = split_trailing_byline(["Nội dung.", "Nguồn: BTV", "MAI HỒNG"])
    assert paragraphs == ["Nội dung."]
    assert byline == Byline(author="Mai Hồng", source="BTV")


def test_author_then_source() -> None:
    paragraphs, byline = split_trailing_byline(["Nội dung.", "Minh Châu", "Nguồn: Báo Hải Phòng"])
    assert paragraphs == ["Nội dung."]
    assert byline == Byline(author="Minh Châu", source="Báo Hải Phòng")


def test_a_caption_before_the_byline_is_not_the_author() -> None:
    paragraphs, byline = split_trailing_byline(["Nội dung.", "Quang cảnh Hội nghị.", "P.V"])
    assert paragraphs == ["Nội dung.", "Quang cảnh Hội nghị."]
    assert byline == Byline("P.V")


def test_no_byline_leaves_the_body_alone() -> None:
    body = ["Nội dung bài viết.", "Đoạn cuối cùng của bài viết./."]
    assert split_trailing_byline(body) == (body, Byline())


def test_two_author_lines_are_not_both_taken() -> None:
    paragraphs, byline = split_trailing_byline(["Nội dung.", "Minh Châu", "Trần Hùng"])
    assert paragraphs == ["Nội dung.", "Minh Châu"]
    assert byline.author == "Trần Hùng"


@pytest.mark.parametrize(
    ("paragraph", "rest", "source"),
    [
        ("(ĐCSVN) - Chiều 11/6, Sở tổ chức hội thảo.", "Chiều 11/6, Sở tổ chức hội thảo.", "ĐCSVN"),
        ("(Baothanhhoa.vn) - Sáng nay, tỉnh họp.", "Sáng nay, tỉnh họp.", "Baothanhhoa.vn"),
        ("(BĐ) - Ngày 5/3, hội nghị.", "Ngày 5/3, hội nghị.", "BĐ"),
        ("PORTAL – Sáng 10/3, đoàn công tác.", "Sáng 10/3, đoàn công tác.", "PORTAL"),
        ("VOV.VN - Chiều nay, Bộ KH&CN công bố.", "Chiều nay, Bộ KH&CN công bố.", "VOV.VN"),
        ("ThienNhien.Net - Các nhà khoa học.", "Các nhà khoa học.", "ThienNhien.Net"),
    ],
)  # fmt: skip
def test_lead_in_source_tags(paragraph: str, rest: str, source: str) -> None:
    assert split_lead_source(paragraph) == (rest, source)


@pytest.mark.parametrize(
    "paragraph",
    ["Chiều 20/6, Sở KH&CN tổ chức hội nghị.", "Sở KH&CN - đơn vị chủ trì - cho biết.",
     "Hải Phòng - thành phố cảng - đẩy mạnh chuyển đổi số."],
)  # fmt: skip
def test_ordinary_first_paragraphs_keep_their_text(paragraph: str) -> None:
    assert split_lead_source(paragraph) == (paragraph, None)


@pytest.mark.parametrize(
    ("first", "author"),
    [("By Tran Minh Duc", "Tran Minh Duc"), ("Tác giả: Minh Anh", "Minh Anh"),
     ("Bài, ảnh: Thu Hà", "Thu Hà")],
)  # fmt: skip
def test_a_labelled_credit_above_the_text_is_the_author(first: str, author: str) -> None:
    body = [first, "Sở Khoa học và Công nghệ tổ chức hội nghị tổng kết công tác năm 2024."]
    remaining, found = split_leading_byline(body)
    assert remaining == body[1:] and found is not None and found.author == author


def test_an_unlabelled_first_line_stays_in_the_body() -> None:
    body = ["Minh Anh", "Theo báo cáo của Sở, năm 2024 có 12 đề tài được nghiệm thu."]
    assert split_leading_byline(body) == (body, None)


@pytest.mark.parametrize(
    "line",
    ["Tác giả bài viết: Hoàng Thị Lan", "Người viết bài: Hoàng Thị Lan", "Phóng viên: Hoàng Lan"],
)
def test_longer_credit_labels(line: str) -> None:
    assert parse_byline(line) == Byline(author=line.split(": ")[1])
