"""A small plan set stored as ORM rows, for answer and retrieval tests.

Two plans from two offices; the "mức độ hài lòng" target appears in both (so an
answer must give each with its source); units have aliases (SNV, Sở TT&TT).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from fakes.chat import ChatUser

from storage import repositories as repo
from storage.db import Database
from storage.models import Document, Passage, TargetRow, TaskDeadline, TaskRow, TaskUnit, Unit
from storage.settings import Settings

PLAN_A = "kh_cchc_so_noi_vu_2026.txt"
PLAN_B = "kh_cds_van_phong_2026.docx"


def _task(
    session: object,
    doc: Document,
    number: str,
    title: str,
    lead: Unit,
    coords: list[Unit],
    deadline: str,
    due: date | None,
    kind: str = "task",
) -> TaskRow:
    from sqlalchemy.orm import Session

    assert isinstance(session, Session)
    task = TaskRow(
        document_id=doc.id,
        identity=f"{doc.id}-{number}",
        content_hash="h",
        ordinal=int(number.split(".")[-1]),
        kind=kind,
        number=number,
        section="II. Nhiệm vụ trọng tâm",
        title=title,
        deadline_text=deadline,
        due_date=due,
        product="Báo cáo",
    )
    session.add(task)
    session.flush()
    session.add(TaskUnit(task_id=task.id, unit_id=lead.id, role="lead"))
    for unit in coords:
        session.add(TaskUnit(task_id=task.id, unit_id=unit.id, role="coordinate"))
    if due is not None:
        session.add(TaskDeadline(task_id=task.id, due_date=due))
    return task


def populate(db: Database) -> None:
    with db.session() as s:
        a = Document(
            source_name=PLAN_A,
            sha256="a" * 64,
            format="txt",
            title="Kế hoạch cải cách hành chính năm 2026 của Sở Nội vụ tỉnh Nghệ An",
            number="125/KH-SNV",
            issuer="Sở Nội vụ tỉnh Nghệ An",
            issued_date=date(2026, 1, 15),
            signer="Nguyễn Văn An",
            plan_year=2026,
        )
        b = Document(
            source_name=PLAN_B,
            sha256="b" * 64,
            format="docx",
            title="Kế hoạch chuyển đổi số năm 2026 của Văn phòng UBND tỉnh Hà Tĩnh",
            number="88/KH-VP",
            issuer="Văn phòng UBND tỉnh Hà Tĩnh",
            issued_date=date(2026, 2, 2),
            signer="Trần Thị Bình",
            plan_year=2026,
        )
        s.add_all([a, b])
        s.flush()
        snv = repo.upsert_unit(s, "Sở Nội vụ", aliases=["SNV"])
        stc = repo.upsert_unit(s, "Sở Tài chính", aliases=["STC"])
        stp = repo.upsert_unit(s, "Sở Tư pháp")
        tttt = repo.upsert_unit(
            s, "Sở Thông tin và Truyền thông", aliases=["Sở TT&TT", "Sở Thông tin - Truyền thông"]
        )
        khtc = repo.upsert_unit(s, "Phòng Kế hoạch - Tài chính")
        khdt = repo.upsert_unit(s, "Phòng Kế hoạch - Đầu tư")
        _task(
            s,
            a,
            "1",
            "Triển khai trợ lý ảo hỗ trợ giải quyết thủ tục hành chính",
            snv,
            [stc, tttt],
            "Quý II/2026",
            date(2026, 6, 30),
        )
        _task(
            s,
            a,
            "2",
            "Rà soát văn bản quy phạm pháp luật về tổ chức bộ máy",
            stp,
            [snv],
            "Tháng 3/2026",
            date(2026, 3, 31),
        )
        _task(
            s,
            a,
            "3",
            "Xây dựng dự toán kinh phí cải cách hành chính năm 2027",
            stc,
            [],
            "Quý IV/2026",
            date(2026, 12, 31),
        )
        _task(
            s,
            a,
            "4",
            "Kiểm tra công tác cải cách hành chính tại các xã",
            snv,
            [],
            "Tháng 5/2026",
            date(2026, 5, 31),
        )
        _task(
            s,
            a,
            "5",
            "Tổng hợp nhu cầu kinh phí của các phòng",
            khtc,
            [],
            "Thường xuyên",
            None,
            kind="duty",
        )
        _task(
            s,
            b,
            "1",
            "Nâng cấp hệ thống quản lý văn bản và điều hành",
            tttt,
            [snv],
            "Tháng 4/2026",
            date(2026, 4, 30),
        )
        _task(
            s,
            b,
            "2",
            "Lập danh mục dự án đầu tư công nghệ thông tin",
            khdt,
            [],
            "Quý III/2026",
            date(2026, 9, 30),
        )
        s.add(
            TargetRow(
                document_id=a.id,
                ordinal=0,
                text="Mức độ hài lòng của người dân về giải quyết thủ tục hành chính đạt trên 95%",
                values=["trên 95%"],
                year=2026,
                section="I. Mục tiêu",
            )
        )
        s.add(
            TargetRow(
                document_id=b.id,
                ordinal=0,
                text="Mức độ hài lòng của người dân về giải quyết thủ tục hành chính đạt trên 90%",
                values=["trên 90%"],
                year=2026,
                section="I. Mục tiêu",
            )
        )
        s.add(
            TargetRow(
                document_id=b.id,
                ordinal=1,
                text="Tỷ lệ hồ sơ thủ tục hành chính được thanh toán trực tuyến đạt 80%",
                values=["80%"],
                year=2026,
                section="I. Mục tiêu",
            )
        )
        s.add(
            Passage(
                document_id=a.id,
                ordinal=0,
                section="III. Tổ chức thực hiện",
                text="Văn phòng Sở theo dõi, đôn đốc việc thực hiện kế hoạch và báo cáo Giám đốc Sở.",
            )
        )
        s.add(
            Passage(
                document_id=b.id,
                ordinal=0,
                section="III. Tổ chức thực hiện",
                text="Hội nghị sơ kết chuyển đổi số tổ chức tại Cửa Lò vào tháng 7.",
            )
        )


def populated_store(
    data_dir: Path,
    plans: tuple[Callable[[Database], None], ...] = (populate,),
    **overrides: Any,
) -> tuple[Database, Settings]:
    """A fresh database in ``data_dir`` holding ``plans`` (by default the two fixture
    plans; a test adds its own writer of a plan), index in step.

    ``overrides`` are settings (retrieval_mode, embedding_backend, llm_* …); nothing
    is read from the environment or a .env file.
    """
    from knowledge.retrieval.sync import sync_index

    settings = Settings(planbot_data_dir=data_dir, _env_file=None, **overrides)  # type: ignore[call-arg]
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    db = Database(settings.sqlalchemy_url)
    db.migrate()
    for write in plans:
        write(db)
    sync_index(db, settings)
    return db, settings


def ask(user: ChatUser, text: str) -> str:
    """The one reply to ``text``."""
    [reply] = user.say(text)
    return reply


def cited(user: ChatUser) -> list[str]:
    """The sources cited by the last reply."""
    return [c.source for c in user.replies[0].citations]


def chat_over_plans(
    folder: Path, plans: dict[str, str], now: datetime, role: str = "leader"
) -> ChatUser:
    """A linked chat user over ``plans`` (file name -> text written in the test), each
    written to ``folder`` and ingested by the real parser into a fresh keyword store."""
    from fakes.chat import linked

    from handlers.dispatcher import Dispatcher
    from handlers.services import Services
    from knowledge.ingest import ingest_file

    db, settings = populated_store(folder / "data", (), retrieval_mode="keyword")
    for name, text in plans.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        ingest_file(db, path, settings=settings)
    services = Services(db, settings, clock=lambda: now)
    return linked(services, Dispatcher(services), "an", role)
