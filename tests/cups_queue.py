"""A real CUPS server with a cups-pdf queue for the printing tests (recipe: environment notes)."""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

QUEUE = "StationPDF"
CUPSD = "/usr/sbin/cupsd"
PPD = "lsb/usr/cups-pdf/CUPS-PDF_opt.ppd"


def _ok(*cmd: str) -> bool:
    return subprocess.run(cmd, capture_output=True, check=False).returncode == 0


def _scheduler_running() -> bool:
    done = subprocess.run(["lpstat", "-r"], capture_output=True, text=True, check=False)
    return done.returncode == 0 and "not running" not in done.stdout


def output_dir() -> Path:
    """Where cups-pdf writes jobs of this user ("Out ${HOME}/PDF", HOME from the password file)."""
    return Path(pwd.getpwuid(os.getuid()).pw_dir) / "PDF"


@contextmanager
def cups_pdf_queue() -> Iterator[Path]:
    """Start cupsd if it is not running (and stop it after), add the queue; yield the output dir.

    As root (CI) a missing CUPS is a failure: `make test` installs it. Elsewhere the test is
    skipped with the reason printed.
    """
    missing = [tool for tool in ("lpstat", "lpadmin") if shutil.which(tool) is None]
    if missing or not Path(CUPSD).exists():
        message = "CUPS 未安装（cups, printer-driver-cups-pdf）：以 root 运行 make sysdeps"
        if os.geteuid() == 0:
            pytest.fail(message)
        pytest.skip(message)
    started = None
    if not _scheduler_running():
        if os.geteuid() != 0:
            pytest.skip("CUPS 调度程序没有运行，且非 root 不能启动它")
        started = subprocess.Popen(
            [CUPSD, "-f"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 20
        while not _scheduler_running():
            if time.monotonic() > deadline or started.poll() is not None:
                pytest.fail("cupsd did not start")
            time.sleep(0.2)
    added = False
    try:
        if not _ok("lpstat", "-p", QUEUE):
            done = subprocess.run(
                ["lpadmin", "-p", QUEUE, "-E", "-v", "cups-pdf:/", "-m", PPD],
                capture_output=True,
                text=True,
                check=False,
            )
            if done.returncode != 0:
                if os.geteuid() == 0:
                    pytest.fail(f"lpadmin could not add {QUEUE}: {done.stderr}")
                pytest.skip(f"没有权限添加打印队列 {QUEUE}（需要 root 或 lpadmin 组）")
            added = True
        yield output_dir()
    finally:
        if added:  # leave the machine as we found it
            subprocess.run(["lpadmin", "-x", QUEUE], capture_output=True, check=False)
        if started is not None:
            started.terminate()
            started.wait(timeout=20)


def job_files(folder: Path) -> set[Path]:
    """The cups-pdf outputs already in the folder (taken before printing, to find the new one)."""
    return set(folder.glob("*.pdf")) if folder.exists() else set()


def wait_for_job_file(folder: Path, marker: str, before: set[Path], timeout: float = 60.0) -> Path:
    """The new cups-pdf output whose name holds `marker` (the job title's ASCII part).

    cups-pdf names files after the job title; Chinese characters are escaped, ASCII kept.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = sorted(p for p in job_files(folder) - before if marker in p.name)
        if found and found[0].stat().st_size > 0:
            size = found[0].stat().st_size
            time.sleep(0.3)
            if found[0].stat().st_size == size:
                return found[0]
        time.sleep(0.2)
    jobs = subprocess.run(["lpstat", "-W", "all", "-o"], capture_output=True, text=True).stdout
    raise AssertionError(f"no cups-pdf output for {marker!r} in {folder}; jobs: {jobs}")
