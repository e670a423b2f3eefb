"""The `khcn` command line: extract, sites, crawl argument errors, demo and a real `khcn serve`."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from portals.cli import cli
from portals.registry import all_sites
from tests.conftest import FIXTURES, khcn_serve, saved_page

SEED = saved_page("hpstic", "article-so-ket-6-thang-2024.html")
SEED_TITLE = (
    "Sở Khoa học và Công nghệ sơ kết công tác 6 tháng đầu năm, bổ khuyết nhiệm vụ "
    "6 tháng cuối năm 2024"
)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def test_extract_prints_the_seed_article() -> None:
    code, output = run("extract", str(SEED.path), "--url", SEED.url)
    assert code == 0
    article = json.loads(output)
    assert article["title"] == SEED_TITLE
    assert article["published"] == "2024-06-21T00:00:00+07:00"
    assert (article["author"], article["author_org"]) == ("Trần Hùng", "Sở KH&CN Hải Phòng")
    assert article["body_text"].startswith("Chiều 20/6")
    assert article["body_text"].endswith("6 tháng đầu năm 2024./.")
    assert [image["caption"] for image in article["images"]][:1] == ["Quang cảnh Hội nghị."]
    assert len(article["images"]) == 4 and all(image["url"] for image in article["images"])
    assert article["site"] == "hpstic" and article["methods"]["body"] == "selector"


def test_extract_falls_back_to_the_generic_extractor_for_unknown_hosts() -> None:
    url = "https://sokhcn.example-tinh.gov.vn/tin-tuc/so-ket-6-thang-21437.html"
    code, output = run("extract", str(SEED.path), "--url", url)
    assert code == 0
    article = json.loads(output)
    assert article["site"] == "" and article["methods"]["body"] == "trafilatura"
    assert article["title"] == SEED_TITLE
    assert article["published"] == "2024-06-21T00:00:00+07:00"
    assert article["author"] == "Trần Hùng"
    assert article["body_text"].startswith("Chiều 20/6")
    assert article["body_text"].endswith("2024./.")
    assert "Các tin khác" not in article["body_text"] and "Tổng truy cập" not in output
    assert next(image["caption"] for image in article["images"]) == "Quang cảnh Hội nghị."


def test_extract_reads_standard_input() -> None:
    result = CliRunner().invoke(cli, ["extract", "-", "--url", SEED.url], input=SEED.html)
    assert result.exit_code == 0 and json.loads(result.output)["title"] == SEED_TITLE


def test_extract_of_a_page_without_an_article_is_a_clear_error() -> None:
    result = CliRunner().invoke(
        cli, ["extract", "-", "--url", "http://hpstic.vn/x.html"], input="<html><body></body>"
    )
    assert result.exit_code == 1 and "no-title" in result.output


def test_extract_reads_a_folder_as_json_lines_with_the_manifest_urls(tmp_path: Path) -> None:
    folder = FIXTURES / "hpstic"
    (tmp_path / "broken.html").write_text("<html><body>Trang đang bảo trì</body></html>")
    result = CliRunner().invoke(cli, ["extract", str(folder), str(tmp_path / "broken.html")])
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    saved = sorted(folder.glob("*.html"))
    assert [line["file"] for line in lines] == [*map(str, saved), str(tmp_path / "broken.html")]
    by_file = {Path(line["file"]).name: line for line in lines}
    assert by_file[SEED.path.name]["url"] == SEED.url  # from the folder's manifest.toml
    assert by_file[SEED.path.name]["article"]["title"] == SEED_TITLE
    assert by_file[SEED.path.name]["article"]["site"] == "hpstic"
    assert by_file["broken.html"]["url"] == (tmp_path / "broken.html").as_uri()
    assert by_file["broken.html"]["error"].startswith("no-")
    assert result.exit_code == 1  # a page without an article
    assert f"{len(lines)} pages" in result.stderr


def test_extract_generic_ignores_the_site_definition() -> None:
    code, output = run("extract", str(SEED.path), "--url", SEED.url, "--generic", "--jsonl")
    (line,) = [json.loads(text) for text in output.splitlines() if text.startswith("{")]
    assert code == 0 and line["article"]["site"] == "" and line["article"]["title"] == SEED_TITLE
    assert line["article"]["methods"]["body"] != "selector"


def test_sites_lists_the_registry() -> None:
    code, output = run("sites", "--json")
    sites = {site["slug"]: site for site in json.loads(output)}
    assert code == 0 and sites["hpstic"]["province_current"] == "Hải Phòng"
    code, output = run("sites")
    assert code == 0 and any(line.startswith("hpstic ") for line in output.splitlines())


def test_crawl_of_an_unknown_site_says_which_sites_exist(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["crawl", "nosuchsite", "--db", str(tmp_path / "a.db")])
    assert result.exit_code == 1
    assert "unknown site 'nosuchsite'" in result.output and "hpstic" in result.output


def get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


def test_serve_publishes_the_demo_archive_on_loopback(demo_archive: Path) -> None:
    with khcn_serve(demo_archive) as root:
        base = f"{root}/demo"
        rows = get_json(f"{base}/articles.json?_shape=objects&_size=max")["rows"]
        assert {row["site"] for row in rows} == set(all_sites())  # every bundled site
        assert SEED_TITLE in {row["title"] for row in rows}
        image = get_json(f"{base}/images.json?_shape=objects&_size=1")["rows"][0]
        with urllib.request.urlopen(f"{root}/images/{image['path']}") as got:
            assert got.status == 200 and len(got.read()) == image["size"]
        found = get_json(f"{base}/search.json?q=hai+phong+khcn&_shape=objects")["rows"]
        assert SEED_TITLE in [row["title"] for row in found]
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"{base}.json?sql=delete+from+articles", timeout=10)
        assert refused.value.code == 400
