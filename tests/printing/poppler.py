"""poppler-utils on PDF bytes: the fonts, the text and the page sizes as a viewer sees them."""

from __future__ import annotations

import re
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


def flat(pdf: Path) -> str:
    """The text with all white space removed: CJK lines wrap anywhere."""
    return re.sub(r"\s+", "", text(pdf))


def flat_pages(pdf: Path) -> list[str]:
    """flat() of each page, in page order."""
    pages = text(pdf).split("\f")[: len(page_sizes(pdf))]
    return [re.sub(r"\s+", "", page) for page in pages]


def subset_fonts(pdf: Path) -> list[str]:
    """Base names of the fonts (no subset tag), each checked embedded, subset and mapped."""
    rows = fonts(pdf)
    assert all(r["emb"] == r["sub"] == r["uni"] == "yes" for r in rows), rows
    return [r["name"].split("+", 1)[-1] for r in rows]


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    """Width and height in points of every page."""
    out = _run("pdfinfo", pdf, "-f", "1", "-l", "9999")
    sizes = []
    for line in out.splitlines():
        if line.startswith("Page") and " size:" in line:
            numbers = line.split("size:")[1].split("pts")[0].split("x")
            sizes.append((float(numbers[0]), float(numbers[1])))
    return sizes


def images(pdf: Path) -> list[dict[str, str]]:
    """pdfimages -list rows: page, type, width, height and encoding of every image drawn."""
    lines = _run("pdfimages", pdf, "-list").splitlines()[2:]
    rows = []
    for line in lines:
        parts = line.split()
        # page num type width height color comp bpc enc interp object ID x-ppi y-ppi size ratio
        rows.append(
            {
                "page": parts[0],
                "type": parts[2],
                "width": parts[3],
                "height": parts[4],
                "enc": parts[8],
            }
        )
    return rows


def words(pdf: Path) -> list[tuple[str, float, float, float, float]]:
    """pdftotext -bbox: each word with xMin, yMin, xMax, yMax in points from the top left."""
    out = _run("pdftotext", pdf, "-bbox")
    found = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', out
    )
    return [(w, float(x0), float(y0), float(x1), float(y1)) for x0, y0, x1, y1, w in found]
