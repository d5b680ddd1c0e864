"""The hostile-file corpus (tests/hostile_files.py): every file is refused with a
Vietnamese message or read, each within 10 s and 1 GB, one child process each."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hostile_files import Hostile, corpus

ROOT = Path(__file__).resolve().parent.parent
SECONDS = 10.0
MEMORY_MB = 1024
ITEMS = corpus()


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("hostile")
    for item in ITEMS:
        item.build(folder)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PLANBOT_DATA_DIR": str(folder / "data")}
    names = [item.name for item in ITEMS]
    proc = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "hostile_runner.py"), str(folder), *names],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
        cwd=ROOT,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    lines = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    return {r["name"]: r for r in lines}


def test_corpus_has_forty_files_of_every_kind() -> None:
    assert len(ITEMS) >= 40
    kinds = {Path(item.name).suffix for item in ITEMS}
    assert {".txt", ".md", ".html", ".docx", ".pdf"} <= kinds
    assert {item.expect for item in ITEMS} == {"read", "refused"}


@pytest.mark.parametrize("item", ITEMS, ids=[item.name for item in ITEMS])
def test_hostile_file_is_read_or_refused_within_bounds(
    item: Hostile, results: dict[str, dict[str, Any]]
) -> None:
    result = results[item.name]
    assert result["status"] == item.expect, result
    assert result["seconds"] <= SECONDS, result
    assert result["rss_mb"] <= MEMORY_MB, result
    if item.expect == "refused":
        message = result["message"]
        assert item.name in message or item.message in message
        assert item.message in message, message
        assert "Traceback" not in message and "Error" not in message
    elif item.message:
        assert item.message in result["text"], result["text"][:300]
