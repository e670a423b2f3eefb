"""Installed as a user installs it: the project built into a wheel (from a copy of the work
tree, so the checkout stays clean), installed without the source tree into a fresh virtualenv,
run from another folder. `khcn demo --no-serve` crawls the packaged snapshot and `khcn serve`
answers with the packaged metadata.yml and reading-room templates."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import sysconfig
import time
import urllib.request
from pathlib import Path

from tests.conftest import ROOT, free_port

NOT_COPIED = shutil.ignore_patterns(
    ".venv", ".git", "__pycache__", "*.egg-info", "build", ".work", "*.db", "*.db-*",
    "*-warc", "*-images", ".pytest_cache", ".ruff_cache", "docs",
)  # fmt: skip


def run(command: list[str], cwd: Path, timeout: int = 300) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(cwd), "no_proxy": "127.0.0.1"}
    finished = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert finished.returncode == 0, (
        f"{command}\n{finished.stdout[-2000:]}\n{finished.stderr[-3000:]}"
    )
    return finished


def test_the_wheel_installs_and_runs_demo_and_serve(tmp_path: Path) -> None:
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, symlinks=True, ignore=NOT_COPIED)
    dist = tmp_path / "dist"
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(source)],
        cwd=tmp_path)  # fmt: skip
    (wheel,) = dist.glob("khcn_archive-*.whl")

    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", str(venv)], cwd=tmp_path)
    run([str(venv / "bin" / "pip"), "install", "-q", "--no-deps", "--no-index", str(wheel)],
        cwd=tmp_path)  # fmt: skip
    # The dependencies come from this test environment's site-packages (no network needed),
    # added after the new environment's own: the project itself is the wheel's copy.
    purelib = Path(sysconfig.get_paths(vars={"base": str(venv), "platbase": str(venv)})["purelib"])
    (purelib / "khcn-test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")

    work = tmp_path / "elsewhere"
    work.mkdir()
    where = run([str(venv / "bin" / "python"), "-c", "import portals, archive; "
                 "print(portals.__file__); print(archive.__file__)"], cwd=work).stdout  # fmt: skip
    assert all(line.startswith(str(venv)) for line in where.split())

    khcn = str(venv / "bin" / "khcn")
    run([khcn, "demo", "--no-serve", "--db", "demo.db"], cwd=work)
    with sqlite3.connect(work / "demo.db") as conn:
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        sites = conn.execute("SELECT count(DISTINCT site) FROM articles").fetchone()[0]
    assert articles > 50 and sites >= 15

    port = free_port()
    env = {"PATH": "/usr/bin:/bin", "HOME": str(work), "no_proxy": "127.0.0.1"}
    server = subprocess.Popen(
        [khcn, "serve", "--db", "demo.db", "--port", str(port)],
        cwd=work, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}"
        home = _get(f"{base}/", attempts=100)
        assert "Lưu trữ tin KH&amp;CN" in home or "Lưu trữ tin KH&CN" in home  # metadata.yml
        found = _get(f"{base}/search?q=chuyen+doi+so+hai+phong")
        assert "/article/" in found and "<mark>" in found  # the packaged templates
    finally:
        server.terminate()
        server.wait(timeout=10)


def _get(url: str, attempts: int = 1) -> str:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    for attempt in range(attempts):
        try:
            with opener.open(url, timeout=10) as response:
                return response.read().decode("utf-8")
        except OSError:
            if attempt == attempts - 1:
                raise
            time.sleep(0.1)
    raise AssertionError("unreachable")
