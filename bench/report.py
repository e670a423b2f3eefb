"""What every benchmark shares: its command line, and its own section of docs/benchmarks.md."""

from __future__ import annotations

import argparse
import socket
from collections.abc import Callable
from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"


def free_port() -> int:
    """A TCP port free on 127.0.0.1 for a server the benchmark starts."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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


def machine() -> str:
    """The machine and the versions every figure of docs/benchmarks.md was measured with."""
    import importlib.metadata
    import os
    import platform
    import shutil
    import sqlite3
    import subprocess

    def version(command: list[str]) -> str:
        if shutil.which(command[0]) is None:
            return "not installed"
        done = subprocess.run(command, capture_output=True, text=True)
        first_line = (done.stdout or done.stderr).strip().splitlines()[0]
        return first_line.split(" [")[0].split(" sha=")[0]  # no build details

    memory_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal:")
    )
    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")),
        platform.processor(),
    )  # fmt: skip
    packages = ["scrapy", "lxml", "parsel", "trafilatura", "readability-lxml", "sqlite-utils",
                "datasette", "warcio", "nh3"]  # fmt: skip
    versions = ", ".join(f"{p} {importlib.metadata.version(p)}" for p in packages)
    return "\n".join([
        f"- Machine: {os.cpu_count()} cores ({cpu}), {memory_kb / 2**20:.0f} GiB memory, "
        f"{platform.system()} {platform.release()}.",
        f"- Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}; {versions}.",
        f"- Servers: {version(['/usr/sbin/nginx', '-v'])}; {version(['wrk', '--version'])}; "
        f"{version(['redis-server', '--version'])}.",
    ])  # fmt: skip


def main() -> None:
    """``python -m bench.report [--write] [--took EPOCH]``: the machine section; with
    ``--took``, the time `make bench` took since EPOCH (seconds, as ``date +%s`` prints)."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--write", action="store_true", help="rewrite docs/benchmarks.md")
    parser.add_argument("--took", type=float, help="write how long make bench took since this")
    args = parser.parse_args()
    if args.took is not None:
        import time

        minutes = (time.time() - args.took) / 60
        section = f"The last `make bench` took {minutes:.1f} minutes on this machine."
        print(section)
        if args.write:
            write_section("bench-run", section)
        return
    print(machine())
    if args.write:
        write_section("machine", machine())


if __name__ == "__main__":
    main()
