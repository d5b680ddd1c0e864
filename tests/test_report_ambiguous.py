"""A one-message report whose words fit several of the unit's tasks is asked back:
the best three tasks offered (buttons on Telegram, numbered lines on Zalo), the
pick shown for confirmation, and only "Xác nhận" saves — one report, on the
picked task. Runs through the shared conversation harness (``fakes.conversation``)
on every channel."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from fakes.chat import add_task, invite
from fakes.conversation import CHANNELS, KINDS, Conversation
from sqlalchemy import select

from storage.models import ProgressReport, TaskRow

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 3, 10, 9, 0, tzinfo=TZ)
OWN = "Sở Tư pháp"
# Four training tasks of the reporter's unit that a message about "a training for
# civil servants" fits equally, one of another unit worded alike, and one unrelated.
TRAININGS = {
    "3.32": "Tập huấn kỹ năng số cho công chức",
    "3.35": "Tập huấn nghiệp vụ hộ tịch cho công chức cấp xã",
    "3.36": "Tập huấn kỹ năng hòa giải cho công chức tư pháp",
    "3.37": "Tập huấn công tác văn thư cho công chức",
}
FOREIGN = ("4.02", "Tập huấn kỹ năng số cho công chức ngành nội vụ", "Sở Nội vụ")
UNRELATED = ("3.31", "Ban hành Kế hoạch CCHC năm 2026")
VAGUE = "đã tổ chức xong lớp tập huấn cho công chức"


@pytest.fixture(params=CHANNELS)
async def conv(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Conversation]:
    async with KINDS[request.param](tmp_path, lambda: NOW) as c:
        s = c.services
        add_task(s, UNRELATED[1], OWN, date(2026, 1, 31), number=UNRELATED[0])
        for number, title in TRAININGS.items():
            add_task(s, title, OWN, date(2026, 6, 30), number=number)
        add_task(s, FOREIGN[1], FOREIGN[2], date(2026, 6, 30), number=FOREIGN[0])
        yield c


async def _head(c: Conversation, user: str) -> None:
    await c.say(user, f"/start {invite(c.services, 'head', OWN)}")


def _reports(c: Conversation) -> list[tuple[str, str | None, int | None]]:
    """Every report row: (task number, status, percent)."""
    with c.services.db.session() as s:
        rows = s.execute(
            select(TaskRow.number, ProgressReport.status, ProgressReport.percent).join(
                TaskRow, TaskRow.id == ProgressReport.task_id
            )
        )
        return [tuple(r) for r in rows]


def _number(label: str) -> str:
    found = re.match(r"(\d+\.\d+) ", label)
    assert found, label
    return found.group(1)


async def test_an_ambiguous_report_offers_three_tasks_and_saves_the_picked_one(
    conv: Conversation,
) -> None:
    await _head(conv, "an")
    [asked] = await conv.say("an", VAGUE)
    assert "Xác nhận" not in asked  # not taken for one task
    *offered, cancel = conv.options("an")
    assert cancel == "Huỷ" and 2 <= len(offered) <= 3, offered  # at most the best three
    numbers = [_number(label) for label in offered]
    assert set(numbers) <= set(TRAININGS), offered  # the unit's own training tasks only
    assert not _reports(conv)  # nothing saved while asking
    picked = offered[1]
    [shown] = await conv.press("an", picked)
    assert "Xác nhận báo cáo" in shown and TRAININGS[numbers[1]] in shown
    assert "Hoàn thành" in shown and "100%" in shown
    saved = await conv.press("an", "Xác nhận")
    assert re.search(r"Đã ghi báo cáo #\d+", "\n".join(saved)), saved
    assert _reports(conv) == [(numbers[1], "done", 100)]  # exactly one, on the pick
    [history] = await conv.say("an", f"/lichsu {numbers[0]}")
    assert "chưa có báo cáo" in history  # the other candidates are untouched


async def test_an_ambiguous_report_cancelled_saves_nothing(conv: Conversation) -> None:
    await _head(conv, "an")
    await conv.say("an", "da to chuc xong lop tap huan cho cong chuc")  # no diacritics
    *offered, cancel = conv.options("an")
    assert cancel == "Huỷ"  # none of them: leave without a report
    assert 2 <= len(offered) <= 3 and {_number(o) for o in offered} <= set(TRAININGS)
    [left] = await conv.press("an", "Huỷ")
    assert "không được ghi" in left
    await conv.say("an", "da to chuc xong lop tap huan cho cong chuc")
    [shown] = await conv.press("an", conv.options("an")[0])
    assert "Xác nhận báo cáo" in shown
    [cancelled] = await conv.press("an", "Huỷ")
    assert "không được ghi" in cancelled
    assert not _reports(conv)
    # Still asked back afterwards: the cancelled choice left nothing behind.
    await conv.say("an", VAGUE)
    assert {_number(o) for o in conv.options("an")[:-1]} <= set(TRAININGS)
