"""Units belong to a jurisdiction: one "Sở Nội vụ" per province, one "Bộ Tài chính".

Plans are the tests' own (``province_plans``), loaded with ``planbot ingest``; what is
checked is what an official sees: ``planbot units``/``tasks``/``invite``, the admin
menu and answers to questions.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fakes.chat import ChatUser, linked, stubbed_services
from province_plans import ha_tinh_plan, national_plan, nghe_an_plan, write_plan

from bot.cli import main
from handlers.dispatcher import Dispatcher
from knowledge.answer.api import AnswerEngine
from knowledge.ingest import ingest_file, sync_search_index
from storage.db import Database
from storage.models import Invite
from storage.settings import get_settings


@pytest.fixture
def home(monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """Sets ``PLANBOT_PROVINCE`` (settings re-read); unset: the default."""

    def set_home(value: str) -> None:
        monkeypatch.setenv("PLANBOT_PROVINCE", value)
        get_settings.cache_clear()

    monkeypatch.delenv("PLANBOT_PROVINCE", raising=False)
    yield set_home
    get_settings.cache_clear()


def _cli(capsys: pytest.CaptureFixture[str], args: list[str]) -> tuple[int, str, str]:
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, " ".join(out.err.split())  # the console wraps long lines


def _ingest(capsys: pytest.CaptureFixture[str], *paths: Path) -> None:
    assert main(["ingest", *map(str, paths)]) == 0
    capsys.readouterr()


def _units(capsys: pytest.CaptureFixture[str], name: str) -> list[dict[str, object]]:
    code, out, _ = _cli(capsys, ["units", "--json"])
    assert code == 0
    return [u for u in json.loads(out) if u["name"] == name]


def _task_titles(capsys: pytest.CaptureFixture[str], unit: str, role: str = "lead") -> list[str]:
    code, out, err = _cli(capsys, ["tasks", "--unit", unit, "--role", role, "--json"])
    assert code == 0, err
    return sorted(t["title"] for t in json.loads(out))


def test_a_department_of_two_provinces_is_two_units(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path, home: object
) -> None:
    _ingest(capsys, nghe_an_plan(tmp_path / "plans"), ha_tinh_plan(tmp_path / "plans"))
    units = _units(capsys, "Sở Nội vụ")
    assert sorted(str(u["province"]) for u in units) == ["Hà Tĩnh", "Nghệ An"]
    assert _task_titles(capsys, "Sở Nội vụ Hà Tĩnh") == ["Chuẩn hóa mẫu văn bản điện tử"]
    assert _task_titles(capsys, "SNV tỉnh Nghệ An") == [
        "Rà soát danh mục hồ sơ cần số hóa",
        "Xây dựng kho lưu trữ số của tỉnh",
    ]
    code, out, _ = _cli(capsys, ["documents", "--json"])
    places = {d["source"]: (d["jurisdiction"], d["province"]) for d in json.loads(out)}
    assert places == {
        "na_so_hoa.md": ("province", "Nghệ An"),
        "ht_van_thu.md": ("province", "Hà Tĩnh"),
    }


def test_a_ministry_is_one_unit_wherever_it_is_named(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path, home: object
) -> None:
    plans = tmp_path / "plans"
    _ingest(capsys, nghe_an_plan(plans), ha_tinh_plan(plans), national_plan(plans))
    (ministry,) = _units(capsys, "Bộ Tài chính")
    assert ministry["province"] is None
    assert _task_titles(capsys, "Bộ Tài chính", role="any") == [
        "Chuẩn hóa mẫu văn bản điện tử",
        "Rà soát danh mục hồ sơ cần số hóa",
        "Trình dự thảo nghị định về lưu trữ điện tử",
    ]
    code, out, _ = _cli(capsys, ["documents", "--json"])
    national = next(d for d in json.loads(out) if d["source"] == "ttg_the_che.md")
    assert (national["jurisdiction"], national["province"]) == ("national", None)


def test_a_bare_name_means_the_home_province(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path, home: object
) -> None:
    plans = tmp_path / "plans"
    second = nghe_an_plan(plans, name="na_lan_hai.md", number="35/KH-UBND")
    _ingest(capsys, ha_tinh_plan(plans), nghe_an_plan(plans), second)
    # No setting: the province most plans come from (two of three are Nghệ An's).
    assert len(_task_titles(capsys, "Sở Nội vụ")) == 4
    assert "Chuẩn hóa mẫu văn bản điện tử" not in _task_titles(capsys, "so noi vu")
    home("Hà Tĩnh")  # type: ignore[operator]
    assert _task_titles(capsys, "Sở Nội vụ") == ["Chuẩn hóa mẫu văn bản điện tử"]
    assert len(_task_titles(capsys, "Sở Nội vụ Nghệ An")) == 4


def test_the_cli_refuses_a_bare_name_the_home_province_lacks(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path, home: object
) -> None:
    _ingest(capsys, nghe_an_plan(tmp_path / "plans"), ha_tinh_plan(tmp_path / "plans"))
    home("Quảng Ninh")  # type: ignore[operator]
    code, _, err = _cli(capsys, ["tasks", "--unit", "Sở Nội vụ"])
    assert code == 1
    assert "Sở Nội vụ tỉnh Nghệ An" in err and "Sở Nội vụ tỉnh Hà Tĩnh" in err
    code, _, err = _cli(capsys, ["invite", "--role", "head", "--unit", "Sở Nội vụ"])
    assert code == 2
    assert "Sở Nội vụ tỉnh Nghệ An" in err and "Sở Nội vụ tỉnh Hà Tĩnh" in err
    # A province with no such unit: the ones that exist are named instead.
    code, _, err = _cli(capsys, ["invite", "--role", "head", "--unit", "Sở Nội vụ Quảng Ninh"])
    assert code == 2 and "Sở Nội vụ tỉnh Hà Tĩnh" in err
    code, out, err = _cli(capsys, ["invite", "--role", "head", "--unit", "SNV Hà Tĩnh", "--json"])
    assert code == 0, err
    db = Database.from_settings()
    with db.session() as s:
        invite = s.query(Invite).filter_by(code=json.loads(out)["code"]).one()
        assert invite.unit is not None
        assert (invite.unit.name, invite.unit.province) == ("Sở Nội vụ", "ha tinh")
    assert len(_units(capsys, "Sở Nội vụ")) == 2  # no unit made from a typed name


def test_the_admin_menu_asks_which_province(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, home: object
) -> None:
    services = stubbed_services(tmp_path)
    plans = tmp_path / "plans"
    for path in (nghe_an_plan(plans), ha_tinh_plan(plans)):
        ingest_file(services.db, path, sync=False)
    home("Quảng Ninh")  # type: ignore[operator]
    dispatcher = Dispatcher(services)
    admin = linked(services, dispatcher, "root", "admin")
    admin.press("/admin invite head")
    [refused] = admin.say("Sở Nội vụ")
    assert "Sở Nội vụ tỉnh Nghệ An" in refused and "Sở Nội vụ tỉnh Hà Tĩnh" in refused
    admin.press("/admin invite head")
    [created] = admin.say("Sở Nội vụ tỉnh Nghệ An")
    code = created.split("mã mời ")[1].split()[0]
    newcomer = ChatUser(dispatcher, "n1", name="Bình")
    assert "trưởng đơn vị — Sở Nội vụ" in newcomer.say(f"/start {code}")[0]
    with services.db.session() as s:
        invite = s.query(Invite).filter_by(code=code).one()
        assert invite.unit is not None and invite.unit.province == "nghe an"


def _engine(data_dir: Path, *paths: Path) -> AnswerEngine:
    settings = get_settings()
    db = Database.from_settings(settings)
    for path in paths:
        ingest_file(db, path, settings=settings, sync=False)
    sync_search_index(db, settings)
    return AnswerEngine(db, settings)


def test_a_question_naming_a_bare_unit_gets_the_home_one_or_is_asked_which(
    data_dir: Path, tmp_path: Path, home: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EMBEDDING_BACKEND", "none")
    monkeypatch.setenv("RETRIEVAL_MODE", "keyword")
    get_settings.cache_clear()
    plans = tmp_path / "plans"
    engine = _engine(data_dir, ha_tinh_plan(plans), nghe_an_plan(plans))
    home("Nghệ An")  # type: ignore[operator]
    text = engine.ask("Sở Nội vụ có nhiệm vụ gì?").as_text()
    assert "Rà soát danh mục hồ sơ cần số hóa" in text
    assert "Chuẩn hóa mẫu văn bản điện tử" not in text
    text = engine.ask("Sở Nội vụ Hà Tĩnh có nhiệm vụ gì?").as_text()
    assert "Chuẩn hóa mẫu văn bản điện tử" in text and "Rà soát danh mục" not in text
    home("Quảng Ninh")  # type: ignore[operator]
    asked = engine.ask("Sở Nội vụ có nhiệm vụ gì?")
    assert asked.intent == "clarify"
    assert sorted(asked.options) == ["Sở Nội vụ tỉnh Hà Tĩnh", "Sở Nội vụ tỉnh Nghệ An"]
    chosen = engine.ask("Sở Nội vụ tỉnh Hà Tĩnh", context=asked.context).as_text()
    assert "Chuẩn hóa mẫu văn bản điện tử" in chosen and "Rà soát danh mục" not in chosen


def test_near_duplicate_spellings_are_one_unit_and_different_units_stay_apart(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path, home: object
) -> None:
    zones = "Ban Quản lý các Khu công nghiệp, khu kinh tế"
    rows = [
        ("Lập quy hoạch phân khu", zones, "Sở Xây dựng", "Tháng 4/2026"),
        (
            "Thu hút dự án đầu tư",
            "Ban quản lý các khu công nghiệp và khu kinh tế",
            "",
            "Quý II/2026",
        ),
        (
            "Rà soát hạ tầng",
            "Ban Quản lý Khu công nghiệp - Khu kinh tế tỉnh Nghệ An",
            "",
            "Quý III/2026",
        ),
        ("Báo cáo khu kinh tế", "Ban Quản lý Khu kinh tế", "", "Tháng 10/2026"),
        ("Báo cáo khu công nghiệp", "Ban Quản lý các Khu công nghiệp", "", "Tháng 11/2026"),
        ("Tiếp đoàn nước ngoài", "Sở Ngoại vụ", "Công an tỉnh Nghệ An", "Tháng 5/2026"),
        ("Bảo vệ bí mật nhà nước", "Công an tỉnh", "Công an tỉnh Hà Tĩnh", "Tháng 6/2026"),
    ]
    plan = write_plan(
        tmp_path / "plans",
        "na_khu_kinh_te.md",
        "ỦY BAN NHÂN DÂN TỈNH NGHỆ AN",
        "40/KH-UBND",
        "Nghệ An",
        "Phát triển các khu kinh tế năm 2026",
        rows,
    )
    _ingest(capsys, plan)
    code, out, _ = _cli(capsys, ["units", "--json"])
    units = [(u["name"], u["province"]) for u in json.loads(out)]
    assert (zones, "Nghệ An") in units
    assert not any("và khu kinh tế" in n or "Khu kinh tế tỉnh" in n for n, _ in units)
    assert len(_task_titles(capsys, zones)) == 3  # three spellings, one unit
    assert _task_titles(capsys, "Ban Quản lý Khu kinh tế") == ["Báo cáo khu kinh tế"]
    assert _task_titles(capsys, "Ban Quản lý các Khu công nghiệp") == ["Báo cáo khu công nghiệp"]
    assert _task_titles(capsys, "Sở Ngoại vụ") == ["Tiếp đoàn nước ngoài"]
    assert sorted(p for n, p in units if n == "Công an tỉnh") == ["Hà Tĩnh", "Nghệ An"]
    assert _task_titles(capsys, "Công an tỉnh", role="any") == [
        "Bảo vệ bí mật nhà nước",
        "Tiếp đoàn nước ngoài",
    ]


def _links(db: Database) -> list[tuple[str, str, str, str]]:
    """(task title, role, unit name, unit province) for every task-unit link."""
    from sqlalchemy import select

    from storage.models import TaskRow, TaskUnit, Unit

    with db.session() as s:
        rows = s.execute(
            select(TaskRow.title, TaskUnit.role, Unit.name, Unit.province)
            .join(TaskUnit, TaskUnit.task_id == TaskRow.id)
            .join(Unit, Unit.id == TaskUnit.unit_id)
        ).all()
    return sorted(tuple(r) for r in rows)  # type: ignore[misc]


def _migrate(db: Database, revision: str, down: bool = False) -> None:
    from alembic import command

    from storage.migrate import alembic_config

    cfg = alembic_config(db.url)
    with db.engine.begin() as connection:
        cfg.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(cfg, revision)


def test_upgrading_an_existing_database_splits_its_units_by_province(
    data_dir: Path, tmp_path: Path, home: object
) -> None:
    """A database from before units had a province (revision 0006: one "Sở Nội vụ" for
    every plan) comes out of the upgrade as a fresh ingest would have stored it."""
    from sqlalchemy import text

    from storage import chat

    plans = tmp_path / "plans"
    paths = [
        nghe_an_plan(plans),
        nghe_an_plan(plans, name="na_lan_hai.md", number="35/KH-UBND"),
        ha_tinh_plan(plans),
        national_plan(plans),
    ]
    db = Database.from_settings()
    for path in paths:
        ingest_file(db, path, sync=False)
    fresh = _links(db)
    with db.session() as s:
        snv = s.execute(
            text("SELECT id FROM units WHERE name = 'Sở Nội vụ' AND province = 'nghe an'")
        ).scalar_one()
        user = chat.create_user(s, "Lan", "head", unit_id=snv)
        user_id = user.id
    _migrate(db, "0006", down=True)  # the database as the previous release left it
    with db.engine.connect() as conn:
        names = conn.execute(text("SELECT name FROM units WHERE name = 'Sở Nội vụ'")).all()
        assert len(names) == 1  # one unit for both provinces, as before
    _migrate(db, "head")
    assert _links(db) == fresh
    with db.session() as s:
        row = s.execute(
            text(
                "SELECT u.name, u.province FROM users p JOIN units u ON u.id = p.unit_id "
                "WHERE p.id = :i"
            ),
            {"i": user_id},
        ).one()
        assert tuple(row) == ("Sở Nội vụ", "nghe an")  # the home province's copy kept its people
        kinds = dict(s.execute(text("SELECT source_name, jurisdiction FROM documents")).all())
        assert kinds["ttg_the_che.md"] == "national" and kinds["ht_van_thu.md"] == "province"
    # A later plan of Hà Tĩnh finds the migrated unit: no second Hà Tĩnh "Sở Nội vụ".
    ingest_file(db, ha_tinh_plan(plans, name="ht_lan_hai.md"), sync=False)
    with db.engine.connect() as conn:
        count = conn.execute(
            text("SELECT count(*) FROM units WHERE name = 'Sở Nội vụ' AND province = 'ha tinh'")
        ).scalar_one()
    assert count == 1


SLIDES = """Hội nghị triển khai chuyển đổi số
Slide 1
Mục tiêu: 100% hồ sơ công việc của tỉnh Hà Tĩnh được xử lý trên môi trường mạng
Slide 2
Nhiệm vụ: Sở Nội vụ chủ trì rà soát quy trình nội bộ tại các cơ quan của tỉnh Hà Tĩnh,
hoàn thành trong Quý III/2026.
Slide 3
Kinh nghiệm học hỏi từ tỉnh Nghệ An; người dân tỉnh Hà Tĩnh được hướng dẫn dùng dịch vụ công.
"""


def test_a_plan_without_letterhead_belongs_to_the_province_its_text_speaks_of(
    capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path, home: object
) -> None:
    # A slide deck has no issuer or place-date line: "tỉnh Hà Tĩnh", said three times
    # against one "tỉnh Nghệ An", places it; a single mention would not.
    deck = tmp_path / "hoi_nghi.txt"
    deck.write_text(SLIDES, encoding="utf-8")
    once = tmp_path / "mot_lan.txt"
    once.write_text(
        SLIDES.replace("tỉnh Hà Tĩnh", "tỉnh").replace("tỉnh,", "tỉnh Hà Tĩnh,"), "utf-8"
    )
    _ingest(capsys, deck, once)
    code, out, _ = _cli(capsys, ["documents", "--json"])
    places = {d["source"]: d["province"] for d in json.loads(out)}
    assert places == {"hoi_nghi.txt": "Hà Tĩnh", "mot_lan.txt": None}
