"""Layout rules: orchestration flows one way (jobs <- runner <- ops), and tests read nothing outside the
repository but ../shared."""

from __future__ import annotations

import ast
import re

from tests.conftest import ROOT


def _imports(module: str) -> set[str]:
    tree = ast.parse((ROOT / "pipeline" / f"{module}.py").read_text())
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


def test_orchestration_has_no_import_circle():
    assert not {"pipeline.ops", "pipeline.runner"} & _imports("jobs"), "jobs is the bottom of orchestration"
    assert "pipeline.ops" not in _imports("runner")


def test_tests_read_no_absolute_path_outside_the_repository():
    absolute = re.compile(r"""["'](/(?:work|home|root)/[^"']*)["']""")
    offenders = [f"{path.name}: {m}" for path in sorted((ROOT / "tests").rglob("*.py"))
                 for m in absolute.findall(path.read_text(encoding="utf-8"))]
    assert offenders == []
