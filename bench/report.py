"""What every benchmark shares: its command line, and its own section of docs/benchmarks.md."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"


def write_section(name: str, body: str, path: Path = DOCS) -> None:
    """Replace the text between ``<!-- name -->`` and ``<!-- /name -->`` in docs/benchmarks.md."""
    text = path.read_text(encoding="utf-8")
    start, end = f"<!-- {name} -->", f"<!-- /{name} -->"
    before, _, rest = text.partition(start)
    _, _, after = rest.partition(end)
    path.write_text(f"{before}{start}\n{body}\n{end}{after}", encoding="utf-8")


def bench_main(
    doc: str,
    section: str,
    measure: Callable[[int], str],
    articles: int | None,
    option: str = "articles",
) -> None:
    """``python -m bench.<name> [--<option> N] [--write]``: print the table, and with
    ``--write`` put it in its section of docs/benchmarks.md."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    if articles is not None:
        parser.add_argument(f"--{option}", type=int, default=articles)
    parser.add_argument("--write", action="store_true", help="rewrite docs/benchmarks.md")
    args = parser.parse_args()
    table = measure(getattr(args, option)) if articles is not None else measure(0)
    print(table)
    if args.write:
        write_section(section, table)
