"""Field accuracy of our extraction beside trafilatura's on every gold article.

    python -m bench.field_accuracy          # print the table
    python -m bench.field_accuracy --write  # and rewrite its section of docs/benchmarks.md

Gold: tests/fixtures/<slug>/expected.toml (written by people from the pages), plus the
held-out pages of tests/fixtures/_unregistered/ (hosts with no site definition, never used to
tune selectors). Scores per field:

- title, author: exact match after white space folding ("" gold = the tool found none);
- date: the publication day (trafilatura gives no time), "" gold = no date found;
- captions: the list of captions of the body's images, in order, exactly;
- body: the Zyte article-extraction-benchmark metric (research/extraction.md §2): word
  4-gram shingles of ``\\w+`` tokens, per-page precision and recall normalised so every page
  weighs the same, F1 of the mean precision and mean recall.
"""

from __future__ import annotations

import lxml.html
import readability

from bench.report import bench_main
from portals.demo.accuracy import (
    FIELDS,
    Extracted,
    Extractor,
    held_out_cases,
    ours,
    ours_as_unknown_host,
    registered_cases,
    score,
    trafilatura_precision,
)
from portals.parsing.text import squash
from portals.registry import all_sites

# Pages of hosts with no site definition: (folder, what the set is)
PAGE_SETS = [
    ("_unregistered", "held-out unregistered hosts, first set"),
    ("_held_out_2", "held-out unregistered hosts, second set"),
    ("_held_out_3", "held-out unregistered hosts, third set"),
    ("_held_out_4", "held-out unregistered hosts, fourth set"),
    ("_generic_dev", "development set of unregistered hosts (tuned on)"),
    ("_generic_dev_2", "second development set of unregistered hosts (tuned on)"),
    ("_generic_dev_3", "third development set of unregistered hosts (tuned on)"),
    ("_generic_dev_4", "fourth development set of unregistered hosts (tuned on)"),
]
SECTION = "field-accuracy"


def readability_lxml(html: str, url: str, slug: str | None) -> Extracted:
    """readability-lxml: a title and the main-text HTML (no date, author or captions)."""
    document = readability.Document(html, url=url)
    summary = lxml.html.fromstring(document.summary(html_partial=True))
    blocks = [squash(b.text_content()) for b in summary.iter("p", "li", "h2", "h3", "td", "div")
              if not b.findall(".//p") and not b.findall(".//div")]  # fmt: skip
    return Extracted(
        title=document.short_title() or "",
        date="",
        author="",
        captions=[],
        images=len(summary.findall(".//img")),
        body="\n\n".join(b for b in blocks if b),
    )


PEERS: dict[str, Extractor] = {
    "trafilatura (favor_precision)": trafilatura_precision,
    "readability-lxml": readability_lxml,
}


def report() -> dict[str, dict[str, dict[str, float]]]:
    registered = registered_cases()
    results = {
        f"registered sites ({len(registered)} articles, {len(all_sites())} sites)": {
            "ours (site definitions)": score(ours, registered),
            "ours (as unknown hosts)": score(ours_as_unknown_host, registered),
            **{name: score(peer, registered) for name, peer in PEERS.items()},
        }
    }
    for folder, name in PAGE_SETS:
        cases = held_out_cases(folder)
        if cases:
            results[f"{name} (`{folder}/`, {len(cases)} articles)"] = {
                "ours (detection + generic)": score(ours, cases),
                **{peer_name: score(peer, cases) for peer_name, peer in PEERS.items()},
            }
    return results


def markdown(results: dict[str, dict[str, dict[str, float]]]) -> str:
    lines = []
    for corpus, tools in results.items():
        lines += [f"**{corpus}**", "", "| extractor | " + " | ".join(FIELDS) + " |"]
        lines.append("|---|" + "---:|" * len(FIELDS))
        for tool, scores in tools.items():
            lines.append(f"| {tool} | " + " | ".join(f"{scores[f]:.3f}" for f in FIELDS) + " |")
        lines.append("")
    return "\n".join(lines)


def main() -> None:
    bench_main(__doc__, SECTION, lambda _: markdown(report()), articles=None)


if __name__ == "__main__":
    main()
