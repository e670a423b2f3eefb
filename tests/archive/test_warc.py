"""WARC files as written by the crawler: whole gzip members, read back by warcio unchanged."""

from __future__ import annotations

import gzip
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from archive.warc import Capture, WarcFolder, iter_responses, repair, warc_files
from tests.conftest import small_filesystem

PAGE = ("<html><body><p>Sở Khoa học và Công nghệ tỉnh Hải Phòng tổ chức hội nghị.</p>"
        * 200 + "</body></html>").encode()  # fmt: skip
PHOTO = b"\xff\xd8\xff\xe0" + os.urandom(40_000)


def _write(folder: WarcFolder, url: str, content_type: str, body: bytes) -> Capture:
    return folder.write(
        url, "GET", {"User-Agent": "khcn-archive"}, b"", 200,
        [("Content-Type", content_type)], body, datetime(2025, 6, 9, tzinfo=UTC),
    )  # fmt: skip


def test_pages_are_compressed_and_photos_stored_as_they_are(tmp_path: Path) -> None:
    warc = WarcFolder(tmp_path)
    page = _write(warc, "http://hpstic.vn/tin.html", "text/html; charset=utf-8", PAGE)
    photo = _write(warc, "http://hpstic.vn/anh.jpg", "image/jpeg", PHOTO)
    warc.close()
    page_member = (tmp_path / page.file).read_bytes()[page.offset : page.offset + page.length]
    photo_member = (tmp_path / photo.file).read_bytes()[photo.offset : photo.offset + photo.length]
    assert len(page_member) < len(PAGE) / 10  # repetitive text, deflated
    # level 0: the photo's bytes as they are in stored deflate blocks (a few bytes of framing)
    assert len(PHOTO) < len(photo_member) < len(PHOTO) + 1000
    assert PHOTO in gzip.decompress(photo_member)
    assert PAGE in gzip.decompress(page_member)


def test_every_record_reads_back_with_warcio(tmp_path: Path) -> None:
    warc = WarcFolder(tmp_path)
    for n in range(3):
        _write(warc, f"http://hpstic.vn/anh-{n}.jpg", "image/jpeg", PHOTO)
        _write(warc, f"http://hpstic.vn/tin-{n}.html", "text/html", PAGE)
    warc.close()
    bodies = {r.url: r.body for r in iter_responses(tmp_path)}
    assert len(bodies) == 6
    assert bodies["http://hpstic.vn/anh-2.jpg"] == PHOTO
    assert bodies["http://hpstic.vn/tin-1.html"] == PAGE
    kinds = []
    for name in sorted(os.listdir(tmp_path)):
        with open(tmp_path / name, "rb") as stream:
            kinds += [record.rec_type for record in ArchiveIterator(stream)]
    assert kinds.count("response") == 6 and kinds.count("request") == 6


def test_a_full_disk_never_leaves_a_partial_record(tmp_path: Path) -> None:
    """WARC files on a 256 KB filesystem filled to the last byte: each write is a whole record
    or nothing, the file reads back whole, and writing works again once space is back."""
    with small_filesystem(tmp_path / "small", "256k") as folder:
        warc = WarcFolder(folder)
        body = os.urandom(20_000)  # incompressible: every record takes its room
        written = 0
        with pytest.raises(OSError):
            for number in range(100):
                warc.write(
                    f"http://example.vn/{number}", "GET", {}, b"", 200,
                    [("Content-Type", "image/jpeg")], body, datetime.now(UTC),
                )  # fmt: skip
                written += 1
        assert 0 < written < 100
        assert repair(folder) == []  # nothing to cut: the file ends with a whole record
        assert len(list(iter_responses(folder))) == written
        warc.close()
        for name in warc_files(folder):
            (folder / name).unlink()  # space back
        again = WarcFolder(folder)
        again.write("http://example.vn/again", "GET", {}, b"", 200, [], b"<html></html>",
                    datetime.now(UTC))  # fmt: skip
        again.close()
        assert [r.url for r in iter_responses(folder)] == ["http://example.vn/again"]
