"""Child side of the hostile-file test: ``python tests/hostile_runner.py FOLDER``.

The libraries are imported once; each file is then read in a forked child (cheap
on Linux) whose own peak memory (``wait4``'s ``ru_maxrss``) and time are measured.
One JSON line per file goes to standard output.
"""

from __future__ import annotations

import json
import os
import resource
import select
import signal
import sys
import time
from pathlib import Path
from typing import Any

CHILD_SECONDS = 30.0  # killed past this: the test's own bound is lower
CHILD_MEMORY = 3 * 1024**3  # address-space cap, so a regression cannot take the machine


def read_one(path: Path) -> dict[str, Any]:
    """What the user would see for ``path``: read (with task count) or refused."""
    from knowledge import limits
    from knowledge.document import DocumentError
    from knowledge.loaders import load_document
    from knowledge.plan.parser import parse_plan

    try:
        with limits.reading(path.name):  # as ingest does: one time limit for both steps
            doc = load_document(path)
            plan = parse_plan(doc)
    except DocumentError as exc:
        return {"status": "refused", "message": exc.message}
    except BaseException as exc:  # noqa: BLE001 - reported, the test fails on it
        return {"status": "crash", "message": f"{type(exc).__name__}: {exc}"[:500]}
    return {
        "status": "read",
        "tasks": len(plan.tasks),
        "warnings": doc.warnings[:5],
        "text": doc.text()[:400],
    }


def _child(path: Path, out: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY, CHILD_MEMORY))
    result = read_one(path)
    os.write(out, json.dumps(result, ensure_ascii=False).encode("utf-8"))
    os._exit(0)


def measure(path: Path) -> dict[str, Any]:
    read_end, write_end = os.pipe()
    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(read_end)
        _child(path, write_end)
    os.close(write_end)
    chunks: list[bytes] = []
    deadline = start + CHILD_SECONDS
    while True:
        left = deadline - time.perf_counter()
        ready, _, _ = select.select([read_end], [], [], max(left, 0))
        if not ready:
            os.kill(pid, signal.SIGKILL)
            chunks = [json.dumps({"status": "timeout"}).encode()]
            break
        chunk = os.read(read_end, 1 << 16)
        if not chunk:
            break
        chunks.append(chunk)
    os.close(read_end)
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - start
    raw = b"".join(chunks)
    result = json.loads(raw) if raw else {"status": "crash", "message": f"exit status {status}"}
    result.update(name=path.name, seconds=round(seconds, 3), rss_mb=round(usage.ru_maxrss / 1024))
    return result


def main(argv: list[str]) -> int:
    import bs4  # noqa: F401 - imported once here, inherited by every child
    import docx  # noqa: F401
    import pdfplumber  # noqa: F401

    import knowledge.loaders.docx  # noqa: F401
    import knowledge.loaders.html  # noqa: F401
    import knowledge.loaders.pdf  # noqa: F401
    import knowledge.loaders.text  # noqa: F401
    import knowledge.plan.parser  # noqa: F401

    folder = Path(argv[0])
    names = argv[1:] or sorted(p.name for p in folder.iterdir())
    for name in names:
        print(json.dumps(measure(folder / name), ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
