import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _run(*cmd):
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600)


@pytest.mark.parametrize(
    "tool",
    [
        ("ruff", "check", "."),
        ("ruff", "format", "--check", "."),
        ("mypy",),
        ("lint-imports",),
    ],
    ids=["ruff-check", "ruff-format", "mypy-strict", "import-linter"],
)
def test_code_quality_gate(tool):
    """ruff, ruff format, mypy strict (outside ui/) and the import-linter contracts all pass."""
    done = _run(str(BIN / tool[0]), *tool[1:])
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]


def test_only_ui_and_app_import_qt():
    """A plain scan agrees with import-linter: PySide6 appears only in ui/ and app.py."""
    offenders = []
    for path in (ROOT / "stationdesk").rglob("*.py"):
        rel = path.relative_to(ROOT / "stationdesk").as_posix()
        if rel.startswith("ui/") or rel == "app.py":
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.lstrip().startswith(("import PySide6", "from PySide6")):
                offenders.append(rel)
    assert offenders == []
