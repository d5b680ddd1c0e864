"""Alerts in the chat: /hanchot says which reminders are coming and when, /caidat
changes them (mute all or a plan, lead times, digest), the alert's button opens the
guided report on its task."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from alert_fixtures import LEADER, OFFICE, World, build_world
from fakes.chat import ChatUser

from handlers.dispatcher import Dispatcher
from handlers.flows import choice_data
from handlers.services import Services
from knowledge.alerts import planner
from knowledge.alerts.model import AlertKind
from storage.settings import Settings

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def world(tmp_path: Path) -> World:
    return build_world(tmp_path / "data")


def _chat(world: World, tmp_path: Path, name: str, now: datetime) -> ChatUser:
    settings = Settings(planbot_data_dir=tmp_path / "data", alerts_coordinating_office=OFFICE)
    services = Services(world.db, settings, clock=lambda: now.replace(tzinfo=TZ))
    return ChatUser(Dispatcher(services), world.chats[name], name=name)


def _mine(world: World, name: str, moment: str) -> list[AlertKind]:
    now = datetime.fromisoformat(moment)
    alerts = planner.due_now(world.input(now.date()), now)
    return [a.kind for a in alerts if a.recipient == world.users[name]]


def test_hanchot_lists_the_reminders_coming_and_when(world: World, tmp_path: Path) -> None:
    lan = _chat(world, tmp_path, "Lan", datetime(2026, 2, 13, 9, 0))
    text = "\n".join(lan.say("/hanchot"))
    assert "Nhắc hạn bạn sẽ nhận trong 14 ngày tới" in text
    assert "Thứ Ba 24/02/2026 08:00: nhắc hạn — 1. Trình dự thảo quy chế" in text
    assert "Thứ Hai 23/02/2026 07:30: tổng hợp tuần" in text
    assert "16/02/2026" not in text  # Tết: nothing is sent


def test_leaders_preview_shows_every_unit_and_the_gaps(world: World, tmp_path: Path) -> None:
    minh = _chat(world, tmp_path, LEADER, datetime(2026, 3, 20, 9, 0))
    text = "\n".join(minh.say("/hanchot"))
    assert "mọi đơn vị" in text and "→ Lan" in text
    assert "không có người nhận" in text and "KHÔNG CÓ NGƯỜI NHẬN" in text


def test_caidat_mutes_and_changes_lead_times_and_digest(world: World, tmp_path: Path) -> None:
    lan = _chat(world, tmp_path, "Lan", datetime(2026, 2, 13, 9, 0))
    menu = "\n".join(lan.say("/caidat"))
    assert "Nhắc trước: 7, 3, 1 ngày làm việc" in menu
    assert [b.label for row in lan.replies[0].buttons for b in row][0] == "Tắt mọi nhắc hạn"
    assert AlertKind.REMINDER in _mine(world, "Lan", "2026-02-24 08:00")

    lan.press(choice_data("caidat", "menu", "lead"))
    assert "Nhắc trước bao nhiêu ngày" in lan.replies[-1].text
    assert "Chưa hiểu" in "\n".join(lan.say("bảy ngày"))  # bad input: asked again
    saved = "\n".join(lan.say("5, 2"))
    assert "Nhắc trước: 5, 2 ngày làm việc" in saved
    assert AlertKind.REMINDER not in _mine(world, "Lan", "2026-02-24 08:00")  # 3 days left
    assert AlertKind.REMINDER in _mine(world, "Lan", "2026-02-25 08:00")  # 2 days left

    lan.press(choice_data("caidat", "menu", "digest_off"))
    assert AlertKind.DIGEST not in _mine(world, "Lan", "2026-02-23 08:00")

    lan.press(choice_data("caidat", "menu", "plan"))
    plan_button = lan.replies[-1].buttons[0][0]
    assert "07/KH-STP" in plan_button.label
    lan.press(plan_button.data)
    assert "Kế hoạch đã tắt nhắc: 07/KH-STP" in "\n".join(r.text for r in lan.replies)
    assert _mine(world, "Lan", "2026-02-25 08:00") == []

    lan.press(choice_data("caidat", "menu", "mute"))
    lan.press(choice_data("caidat", "menu", "done"))
    assert "Bạn đã tắt mọi nhắc hạn" in "\n".join(lan.say("/hanchot"))
    assert _mine(world, "Lan", "2026-03-02 08:00") == []


def test_report_button_opens_the_guided_report_on_the_alerted_task(
    world: World, tmp_path: Path
) -> None:
    now = datetime(2026, 2, 24, 8, 0)
    alert = next(
        a
        for a in planner.due_now(world.input(date(2026, 2, 24)), now)
        if a.recipient == world.users["Lan"] and a.kind == AlertKind.REMINDER
    )
    from handlers.alerts import report_button

    button = report_button(alert)[0][0]
    assert button.label == "Báo cáo tiến độ" and len(button.data.encode()) <= 64
    lan = _chat(world, tmp_path, "Lan", now)
    [state] = lan.press(button.data)
    assert "Trình dự thảo quy chế phối hợp" in state and "Tình trạng thực hiện?" in state
    assert [b.label for row in lan.replies[0].buttons for b in row][0] == "Hoàn thành"
    assert "Không tìm thấy" in "\n".join(lan.press("/baocaonv 99999"))
    # Thanh tra Sở does not lead task 1: refused, naming the unit that does.
    mai = _chat(world, tmp_path, "Mai", now)
    [refused] = mai.press(button.data)
    assert "không thuộc đơn vị chủ trì" in refused and "Văn phòng Sở" in refused
