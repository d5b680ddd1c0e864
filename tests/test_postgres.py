"""``DATABASE_URL`` pointing at a real PostgreSQL server behaves exactly as SQLite.

A throw-away cluster is started on 127.0.0.1 for this module (skipped with a
message when the server binaries or the driver are absent); every test gets a
fresh database. The same scenario runs on SQLite and on PostgreSQL and the
results a user would see are compared.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import seed_path
from servers import PostgresServer, postgres_server
from sqlalchemy import func, inspect, select
from sqlalchemy.exc import IntegrityError

from bot.cli import main
from handlers.linking import link
from handlers.messages import Sender
from knowledge.answer.api import AnswerEngine
from knowledge.ingest import ingest_file, remove_document
from storage import chat
from storage import repositories as repo
from storage.db import Database
from storage.models import (
    Base,
    Document,
    Passage,
    SectionRow,
    TargetRow,
    TaskDeadline,
    TaskRow,
    TaskUnit,
    Unit,
)
from storage.settings import Settings, get_settings

SAMPLE_PLAN = next((Path(__file__).resolve().parent.parent / "bot" / "samples").glob("*.md"))


@pytest.fixture(scope="module")
def pg() -> Iterator[PostgresServer]:
    # A server configured for its country: timestamps must still be stored in UTC.
    with postgres_server("timezone=Asia/Ho_Chi_Minh") as server:
        yield server


@pytest.fixture
def pg_url(pg: PostgresServer) -> str:
    return pg.create_database(f"t_{uuid.uuid4().hex[:12]}")


def _settings(tmp_path: Path, url: str | None, name: str) -> Settings:
    return Settings(
        planbot_data_dir=tmp_path / name,
        database_url=url,
        retrieval_mode="keyword",
        _env_file=None,  # type: ignore[call-arg]
    )


def _database(tmp_path: Path, url: str | None, name: str) -> tuple[Database, Settings]:
    settings = _settings(tmp_path, url, name)
    return Database.from_settings(settings), settings


def test_migrate_twice_creates_every_table(pg_url: str) -> None:
    db = Database(pg_url)
    db.migrate()
    db.migrate()  # already at head: nothing to do, no error
    assert db.engine.dialect.name == "postgresql"
    tables = set(inspect(db.engine).get_table_names())
    assert set(Base.metadata.tables) | {"alembic_version"} <= tables
    with db.session() as s:
        s.add(Unit(name="Sở Nội vụ", folded="so noi vu"))
    with db.session() as s:
        unit = s.scalars(select(Unit)).one()
        assert unit.id == 1 and unit.kind == "unit"  # autoincrement and Python default
        # The server default now() is naive UTC, like SQLite's CURRENT_TIMESTAMP and
        # like the times the code writes itself (invite expiry, handled_at).
        assert abs(unit.created_at - chat.utcnow()) < timedelta(minutes=5)


def _revised_plan(tmp_path: Path) -> Path:
    """The sample plan with task 12 dropped, task 9's deadline changed and a task 13 added."""
    lines = SAMPLE_PLAN.read_text(encoding="utf-8").splitlines()
    lines = [ln for ln in lines if not ln.startswith("| 12 |")]
    lines = [ln.replace("| Tháng 12/2026 | Trợ lý ảo", "| Quý I/2027 | Trợ lý ảo") for ln in lines]
    at = next(i for i, ln in enumerate(lines) if ln.startswith("| 11 |")) + 1
    lines.insert(
        at,
        "| 13 | Tổ chức hội nghị đối thoại với doanh nghiệp về TTHC | Văn phòng Sở | "
        "Sở Nội vụ | Tháng 10/2026 | Hội nghị |",
    )
    revised = tmp_path / "revised" / SAMPLE_PLAN.name
    revised.parent.mkdir(parents=True, exist_ok=True)
    revised.write_text("\n".join(lines), encoding="utf-8")
    return revised


def _numbers(rows: list[TaskRow]) -> list[str]:
    return sorted(r.number for r in rows)


def _task_ids(db: Database) -> dict[str, int]:
    with db.session() as s:
        return {t.number: t.id for t in s.scalars(select(TaskRow).where(TaskRow.kind == "task"))}


def _row_counts(db: Database) -> dict[str, int]:
    models = (Document, SectionRow, TargetRow, Passage, TaskRow, TaskUnit, TaskDeadline)
    with db.session() as s:
        return {
            m.__tablename__: int(s.scalar(select(func.count()).select_from(m)) or 0) for m in models
        }


def _queries(db: Database) -> dict[str, Any]:
    """What the `tasks`/`units` commands and the answer engine ask the database."""
    out: dict[str, Any] = {}
    with db.session() as s:
        (htp,) = repo.resolve_units(s, "phong hanh chinh tu phap")
        out["htp"] = (htp.name, _numbers(repo.list_tasks(s, unit_ids=[htp.id])))
        q4 = repo.list_tasks(s, due_from=date(2026, 10, 1), due_to=date(2026, 12, 31))
        out["q4"] = _numbers(q4)
        out["tt"] = [u.name for u in repo.resolve_units(s, "Sở TT&TT")]
        tt = repo.resolve_units(s, "Sở Thông tin - Truyền thông")
        out["tt_coordinates"] = _numbers(
            repo.list_tasks(s, unit_ids=[tt[0].id], roles=("coordinate",))
        )
        out["van_phong"] = [u.name for u in repo.resolve_units(s, "Văn phòng Sở")]
        out["by_word"] = sorted(u.name for u in repo.resolve_units(s, "truyen thong"))
        out["units"] = sorted((u.name, u.kind) for u in repo.list_units(s))
        out["duties"] = len(repo.list_tasks(s, kind="duty"))
        task3 = next(t for t in repo.list_tasks(s) if t.number == "3")
        out["task3"] = (task3.deadline_json, task3.locator, [d.due_date for d in task3.deadlines])
    return out


def _scenario(db: Database, settings: Settings, tmp_path: Path) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    first = ingest_file(db, SAMPLE_PLAN, settings=settings)
    seen["first"] = (first.status, first.tasks, first.duties, first.targets, first.without_lead)
    seen["queries"] = _queries(db)
    ids = _task_ids(db)
    again = ingest_file(db, SAMPLE_PLAN, settings=settings)
    seen["again"] = (again.status, _task_ids(db) == ids)

    revised = ingest_file(db, _revised_plan(tmp_path), settings=settings)
    after = _task_ids(db)
    seen["revised"] = (revised.status, revised.kept, revised.added, revised.removed)
    seen["revised_tasks"] = sorted(after, key=int)
    seen["kept_ids"] = all(after[n] == ids[n] for n in ("1", "5", "9", "11"))
    with db.session() as s:
        task9 = s.get(TaskRow, after["9"])
        assert task9 is not None
        seen["task9"] = (task9.deadline_text, task9.due_date, [d.due_date for d in task9.deadlines])
        seen["documents"] = s.scalar(select(func.count()).select_from(Document))
        seen["revision"] = s.scalars(select(Document.revision)).one()

    with db.session() as s:
        keep = repo.resolve_units(s, "Phòng Hành chính tư pháp")[0]
        drop = repo.resolve_units(s, "Phòng Xây dựng và Kiểm tra văn bản")[0]
        repo.merge_units(s, keep.id, drop.id)
    with db.session() as s:
        merged = repo.resolve_units(s, "phong xay dung va kiem tra van ban")
        seen["merged"] = [u.name for u in merged]
        seen["merged_tasks"] = _numbers(repo.list_tasks(s, unit_ids=[merged[0].id]))

    seen["counts"] = _row_counts(db)
    with db.session() as s:
        doc_id = s.scalars(select(Document.id)).one()
    assert remove_document(db, doc_id, settings)
    seen["after_remove"] = _row_counts(db)
    return seen


def test_ingest_queries_revisions_and_removal_match_sqlite(pg_url: str, tmp_path: Path) -> None:
    lite = _scenario(*_database(tmp_path, None, "lite"), tmp_path)
    db, settings = _database(tmp_path, pg_url, "pg")
    assert db.engine.dialect.name == "postgresql"
    got = _scenario(db, settings, tmp_path)
    assert got == lite
    # ... and both are right, not merely equal.
    assert got["first"] == ("new", 12, 4, 6, 0)
    q = got["queries"]
    assert q["htp"] == ("Phòng Hành chính tư pháp", ["10", "7", "8"])
    assert {"3", "8", "9", "11"} <= set(q["q4"]) and "10" not in q["q4"]
    assert q["tt"] == ["Sở Thông tin và Truyền thông"]
    assert q["tt_coordinates"] == ["7", "8"]
    assert q["task3"][2] == [date(2026, 6, 30), date(2026, 12, 31)]
    assert got["again"] == ("unchanged", True)
    assert got["revised"] == ("revised", 15, 1, 1)  # 11 tasks + 4 duties kept
    assert "12" not in got["revised_tasks"] and "13" in got["revised_tasks"]
    assert got["kept_ids"] is True
    assert got["task9"] == ("Quý I/2027", date(2027, 3, 31), [date(2027, 3, 31)])
    assert (got["documents"], got["revision"]) == (1, 2)
    assert got["merged"] == ["Phòng Hành chính tư pháp"]
    assert got["merged_tasks"] == ["10", "4", "5", "7", "8"]
    assert got["counts"]["tasks"] == 16 and got["counts"]["task_deadlines"] > 10
    # Deleting the document removes everything hanging off it (ON DELETE CASCADE).
    assert set(got["after_remove"].values()) == {0}


def test_overlong_values_fit_their_columns_as_on_sqlite(pg_url: str, tmp_path: Path) -> None:
    """A garbled cell makes a 400-character unit "name": SQLite stores it, so must PostgreSQL."""
    garbled = "Phòng " + "Hành chính tổng hợp và quản trị thiết bị " * 9
    rows = [
        f"| 1 | Rà soát quy trình nội bộ | {garbled} | Sở Nội vụ | Quý II/2026 | Báo cáo |",
        f"| {'1.' * 30} | Cập nhật dữ liệu | Sở Nội vụ | {garbled} | Quý III/2026 | Dữ liệu |",
    ]
    plan = tmp_path / "ke-hoach-dai.md"
    results = []
    for url, name in ((None, "lite"), (pg_url, "pg")):
        db, settings = _database(tmp_path, url, name)
        for extra in ("", "| 3 | Tổng kết | Sở Nội vụ | Sở Tư pháp | Quý IV/2026 | Báo cáo |"):
            plan.write_text(_table_plan([*rows, extra]), encoding="utf-8")
            summary = ingest_file(db, plan, settings=settings, sync=False)
        with db.session() as s:
            (unit,) = repo.resolve_units(s, garbled)  # the same key on lookup as on insert
            tasks = [(t.number, t.title, t.raw_lead) for t in repo.list_tasks(s)]
            roles = _numbers(repo.list_tasks(s, unit_ids=[unit.id], roles=("lead", "coordinate")))
            results.append((summary.status, len(unit.name), tasks, roles))
    assert results[0] == results[1]
    status, name_length, tasks, roles = results[1]
    assert (status, name_length, len(tasks)) == ("revised", 300, 3)
    assert tasks[0][2].strip() == garbled.strip()  # the raw cell is kept whole
    assert len(roles) == 2


def _table_plan(rows: list[str]) -> str:
    head = "| STT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian | Sản phẩm |"
    return "\n".join(
        ["Số: 12/KH-STP", "", "# KẾ HOẠCH", "", "## II. NHIỆM VỤ", "", head, "|---" * 6 + "|"]
        + [r for r in rows if r]
    )


def test_real_seeds_store_the_same_on_postgresql(pg_url: str, tmp_path: Path) -> None:
    seeds = [seed_path("001"), seed_path("002"), seed_path("004")]
    results = []
    for url, name in ((None, "lite"), (pg_url, "pg")):
        db, settings = _database(tmp_path, url, name)
        summaries = [ingest_file(db, p, settings=settings, sync=False) for p in seeds]
        with db.session() as s:
            (hcqt,) = repo.resolve_units(s, "Phòng Hành chính - Quản trị")
            led = len(repo.list_tasks(s, unit_ids=[hcqt.id], kind="task"))
            q2 = _numbers(repo.list_tasks(s, due_from=date(2024, 4, 1), due_to=date(2024, 6, 30)))
        results.append(([(x.tasks, x.targets, len(x.warnings)) for x in summaries], led, q2))
    assert results[0] == results[1]
    tasks, led, q2 = results[1]
    assert [t for t, _, _ in tasks] == [27, 42, 78]
    assert led == 18  # seed 001: 18 tasks led by Phòng Hành chính - Quản trị
    assert len(q2) > 5


def test_chat_invites_identities_and_updates(pg_url: str, tmp_path: Path) -> None:
    db, settings = _database(tmp_path, pg_url, "pg")
    with db.session() as s:
        unit = repo.upsert_unit(s, "Sở Tư pháp")
        admin = chat.create_user(s, "Quản trị", "admin")
        invite = chat.create_invite(s, "head", unit.id, created_by=admin.id)
        code = invite.code
    sender = Sender(channel="telegram", external_id="777", chat_id="777", display_name="Hòa")
    with db.session() as s:
        reply = link(s, sender, code.lower())  # codes are typed in any case
    assert "Hòa" in reply.text and "Sở Tư pháp" in reply.text
    with db.session() as s:
        assert link(s, Sender("zalo_bot", "9", "9"), code).text != reply.text  # used up
    with db.session() as s:
        identity = chat.find_identity(s, "telegram", "777")
        assert identity is not None and identity.user.unit is not None
        assert (identity.user.role, identity.user.unit.name) == ("head", "Sở Tư pháp")
        assert chat.usable_invite(s, code) is None
        (entry,) = chat.audit_entries(s, "link")
        assert entry.detail["invite"] == code and entry.detail["unit_id"] == unit.id
    with pytest.raises(IntegrityError), db.session() as s:  # one identity per account
        user = chat.create_user(s, "Khác", "member")
        chat.add_identity(s, user, "telegram", "777", "777")

    payload = {"update_id": 41, "message": {"text": "Sở Nội vụ có nhiệm vụ gì?"}}

    def persist(offset: int) -> bool:  # as ChannelAdapter.persist: update + offset, one commit
        with db.session() as s:
            new = chat.record_update(s, "telegram", "41", payload)
            chat.set_state(s, "telegram", "offset", str(offset))
        return new

    assert persist(42) is True
    assert persist(43) is False  # a re-delivery is recognized
    with db.session() as s:
        (pending,) = chat.pending_updates(s, "telegram")
        assert pending.payload == payload and chat.get_state(s, "telegram", "offset") == "43"
        chat.finish_update(s, "telegram", "41")
        chat.set_context(s, "telegram", "777", {"last": {"unit": "Sở Nội vụ", "ids": [1, 2]}})
    with db.session() as s:
        assert chat.pending_updates(s, "telegram") == []
        assert chat.get_context(s, "telegram", "777") == {
            "last": {"unit": "Sở Nội vụ", "ids": [1, 2]}
        }


def test_ask_answers_from_postgresql(
    pg_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db, settings = _database(tmp_path, pg_url, "pg")
    ingest_file(db, SAMPLE_PLAN, settings=settings)
    answer = AnswerEngine(db, settings).ask("ai chu tri trien khai tro ly ao")
    assert "Trung tâm Trợ giúp pháp lý" in answer.as_text()
    assert [c.source for c in answer.citations] == [SAMPLE_PLAN.name]

    monkeypatch.setenv("DATABASE_URL", pg_url)
    monkeypatch.setenv("PLANBOT_DATA_DIR", str(tmp_path / "cli"))  # no SQLite file, no cache
    monkeypatch.setenv("RETRIEVAL_MODE", "keyword")
    get_settings.cache_clear()
    try:
        code = main(["ask", "Phòng Hành chính tư pháp có bao nhiêu nhiệm vụ?", "--json"])
    finally:
        get_settings.cache_clear()
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["answer"].startswith("Phòng Hành chính tư pháp có 3 nhiệm vụ")
    assert {c["source"] for c in data["citations"]} == {SAMPLE_PLAN.name}
    assert not (tmp_path / "cli" / "planbot.sqlite3").exists()


def test_concurrent_redemption_of_one_code_makes_one_account(pg_url: str, tmp_path: Path) -> None:
    """The conditional UPDATE holds on PostgreSQL too: 4 people, one code, one account."""
    import threading
    from concurrent.futures import ThreadPoolExecutor

    db, _settings = _database(tmp_path, pg_url, "pg_race")
    with db.session() as s:
        code = chat.create_invite(s, "member").code
    barrier = threading.Barrier(4)

    def redeem(n: int) -> str:
        barrier.wait()
        with db.session() as session:  # each person's turn has its own unit of work
            return link(session, Sender("telegram", f"r{n}", f"r{n}", f"R{n}"), code).text

    with ThreadPoolExecutor(max_workers=4) as pool:
        replies = list(pool.map(redeem, range(4)))
    assert sum(r.startswith("Chào mừng") for r in replies) == 1
    with db.session() as s:
        assert len(chat.list_users(s)) == 1
        assert len(chat.audit_entries(s, chat.INVITE_FAILED)) == 3


def test_units_by_province_and_their_migration_match_sqlite(pg_url: str, tmp_path: Path) -> None:
    """Plans of two provinces and of the Government: the same units, provinces and links
    on both databases, and the same after the 0007j migration is undone and redone."""
    from province_plans import ha_tinh_plan, national_plan, nghe_an_plan
    from test_jurisdiction import _links, _migrate

    plans = tmp_path / "plans"
    paths = [nghe_an_plan(plans), ha_tinh_plan(plans), national_plan(plans)]
    results = []
    for url, name in ((None, "lite"), (pg_url, "pg")):
        db, settings = _database(tmp_path, url, name)
        for path in paths:
            ingest_file(db, path, settings=settings, sync=False)
        with db.session() as s:
            units = sorted((u.name, u.province) for u in s.scalars(select(Unit)))
        links = _links(db)
        _migrate(db, "0006", down=True)
        _migrate(db, "head")
        results.append((units, links, _links(db)))
    assert results[0] == results[1]
    units, links, migrated = results[1]
    assert ("Sở Nội vụ", "nghe an") in units and ("Sở Nội vụ", "ha tinh") in units
    assert [u for u in units if u[0] == "Bộ Tài chính"] == [("Bộ Tài chính", "")]
    assert migrated == links
