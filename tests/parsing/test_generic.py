"""The generic extractor on whole pages of the development set (tests/fixtures/_generic_dev/):
an article split over several rich-text fields is read whole, a lead box before the text is
its first paragraph and its summary, a credit and a dateline above the text are the author and
a date line."""

from __future__ import annotations

import tomllib

from portals.items import Article
from portals.parsing.article import parse_article
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
