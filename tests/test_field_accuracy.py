"""The field-accuracy gate (issue 3): on every gold article our extraction scores at least
0.95 on each field, and beats trafilatura on date, author and body. The figures themselves go
to docs/benchmarks.md through `python -m bench.field_accuracy --write`."""

from __future__ import annotations

import pytest

from portals.demo.accuracy import (
    FIELDS,
    body_f1,
    held_out_cases,
    ours,
    ours_as_unknown_host,
    registered_cases,
    score,
    trafilatura_precision,
)


@pytest.fixture(scope="module")
def scores() -> dict[str, dict[str, float]]:
    cases = registered_cases()
    return {"ours": score(ours, cases), "trafilatura": score(trafilatura_precision, cases)}


@pytest.mark.parametrize("field", FIELDS)
def test_ours_is_at_least_095_on_every_field(scores, field: str) -> None:
    assert scores["ours"][field] >= 0.95, scores


@pytest.mark.parametrize("field", ["date", "author", "body"])
def test_ours_beats_trafilatura(scores, field: str) -> None:
    assert scores["ours"][field] > scores["trafilatura"][field], scores


@pytest.fixture(scope="module")
def without_definitions() -> dict[str, float]:
    return score(ours_as_unknown_host, registered_cases())


@pytest.mark.parametrize("field", FIELDS)
def test_the_registered_sites_pages_read_without_their_definitions_are_read_as_well(
    without_definitions, field: str
) -> None:
    """What a crawl stores when every definition drifted at once: the generic path on the
    registered sites' own pages (the lead box scored by their gold's convention)."""
    assert without_definitions[field] == 1.0, without_definitions


def test_body_metric_is_the_aeb_shingle_f1() -> None:
    text = "một hai ba bốn năm sáu bảy tám"
    assert body_f1([(text, text)]) == 1.0
    assert body_f1([("", text)]) == 0.0
    half = body_f1([("một hai ba bốn năm", text)])  # 2 of 5 gold shingles, no false ones
    assert half == pytest.approx(2 * 1.0 * 0.4 / 1.4)


@pytest.mark.parametrize("field", FIELDS)
def test_unregistered_hosts_are_mostly_right(field: str) -> None:
    """Held-out pages of hosts with no site definition, one or two per CMS family, written
    without reading the extractor and never used to tune it (tests/fixtures/_unregistered/)."""
    assert score(ours, held_out_cases())[field] >= 0.8


def test_every_family_is_recognised_on_held_out_pages() -> None:
    from portals.platforms import detect_platform

    detected = {
        gold.file.split("-")[0]: getattr(detect_platform(html, url), "name", None)
        for gold, html, url, _ in held_out_cases()
    }
    assert detected == {
        "aspnet": "aspnet",
        "uiarticle": "uiarticleinmenu",
        "sharepoint": "sharepoint",
        "liferay": "liferay",
        "dnn": "dnn",
        "nukeviet": "nukeviet",
        "websphere": "websphere",
        "custom": None,
        "wordpress": None,
    }


# The held-out sets of issue 12 and the floor each is held to (0.97 is the aim:
# docs/benchmarks.md); the third and fourth sets' floors are below their first measurements
# (date 0.875; author 0.875).
HELD_OUT_FLOORS = {"_held_out_2": 0.9, "_held_out_3": 0.85, "_held_out_4": 0.85}


@pytest.fixture(scope="module", params=sorted(HELD_OUT_FLOORS))
def held_out(request) -> tuple[str, dict[str, dict[str, float]]]:
    cases = held_out_cases(request.param)
    assert len(cases) >= 30
    scores = {"ours": score(ours, cases), "trafilatura": score(trafilatura_precision, cases)}
    return request.param, scores


@pytest.mark.parametrize("field", FIELDS)
def test_the_held_out_sets_are_read_at_least_as_well_as_trafilatura(held_out, field):
    """Issue 12: on pages nobody tuned on (tests/fixtures/_held_out_2/, _3/, _4/), the
    generic path is at least trafilatura on every field, and at least the set's floor."""
    folder, scores = held_out
    ours_score, peer = scores["ours"][field], scores["trafilatura"][field]
    assert ours_score >= peer and ours_score >= HELD_OUT_FLOORS[folder], (folder, scores)


DEVELOPMENT_SETS = ("_generic_dev", "_generic_dev_2", "_generic_dev_3", "_generic_dev_4")


@pytest.mark.parametrize("folder", DEVELOPMENT_SETS)
def test_the_development_sets_are_read_exactly(folder: str) -> None:
    """The pages the generic path is tuned on: every field right, so that a change made for
    one failure cannot quietly undo another (the body within shingle noise)."""
    result = score(ours, held_out_cases(folder))
    assert {f: v for f, v in result.items() if f != "body"} == dict.fromkeys(FIELDS[:-1], 1.0)
    assert result["body"] >= 0.99, result
