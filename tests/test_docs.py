"""The README cannot drift: its commands, examples and reference are checked here."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from centralfiles.cli import app

from .conftest import ROOT, SHARED

README = (ROOT / "README.md").read_text(encoding="utf-8")
runner = CliRunner()


def registered_commands() -> set[str]:
    group = typer.main.get_command(app)
    return set(group.commands)  # type: ignore[attr-defined]


def reference_commands() -> set[str]:
    section = README.split("## Command reference", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `centralfiles (\w+)", section, flags=re.M))


def test_readme_lists_every_document_type() -> None:
    from centralfiles.enrich.cable import DOC_TYPES

    line = README[README.index("- **Document types**") :]
    line = line[: line.index(".\n")]
    listed = set(re.findall(r"`([a-z-]+)`", line)) - {"doc_type", "type"}
    assert listed == DOC_TYPES


def test_command_reference_lists_every_command() -> None:
    assert reference_commands() == registered_commands()


def test_reference_options_exist() -> None:
    section = README.split("## Command reference", 1)[1].split("\n## ", 1)[0]
    group = typer.main.get_command(app)
    pattern = r"^\| `centralfiles (\w+)(?: ([a-z]+)\b)?([^`]*)`"
    for verb, sub, usage in re.findall(pattern, section, flags=re.M):
        command = group.commands[verb]  # type: ignore[attr-defined]
        if sub:  # a group's subcommand: "authorities import"
            command = command.commands[sub]
        options = {o for p in command.params for o in p.opts}
        for option in re.findall(r"--[a-z-]+", usage):
            assert option in options, f"README names {verb} {option}, which does not exist"


def test_quick_start_targets_exist_in_makefile() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    quick = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    targets = re.findall(r"^make (\w+)", quick, flags=re.M)
    assert targets == ["run", "test"]
    for target in targets:
        assert re.search(rf"^{target}:", makefile, flags=re.M)


def test_ci_runs_the_readme_test_command() -> None:
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def shell_examples() -> list[list[str]]:
    section = README.split("## Using it", 1)[1].split("```python", 1)[0]
    lines = [line.split("#", 1)[0].strip() for line in section.splitlines()]
    return [shlex.split(line)[1:] for line in lines if line.startswith(".venv/bin/centralfiles")]


@pytest.mark.parametrize("argv", shell_examples(), ids=" ".join)
def test_usage_examples_run(
    argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    env = {"CENTRALFILES_DB": str(tmp_path / "readme.db")}
    argv = [
        str(SHARED / a.removeprefix("../shared/")) if a.startswith("../shared") else a for a in argv
    ]
    runner.invoke(app, ["ingest", str(SHARED / "frus")], env=env)
    result = runner.invoke(app, argv, env=env)
    assert result.exit_code == 0, result.output


def getting_examples() -> list[list[str]]:
    section = README.split("## Getting the record", 1)[1].split("```python", 1)[0]
    lines = [line.split("  #", 1)[0].strip() for line in section.splitlines()]
    return [shlex.split(line)[1:] for line in lines if line.startswith(".venv/bin/centralfiles")]


def test_getting_and_exporting_examples_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The README's get/catalog/export lines, in order, against a real server on 127.0.0.1
    standing in for the repository (CENTRALFILES_MIRROR: no test reaches the network)."""
    from .mirror_server import MirrorServer
    from .test_get import mirror_files

    examples = getting_examples()
    assert {argv[0] for argv in examples} == {"catalog", "get", "export"}
    server = MirrorServer(mirror_files()).start()
    monkeypatch.chdir(tmp_path)
    env = {"CENTRALFILES_DB": str(tmp_path / "readme.db"), "CENTRALFILES_MIRROR": server.url,
           "CENTRALFILES_DATA": str(tmp_path / "data")}  # fmt: skip
    try:
        for argv in examples:
            argv = [server.url if a == "http://127.0.0.1:8765/" else a for a in argv]
            result = runner.invoke(app, argv, env=env)
            assert result.exit_code == 0, (argv, result.output)
    finally:
        server.stop()
    assert (tmp_path / "exdis.csv").read_text().startswith("id,volume,number")
    assert (tmp_path / "frus.parquet").stat().st_size > 0
    assert (tmp_path / "force-levels.bib").read_text().startswith("@incollection")


def test_python_examples_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    """Every ```python block of the README, in order, in one namespace (as in a notebook)."""
    blocks = [part.split("```", 1)[0] for part in README.split("```python")[1:]]
    assert len(blocks) >= 2
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {}
    for block in blocks:
        code = re.sub(r'"\.\./shared/([^"]*)"', lambda m: repr(str(SHARED / m[1])), block)
        exec(compile(code, "README.md", "exec"), namespace)
    printed = capsys.readouterr().out
    assert "Telegram From the Mission" in printed
    assert "frus1964-68v13/d322" in printed  # a "force levels" hit
