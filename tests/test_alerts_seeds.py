"""The quarter walk over the five real seed plans (skipped when ../shared is absent):
every expected reminder, due-day, overdue and escalation alert exactly once and on
its working day; nothing on days off or in quiet hours; nothing after a report."""

from __future__ import annotations

import os
from collections import defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from alert_fixtures import Walk, report_done, walk
from conftest import SEEDS as DEFAULT_SEEDS

from knowledge.alerts.load import load_input
from knowledge.alerts.model import AlertKind, PlanInput
from knowledge.ingest import ingest_file
from knowledge.progress.occurrences import OccurrenceKind
from knowledge.workdays import WorkCalendar
from storage import chat
from storage.db import Database

CAL = WorkCalendar()
SEEDS = Path(os.environ.get("PLANBOT_SEEDS_DIR", DEFAULT_SEEDS))  # a checkout elsewhere
QUARTERS = {
    1: (date(2026, 1, 1), date(2026, 3, 31)),  # Tết Bính Ngọ
    2: (date(2026, 4, 1), date(2026, 6, 30)),  # Hùng Kings' day, 30/4–1/5
}
DAYS_OFF = {date(2026, 2, d) for d in range(16, 21)} | {date(2026, 4, 30), date(2026, 5, 1)}


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Database, dict[int, Walk], int]:
    if not SEEDS.is_dir() or not any(SEEDS.iterdir()):
        pytest.skip(f"../shared/seeds not present ({SEEDS}); seed alert walk skipped")
    db = Database(f"sqlite:///{tmp_path_factory.mktemp('seeds') / 'p.sqlite3'}")
    db.migrate()
    for path in sorted(SEEDS.iterdir()):
        ingest_file(db, path)
    with db.session() as session:
        inp = load_input(session, date(2026, 1, 1))
        lead_units = sorted({u for t in inp.tasks for u in t.lead_unit_ids})
        for i, unit_id in enumerate(lead_units[1:]):  # the first unit stays uncovered
            user = chat.create_user(session, f"Trưởng {i}", "head", unit_id)
            chat.add_identity(session, user, "telegram", str(1000 + i), str(1000 + i))
        leader = chat.create_user(session, "Lãnh đạo", "leader", None)
        chat.add_identity(session, leader, "telegram", "999", "999")
        leader_id = leader.id
    with db.session() as session:
        before = load_input(session, date(2026, 1, 1))
    done_task, done_at = _first_dated(before, date(2026, 1, 20))
    report_done(db, done_task[0], done_task[1], done_at)
    with db.session() as session:
        after = load_input(session, date(2026, 1, 1))
    walks = {
        q: walk(
            lambda now: before if now < done_at else after,
            datetime.combine(start, datetime.min.time()),
            datetime.combine(end + timedelta(days=1), datetime.min.time()),
            timedelta(hours=1),
        )
        for q, (start, end) in QUARTERS.items()
    }
    DONE.update(task=done_task, at=done_at)
    return db, walks, leader_id


DONE: dict[str, object] = {}


def _first_dated(inp: PlanInput, after: date) -> tuple[tuple[int, str], datetime]:
    """A task due soon after ``after`` (reported done one working day before its due)."""
    for task in sorted(inp.tasks, key=lambda t: t.id):
        for occ in task.occurrences:
            due = occ.due
            if occ.kind == OccurrenceKind.DATED and due and after < due < date(2026, 3, 1):
                if not task.lead_unit_ids:
                    continue
                day = CAL.add(CAL.last_on_or_before(due), -1)
                return (task.id, occ.key), datetime.combine(day, datetime.min.time()).replace(
                    hour=10
                )
    pytest.skip("no dated task in the seeds' first quarter")


@pytest.mark.parametrize("quarter", [1, 2])
def test_seed_quarter_walk(seeded: tuple[Database, dict[int, Walk], int], quarter: int) -> None:
    db, walks, leader_id = seeded
    result = walks[quarter]
    start, end = QUARTERS[quarter]
    with db.session() as session:
        inp = load_input(session, start)
    heads: dict[int, list[int]] = defaultdict(list)
    for person in inp.people:
        if person.role == "head" and person.unit_id is not None:
            heads[person.unit_id].append(person.id)
    got = {
        (a.task_id, a.occurrence, a.recipient, a.kind, a.scheduled_for.date())
        for a, _ in result.sent.values()
        if a.kind != AlertKind.DIGEST
    }
    for alert, tick in result.sent.values():
        assert CAL.is_working_day(tick.date()) and tick.date() not in DAYS_OFF, tick
        assert tick.weekday() < 5 and 7 <= tick.hour < 21, tick
        assert tick - alert.scheduled_for < timedelta(hours=1)
    expected = set()
    window = CAL.working_days(start, end)
    for task in inp.tasks:
        for occ in task.occurrences:
            if occ.kind != OccurrenceKind.DATED or occ.key in task.done_keys or occ.due is None:
                continue
            last = CAL.last_on_or_before(occ.due)
            recipients = [h for u in task.lead_unit_ids for h in heads.get(u, [])]
            for day in window:
                kinds: list[tuple[AlertKind, list[int]]] = []
                if day == last:
                    kinds.append((AlertKind.DUE_TODAY, recipients))
                elif day < last and CAL.between(day, occ.due) in (7, 3, 1):
                    kinds.append((AlertKind.REMINDER, recipients))
                elif day > last:
                    late = CAL.between(occ.due, day)
                    if late >= 1 and late % 3 == 1:
                        kinds.append((AlertKind.OVERDUE, recipients))
                    if late == 7:
                        kinds.append((AlertKind.ESCALATION, [leader_id]))
                for kind, people in kinds:
                    for person in set(people):
                        expected.add((task.id, occ.key, person, kind, day))
    done_task = DONE["task"]
    dated = {
        g
        for g in got
        if g[3] not in (AlertKind.PERIOD, AlertKind.PROGRESS_REQUEST) and g[:2] != done_task
    }
    late = [
        a
        for a, _ in result.sent.values()
        if (a.task_id, a.occurrence) == done_task and a.scheduled_for >= DONE["at"]
    ]
    assert not late  # reported done: no reminder after
    if quarter == 1:
        assert any((a.task_id, a.occurrence) == done_task for a, _ in result.sent.values())
    assert expected, "the seeds have no dated task in this quarter"
    missing, extra = expected - dated, dated - expected
    assert not missing and not extra, (sorted(missing)[:5], sorted(extra)[:5])
    assert any(g[3] == AlertKind.ESCALATION for g in got)
    assert result.uncovered  # the unit left without a head is listed


def test_seed_digest_days_and_done_task(seeded: tuple[Database, dict[int, Walk], int]) -> None:
    db, walks, leader_id = seeded
    for quarter, result in walks.items():
        days = sorted(
            {a.scheduled_for.date() for a in result.of(recipient=leader_id, kind=AlertKind.DIGEST)}
        )
        assert days, quarter
        for day in days:
            monday = day - timedelta(days=day.weekday())
            assert not any(
                CAL.is_working_day(monday + timedelta(days=i)) for i in range(day.weekday())
            )
        assert all(d.weekday() in (0, 1) for d in days)
    assert date(2026, 4, 28) in {
        a.scheduled_for.date() for a in walks[2].of(recipient=leader_id, kind=AlertKind.DIGEST)
    }
