"""The README documents every setting, command and option, and its Quick start is what CI runs."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from fonds import conf
from fonds.cli.main import build_parser

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text()


def subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_every_setting_is_in_the_readme_table():
    for setting in conf.SETTINGS:
        assert f"| `{setting.name}` |" in README, f"{setting.name} is not documented in README.md"


def test_every_command_and_option_is_in_the_readme():
    for name, parser in subcommands().items():
        rows = [line for line in README.splitlines() if line.startswith(f"| `fonds {name}")]
        assert rows, f"`fonds {name}` is not documented in README.md"
        for action in parser._actions:
            for flag in action.option_strings:
                if flag.startswith("--") and flag != "--help":
                    assert flag in rows[0], f"`fonds {name} {flag}` is not documented in README.md"


def test_quick_start_has_two_commands_and_ci_runs_the_test_one():
    quick = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.+?)\n```", quick)
    assert len(commands) == 2, commands
    assert all("\n" not in c for c in commands)
    ci = (REPO / ".ci" / "run").read_text()
    assert commands[1] in ci
