"""Portal chrome is recognised by what a line says; prose that mentions the same words is not."""

from __future__ import annotations

import pytest

from portals.parsing.chrome import is_chrome, is_imprint, posted_date

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
    "Thứ 4, Ngày 16/08/2023, 15:30 Cỡ chữ: Giảm (A-) Mặc định (A) Tăng (A+)",  # SharePoint
    "Cập nhật: 22/11/2022 8:47:15 SA",  # SA: a.m.
    "Cập nhật lúc 14:05 ngày 05/04/2023 - Lượt xem: 1.046",  # the time before the date
    "Ngày đăng: 15/08/2023 | 10:24",
    "« Trở về Đầu trang ▲",
    "In tin",
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
    "Lúc 14:05 ngày 05/04/2023, hội nghị bắt đầu.",
    "In tin học, Sở đã đào tạo 200 học viên.",
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
    assert posted_date("Cập nhật lúc 14:05 ngày 05/04/2023 - Lượt xem: 1.046") == (
        "14:05 ngày 05/04/2023"
    )
    assert posted_date("Thứ 6, Ngày 26/03/2021, 10:00") == "Thứ 6, Ngày 26/03/2021, 10:00"
    assert posted_date("Ngày 06/11, tại thị xã Vĩnh Châu, Sở tổ chức hội nghị.") is None


def test_a_footer_imprint_is_told_from_prose_that_gives_one_contact() -> None:
    imprint = ("SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH PHÚ YÊN Địa chỉ: Số 8, đường Trần Phú, phường 7 · "
               "Điện thoại: 0257.3842.xxx · Email: skhcn@phuyen.gov.vn")  # fmt: skip
    assert is_imprint(imprint)
    assert is_imprint("Copyright © 2015 Sở Khoa học và Công nghệ. Ghi rõ nguồn khi phát hành lại")
    assert not is_imprint("Mọi chi tiết liên hệ Phòng Quản lý khoa học, điện thoại: 0257.3842.xxx.")
    assert not is_imprint("Sở đã cấp giấy phép số 12/GP-ATBX cho cơ sở X-quang của bệnh viện.")
