"""Peak memory and time at the input limits (knowledge/limits.py).

Two figures the limits promise to keep bounded, each measured in a fresh child
process (``ru_maxrss`` of that process alone, and its resident size before the
work, to tell the work from the imports):

- ingesting the largest accepted file: a generated plan text just under the
  character limit, loaded, parsed and stored into a fresh SQLite file;
- answering the longest accepted question (the question-length limit) over a
  small stored plan.

Run: ``python -m bench limits``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

_CHILD = r"""
import json, resource, sys, time
from pathlib import Path

def rss_now():
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * resource.getpagesize() / 2**20

job, folder = sys.argv[1], Path(sys.argv[2])
from knowledge.ingest import ingest_file
from knowledge.answer.api import AnswerEngine
from storage.db import Database
from storage.settings import Settings
settings = Settings(planbot_data_dir=folder / "data", embedding_backend="none")
db = Database.from_settings(settings)
db.migrate()
out = {}
if job == "ask":
    ingest_file(db, folder / "small.txt", settings=settings)
    engine = AnswerEngine(db, settings)
    engine.ask("Sở Tư pháp có nhiệm vụ gì?")
    question = (folder / "question.txt").read_text(encoding="utf-8")
    before = rss_now()
    start = time.perf_counter()
    answer = engine.ask(question)
    out.update(intent=answer.intent, chars=len(question))
else:
    stages = []
    before = rss_now()
    start = time.perf_counter()
    summary = ingest_file(
        db,
        folder / "largest.txt",
        settings=settings,
        progress=lambda stage: stages.append(time.perf_counter()),
    )
    stages.append(time.perf_counter())
    # progress marks: reading, parsing, storing, indexing, then the end
    out.update(
        tasks=summary.tasks,
        status=summary.status,
        read_parse_seconds=round(stages[2] - stages[0], 2),
        store_seconds=round(stages[3] - stages[2], 2),
        index_seconds=round(stages[4] - stages[3], 2),
    )
out.update(
    seconds=round(time.perf_counter() - start, 2),
    rss_before_mb=round(before),
    peak_rss_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
)
print(json.dumps(out))
"""

_HEAD = (
    "ỦY BAN NHÂN DÂN TỈNH LÂM SƠN\nSỞ TƯ PHÁP\nSố: 90/KH-STP\n\nKẾ HOẠCH\n"
    "Chuyển đổi số năm 2026 của Sở Tư pháp\n\nI. MỤC TIÊU\n"
    "Tỷ lệ hồ sơ được giải quyết trực tuyến đạt trên 80%.\n\nII. NHIỆM VỤ\n"
    "STT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành\n"
)
_UNITS = ("Văn phòng Sở", "Phòng Hành chính tư pháp", "Thanh tra Sở", "Phòng Bổ trợ tư pháp")
_TOPICS = ("số hóa hồ sơ", "tập huấn kỹ năng số", "rà soát thủ tục", "kiểm tra việc thực hiện")


def largest_plan(chars: int) -> str:
    """A plan text of about ``chars`` characters: a long task table, then prose."""
    parts = [_HEAD]
    size = len(_HEAD)
    i = 1
    while size < chars * 0.6:
        row = (
            f"{i}\t{_TOPICS[i % 4].capitalize()} đợt {i} của kế hoạch chuyển đổi số\t"
            f"{_UNITS[i % 4]}\t{_UNITS[(i + 1) % 4]}\tQuý {i % 4 + 1}/2026\n"
        )
        parts.append(row)
        size += len(row)
        i += 1
    parts.append("\nIII. TỔ CHỨC THỰC HIỆN\n")
    while size < chars - 400:
        para = (
            f"{_UNITS[i % 4]} chủ trì {_TOPICS[i % 4]} số {i}, phối hợp với {_UNITS[(i + 2) % 4]}"
            f" bảo đảm hoàn thành trước ngày {i % 28 + 1:02d}/{i % 12 + 1:02d}/2026; báo cáo kết"
            " quả thực hiện về Văn phòng Sở để tổng hợp.\n\n"
        )
        parts.append(para)
        size += len(para)
        i += 1
    return "".join(parts)


def _run(job: str, folder: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, job, str(folder)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=1800,
        check=False,
    )
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr else "failed"}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> dict[str, Any]:
    from knowledge.limits import Limits

    limits = Limits.from_settings()
    with tempfile.TemporaryDirectory(prefix="bench_limits_") as tmp:
        folder = Path(tmp)
        text = largest_plan(limits.max_chars)
        (folder / "largest.txt").write_text(text, encoding="utf-8")
        (folder / "small.txt").write_text(largest_plan(20_000), encoding="utf-8")
        question = "Sở Tư pháp có nhiệm vụ nào đến hạn trong quý II/2026 " * 40
        question = question[: limits.max_question_chars].strip()
        (folder / "question.txt").write_text(question, encoding="utf-8")
        ingest = _run("ingest", folder)
        ask = _run("ask", folder)
    result: dict[str, Any] = {
        "largest_file_chars": len(text),
        "largest_file_bytes": len(text.encode("utf-8")),
        "ingest_largest_seconds": ingest.get("seconds"),
        "ingest_largest_read_parse_seconds": ingest.get("read_parse_seconds"),
        "ingest_largest_store_seconds": ingest.get("store_seconds"),
        "ingest_largest_index_seconds": ingest.get("index_seconds"),
        "ingest_largest_peak_rss_mb": ingest.get("peak_rss_mb"),
        "ingest_rss_before_mb": ingest.get("rss_before_mb"),
        "ingest_largest_tasks": ingest.get("tasks"),
        "longest_question_chars": len(question),
        "ask_longest_seconds": ask.get("seconds"),
        "ask_longest_peak_rss_mb": ask.get("peak_rss_mb"),
        "ask_rss_before_mb": ask.get("rss_before_mb"),
    }
    for failed in (ingest, ask):
        if "error" in failed:
            result["error"] = failed["error"]
    for key, value in result.items():
        print(f"  {key}: {value}")
    return result


if __name__ == "__main__":
    main()
