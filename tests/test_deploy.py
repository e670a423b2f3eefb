"""The schedule examples in deploy/ stay true: every khcn command they run exists with the
options they give it, the systemd units are well formed, the cron lines and the GitHub Actions
workflow parse, and the timer's calendar is accepted by systemd where systemd is installed."""

from __future__ import annotations

import configparser
import shlex
import shutil
import subprocess

import pytest
import yaml
from click.testing import CliRunner

from portals.cli import cli
from tests.conftest import ROOT

DEPLOY = ROOT / "deploy"


def khcn_options(subcommand: str) -> set[str]:
    help_text = CliRunner().invoke(cli, [subcommand, "--help"]).output
    return {word.rstrip(",") for word in help_text.split() if word.startswith("--")}


def assert_khcn_command(command: str) -> None:
    words = shlex.split(command)
    khcn = next(i for i, word in enumerate(words) if word.endswith("/khcn"))
    subcommand, arguments = words[khcn + 1], words[khcn + 2 :]
    used = {word for word in arguments if word.startswith("--")}
    assert used <= khcn_options(subcommand), (subcommand, used - khcn_options(subcommand))


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # systemd keys are case-sensitive
    parser.read(DEPLOY / name, encoding="utf-8")
    return parser


@pytest.mark.parametrize("name", ["khcn-crawl.service", "khcn-serve.service"])
def test_systemd_services_run_real_commands(name: str) -> None:
    service = unit(name)
    assert service["Unit"]["Description"]
    assert_khcn_command(service["Service"]["ExecStart"])


def test_the_crawl_service_treats_a_held_lock_as_success() -> None:
    service = unit("khcn-crawl.service")["Service"]
    assert service["Type"] == "oneshot" and service["SuccessExitStatus"] == "75"


def test_the_timer_calendar() -> None:
    timer = unit("khcn-crawl.timer")
    calendar = timer["Timer"]["OnCalendar"]
    assert timer["Timer"]["Persistent"] == "true"
    analyze = shutil.which("systemd-analyze")
    if analyze:  # not every machine has systemd; the unit parses either way
        checked = subprocess.run([analyze, "calendar", calendar], capture_output=True, text=True)
        assert checked.returncode == 0, checked.stderr


def test_the_crontab_lines() -> None:
    lines = [
        line for line in (DEPLOY / "crontab.example").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]  # fmt: skip
    for line in lines:
        fields = line.split(None, 5)
        assert len(fields) == 6 and all(f[0].isdigit() or f[0] == "*" for f in fields[:5])
    assert_khcn_command(lines[0].split("&&", 1)[1].split(">>", 1)[0])


def test_the_github_actions_workflow() -> None:
    workflow = yaml.safe_load((DEPLOY / "github-actions-crawl.yml").read_text(encoding="utf-8"))
    assert workflow[True]["schedule"][0]["cron"] == "30 19 * * *"  # YAML reads "on" as True
    steps = workflow["jobs"]["crawl"]["steps"]
    crawl = next(step["run"] for step in steps if "khcn crawl" in step.get("run", ""))
    assert_khcn_command(crawl)
