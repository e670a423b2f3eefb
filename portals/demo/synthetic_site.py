"""A synthetic provincial S&T portal of any size, for crash, scale and speed tests: listing pages
of 20 links, article pages of realistic size with sidebars, counters and footers, Vietnamese
text with frequent đ, one own image per article plus a logo every article shares. It is written
as a replay snapshot (``manifest.toml`` + files) and a site definition, so the real crawler
crawls it through the replay server exactly as it crawls the bundled fixtures.

    python -m portals.demo.synthetic_site OUT_DIR --articles 2000
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

HOST = "http://synthetic-khcn.test"
# Crawl options for a large local site: more requests at a time, warnings only in the log.
BULK_CRAWL = ("-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16", "-s", "LOG_LEVEL=WARNING")
SLUG = "synthetic"
PER_PAGE = 20
SENTENCES = [
    "Sở Khoa học và Công nghệ tỉnh đã tổ chức hội đồng đánh giá, nghiệm thu đề tài cấp tỉnh",
    "Đề tài được triển khai tại các huyện vùng đồng bằng với sự tham gia của đông đảo nông dân",
    "Đại diện lãnh đạo Sở đánh giá cao kết quả đạt được và đề nghị nhân rộng mô hình",
    "Hội đồng thống nhất nghiệm thu đề tài, xếp loại đạt và đề nghị hoàn thiện hồ sơ",
    "Chương trình chuyển đổi số của tỉnh đưa dịch vụ công trực tuyến đến mọi người dân",
    "Đoàn kiểm tra đo lường, chất lượng đã làm việc tại các cửa hàng kinh doanh xăng dầu",
    "Các doanh nghiệp được hỗ trợ đăng ký bảo hộ quyền sở hữu trí tuệ cho sản phẩm chủ lực",
    "Trung tâm Ứng dụng tiến bộ khoa học và công nghệ đã chuyển giao quy trình cho hợp tác xã",
    "Đội ngũ cán bộ khoa học trẻ được đào tạo, bồi dưỡng kỹ năng đổi mới sáng tạo",
    "Hệ thống quản lý chất lượng theo tiêu chuẩn quốc gia được áp dụng tại cơ quan hành chính",
    "Đề án phát triển thị trường khoa học và công nghệ đến năm 2030 đã được phê duyệt",
    "Nhiều sáng kiến của đoàn viên thanh niên được đánh giá cao tại hội thi sáng tạo kỹ thuật",
    "Đơn vị chủ trì đã xây dựng thành công mô hình sản xuất giống cây trồng chất lượng cao",
    "Địa phương tiếp tục đẩy mạnh ứng dụng công nghệ thông tin trong quản lý nhà nước",
    "Hội thảo thu hút đông đảo nhà khoa học, chuyên gia và doanh nghiệp trên địa bàn",
    "Kết quả nghiên cứu góp phần nâng cao năng suất, chất lượng và giá trị nông sản",
]
PLACES = ["Đông Hưng", "Đức Thọ", "Điện Bàn", "Đồng Xoài", "Đầm Hà", "Hải Hậu", "Tiên Lãng",
          "Thủy Nguyên", "Cẩm Xuyên", "Long Xuyên", "Châu Thành", "Mỹ Tho"]  # fmt: skip
# Bylines as the portals print them under an article: a name, sometimes with the unit.
AUTHORS = ["Thu Hà", "Minh Anh", "Nguyễn Văn Hùng", "Trần Thị Lan (Trung tâm Thông tin KH&amp;CN)",
           "Lê Đức Minh", "Phạm Thị Hương", "Đặng Quốc Toản", "Hoàng Yến"]  # fmt: skip
SIDEBAR = "".join(
    f'<li><a href="/lien-ket/{i}.html">Liên kết website số {i}: Cổng thông tin điện tử</a></li>'
    for i in range(40)
)
MENU = "".join(f'<li><a href="/chuyen-muc/{i}.html">Chuyên mục {i}</a></li>' for i in range(12))


@dataclass(frozen=True)
class SyntheticSite:
    """Where a generated portal lives: the snapshot folder and the site-definition folder."""

    snapshot: Path
    definitions: Path
    slug: str
    listing_url: str
    article_urls: list[str]


def build(
    folder: str | Path, articles: int, seed: int = 2025, filler_kb: int = 30
) -> SyntheticSite:
    """Write a portal of ``articles`` articles (newest first) under ``folder``."""
    folder = Path(folder)
    snapshot, definitions = folder / "snapshot", folder / "sites"
    snapshot.mkdir(parents=True, exist_ok=True)
    definitions.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    filler = _filler(rng, filler_kb)
    pages: dict[str, str] = {f"{HOST}/robots.txt": "robots.txt"}
    (snapshot / "robots.txt").write_text("User-agent: *\nDisallow: /quan-tri/\n", encoding="utf-8")
    urls = []
    day = date(2025, 6, 30)
    items = []
    for number in range(1, articles + 1):
        title = _title(rng, number)
        published = day - timedelta(days=number // 3)
        url = f"{HOST}/tin-tuc/bai-viet-{number}.html"
        name = f"a{number}.html"
        (snapshot / name).write_text(_article(rng, number, title, published, filler), "utf-8")
        pages[url] = name
        urls.append(url)
        items.append((url, title, published))
    listing = f"{HOST}/tin-tuc"
    page_count = (articles + PER_PAGE - 1) // PER_PAGE
    for page in range(1, page_count + 2):  # one page past the end: answers with no item
        chunk = items[(page - 1) * PER_PAGE : page * PER_PAGE]
        name = f"list{page}.html"
        (snapshot / name).write_text(_listing(chunk, page, page_count), encoding="utf-8")
        pages[listing if page == 1 else f"{listing}?page={page}"] = name
    lines = ["[pages]"] + [f'"{u}" = "{n}"' for u, n in pages.items()]
    (snapshot / "manifest.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (definitions / f"{SLUG}.toml").write_text(DEFINITION, encoding="utf-8")
    return SyntheticSite(snapshot, definitions, SLUG, listing, urls)


DEFINITION = f'''# A synthetic portal for crash, scale and speed tests (portals.demo.synthetic_site)
slug = "{SLUG}"
name = "Sở Khoa học và Công nghệ tỉnh Thử Nghiệm"
department = "Sở Khoa học và Công nghệ Thử Nghiệm"
province = "Thử Nghiệm"
province_current = "Thử Nghiệm"
homepage = "{HOST}/"
hosts = ["synthetic-khcn.test"]
platform = "custom"
status = "live"
listing_urls = ["{HOST}/tin-tuc"]
article_url_pattern = '^{HOST.replace(".", chr(92) + ".")}/tin-tuc/bai-viet-(?P<id>\\d+)\\.html$'
min_links_per_listing = 1
notes = "Generated."

[pagination]
kind = "query"
max_pages = 100000

[selectors]
listing_links = ".list-news .item h3 a"
title = ".detail h1.title"
date = ".detail .date"
category = ".detail .cat"
body = ".detail .content"
'''


def _title(rng: random.Random, number: int) -> str:
    return f"{rng.choice(SENTENCES)} tại {rng.choice(PLACES)} (số {number})"


def _filler(rng: random.Random, kilobytes: int) -> str:
    """Sidebar and footer chrome: most of a real portal page's bytes are not the article."""
    parts = []
    while sum(len(p) for p in parts) < kilobytes * 1024:
        parts.append(f"<p class='tin-khac'><a href='/tin-tuc/khac-{rng.randrange(10**6)}.html'>"
                     f"{rng.choice(SENTENCES)}</a></p>")  # fmt: skip
    return "".join(parts)


def _article(rng: random.Random, number: int, title: str, published: date, filler: str) -> str:
    paragraphs = []
    for _ in range(rng.randrange(6, 12)):
        sentences = [rng.choice(SENTENCES) + f" ở {rng.choice(PLACES)}" for _ in range(3)]
        paragraphs.append("<p>" + ". ".join(sentences) + ".</p>")
    image = f'<p style="text-align:center"><img src="/uploads/{number}.jpg" /></p>'
    caption = f'<p style="text-align:center"><em>Ảnh minh họa số {number}.</em></p>'
    paragraphs.insert(1, image + caption)
    paragraphs.append('<p><img src="/uploads/chung/logo-so.png" alt="Logo Sở KH&amp;CN" /></p>')
    paragraphs.append(
        f"<p style='text-align:right'><strong>{AUTHORS[number % len(AUTHORS)]}</strong></p>"
    )
    return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>{title}</title><script>var ga = 'UA-{number}';</script></head><body>
<div class="header"><span class="today">Thứ Hai, 30/06/2025</span><ul class="menu">{MENU}</ul></div>
<div class="left"><div class="box">Thống kê truy cập: Đang trực tuyến: {number * 7 % 997}</div>
<ul>{SIDEBAR}</ul></div>
<div class="detail"><div class="cat">Tin hoạt động</div><h1 class="title">{title}</h1>
<div class="date">Ngày đăng: {published:%d/%m/%Y}</div>
<div class="content">{"".join(paragraphs)}</div></div>
<div class="other">{filler}</div>
<div class="footer">Copyright © Sở KH&amp;CN · Giấy phép số 12/GP-STTTT</div></body></html>"""


def _listing(items: list[tuple[str, str, date]], page: int, pages: int) -> str:
    rows = "".join(
        f'<div class="item"><h3><a href="{url}">{title}</a></h3>'
        f"<span>({published:%d/%m/%Y})</span></div>"
        for url, title, published in items
    )
    following = f'<a href="?page={page + 1}">Trang sau</a>' if page < pages else ""
    return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Tin tức</title>
</head><body><ul class="menu">{MENU}</ul><div class="list-news">{rows}</div>
<div class="paging">{following}</div></body></html>"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--articles", type=int, default=2000)
    args = parser.parse_args()
    site = build(args.folder, args.articles)
    print(f"{len(site.article_urls)} articles: snapshot {site.snapshot}, sites {site.definitions}")


if __name__ == "__main__":
    main()
