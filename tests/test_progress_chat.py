"""``/tiendo`` in chat: the overview for leaders, one unit, the chart as a real PNG
sent with sendPhoto through the real python-telegram-bot and the fake Bot API."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from fakes.channel import polling, until
from fakes.chat import add_task, invite, linked, stubbed_services
from fakes.telegram_api import TOKEN, FakeTelegram

from bot.telegram.adapter import TelegramAdapter
from handlers.dispatcher import Dispatcher
from handlers.services import Services
from knowledge.progress import service
from knowledge.progress.reporting import Reporter
from knowledge.progress.status import ReportState

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def _plan(services: Services) -> dict[str, int]:
    ids = {
        "ke_hoach": add_task(
            services, "Ban hành Kế hoạch CCHC", "Sở Tư pháp", date(2026, 1, 31), number="1"
        ),
        "so_hoa": add_task(
            services, "Số hóa hồ sơ lý lịch tư pháp", "Sở Tư pháp", date(2026, 12, 31), number="2"
        ),
        "tap_huan": add_task(
            services, "Tập huấn kỹ năng số", "Sở Nội vụ", date(2026, 2, 27), number="3"
        ),
    }
    with services.db.session() as s:
        service.record(
            s,
            Reporter(None, "Văn thư", "admin", None),
            ids["ke_hoach"],
            ReportState.DONE,
            percent=None,
            note="KH số 05/KH-STP",
            now=datetime(2026, 1, 20, 3),
        )
    return ids


@pytest.fixture
def services(tmp_path: Path) -> Services:
    s = stubbed_services(tmp_path)
    s.clock = lambda: datetime(2026, 3, 10, 9, 0, tzinfo=TZ)
    return s


def test_leader_overview_counts_classes_and_lists_overdue_and_silent_units(
    services: Services,
) -> None:
    _plan(services)
    leader = linked(services, Dispatcher(services), "lan", "leader")
    [text] = leader.say("/tiendo")
    assert (
        "Tổng số 3 nhiệm vụ; đã hoàn thành 1 (đúng hạn 1, quá hạn 0); chưa hoàn thành 2 (trong hạn 1, quá hạn 1)"
        in text
    )
    assert "• Sở Nội vụ: hoàn thành 0/1; quá hạn 1" in text
    assert "[3] Tập huấn kỹ năng số — Sở Nội vụ; hạn 27/02/2026, quá 7 ngày làm việc" in text
    assert "Đơn vị chưa báo cáo từ ngày 01/01/2026: Sở Nội vụ" in text  # Sở Tư pháp reported
    assert leader.replies[0].buttons[0][0].data == "/tiendo bieudo"
    [one] = leader.say("/tiendo so noi vu")
    assert "Sở Nội vụ" in one and "Sở Tư pháp" not in one


def test_a_unit_head_sees_only_their_unit(services: Services) -> None:
    _plan(services)
    dispatcher = Dispatcher(services)
    head = linked(services, dispatcher, "an", "head", "Sở Nội vụ")
    [text] = head.say("/tiendo")
    assert "Tổng số 1 nhiệm vụ" in text and "Sở Tư pháp" not in text
    [refused] = head.say("/tiendo Sở Tư pháp")
    assert "Chỉ lãnh đạo" in refused


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    with FakeTelegram() as server:
        yield server


async def test_the_chart_is_a_real_png_sent_with_send_photo(
    tmp_path: Path, fake: FakeTelegram
) -> None:
    services = stubbed_services(
        tmp_path, telegram_bot_token=TOKEN, telegram_api_base_url=fake.url, telegram_poll_timeout=1
    )
    services.clock = lambda: datetime(2026, 3, 10, 9, 0, tzinfo=TZ)
    _plan(services)
    adapter = TelegramAdapter(services.db, Dispatcher(services), services.settings)
    async with polling(adapter):
        fake.push_text(7, f"/start {invite(services, 'leader')}")
        await until(lambda: fake.texts(7))
        fake.push_text(7, "/tiendo")
        await until(lambda: len(fake.texts(7)) == 2)
        fake.push_callback(7, "/tiendo bieudo")
        await until(lambda: fake.sent("sendPhoto", 7))
    [photo] = fake.sent("sendPhoto", 7)
    png = photo["photo"]
    assert isinstance(png, bytes) and png.startswith(PNG_MAGIC) and len(png) > 5000
    assert photo["caption"].startswith("Tiến độ nhiệm vụ — tất cả đơn vị (đến ngày 10/03/2026)")


def test_history_shows_who_when_which_channel_and_what(services: Services) -> None:
    ids = _plan(services)
    with services.db.session() as s:
        head = Reporter(None, "Trưởng phòng Bình", "admin", None, channel="telegram")
        admin = Reporter(None, "Văn thư", "admin", None, channel="cli")
        service.record(
            s,
            admin,
            ids["so_hoa"],
            ReportState.IN_PROGRESS,
            percent=30,
            note="đã số hóa 300 hồ sơ",
            now=datetime(2026, 3, 2, 2),
        )
        service.record(
            s,
            head,
            ids["so_hoa"],
            ReportState.IN_PROGRESS,
            percent=45,
            note="",
            now=datetime(2026, 3, 9, 2),
        )
    leader = linked(services, Dispatcher(services), "lan", "leader")
    [text] = leader.say("/lichsu 2")
    assert text.splitlines()[0].startswith("Lịch sử báo cáo nhiệm vụ 2 Số hóa hồ sơ")
    assert (
        "• 02/03/2026 09:00 — Văn thư (nhập trên máy chủ): Đang thực hiện, 30%: đã số hóa 300 hồ sơ"
        in text
    )
    assert "• 09/03/2026 09:00 — Trưởng phòng Bình (Telegram): Đang thực hiện, 45%" in text
    [none] = leader.say("/lichsu 9.99")
    assert "Không tìm thấy" in none
