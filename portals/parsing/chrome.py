"""Portal chrome recognised by what it says, not by class names: the font-size bar, view and
visitor counters, posted-on lines, print / e-mail / share bars, rating widgets, back-to-top
links and the headings of "other news" lists, in Vietnamese and English. Each test is on one
whole line of text (a paragraph of the body, a line of trafilatura's text): prose that merely
mentions a view or a share is never chrome."""

from __future__ import annotations

import re

MAX_CHROME_CHARS = 120

_DATE = r"-?\d{1,4}[/.\-]\d{1,2}(?:[/.\-]\d{2,4})?"  # "-0001-11-30": a CMS zero date
_TIME = r"\d{1,2}[:h]\d{2}(?::\d{2})?(?:\s*(?:[AaPp][Mm]|SA|CH)\b)?"  # SA / CH: a.m. / p.m.
_LABEL_DATE = re.compile(
    r"(?:ngày đăng|đăng ngày|ngày đăng tin|ngày cập nhật|"
    r"cập nhật(?: lúc| ngày| lần cuối)?|"
    r"ngày xuất bản|xuất bản|thời gian(?: đăng| cập nhật)?|ngày viết|ngày|posted(?: on)?|"
    r"published(?: on)?|"
    r"updated?(?: on)?|last updated|date)\s*:?\s*(?P<date>"
    rf"(?:(?:lúc\s+)?{_TIME}\s+(?:ngày\s+)?)?"  # "Cập nhật lúc 14:05 ngày 05/04/2023"
    r"(?:(?:thứ\s+\S+|chủ nhật|\S+),?\s+)?"
    rf"(?:{_DATE}|\d{{1,2}}\s+tháng\s+\d{{1,2}}\s+năm\s+\d{{4}}|[A-Z][a-z]+\s+\d{{1,2}},\s*\d{{4}}|"
    rf"\d{{1,2}}\s+[A-Z][a-z]+\s+\d{{4}})(?:[,\s]+(?:lúc\s+)?{_TIME})?)",
    re.IGNORECASE,
)
# A date standing alone, as a header line prints the article's: "Thứ Năm, 07/12/2023",
# "07/12/2023 15:20", SharePoint's "Thứ 4, Ngày 16/08/2023, 15:30" (a full date: "06/11" alone
# may open a sentence)
_BARE_DATE = re.compile(
    r"(?P<date>(?:(?:thứ\s+\S+|chủ nhật),?\s+(?:ngày\s+)?)?\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4}"
    rf"(?:[,\s]+(?:lúc\s+)?{_TIME})?)",
    re.IGNORECASE,
)
_BARE_TIME = re.compile(_TIME)
_PARTS = re.compile(r"\s*(?:\||·|•|¦|\s-\s|–|—)\s*")
_COUNTER = re.compile(
    r"(?:lượt xem|số lượt xem|lượt đọc|số lượt đọc|số lần đọc|số lần xem|lần xem|đã xem|đọc|"
    r"xem|views?|hits?|reads?|"
    r"lượt truy cập|tổng lượt truy cập|tổng truy cập|đang truy cập|đang online|trực tuyến|"
    r"hôm nay|hôm qua|tuần này|tháng này|tổng cộng|online|visitors?|"
    r"bình luận|comments?|lượt thích|likes?)\s*:?\s*\(?[\d.,]+\)?(?:\s*(?:lượt|lần|người|views?))?",
    re.IGNORECASE,
)
_COUNT_FIRST = re.compile(
    r"[\d.,]+\s+(?:lượt xem|lượt đọc|lần đọc|views?|reads?|bình luận|comments?)", re.IGNORECASE
)
_FONT_BAR = re.compile(
    r"(?:cỡ chữ|kích thước chữ|kích cỡ chữ|phông chữ|font ?size|text size|font)\s*:?.*", re.I
)
_FONT_WORDS = re.compile(
    r"a\s*-|a\s*\+|giảm|tăng|mặc định|nhỏ|lớn|smaller|larger|default|reset", re.IGNORECASE
)
_RATING = re.compile(
    r"(?:đánh giá(?: bài viết)?|bình chọn|xếp hạng|rate(?: this)?(?: article| post)?|rating)"
    r"\s*:?\s*(?:[★☆✩✭✰*]+|\d[\d.,/]*)?[\s★☆✩✭✰*]*(?:\(?\d+\s*(?:lượt|phiếu|votes?)\)?)?",
    re.IGNORECASE,
)
_RATING_HINT = re.compile(  # "Đánh giá (Di chuột vào ngôi sao để chọn điểm)"
    r"(?:đánh giá|bình chọn|rate|rating)\b[^.!?]{0,60}\b(?:ngôi sao|số sao|sao|stars?)\b[^.!?]*",
    re.IGNORECASE,
)
_ACTIONS = (
    "in bài viết|in bài|in tin|in trang|in ấn|bản in|in|print this page|print this|print article|"
    "print|"
    "gửi email|gửi e-mail|gửi mail|gửi bài viết|gửi bài|gửi cho bạn bè|gửi tin|gửi|email|e-mail|"
    "mail|send|share this|share|chia sẻ bài viết|chia sẻ|facebook|zalo|twitter|tweet|linkedin|"
    "x|like|thích|lưu bài viết|lưu bài|lưu|bookmark|save|pdf|tải về|download|phản hồi|góp ý|"
    "ý kiến bạn đọc|gửi ý kiến|bình luận|comments?|quay lại|trở về|trở lại|back|về đầu trang|"
    "lên đầu trang|đầu trang|về đầu|back to top|top|lên trên|xem thêm|đóng|close|trang trước|"
    "trang sau|bài trước|bài sau|previous|next"
)
_ACTION_BAR = re.compile(
    rf"(?:[|·•/,;:\-»«↑▲^\[\]()]\s*)*(?:(?:{_ACTIONS})(?:(?:\s*[|·•/,;:\-»«↑▲^\[\]()]\s*)+|\s+|$))+",
    re.IGNORECASE,
)
RELATED_HEADING = re.compile(
    r"(?:các |những )?(?:tin|bài|bài viết|tin tức|tin bài) (?:liên quan|khác|đã đưa|cùng "
    r"chuyên mục|cùng loại|mới hơn|cũ hơn|mới|đọc nhiều|xem nhiều)(?: khác)?\s*:?|xem thêm\s*:?|"
    r"related (?:news|articles|posts|stories)\s*:?|other (?:news|articles)\s*:?|"
    r"more (?:news|stories|articles)\s*:?|see also\s*:?|read more\s*:?",
    re.IGNORECASE,
)


def is_chrome(line: str) -> bool:
    """A line that is page chrome (a counter, a bar of actions, a posted-on line...)."""
    text = line.strip()
    if not text or len(text) > MAX_CHROME_CHARS:
        return False
    parts = [p for p in _PARTS.split(text) if p.strip()]
    return bool(parts) and all(_chrome_part(part) for part in parts)


_IMPRINT_MARKS = re.compile(
    r"©|\bcopyright\b|bản quyền|all rights reserved|giấy phép(?: số)?|chịu trách nhiệm|"
    r"ghi rõ nguồn|trích dẫn nguồn|điện thoại\s*:|\btel\s*:|\bphone\s*:|\bfax\s*:|e-?mail\s*:|"
    r"địa chỉ\s*:|\baddress\s*:|cơ quan chủ quản|website\s*:",
    re.IGNORECASE,
)
IMPRINT_MARKS = 2


def is_imprint(line: str) -> bool:
    """A line of the page's imprint (the footer's owner, address, telephone, licence and
    copyright run together): two of its marks in one line. Prose giving one contact ("điện
    thoại: …") or naming a licence is not."""
    return len({m.group(0).casefold() for m in _IMPRINT_MARKS.finditer(line)}) >= IMPRINT_MARKS


def posted_date(line: str) -> str | None:
    """The date a chrome line prints as the article's ("Ngày đăng: 05-05-2021 | Lượt xem:
    120" -> "05-05-2021"), or None."""
    if not is_chrome(line):
        return None
    for part in _PARTS.split(line.strip()):
        for item in _ITEM_START.split(part.strip()):
            match = _LABEL_DATE.fullmatch(item.strip()) or _BARE_DATE.fullmatch(item.strip())
            if match:
                return match["date"]
    return None


# Where a bar run together without separators ("Lượt xem: 431 Print Cỡ chữ: A- A A+") is cut
# into its items: before each label a chrome item begins with
_ITEM_START = re.compile(
    r"\s+(?=(?:lượt xem|số lượt xem|lượt đọc|số lần đọc|số lần xem|cỡ chữ|kích thước chữ|"
    r"kích cỡ chữ|font ?size|text size|ngày đăng|đăng ngày|ngày cập nhật|cập nhật|đánh giá|"
    r"bình chọn|views?|posted|published|updated|print|in bài|in trang|bản in|gửi|chia sẻ|share)\b)",
    re.IGNORECASE,
)


def _chrome_part(part: str) -> bool:
    """One part of a line is chrome, whole or as items run together."""
    if _chrome_item(part):
        return True
    pieces = _ITEM_START.split(part.strip())
    if len(pieces) < 2:
        return False
    items = [pieces[0]]
    for piece in pieces[1:]:  # "Số" + "lượt xem 1.284": a label cut at a word inside it
        if _chrome_item(items[-1]):
            items.append(piece)
        else:
            items[-1] = f"{items[-1]} {piece}"
    return all(_chrome_item(item) for item in items)


def _chrome_item(part: str) -> bool:
    part = part.strip(" :.")
    if not part:
        return True
    if _COUNTER.fullmatch(part) or _COUNT_FIRST.fullmatch(part) or _LABEL_DATE.fullmatch(part):
        return True
    if _BARE_DATE.fullmatch(part) or _BARE_TIME.fullmatch(part):  # "Ngày đăng: … | 10:24"
        return True
    if _FONT_BAR.fullmatch(part) and (_FONT_WORDS.search(part) or len(part) < 12):
        return True
    if (_RATING.fullmatch(part) or _RATING_HINT.fullmatch(part)) and len(part) <= 70:
        return True
    if re.fullmatch(r"[★☆✩✭✰*\s]+(?:\(?\d+\s*(?:lượt|phiếu|votes?)\)?)?", part):
        return True
    return bool(_ACTION_BAR.fullmatch(part))
