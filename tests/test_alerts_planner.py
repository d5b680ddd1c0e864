"""Frozen-clock walks over whole quarters: every reminder on time and exactly once,
never on weekends, Tết, 30/4–1/5 or in quiet hours; escalations on day 7; nothing
for a task reported done; the digest on Mondays (Tuesday when Monday is off)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from alert_fixtures import LEADER, UNCOVERED_UNIT, World, build_world, report_done, walk

from handlers.alerts import queue_due
from knowledge.alerts import planner
from knowledge.alerts.model import AlertKind
from knowledge.workdays import WorkCalendar

CAL = WorkCalendar()
TET_2026 = {date(2026, 2, d) for d in range(16, 21)}
MAY_DAY = {date(2026, 4, 30), date(2026, 5, 1)}
HOUR = timedelta(hours=1)
DONE_AT = datetime(2026, 1, 26, 10, 0)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    return build_world(tmp_path_factory.mktemp("alerts") / "data")


@pytest.fixture(scope="module")
def quarter_walks(world: World) -> dict[int, object]:
    before = world.input(date(2026, 1, 1))
    report_done(world.db, world.tasks["3"], "2026-01-15", DONE_AT)
    after = world.input(date(2026, 1, 1))

    def inputs(now: datetime):  # type: ignore[no-untyped-def]
        return before if now < DONE_AT else after

    return {
        1: walk(inputs, datetime(2026, 1, 1), datetime(2026, 4, 1)),
        2: walk(inputs, datetime(2026, 4, 1), datetime(2026, 7, 1)),
    }


def _days(alerts: list) -> dict[date, int | None]:  # type: ignore[type-arg]
    return {a.scheduled_for.date(): a.working_days_left for a in alerts}


@pytest.mark.parametrize("quarter", [1, 2])
def test_nothing_is_sent_on_days_off_or_in_quiet_hours_and_all_on_time(
    quarter_walks: dict, quarter: int
) -> None:
    result = quarter_walks[quarter]
    assert result.sent, "the walk sent nothing"
    for alert, tick in result.sent.values():
        assert CAL.is_working_day(tick.date()), (alert.kind, tick)
        assert tick.weekday() < 5 and tick.date() not in TET_2026 | MAY_DAY, tick
        assert 7 <= tick.hour < 21, tick
        assert timedelta(0) <= tick - alert.scheduled_for < HOUR, (alert.kind, tick)
    assert result.repeats > 0  # later ticks planned them again; only the first counts


def test_reminders_before_a_deadline_right_after_tet(world: World, quarter_walks: dict) -> None:
    lan = world.users["Lan"]
    mine = quarter_walks[1].of(task_id=world.tasks["1"], recipient=lan)
    reminders = [a for a in mine if a.kind == AlertKind.REMINDER]
    assert _days(reminders) == {date(2026, 2, 11): 7, date(2026, 2, 24): 3, date(2026, 2, 26): 1}
    assert _days([a for a in mine if a.kind == AlertKind.DUE_TODAY]) == {date(2026, 2, 27): 0}
    overdue = [a for a in mine if a.kind == AlertKind.OVERDUE]
    assert sorted(_days(overdue)) == [
        date(2026, 3, d) for d in (2, 5, 10, 13, 18, 23, 26, 31)
    ]  # first working day after, then every 3 working days
    assert {a.working_days_left for a in overdue} == {-1, -4, -7, -10, -13, -16, -19, -22}
    first = min(reminders, key=lambda a: a.scheduled_for)
    assert "còn 7 ngày làm việc" in first.message and "27/02/2026" in first.message
    assert "Trình dự thảo quy chế" in first.message and "Chưa triển khai" in first.message


def test_escalation_on_the_seventh_working_day_overdue(world: World, quarter_walks: dict) -> None:
    escalations = quarter_walks[1].of(task_id=world.tasks["1"], kind=AlertKind.ESCALATION)
    assert {(a.recipient, a.scheduled_for.date()) for a in escalations} == {
        (world.users[LEADER], date(2026, 3, 10)),
        (world.users["Lan"], date(2026, 3, 10)),  # head of the coordinating office
    }
    assert all("quá hạn 7 ngày làm việc" in a.message for a in escalations)


def test_no_reminder_after_the_task_is_reported_done(world: World, quarter_walks: dict) -> None:
    alerts = quarter_walks[1].of(task_id=world.tasks["3"])
    assert alerts
    assert max(a.scheduled_for for a in alerts) < DONE_AT
    days = _days([a for a in alerts if a.kind == AlertKind.OVERDUE])
    assert sorted(days) == [date(2026, 1, 16), date(2026, 1, 21), date(2026, 1, 26)]
    assert {a.scheduled_for.date() for a in alerts if a.kind == AlertKind.ESCALATION} == {
        date(2026, 1, 26)
    }
    assert not quarter_walks[2].of(task_id=world.tasks["3"])


def test_due_dates_on_holidays_and_weekends_are_reminded_on_the_last_working_day(
    world: World, quarter_walks: dict
) -> None:
    for number, recipient in (("9", "Mai"), ("2", "Hùng")):  # 30/04 (holiday), 02/05 (Saturday)
        mine = quarter_walks[2].of(task_id=world.tasks[number], recipient=world.users[recipient])
        due_today = [a for a in mine if a.kind == AlertKind.DUE_TODAY]
        assert _days(due_today) == {date(2026, 4, 29): 0}, number
        assert "ngày nghỉ" in due_today[0].message
        reminders = _days([a for a in mine if a.kind == AlertKind.REMINDER])
        assert reminders[date(2026, 4, 28)] == 1
        first_overdue = min(a.scheduled_for.date() for a in mine if a.kind == AlertKind.OVERDUE)
        assert first_overdue == date(2026, 5, 4)
    reminders = _days(quarter_walks[2].of(task_id=world.tasks["9"], kind=AlertKind.REMINDER))
    assert reminders == {date(2026, 4, 17): 7, date(2026, 4, 23): 3, date(2026, 4, 28): 1}


@pytest.mark.parametrize("quarter", [1, 2])
def test_digest_on_the_first_working_day_of_each_week(
    world: World, quarter_walks: dict, quarter: int
) -> None:
    digests = quarter_walks[quarter].of(recipient=world.users["Lan"], kind=AlertKind.DIGEST)
    days = sorted(a.scheduled_for.date() for a in digests)
    start = date(2026, 1, 1) if quarter == 1 else date(2026, 4, 1)
    end = date(2026, 3, 31) if quarter == 1 else date(2026, 6, 30)
    mondays = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    working_mondays = [d for d in mondays if d.weekday() == 0 and CAL.is_working_day(d)]
    assert set(working_mondays) <= set(days)
    for day in days:
        assert day.weekday() == 0 or (
            day.weekday() == 1 and not CAL.is_working_day(day - timedelta(days=1))
        ), day
        assert all(a.scheduled_for.time().hour == 7 for a in digests)
    if quarter == 2:
        assert date(2026, 4, 28) in days and date(2026, 4, 27) not in days  # Hùng Kings' day
    else:
        assert not any(d in TET_2026 for d in days)
    assert len(days) == len(set(days))  # once a week


def test_units_without_a_head_are_listed_not_sent(world: World, quarter_walks: dict) -> None:
    gaps = [a for a in quarter_walks[1].uncovered if a.task_id == world.tasks["7"]]
    assert gaps and all(a.unit == UNCOVERED_UNIT and a.channel is None for a in gaps)
    leader_digest = quarter_walks[1].of(recipient=world.users[LEADER], kind=AlertKind.DIGEST)[0]
    assert UNCOVERED_UNIT in leader_digest.message


def test_recurring_and_ongoing_tasks(world: World, quarter_walks: dict) -> None:
    periods = quarter_walks[1].of(task_id=world.tasks["4"], kind=AlertKind.PERIOD)
    jan = sorted(a.scheduled_for.date() for a in periods if a.occurrence == "2026-01")
    assert jan == [date(2026, 1, 27), date(2026, 1, 30)]  # 3 working days before, last day
    asked = quarter_walks[1].of(task_id=world.tasks["5"], kind=AlertKind.PROGRESS_REQUEST)
    assert [(a.recipient, a.scheduled_for.date()) for a in asked] == [
        (world.users["Hùng"], date(2026, 3, 24))
    ]
    assert not quarter_walks[1].of(task_id=world.tasks["6"], kind=AlertKind.REMINDER)
    digest = quarter_walks[1].of(recipient=world.users["Lan"], kind=AlertKind.DIGEST)[0]
    assert "Tổ chức hội nghị tiếp xúc doanh nghiệp" in digest.message  # event-bound: digest only


def test_downtime_catches_up_once_and_folds_older_ones(world: World) -> None:
    inp = world.input(date(2026, 3, 2))
    since, now = datetime(2026, 2, 22, 20, 0), datetime(2026, 3, 6, 8, 0)
    caught = [a for a in planner.due_now(inp, now, since) if a.catch_up]
    fresh = [a for a in caught if a.kind != AlertKind.DIGEST]
    assert fresh and {a.scheduled_for.date() for a in fresh} == {date(2026, 3, 5)}
    assert all(a.message.startswith("(Nhắc bù") for a in fresh)
    missed_5th = {a.dedupe_key for a in planner.scheduled_on(inp, date(2026, 3, 5))}
    assert {a.dedupe_key for a in fresh} <= missed_5th  # the original key: never twice
    summaries = [a for a in caught if a.kind == AlertKind.DIGEST]
    assert summaries and all("gián đoạn" in a.message for a in summaries)
    lan = next(a for a in summaries if a.recipient == world.users["Lan"])
    assert "27/02/2026: hết kỳ báo cáo — 4. Cập nhật số liệu" in lan.message
    # Task 1's missed reminders are superseded by its caught-up overdue reminder.
    assert "Trình dự thảo" not in lan.message
    assert not [a for a in planner.due_now(inp, now.replace(hour=9), now) if a.catch_up]


@pytest.mark.parametrize(
    "moment",
    [
        "2026-03-24 22:00",
        "2026-03-24 06:59",
        "2026-03-28 08:00",
        "2026-04-30 08:00",
        "2026-02-17 09:00",
    ],
)
def test_quiet_hours_weekends_and_holidays_plan_nothing(world: World, moment: str) -> None:
    now = datetime.fromisoformat(moment)
    assert planner.due_now(world.input(now.date()), now, now - timedelta(days=3)) == []


def test_planning_twice_queues_nothing_new(tmp_path: Path) -> None:
    fresh = build_world(tmp_path / "data")
    now = datetime(2026, 2, 24, 8, 0)
    with fresh.db.session() as session:
        first = queue_due(session, now, coordinating_office="Văn phòng Sở")
    with fresh.db.session() as session:
        second = queue_due(session, now.replace(minute=5), coordinating_office="Văn phòng Sở")
    assert first.queued > 0
    assert second.queued == 0 and second.repeated == first.queued
