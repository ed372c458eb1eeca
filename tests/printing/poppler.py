"""poppler-utils on PDF bytes: the fonts, the text and the page sizes as a viewer sees them."""

from __future__ import annotations

import subprocess
from pathlib import Path


def _run(tool: str, pdf: Path, *args: str) -> str:
    return subprocess.run(
        [tool, *args, str(pdf)] + (["-"] if tool == "pdftotext" else []),
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def fonts(pdf: Path) -> list[dict[str, str]]:
    """pdffonts rows: name, type, emb, sub, uni."""
    lines = _run("pdffonts", pdf).splitlines()[2:]
    rows = []
    for line in lines:
        parts = line.split()
        # name type [type2] encoding emb sub uni object ID
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return rows


def text(pdf: Path) -> str:
    """pdftotext in reading order (-raw keeps table cells on their lines)."""
    return _run("pdftotext", pdf, "-raw", "-enc", "UTF-8")


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    """Width and height in points of every page."""
    out = _run("pdfinfo", pdf, "-f", "1", "-l", "9999")
    sizes = []
    for line in out.splitlines():
        if line.startswith("Page") and " size:" in line:
            numbers = line.split("size:")[1].split("pts")[0].split("x")
            sizes.append((float(numbers[0]), float(numbers[1])))
    return sizes
