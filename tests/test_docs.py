"""Docs that cannot rot: every command and every API route is documented."""

from __future__ import annotations

import re
from pathlib import Path

from cablegram.cli.main import cli
from cablegram.store import Archive
from cablegram.web.app import create_app

DOCS = Path(__file__).parent.parent / "docs"


def test_every_command_is_in_the_cli_reference() -> None:
    documented = set(re.findall(r"^\| `(\w+)", (DOCS / "cli.md").read_text(), re.M))
    assert set(cli.commands) <= documented, set(cli.commands) - documented


def test_every_api_route_is_in_the_api_reference(tmp_path: Path) -> None:
    text = (DOCS / "api.md").read_text()
    with Archive(tmp_path) as archive:
        routes = {r.path for r in create_app(archive).routes if getattr(r, "path", "").startswith("/api/")}
    missing = {r for r in routes if re.sub(r"\{\w+\}", "{id}", r) not in text}
    assert not missing, missing
