"""No runtime module over 600 lines: one that grows becomes a package (docs/architecture.md)."""

from pathlib import Path

import route2020

LIMIT = 600
ROOT = Path(route2020.__file__).parent
# Tests, migrations and demo content are not runtime code.
SKIPPED = {"tests", "migrations", "demo"}


def too_long(root=ROOT, limit=LIMIT):
    found = []
    for module in root.rglob("*.py"):
        if SKIPPED & set(module.relative_to(root).parts):
            continue
        lines = len(module.read_text(encoding="utf-8").splitlines())
        if lines > limit:
            found.append(f"{module.relative_to(root)}: {lines}")
    return sorted(found)


def test_no_runtime_module_over_600_lines():
    assert too_long() == []


def test_the_walk_finds_a_long_module(tmp_path):
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "models.py").write_text("x = 1\n" * 601)
    (tmp_path / "app" / "migrations").mkdir()
    (tmp_path / "app" / "migrations" / "0001_initial.py").write_text("x = 1\n" * 900)
    assert too_long(tmp_path) == ["app/models.py: 601"]
