"""Every benchmark script still starts: `--help` imports all it needs (a benchmark that is
only run by hand broke once when a helper it imported from bench/pages.py was removed)."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = sorted(
    path.name for path in (ROOT / "bench").glob("*.py") if "__main__" in path.read_text()
)


def test_the_benchmarks_are_found():
    assert {"pages.py", "practices.py", "api.py", "scaleout.py"} <= set(SCRIPTS)


@pytest.mark.parametrize("script", SCRIPTS)
def test_a_benchmark_script_starts(script):
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / script), "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "usage:" in result.stdout
