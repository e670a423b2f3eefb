"""Portal chrome is recognised by what a line says; prose that mentions the same words is not."""

from __future__ import annotations

import pytest

from portals.parsing.chrome import is_chrome, posted_date

CHROME = [
    "Cỡ chữ: Giảm (A-) Mặc định (A) Tăng (A+)",
    "Cỡ chữ A- A A+",
    "Font size: A- A A+",
    "Lượt xem: 1.284",
    "1.284 lượt xem",
    "Views: 1,284",
    "Số lần xem: 512 | In trang | Gửi email",
    "Số lần xem 512 In trang",
    "Đang truy cập: 19",
    "Tổng lượt truy cập: 3.586.731",
    "Bình luận (0)",
    "In bài viết | Gửi email | Print",
    "[In bài] [Gửi email] [Về đầu trang]",
    "Print | Email",
    "Chia sẻ: Facebook Zalo Twitter",
    "Share",
    "Đánh giá bài viết: ★★★★☆ (12 lượt)",
    "Đánh giá (Di chuột vào ngôi sao để chọn điểm)",
    "Về đầu trang",
    "↑ Lên đầu trang",
    "Back to top",
    "Ngày đăng: 05-05-2021",
    "Ngày đăng: 05-05-2021 | Lượt xem: 120",
    "Ngày đăng: Thứ Hai, 12/03/2024 08:30",
    "Posted on March 3, 2024",
    "Lượt xem: 431 Print Cỡ chữ: A- A A+",  # run together, no separator
    "Số lượt xem 1.284 Gửi email In bài viết",
    "Ngày đăng: 05-05-2021 Lượt xem: 1.284",
    "Thứ Năm, 07/12/2023 Lượt xem: 687",  # a date alone, then a counter
    "07/12/2023 15:20",
]
PROSE = [
    "Theo báo cáo, lượt xem trang thông tin tăng 20%.",
    "Sở KH&CN chia sẻ kinh nghiệm xây dựng mô hình.",
    "In 2024, the department funded 12 projects.",
    "Ngày 06/11, tại thị xã Vĩnh Châu, Sở tổ chức hội nghị.",
    "Ngày 06/11 - Sở KH&CN tổ chức hội nghị tổng kết.",
    "Hôm nay, ngày 12/3, hội nghị đã diễn ra.",
    "Thanh Tâm - Minh Khoa",
    "Tác giả: Minh Anh",
    "Nguồn: Báo Nhân Dân",
    "Share of exports rose to 12%.",
    "Print media covered the event widely.",
    "Bài viết được chia sẻ 300 lần trên mạng xã hội",
    "Lượt xem trang tăng mạnh, chia sẻ của bạn đọc cũng nhiều hơn",
    "06/11/2023 là ngày khai mạc hội chợ",
]


@pytest.mark.parametrize("line", CHROME)
def test_chrome_lines_are_recognised(line: str) -> None:
    assert is_chrome(line)


@pytest.mark.parametrize("line", PROSE)
def test_prose_and_credits_are_not_chrome(line: str) -> None:
    assert not is_chrome(line)


def test_a_posted_on_line_gives_its_date() -> None:
    assert posted_date("Ngày đăng: 05-05-2021 | Lượt xem: 120") == "05-05-2021"
    assert posted_date("Ngày đăng: Thứ Hai, 12/03/2024 08:30") == "Thứ Hai, 12/03/2024 08:30"
    assert posted_date("Posted on March 3, 2024") == "March 3, 2024"
    assert posted_date("Lượt xem: 1.284") is None
    assert posted_date("Thứ Năm, 07/12/2023 Lượt xem: 687") == "Thứ Năm, 07/12/2023"
    assert posted_date("Ngày 06/11, tại thị xã Vĩnh Châu, Sở tổ chức hội nghị.") is None
