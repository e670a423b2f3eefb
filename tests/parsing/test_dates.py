"""Every date form of research/portals.md §5, and the dates that must never be taken."""

from __future__ import annotations

from datetime import datetime

import pytest

from portals.parsing.dates import (
    VIETNAM,
    InvalidDate,
    dateline_date,
    parse_date,
    split_dateline,
    split_title_date,
)


def vn(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=VIETNAM)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(21/06/2024)", vn(2024, 6, 21)),
        ("Ngày đăng: 05-05-2021", vn(2021, 5, 5)),
        ("Ngày 18-05-2022", vn(2022, 5, 18)),
        ("Trang chủ >> Sơ đồ tổ chức   (26-12-2017)", vn(2017, 12, 26)),
        ("Người đăng tin: Test Test Ngày đăng tin: 14/11/2012 Lượt xem: 31", vn(2012, 11, 14)),
        ("Thời gian: 11/05/2022 12:15", vn(2022, 5, 11, 12, 15)),
        ("Cập nhật ( 13/01/2010 )", vn(2010, 1, 13)),
        ("Cập nhật: Thứ Ba, ngày 14/01/2020", vn(2020, 1, 14)),
        ("Thứ 6, Ngày 26/03/2021, 10:00", vn(2021, 3, 26, 10, 0)),
        ("Thứ Sáu, 17/05/2019", vn(2019, 5, 17)),
        ("Chủ nhật, 10/09/2023 08:00", vn(2023, 9, 10, 8, 0)),
        ("Print Thứ Bảy, 26/01/2019 19:26", vn(2019, 1, 26, 19, 26)),
        ("10:51 | 21/05/2015", vn(2015, 5, 21, 10, 51)),
        ("17:26 19/12/2016", vn(2016, 12, 19, 17, 26)),
        ("Cập nhật, 12:53, Chủ Nhật, 13/05/2018 (GMT+7)", vn(2018, 5, 13, 12, 53)),
        ("Thứ Ba, 29.11.2022 - 07:56:45", vn(2022, 11, 29, 7, 56, 45)),
        ("Chủ nhật, 14-12-25 20:54:35", vn(2025, 12, 14, 20, 54, 35)),
        ("Update 15-06-2020 09:00", vn(2020, 6, 15, 9, 0)),
        ("Hải Phòng, ngày 06 tháng 12 năm 2019", vn(2019, 12, 6)),
        ("Đà Nẵng, ngày 14 tháng 01 năm 2025", vn(2025, 1, 14)),
        ("ngày 7 tháng 3 năm 2024", vn(2024, 3, 7)),
        ("Tuyết Vân - 05:50 17/09/2021", vn(2021, 9, 17, 5, 50)),
        ("2/27/2017 2:29:58 PM", vn(2017, 2, 27, 14, 29, 58)),  # 27 > 12 proves month/day
        ("2024-06-21T10:00:00+07:00", vn(2024, 6, 21, 10, 0)),
        ("2024-06-21T03:00:00Z", vn(2024, 6, 21, 10, 0)),
        ("2024-06-21", vn(2024, 6, 21)),
    ],
)
def test_publication_date_forms(text: str, expected: datetime) -> None:
    parsed = parse_date(text)
    assert parsed == expected
    assert parsed is not None and parsed.utcoffset() == expected.utcoffset()


def test_result_is_in_vietnam_time() -> None:
    parsed = parse_date("21/06/2024")
    assert parsed is not None and parsed.isoformat() == "2024-06-21T00:00:00+07:00"


def test_day_first_unless_the_site_says_otherwise() -> None:
    assert parse_date("5/8/2025") == vn(2025, 8, 5)
    assert parse_date("5/8/2025", "mdy") == vn(2025, 5, 8)
    assert parse_date("9:50:54 AM | 5/8/2025", "mdy") == vn(2025, 5, 8, 9, 50, 54)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # research case 4: the header "today" banner comes first and must be skipped
        (
            "Chủ Nhật ngày 05/12/2021 Chào mừng bạn đến với Cổng thông tin điện tử "
            "Cập nhật: Thứ Ba, ngày 14/01/2020",
            vn(2020, 1, 14),
        ),
        ("Hôm nay, Chủ nhật 22-10-2017 Ngày đăng: 01-02-2016", vn(2016, 2, 1)),
        ("Today, 22-11-2017 | Posted 03-04-2017", vn(2017, 4, 3)),
    ],
)
def test_header_today_dates_are_skipped(text: str, expected: datetime) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Chiều 20/6, Sở Khoa học và Công nghệ tổ chức Hội nghị",
        "Sáng 10/3, đoàn công tác",
        "Ngày 22-8 vừa qua",
        "Trưa 6/2",
        "» Today: 05/04/2020",
        "Hôm nay, Chủ nhật 22-10-2017",
        "Chiều ngày 15/01/2021, tại Hội trường",
        "hoàn thành 127/142 nhiệm vụ theo Kế hoạch số 110/KH-UBND",
        "tiêu chuẩn TCVN ISO 18091:2020",
        "",
        None,
    ],
)
def test_no_publication_date(text: str | None) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize("text", ["-0001-11-30 07:06:30", "0000-00-00 00:00:00", "32/01/2024"])
def test_impossible_dates_raise_a_clear_error(text: str) -> None:
    with pytest.raises(InvalidDate):
        parse_date(text)


def test_title_line_date_is_split_off() -> None:
    title, published = split_title_date(
        "Sở Khoa học và Công nghệ sơ kết công tác 6 tháng đầu năm (21/06/2024)"
    )
    assert title == "Sở Khoa học và Công nghệ sơ kết công tác 6 tháng đầu năm"
    assert published == vn(2024, 6, 21)


def test_title_keeps_an_inner_date_range_and_takes_the_last_full_date() -> None:
    title, published = split_title_date(
        "Kỷ niệm 65 năm thành lập Sở (26/6/1959-26/6/2024) (26/06/2024)"
    )
    assert title == "Kỷ niệm 65 năm thành lập Sở (26/6/1959-26/6/2024)"
    assert published == vn(2024, 6, 26)


@pytest.mark.parametrize(
    "line",
    [
        "Kỷ niệm 65 năm thành lập Sở (26/6/1959-26/6/2024)",
        "Hội nghị sơ kết (lần thứ 2)",
        "Tin tức (-0001-11-30)",
        "Tiêu đề không có ngày",
    ],
)
def test_title_without_a_lone_trailing_date_is_unchanged(line: str) -> None:
    assert split_title_date(line) == (line, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("March 3, 2024", "2024-03-03T00:00:00+07:00"),
        ("3 March 2024", "2024-03-03T00:00:00+07:00"),
        ("Posted Mar. 3rd 2024 10:15 AM", "2024-03-03T10:15:00+07:00"),
        ("Updated: December 12, 2023, 4:05 pm", "2023-12-12T16:05:00+07:00"),
    ],
)
def test_english_pages_dates(text: str, expected: str) -> None:
    published = parse_date(text)
    assert published is not None and published.isoformat() == expected


def test_a_month_and_year_alone_is_not_a_date() -> None:
    assert parse_date("In May 2024 the department opened a laboratory") is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [("Hải Phòng, ngày 06 tháng 12 năm 2019", "2019-12-06"),
     ("Hue, October 22, 2020", "2020-10-22"), ("Hà Nội, 06/12/2019", "2019-12-06"),
     ("TP. Hồ Chí Minh, ngày 3 tháng 2 năm 2024.", "2024-02-03")],
)  # fmt: skip
def test_a_dateline_alone_is_a_date(line: str, expected: str) -> None:
    found = dateline_date(line)
    assert found is not None and found.date().isoformat() == expected


@pytest.mark.parametrize(
    "line",
    ["Ngày 06 tháng 12 năm 2019, Sở tổ chức hội nghị tổng kết.",
     "Hải Phòng, ngày 06 tháng 12 năm 2019, Sở tổ chức hội nghị tổng kết công tác năm.",
     "theo báo cáo, ngày 06 tháng 12 năm 2019", "Hải Phòng, một thành phố cảng"],
)  # fmt: skip
def test_a_sentence_with_a_date_is_not_a_dateline(line: str) -> None:
    assert dateline_date(line) is None


def test_a_signature_line_splits_into_its_dateline_and_the_rest() -> None:
    assert split_dateline("Hà Nam, ngày 19 tháng 5 năm 2023 Tin, ảnh: Phạm Minh Trang") == (
        "Hà Nam, ngày 19 tháng 5 năm 2023",
        "Tin, ảnh: Phạm Minh Trang",
    )
    assert split_dateline("Hà Nam, ngày 19 tháng 5 năm 2023") is None  # nothing after it
    assert split_dateline("Ngày 19 tháng 5 năm 2023, Sở tổ chức hội nghị tổng kết.") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("05 Tháng Mười Một, 2023", vn(2023, 11, 5)),
        ("Tháng Ba 14, 2024", vn(2024, 3, 14)),
        ("Đăng ngày 9 tháng mười hai, 2022 lúc 08:15", vn(2022, 12, 9, 8, 15)),
        ("14 Tháng Tư, 2024", vn(2024, 4, 14)),
    ],
)
def test_vietnamese_month_names(text: str, expected: datetime) -> None:
    assert parse_date(text) == expected


def test_a_month_named_without_a_day_is_not_a_date() -> None:
    assert parse_date("Sở tổ chức hội nghị trong tháng Mười, 2023") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4/6/2023 3:41:07 PM", vn(2023, 4, 6, 15, 41, 7)),  # .NET en-US: month first
        ("11/9/2021 10:42:17 AM", vn(2021, 11, 9, 10, 42, 17)),
        ("06/04/2023 15:41", vn(2023, 4, 6, 15, 41)),  # no en-US clock: day first
        ("06/04/2023 3:41 PM", vn(2023, 4, 6, 15, 41)),  # no seconds: not .NET's format
    ],
)
def test_the_dotnet_en_us_date_and_time_is_month_first(text: str, expected: datetime) -> None:
    assert parse_date(text) == expected
