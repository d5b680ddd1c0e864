"""A plan of our own for the alert tests (invented text), people linked to its units,
and a frozen-clock walk over the planner."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from knowledge.alerts import planner
from knowledge.alerts.load import load_input
from knowledge.alerts.model import Alert, PlanInput
from knowledge.ingest import ingest_file
from storage import chat, repositories
from storage.db import Database
from storage.models import ProgressReport, TaskRow

PLAN = """UỶ BAN NHÂN DÂN TỈNH AN HÀ
**SỞ TƯ PHÁP**

Số: 07/KH-STP

An Hà, ngày 05 tháng 01 năm 2026

# KẾ HOẠCH

## Theo dõi nhiệm vụ trọng tâm của Sở Tư pháp tỉnh An Hà năm 2026

## I. NHIỆM VỤ CỤ THỂ

| STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành | Sản phẩm |
|---|---|---|---|---|---|
| 1 | Trình dự thảo quy chế phối hợp quản lý công chứng viên | Văn phòng Sở | Các phòng thuộc Sở | 27/02/2026 | Quy chế |
| 2 | Tổng kết mô hình một cửa liên thông về hộ tịch | Phòng Hành chính tư pháp | Văn phòng Sở | 02/05/2026 | Báo cáo tổng kết |
| 3 | Mở lớp tập huấn nghiệp vụ thanh tra chuyên ngành | Thanh tra Sở | Văn phòng Sở | 15/01/2026 | Lớp tập huấn |
| 4 | Cập nhật số liệu thống kê lên phần mềm của tỉnh | Văn phòng Sở | Các phòng thuộc Sở | Hằng tháng | Số liệu |
| 5 | Theo dõi tình hình thi hành pháp luật về xử lý vi phạm hành chính | Phòng Hành chính tư pháp | Thanh tra Sở | Thường xuyên | Báo cáo |
| 6 | Tổ chức hội nghị tiếp xúc doanh nghiệp | Văn phòng Sở | Thanh tra Sở | Khi có yêu cầu của UBND tỉnh | Hội nghị |
| 7 | Số hóa sổ sách trợ giúp pháp lý lưu trữ | Trung tâm Trợ giúp pháp lý | Văn phòng Sở | 31/03/2026 | Dữ liệu số |
| 8 | Rà soát quy trình nội bộ giải quyết thủ tục chứng thực | Phòng Hành chính tư pháp | Văn phòng Sở | 20/05/2026 | Quy trình |
| 9 | Đánh giá việc chấp hành kỷ luật hành chính | Thanh tra Sở | Văn phòng Sở | 30/04/2026 | Báo cáo đánh giá |

GIÁM ĐỐC
"""

HEADS = {
    "Lan": "Văn phòng Sở",
    "Hùng": "Phòng Hành chính tư pháp",
    "Mai": "Thanh tra Sở",
}
UNCOVERED_UNIT = "Trung tâm Trợ giúp pháp lý"
LEADER = "Minh"
OFFICE = "Văn phòng Sở"  # the coordinating office


@dataclass
class World:
    db: Database
    users: dict[str, int]  # name -> user id
    chats: dict[str, str]  # name -> telegram chat id
    tasks: dict[str, int]  # plan number -> task id

    def input(self, today: date) -> PlanInput:
        with self.db.session() as session:
            return load_input(session, today, OFFICE)


def build_world(
    data_dir: Path, plan_text: str = PLAN, *, base_chat: int = 500, url: str | None = None
) -> World:
    data_dir.mkdir(parents=True, exist_ok=True)
    db = Database(url or f"sqlite:///{data_dir / 'planbot.sqlite3'}")
    db.migrate()
    path = data_dir / "ke-hoach-thu.md"
    path.write_text(plan_text, encoding="utf-8")
    ingest_file(db, path)
    users: dict[str, int] = {}
    chats: dict[str, str] = {}
    with db.session() as session:
        people = [(n, "head", u) for n, u in HEADS.items()] + [(LEADER, "leader", None)]
        for i, (name, role, unit_name) in enumerate(people):
            unit = repositories.resolve_units(session, unit_name)[0] if unit_name else None
            user = chat.create_user(session, name, role, unit.id if unit else None)
            chat_id = str(base_chat + i)
            chat.add_identity(session, user, "telegram", chat_id, chat_id, name)
            users[name], chats[name] = user.id, chat_id
        tasks = {t.number: t.id for t in session.query(TaskRow)}
    return World(db, users, chats, tasks)


def report_done(db: Database, task_id: int, occurrence: str, at: datetime) -> None:
    with db.session() as session:
        session.add(
            ProgressReport(
                task_id=task_id, occurrence=occurrence, status="done", percent=100, reported_at=at
            )
        )


@dataclass
class Walk:
    sent: dict[str, tuple[Alert, datetime]] = field(default_factory=dict)  # key -> first tick
    repeats: int = 0  # ticks that planned an already-queued key (the outbox drops them)
    uncovered: list[Alert] = field(default_factory=list)

    def of(self, **match: object) -> list[Alert]:
        return [
            a for a, _ in self.sent.values() if all(getattr(a, k) == v for k, v in match.items())
        ]


def walk(
    inputs: Callable[[datetime], PlanInput],
    start: datetime,
    end: datetime,
    step: timedelta = timedelta(minutes=30),
) -> Walk:
    """Tick the planner every ``step`` from ``start`` to ``end`` like the scheduler does."""
    out = Walk()
    since: datetime | None = None
    now = start
    while now < end:
        for alert in planner.due_now(inputs(now), now, since):
            if alert.recipient is None:
                out.uncovered.append(alert)
            elif alert.dedupe_key in out.sent:
                out.repeats += 1
            else:
                out.sent[alert.dedupe_key] = (alert, now)
        since = now
        now += step
    return out
