"""archive/image_check.py in the served archive: an image file is served only when it holds what
its name says, so a file cut short or altered on disk is never shown as the archived image."""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
from pathlib import Path

import pytest

from archive.image_check import DAMAGED
from archive.publish import make_datasette


@pytest.fixture
def archive(demo_archive: Path, tmp_path: Path) -> Path:
    db_path = tmp_path / "demo.db"
    shutil.copy(demo_archive, db_path)
    shutil.copytree(demo_archive.with_name("demo-images"), tmp_path / "demo-images")
    return db_path


def images(db_path: Path) -> list[str]:
    with sqlite3.connect(db_path) as conn:
        query = "SELECT DISTINCT path FROM images WHERE path IS NOT NULL ORDER BY path LIMIT 2"
        return [path for (path,) in conn.execute(query)]


def test_an_intact_image_is_served_and_a_damaged_one_is_not(archive: Path) -> None:
    whole, damaged = images(archive)
    folder = archive.with_name("demo-images")
    content = (folder / damaged).read_bytes()
    (folder / damaged).write_bytes(content[: len(content) // 2])  # cut short on disk
    datasette = make_datasette(archive)

    async def fetch(path: str):
        return await datasette.client.get(path)

    served = asyncio.run(fetch(f"/images/{whole}"))
    refused = asyncio.run(fetch(f"/images/{damaged}"))
    assert served.status_code == 200 and served.content == (folder / whole).read_bytes()
    assert refused.status_code == 404 and refused.text == DAMAGED
    assert asyncio.run(fetch("/images/no/such-file.jpg")).status_code == 404
