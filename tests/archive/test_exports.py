"""Full exports: 10,000 matching rows of an archive through Datasette's streamed CSV and through
`khcn export` (CSV, JSON Lines, Parquet), every row exactly once, no helper column, UTF-8."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from archive import store
from archive.db import open_db
from archive.export import COLUMNS
from archive.publish import make_datasette
from portals.cli import cli

MATCHING = 10_000
OTHERS = 600


def record(number: int) -> dict:
    topic = "thủy canh rau sạch" if number < MATCHING else "đo lường xăng dầu"
    # many articles share a day, and some have none: the sort keys of a paginated export
    published = None if number % 97 == 0 else f"2024-{number % 12 + 1:02d}-01T00:00:00+07:00"
    return {
        "url": f"http://example-khcn.test/bai-{number}.html", "site": "hpstic",
        "title": f"Mô hình {topic} số {number}", "body_text": f"Đề tài {topic} tại Đông Hưng.",
        "body_html": "<p>x</p>", "published": published,
        "fetched_at": "2024-07-01T00:00:00+00:00", "images": [],
    }  # fmt: skip


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("exports") / "big.db"
    db = open_db(path)
    store.save_site(db, {"slug": "hpstic", "name": "hpstic"})
    store.save_articles(db, [record(n) for n in range(MATCHING + OTHERS)])
    db.close()
    return path


def test_datasette_streams_every_matching_row_once(archive: Path) -> None:
    datasette = make_datasette(archive)

    async def fetch() -> str:
        response = await datasette.client.get(
            "/big/articles.csv?_search=thuy+canh&_stream=on&_size=max"
        )
        assert response.status_code == 200
        return response.text

    rows = list(csv.DictReader(io.StringIO(asyncio.run(fetch()))))
    ids = [row["id"] for row in rows]
    assert len(ids) == MATCHING and len(set(ids)) == MATCHING
    assert "search_folded" not in rows[0]
    assert rows[0]["title"].startswith("Mô hình thủy canh")


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_khcn_export_writes_every_matching_row_once(archive: Path, tmp_path: Path, fmt: str):
    out = tmp_path / f"export.{fmt}"
    result = CliRunner().invoke(
        cli, ["export", "--db", str(archive), "-q", "thuy canh", "--format", fmt, "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert f"{MATCHING} articles" in result.output
    if fmt == "csv":
        raw = out.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")  # the BOM spreadsheets need to read UTF-8
        rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
        header = list(rows[0])
    elif fmt == "jsonl":
        rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        header = list(rows[0])
    else:
        table = pq.read_table(out)
        rows, header = table.to_pylist(), table.column_names
    assert header == list(COLUMNS)
    ids = {str(row["id"]) for row in rows}
    assert len(rows) == len(ids) == MATCHING
    assert all("thủy canh" in row["title"] for row in rows)


def test_khcn_export_filters(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "june.jsonl"
    args = ["export", "--db", str(archive), "--since", "2024-06-01", "--until", "2024-06-30",
            "-q", "xang dau", "--format", "jsonl", "-o", str(out)]  # fmt: skip
    assert CliRunner().invoke(cli, args).exit_code == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    expected = [n for n in range(MATCHING, MATCHING + OTHERS) if n % 12 == 5 and n % 97]
    assert sorted(int(row["url"].rsplit("-", 1)[1][:-5]) for row in rows) == expected
