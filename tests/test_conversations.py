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
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import docx
import openpyxl
import pytest
from fakes.chat import add_task, invite
from fakes.conversation import CHANNELS, KINDS, Conversation, TelegramConversation

from handlers import downloads
from storage import chat
from storage.models import AnswerFeedback, Identity, OutboxMessage, ProgressReport, TaskRow

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
    if conv.channel == "zalo_bot":  # sendPhoto takes a URL: a signed link to the picture
        [url] = conv.photos("lan")
        assert (await conv.fetch(url)).content.startswith(PNG)
    else:  # Telegram: sendPhoto with the file; Zalo OA: uploaded, then an image message
        [png] = conv.photos("lan")
        assert png.startswith(PNG)
    if conv.channel == "zalo_oa":  # the caption travels in the image message
        assert conv.messages("lan")[-1].startswith("Tiến độ nhiệm vụ — tất cả đơn vị")
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


async def test_menu_help_a_vote_invites_deadlines_withdraw_cancel_and_broadcast(
    conv: Conversation,
) -> None:
    await link(conv, "lan", "admin")
    [help_text] = await conv.say("lan", "/trogiup")
    assert "/baocao" in help_text and "/xuat" in help_text
    assert "Quản trị" in conv.options("lan")  # the main menu under it
    [prompt] = await conv.press("lan", "Hỏi đáp")
    assert "Mời bạn gửi câu hỏi" in prompt
    assert answers(await conv.say("lan", "ai chủ trì nhiệm vụ 3.18?")) == [
        "Sở Tư pháp chủ trì nhiệm vụ 3.18."
    ]
    assert conv.options("lan") == ["👍", "👎"]
    assert "Cảm ơn" in (await conv.press("lan", "👍"))[0]
    with conv.services.db.session() as session:
        [vote] = session.query(AnswerFeedback).all()
        assert vote.vote == "up" and vote.channel == conv.channel
    # An invite made in chat links a new head of unit.
    await conv.say("lan", "/admin")
    await conv.press("lan", "Tạo mã mời")
    await conv.press("lan", "trưởng đơn vị")
    [created] = await conv.say("lan", "Sở Tư pháp")
    code = re.search(r"/start (\S+)", created).group(1)  # type: ignore[union-attr]
    assert "Sở Tư pháp" in (await conv.say("an", f"/start {code}"))[0]
    await conv.say("lan", "/admin")
    assert "Người dùng (2)" in (await conv.press("lan", "Danh sách người dùng"))[0]
    # The head's deadlines and the reminders coming; a report withdrawn; a flow left.
    deadlines = "\n".join(await conv.say("an", "/hanchot"))
    assert "Ban hành Kế hoạch CCHC" in deadlines and "Nhắc hạn bạn sẽ nhận" in deadlines
    await conv.say("an", "3.32 đang thực hiện 40%")
    report = saved_id(await conv.press("an", "Xác nhận"))
    assert f"Đã rút lại báo cáo #{report}" in (await conv.say("an", f"/rutbaocao {report}"))[0]
    await conv.say("an", "/baocao")
    assert (await conv.say("an", "/huy"))[0] == "Đã hủy."
    [history] = await conv.say("an", "/lichsu 3.32")
    assert f"#{report} " in history and "[đã rút lại]" in history
    # A broadcast reaches everyone else through the outbox.
    await conv.say("lan", "/admin broadcast")
    assert "1 tài khoản" in (await conv.say("lan", "Họp giao ban lúc 14 giờ"))[0]
    [told] = await conv.wait_for("an")
    assert told == "📢 Thông báo: Họp giao ban lúc 14 giờ"


# --- deadline alerts and their settings -------------------------------------------------

OVERDUE_AT = datetime(2026, 3, 10, 8, 0)  # 3.31 (due 31/01) gets its overdue alert
T331_ALERT = "Nhiệm vụ 3.31: Ban hành Kế hoạch CCHC năm 2026"


def task_id(c: Conversation, number: str) -> int:
    with c.services.db.session() as session:
        return int(session.query(TaskRow.id).filter_by(number=number).scalar())


async def test_an_alert_arrives_with_its_action_and_the_action_completes_a_report(
    conv: Conversation,
) -> None:
    await link(conv, "an", "head", "Sở Tư pháp")
    await link(conv, "hoa", "head", "Sở Nội vụ")
    result = await conv.send_alerts(OVERDUE_AT)
    assert result.queued >= 1
    [alert] = conv.received("an")
    assert "quá hạn" in alert and T331_ALERT in alert
    assert conv.options("an") == ["Báo cáo tiến độ"]  # a button, or its numbered line
    assert conv.received("hoa") == []  # 3.31 is not Sở Nội vụ's
    [state] = await conv.press("an", "Báo cáo tiến độ")  # straight to the task's state
    assert f"Nhiệm vụ: {T331}" in state and "Hoàn thành" in conv.options("an")
    await conv.press("an", "Đang thực hiện")
    await conv.press("an", "75%")
    [confirm] = await conv.say("an", "đã trình dự thảo")
    assert T331 in confirm and "75%" in confirm and "đã trình dự thảo" in confirm
    report = saved_id(await conv.press("an", "Xác nhận"))
    with conv.services.db.session() as session:
        saved = session.get(ProgressReport, report)
        assert saved is not None and saved.task_id == task_id(conv, "3.31")
        assert saved.occurrence == "2026-01-31"  # the alerted occurrence
    [history] = await conv.say("an", "/lichsu 3.31")
    assert f"#{report} " in history and "Đang thực hiện, 75%, đã trình dự thảo" in history
    # The same action from someone whose unit does not lead the task: refused, by name.
    [refused] = await conv.say("hoa", f"/baocaonv {task_id(conv, '3.31')} 2026-01-31")
    assert "không thuộc đơn vị chủ trì" in refused and "Đơn vị chủ trì: Sở Tư pháp" in refused


async def test_caidat_end_to_end_and_the_next_planning_run_honours_it(conv: Conversation) -> None:
    await link(conv, "an", "head", "Sở Tư pháp")
    [menu] = await conv.say("an", "/caidat")
    assert "Nhắc trước: 7, 3, 1 ngày làm việc" in menu
    assert conv.options("an")[:3] == [
        "Tắt mọi nhắc hạn",
        "Tắt tổng hợp tuần",
        "Đổi số ngày nhắc trước",
    ]
    [ask] = await conv.press("an", "Đổi số ngày nhắc trước")
    assert "Nhắc trước bao nhiêu ngày" in ask
    assert "Chưa hiểu" in (await conv.say("an", "bảy ngày"))[0]  # asked again, nothing lost
    *_, shown = await conv.say("an", "5 2")
    assert "Nhắc trước: 5, 2 ngày làm việc" in shown
    await conv.press("an", "Tắt tổng hợp tuần")
    assert "Tổng hợp tuần: tắt" in conv.messages("an")[-1]
    assert "Đã lưu" in (await conv.press("an", "Xong"))[0]
    await conv.send_alerts(datetime(2026, 6, 19, 8, 0))  # 7 working days before 30/06
    assert not [m for m in conv.received("an") if "Tập huấn" in m]
    await conv.send_alerts(datetime(2026, 6, 22, 8, 0))  # a Monday: no weekly digest
    assert not [m for m in conv.received("an") if "Tổng hợp tuần" in m]
    await conv.send_alerts(datetime(2026, 6, 23, 8, 0))  # 5 working days before
    [reminder] = [m for m in conv.received("an") if "Tập huấn" in m]
    assert "còn 5 ngày làm việc" in reminder


# --- Zalo OA's interaction window: alerts and digests are never lost ----------------------

DIGEST_AT = datetime(2026, 3, 9, 8, 0)  # a Monday: the weekly digest went out at 07:30


@pytest.fixture
async def oa_and_telegram(tmp_path: Path) -> AsyncIterator[tuple[Conversation, Conversation]]:
    """Zalo OA and Telegram on one database: people linked on one or both."""
    oa_kind, tg_kind = KINDS["zalo_oa"], KINDS["telegram"]
    async with oa_kind(tmp_path, lambda: NOW) as oa, tg_kind(tmp_path, lambda: NOW) as tg:
        add_task(oa.services, T331[5:], "Sở Tư pháp", date(2026, 1, 31), number="3.31")
        yield oa, tg


def last_wrote(c: Conversation, user: str, days_ago: int) -> None:
    """Move the person's last message on ``c``'s channel back in time."""
    with c.services.db.session() as session:
        identity = session.query(Identity).filter_by(channel=c.channel, chat_id=c.chat(user)).one()
        identity.last_seen_at = chat.utcnow() - timedelta(days=days_ago)


def alert_rows(c: Conversation) -> list[tuple[str, str]]:
    """(channel, status) of every alert row in the outbox, oldest first."""
    with c.services.db.session() as session:
        rows = session.query(OutboxMessage).order_by(OutboxMessage.id)
        return [(r.channel, r.status) for r in rows if r.dedupe_key.startswith("alert:")]


def user_id(c: Conversation, user: str) -> int:
    with c.services.db.session() as session:
        identity = session.query(Identity).filter_by(channel=c.channel, chat_id=c.chat(user)).one()
        return int(identity.user_id)


async def test_outside_the_oa_window_alerts_and_digests_go_to_the_other_channel(
    oa_and_telegram: tuple[Conversation, Conversation],
) -> None:
    oa, tg = oa_and_telegram
    await link(tg, "an", "head", "Sở Tư pháp")
    code = invite(oa.services, "head", "Sở Tư pháp", user_id=user_id(tg, "an"))
    await oa.say("an", f"/start {code}")  # the same person, now on Zalo OA too
    last_wrote(tg, "an", 20)
    last_wrote(oa, "an", 10)  # OA is where An wrote last, but its window has closed
    await oa.send_alerts(DIGEST_AT, tg)
    [digest] = tg.received("an")
    assert "Tổng hợp tuần 09/03/2026 — Sở Tư pháp" in digest and oa.received("an") == []
    await oa.send_alerts(OVERDUE_AT, tg)
    [alert] = tg.received("an")
    assert T331_ALERT in alert and oa.received("an") == []
    assert alert_rows(oa) == [("zalo_oa", "sent")] * 2  # addressed to the OA, sent elsewhere
    [state] = await tg.press("an", "Báo cáo tiến độ")  # the action works where it arrived
    assert f"Nhiệm vụ: {T331}" in state
    await tg.press("an", "Hoàn thành")
    await tg.press("an", "Bỏ qua")
    saved_id(await tg.press("an", "Xác nhận"))


async def test_outside_the_oa_window_with_no_other_channel_the_admins_are_told_to_call(
    oa_and_telegram: tuple[Conversation, Conversation],
) -> None:
    oa, tg = oa_and_telegram
    await link(tg, "lan", "admin")
    await link(oa, "binh", "head", "Sở Tư pháp")
    last_wrote(oa, "binh", 10)
    await oa.send_alerts(OVERDUE_AT, tg)
    assert oa.received("binh") == []
    notes = [m for m in tg.received("lan") if "đang được giữ lại" in m]
    assert len(notes) == 1 and "quá hạn" in notes[0]
    assert alert_rows(oa) == [("zalo_oa", "held")]
    [updates] = await tg.say("lan", "/admin updates")
    assert "Cần liên hệ trực tiếp (1)" in updates and "(Zalo OA)" in updates
    assert "quá hạn" in updates.split("Cần liên hệ trực tiếp", 1)[1]
    # Binh writes again: the window is open, and the next alert reaches him on the OA.
    await oa.say("binh", "/trogiup")
    await oa.send_alerts(datetime(2026, 3, 13, 8, 0), tg)
    [alert] = oa.received("binh")
    assert T331_ALERT in alert and "1. Báo cáo tiến độ" in alert


async def test_an_oa_send_refused_as_outside_the_window_takes_the_other_channel(
    oa_and_telegram: tuple[Conversation, Conversation],
) -> None:
    """Our clock says the window is open, the platform says it is not: its word wins."""
    oa, tg = oa_and_telegram
    await link(tg, "an", "head", "Sở Tư pháp")
    await oa.say("an", f"/start {invite(oa.services, 'head', None, user_id=user_id(tg, 'an'))}")
    last_wrote(tg, "an", 1)
    oa.fake.outside_window.add(oa.chat("an"))
    await oa.send_alerts(OVERDUE_AT, tg)
    [alert] = tg.received("an")
    assert T331_ALERT in alert and tg.options("an") == ["Báo cáo tiến độ"]
    assert alert_rows(oa) == [("zalo_oa", "sent")] and oa.received("an") == []


def _unquote(value: str) -> str:
    from urllib.parse import unquote

    return unquote(value)
