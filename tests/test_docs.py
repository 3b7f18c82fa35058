"""Every CLI command is documented in the README (datasette's lesson)."""

from __future__ import annotations

from pathlib import Path

import click

from foedus.cli import main

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = "foedus") -> list[str]:
    out = []
    for name, cmd in group.commands.items():
        full = f"{prefix} {name}"
        if isinstance(cmd, click.Group):
            out += _commands(cmd, full)
        else:
            out.append(full)
    return out


def test_every_command_is_in_the_readme() -> None:
    missing = [c for c in _commands(main) if c not in README]
    assert not missing, f"undocumented commands: {missing}"


def test_every_command_has_help() -> None:
    def walk(group: click.Group) -> list[click.Command]:
        return [c for cmd in group.commands.values()
                for c in ([cmd] + (walk(cmd) if isinstance(cmd, click.Group) else []))]

    assert all((c.help or "").strip() for c in walk(main))
