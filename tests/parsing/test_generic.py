"""The generic extractor on whole pages of the development set (tests/fixtures/_generic_dev/):
an article split over several rich-text fields is read whole, a lead box before the text is
its first paragraph and its summary, a credit and a dateline above the text are the author and
a date line."""

from __future__ import annotations

import tomllib

import lxml.html

from portals.items import Article
from portals.parsing.article import parse_article
from portals.parsing.generic import find_main_text, find_title
from tests.conftest import FIXTURES

DEV = FIXTURES / "_generic_dev"


def dev_article(name: str) -> Article:
    manifest = tomllib.loads((DEV / "manifest.toml").read_text(encoding="utf-8"))
    url = next(url for url, file in manifest["pages"].items() if file == name)
    return parse_article((DEV / name).read_text(encoding="utf-8"), url, None)


def test_a_text_split_over_sibling_fields_is_read_whole() -> None:
    article = dev_article("en-sharepoint-hanoi-lean-productivity.html")
    assert "\nThe support package covers training" in article.body_text
    # the second rich-text field, after an image, and its last paragraph before the byline
    assert "Ms. Nguyen Thi Thanh Hoa, director of a packaging company" in article.body_text
    assert article.body_text.rstrip().endswith("after the programme ends.")
    assert article.author == "Thu Hang - Duc Anh"
    assert "Print" not in article.body_text and "Related" not in article.body_text


def test_a_lead_box_before_the_text_is_its_first_paragraph_and_its_summary() -> None:
    article = dev_article("en-sharepoint-hanoi-lean-productivity.html")
    lead = "In 2021, the Hanoi Department of Science and Technology has helped 45 small"
    assert article.summary is not None and article.summary.startswith(lead)
    assert article.methods["summary"] == "lead-box"
    assert article.body_text.startswith(lead)


def test_a_credit_and_a_dateline_above_the_text() -> None:
    article = dev_article("en-dnn-thuathienhue-lagoon-monitoring.html")
    assert article.author == "Tran Minh Duc"
    assert article.published is not None and article.published.date().isoformat() == "2020-10-22"
    assert article.body_text.startswith("The Thua Thien Hue Department of Science and Technology")


def test_a_headline_in_a_plain_layout_cell_beats_a_sidebar_portlet_heading() -> None:
    """IBM WebSphere: the portlet <h2>s name the section and the side boxes; the headline is a
    bare table cell, which trafilatura takes for the text's first line."""
    page = """<html><head><title>Tin hoạt động</title></head><body>
    <div><h2 class="wpthemeTitle"><a href="/tin">Tin hoạt động</a></h2>
    <table><tr><td class="bai">Hội thảo góp ý hồ sơ đăng ký chỉ dẫn địa lý cho hồ tiêu Phú Quốc
    </td></tr>
    <tr><td>Ngày xuất bản: 27.02.2024</td></tr>
    <tr><td><p>Sáng 23/2, Sở Khoa học và Công nghệ tổ chức hội thảo góp ý hồ sơ đăng ký chỉ dẫn
    địa lý cho sản phẩm hồ tiêu của thành phố Phú Quốc với sự tham gia của các nhà khoa học.</p>
    <p>Hồ sơ gồm bản mô tả tính chất đặc thù, bản đồ khu vực địa lý và quy trình kiểm soát chất
    lượng do Viện Nghiên cứu rau quả xây dựng trong hai năm qua cùng các hộ trồng tiêu.</p>
    <p>Các đại biểu đề nghị bổ sung số liệu phân tích hàm lượng piperin và tinh dầu của các mẫu
    tiêu thu tại sáu xã, phường trước khi nộp hồ sơ lên Cục Sở hữu trí tuệ trong quý II.</p>
    </td></tr></table></div>
    <div><h2 class="wpthemeTitle">Thống kê truy cập</h2><p>Hôm nay: 402</p></div>
    </body></html>"""
    root = lxml.html.fromstring(page)
    main = find_main_text(root, page, "https://sokhcn.kiengiang.gov.vn/wps/portal/bai")
    _, title = find_title(root, main, None)
    assert title == "Hội thảo góp ý hồ sơ đăng ký chỉ dẫn địa lý cho hồ tiêu Phú Quốc"


def test_a_sharepoint_list_items_display_form_gives_its_fields_not_its_labels() -> None:
    """SharePoint's DispForm.aspx: label cells beside value cells; the family reads the date and
    author fields and leaves the labels and short fields out of the body."""
    rows = [("Tiêu đề", "SPFieldText", "Nghiệm thu đề tài nhân giống lan Hồ điệp quy mô lớn"),
            ("Ngày đăng", "SPFieldDateTime", "14/03/2024"),
            ("Nội dung", "SPFieldNote", "<div class='ms-rtestate-field'><p>Ngày 12/3, Hội đồng "
             "khoa học tỉnh nghiệm thu đề tài nhân giống lan Hồ điệp bằng nuôi cấy mô tại Đà Lạt "
             "với quy mô 200.000 cây mỗi năm.</p><p>Quy trình giúp giảm 30% giá thành cây giống "
             "so với nhập khẩu và được chuyển giao cho hai doanh nghiệp của tỉnh.</p></div>"),
            ("Tác giả", "SPFieldText", "Phạm Quang Huy"),
            ("Lượt xem", "SPFieldNumber", "1.086")]  # fmt: skip
    cells = "".join(
        f'<tr><td class="ms-formlabel"><h3><nobr>{label}</nobr></h3></td>'
        f'<td class="ms-formbody" id="{kind}">{value}</td></tr>'
        for label, kind, value in rows
    )
    page = (
        "<html><head><title>Tin tức</title></head><body><div>Skip Ribbon Commands</div>"
        f'<table class="ms-formtable">{cells}</table></body></html>'
    )
    article = parse_article(
        page, "https://w3.lamdong.gov.vn/sites/skhcn/Lists/TinTuc/DispForm.aspx?ID=512", None
    )
    assert article.published.date().isoformat() == "2024-03-14"
    assert article.author == "Phạm Quang Huy"
    assert article.body_text.split("\n\n") == [
        "Ngày 12/3, Hội đồng khoa học tỉnh nghiệm thu đề tài nhân giống lan Hồ điệp bằng nuôi cấy "
        "mô tại Đà Lạt với quy mô 200.000 cây mỗi năm.",
        "Quy trình giúp giảm 30% giá thành cây giống so với nhập khẩu và được chuyển giao cho hai "
        "doanh nghiệp của tỉnh.",
    ]
