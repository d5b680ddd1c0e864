"""Working days: weekends, Vietnamese public holidays (Tết, 30/4-1/5, 2/9), swaps, overrides."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from knowledge.workdays import WorkCalendar, load_calendar
from storage import workdays as store
from storage.db import Database

CAL = WorkCalendar()


def test_weekends_and_public_holidays_are_not_working_days() -> None:
    assert CAL.is_working_day(date(2026, 3, 24))  # a Tuesday
    assert not CAL.is_working_day(date(2026, 3, 28))  # Saturday
    assert not CAL.is_working_day(date(2026, 3, 29))  # Sunday
    for day in (date(2026, 2, 17), date(2026, 2, 19), date(2026, 4, 30), date(2026, 5, 1)):
        assert not CAL.is_working_day(day), day  # Tết Bính Ngọ (lunar), 30/4, 1/5
    assert not CAL.is_working_day(date(2026, 9, 2))


def test_official_swap_makes_a_saturday_a_working_day() -> None:
    # 2025: Friday 02/05 off in exchange for Saturday 26/04 worked.
    assert not CAL.is_working_day(date(2025, 5, 2))
    assert CAL.is_working_day(date(2025, 4, 26))


def test_arithmetic_skips_tet() -> None:
    friday_before_tet = date(2026, 2, 13)
    assert CAL.add(friday_before_tet, 1) == date(2026, 2, 23)  # whole Tết week off
    assert CAL.add(date(2026, 2, 23), -1) == friday_before_tet
    assert CAL.between(friday_before_tet, date(2026, 2, 23)) == 1
    assert CAL.between(date(2026, 2, 23), friday_before_tet) == -1
    assert CAL.between(date(2026, 3, 23), date(2026, 3, 30)) == 5  # Mon -> next Mon
    assert CAL.add(date(2026, 3, 28), 0) == date(2026, 3, 30)  # Saturday -> Monday


def test_last_working_day_on_or_before_a_due_date_on_a_holiday() -> None:
    assert CAL.last_on_or_before(date(2026, 5, 3)) == date(2026, 4, 29)  # Sun after 30/4-1/5
    assert CAL.last_on_or_before(date(2026, 3, 24)) == date(2026, 3, 24)


def test_admin_overrides_from_the_database(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'c.sqlite3'}")
    db.migrate()
    with db.session() as session:
        store.set_override(session, date(2026, 1, 2), store.DAY_OFF, "Nghỉ bù Tết Dương lịch")
        store.set_override(session, date(2026, 1, 10), store.WORKDAY, "Làm bù")
    with db.session() as session:
        cal = load_calendar(session)
    assert not cal.is_working_day(date(2026, 1, 2))  # a Friday made a day off
    assert cal.is_working_day(date(2026, 1, 10))  # a Saturday worked
    assert cal.add(date(2026, 1, 1), 1) == date(2026, 1, 5)
    with db.session() as session:
        assert store.remove_override(session, date(2026, 1, 2))
        assert load_calendar(session).is_working_day(date(2026, 1, 2))
