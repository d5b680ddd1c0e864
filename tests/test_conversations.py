"""The shared conversation suite: every command and flow of progress reporting, run
once per channel (Telegram, Zalo Bot, Zalo OA) through the real adapters against
their fakes (``fakes.conversation``). Buttons are pressed by label; where a
channel has no buttons the same press types the menu line's number."""

from __future__ import annotations

import asyncio
import hashlib
import io
import re
from collections.abc import AsyncIterator
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import docx
import openpyxl
import pytest
from fakes.chat import add_task, invite
from fakes.conversation import CHANNELS, KINDS, Conversation, TelegramConversation

from handlers import downloads

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 3, 10, 9, 0, tzinfo=TZ)
PNG = b"\x89PNG\r\n\x1a\n"
T331 = "3.31 Ban hành Kế hoạch CCHC năm 2026"
T332 = "3.32 Tập huấn kỹ năng số cho công chức"


@pytest.fixture(params=CHANNELS)
async def conv(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Conversation]:
    async with KINDS[request.param](tmp_path, lambda: NOW) as c:
        s = c.services
        add_task(s, T331[5:], "Sở Tư pháp", date(2026, 1, 31), number="3.31")
        add_task(s, T332[5:], "Sở Tư pháp", date(2026, 6, 30), number="3.32")
        add_task(s, "Số hóa hồ sơ công chức", "Sở Nội vụ", date(2026, 6, 30), number="3.34")
        yield c


async def link(c: Conversation, user: str, role: str, unit: str | None = None) -> str:
    [welcome, *_] = await c.say(user, f"/start {invite(c.services, role, unit)}")
    return welcome


def answers(replies: list[str]) -> list[str]:
    """Each answer without the 👍/👎 choices that Zalo shows as numbered lines below it."""
    return [reply.split("\n\n1. 👍")[0] for reply in replies]


def saved_id(replies: list[str]) -> int:
    found = re.search(r"Đã ghi báo cáo #(\d+)", "\n".join(replies))
    assert found, replies
    return int(found.group(1))


async def test_link_question_tasks_and_a_guided_done_in_five_taps(conv: Conversation) -> None:
    assert "Sở Tư pháp" in await link(conv, "an", "head", "Sở Tư pháp")
    assert answers(await conv.say("an", "ai chủ trì nhiệm vụ 3.18?")) == [
        "Sở Tư pháp chủ trì nhiệm vụ 3.18."
    ]
    [tasks] = await conv.say("an", "/nhiemvu")
    assert "Ban hành Kế hoạch CCHC" in tasks and "Số hóa hồ sơ" not in tasks
    await conv.say("an", "/baocao")  # tap 1
    options = conv.options("an")  # soonest deadline first, only the reporter's unit
    assert options == [f"{T331} (31/01/2026)", f"{T332} (30/06/2026)"]
    await conv.press("an", f"{T331} (31/01/2026)")  # tap 2
    await conv.press("an", "Hoàn thành")  # tap 3: no percent step
    [confirm] = await conv.press("an", "Bỏ qua")  # tap 4: no note
    assert "Tiến độ: 100%" in confirm
    saved = await conv.press("an", "Xác nhận")  # tap 5
    report = saved_id(saved)
    [history] = await conv.say("an", "/lichsu 3.31")
    channel = {"telegram": "Telegram", "zalo_bot": "Zalo", "zalo_oa": "Zalo OA"}[conv.channel]
    assert f"#{report} 10/03/2026 09:00" in history and f"({channel}): Hoàn thành, 100%" in history


async def test_one_message_reports_are_confirmed_and_questions_stay_questions(
    conv: Conversation,
) -> None:
    await link(conv, "an", "head", "Sở Tư pháp")
    [shown] = await conv.say("an", "NV 3.31 đã ban hành KH số 12/KH-STP ngày 20/01, hoàn thành")
    assert "Xác nhận báo cáo" in shown and T331 in shown and "KH số 12/KH-STP" in shown
    [history] = await conv.say("an", "/lichsu 3.31")
    assert "chưa có báo cáo" in history  # nothing saved before "Xác nhận"
    await conv.say("an", "NV 3.31 đã ban hành KH số 12/KH-STP ngày 20/01, hoàn thành")
    first = saved_id(await conv.press("an", "Xác nhận"))
    [plain] = await conv.say("an", "nhiem vu tap huan ky nang so xong 100%")
    assert T332 in plain and "Hoàn thành" in plain
    second = saved_id(await conv.press("an", "Xác nhận"))
    assert second > first
    [refused] = await conv.say("an", "3.34: đang làm 60%, chờ kinh phí")
    assert "không thuộc đơn vị chủ trì" in refused and "Sở Nội vụ" in refused
    assert answers(await conv.say("an", "nhiệm vụ 3.31 hạn bao giờ?")) == [
        "Sở Tư pháp chủ trì nhiệm vụ 3.18."
    ]
    [cancelled] = await conv.say("an", "3.32 đang thực hiện 40%")
    assert "40%" in cancelled
    assert "không được ghi" in (await conv.press("an", "Huỷ"))[0]


async def test_two_heads_at_once_an_edit_and_a_returned_report(conv: Conversation) -> None:
    await link(conv, "an", "head", "Sở Tư pháp")
    await link(conv, "binh", "head", "Sở Tư pháp")
    await link(conv, "lan", "admin")
    await asyncio.gather(
        conv.say("an", "3.32 đang thực hiện 30%, đã xây dựng tài liệu"),
        conv.say("binh", "3.32 đang thực hiện 40%, đã mời giảng viên"),
    )
    a, b = await asyncio.gather(conv.press("an", "Xác nhận"), conv.press("binh", "Xác nhận"))
    ours, theirs = saved_id(a), saved_id(b)
    [history] = await conv.say("an", "/lichsu 3.32")
    assert f"#{ours} " in history and f"#{theirs} " in history  # both kept
    # An edits their own report within 24 hours: a new version, the old one kept.
    await conv.say("an", f"/suabaocao {ours}")  # the saved message's "Sửa báo cáo"
    await conv.press("an", "Đang thực hiện")
    await conv.press("an", "50%")
    await conv.press("an", "Bỏ qua")
    edited = saved_id(await conv.press("an", "Xác nhận"))
    [history] = await conv.say("an", "/lichsu 3.32")
    assert f"#{ours} " in history and "[đã sửa]" in history and "50%" in history
    # The coordinating office returns Bình's report with a reason; Bình is told.
    await conv.say("lan", "/duyet")
    pending = conv.options("lan")
    assert f"#{theirs} {T332}" in pending and f"#{edited} {T332}" in pending
    await conv.press("lan", f"#{theirs} {T332}")
    await conv.press("lan", "Trả lại")
    [done] = await conv.say("lan", "Thiếu danh sách học viên")
    assert f"trả lại báo cáo #{theirs}" in done
    [told] = await conv.wait_for("binh")
    assert "bị trả lại" in told and "Thiếu danh sách học viên" in told
    [history] = await conv.say("binh", "/lichsu 3.32")
    assert "[bị trả lại: Thiếu danh sách học viên]" in history


async def test_progress_chart_export_and_quarterly_draft(conv: Conversation) -> None:
    await link(conv, "an", "head", "Sở Tư pháp")
    await conv.say("an", "NV 3.31 đã ban hành KH số 12/KH-STP ngày 20/01, hoàn thành")
    await conv.press("an", "Xác nhận")
    await link(conv, "lan", "admin")
    [how] = await conv.say("lan", "/admin upload")  # Zalo cannot receive documents
    assert ("qua Telegram" in how) is (conv.channel != "telegram")
    [overview] = await conv.say("lan", "/tiendo")
    assert "Tổng số 3 nhiệm vụ; đã hoàn thành 1" in overview
    await conv.press("lan", "📊 Biểu đồ")
    if conv.channel == "telegram":
        [png] = conv.photos("lan")
        assert png.startswith(PNG)
    elif conv.channel == "zalo_bot":
        [url] = conv.photos("lan")
        assert (await conv.fetch(url)).content.startswith(PNG)
    [exported] = await conv.say("lan", "/xuat")
    if conv.channel == "telegram":
        [(_, xlsx)] = conv.documents("lan")
    else:
        url = re.search(r"https://\S+", exported).group(0)  # type: ignore[union-attr]
        response = await conv.fetch(url)
        assert response.status_code == 200
        xlsx = response.content
        other = re.sub(r"u=\d+", "u=999", url)
        assert (await conv.fetch(other)).status_code == 403  # made out to another person
        q = dict(p.split("=", 1) for p in url.split("?", 1)[1].split("&"))
        settings = conv.services.settings
        assert downloads.resolve(settings, *[_unquote(q[k]) for k in "fues"]) is not None
        late = float(q["e"]) + 1
        assert downloads.resolve(settings, *[_unquote(q[k]) for k in "fues"], now=late) is None
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "STT" and len(rows) == 4
    done = next(r for r in rows if r[1] and "Ban hành Kế hoạch" in str(r[1]))
    assert "Đã hoàn thành" in str(done) and "KH số 12/KH-STP" in str(done)
    [drafted] = await conv.say("lan", "/baocaoquy 1/2026")
    if conv.channel == "telegram":
        body = conv.documents("lan")[-1][1]
    else:
        url = re.search(r"https://\S+", drafted).group(0)  # type: ignore[union-attr]
        body = (await conv.fetch(url)).content
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(body)).paragraphs)
    assert "Tổng số 1 nhiệm vụ; đã hoàn thành 1 (đúng hạn 0, quá hạn 1)" in text  # reported late
    assert "KH số 12/KH-STP" in text  # the reported note, per unit
    assert "3.32. Tập huấn kỹ năng số" in text and "3.34. Số hóa hồ sơ" in text  # next quarter


async def test_evidence_is_stored_by_content_hash(conv: Conversation) -> None:
    """Telegram carries files; on Zalo the same step simply takes a note."""
    await link(conv, "an", "head", "Sở Tư pháp")
    await conv.say("an", "3.32 đã tổ chức lớp tập huấn, hoàn thành")
    if conv.channel != "telegram":
        assert "Xác nhận" in conv.options("an")
        return
    assert isinstance(conv, TelegramConversation)
    content = b"%PDF-1.4 danh sach hoc vien"
    conv.fake.push_document(conv.uid("an"), "danh-sach.pdf", content, name="an")
    [got, confirm] = await conv._new("an")
    assert "danh-sach.pdf" in got and "Minh chứng: danh-sach.pdf" in confirm
    report = saved_id(await conv.press("an", "Xác nhận"))
    digest = hashlib.sha256(content).hexdigest()
    stored = conv.services.settings.data_dir / "evidence" / digest[:2] / digest
    assert stored.read_bytes() == content
    [history] = await conv.say("an", "/lichsu 3.32")
    assert f"#{report} " in history and "danh-sach.pdf" in history


async def test_a_report_interrupted_by_a_restart_continues(conv: Conversation) -> None:
    await link(conv, "an", "head", "Sở Tư pháp")
    await conv.say("an", "/baocao")
    await conv.press("an", f"{T332} (30/06/2026)")
    await conv.restart()
    await conv.press("an", "Đang thực hiện")
    await conv.press("an", "75%")
    [confirm] = await conv.say("an", "đã tổ chức 2 lớp")
    assert "75%" in confirm and "đã tổ chức 2 lớp" in confirm
    saved_id(await conv.press("an", "Xác nhận"))


def _unquote(value: str) -> str:
    from urllib.parse import unquote

    return unquote(value)
