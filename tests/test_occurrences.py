"""A task's occurrences from its parsed deadline: one per due date, one per period."""

from __future__ import annotations

from datetime import date

from knowledge.deadlines import parse_deadline
from knowledge.progress.occurrences import (
    UNDATED,
    OccurrenceKind,
    Timing,
    current,
    occurrences,
    plan_horizon,
    update_periods,
)

H2026 = plan_horizon(2026, None, 2000)


def occ(raw: str, horizon: tuple[date, date] = H2026) -> list[str]:
    return [o.key for o in occurrences(Timing.of(parse_deadline(raw, 2026)), horizon)]


def test_two_due_dates_are_two_occurrences() -> None:
    found = occurrences(Timing.of(parse_deadline("Quý II, Quý IV/2024")), H2026)
    assert [(o.key, o.due, o.label) for o in found] == [
        ("2024-06-30", date(2024, 6, 30), "30/06/2024"),
        ("2024-12-31", date(2024, 12, 31), "31/12/2024"),
    ]
    assert all(o.kind is OccurrenceKind.DATED for o in found)


def test_recurring_tasks_have_one_occurrence_per_period_of_the_plan() -> None:
    assert occ("Hằng quý") == ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
    assert len(occ("Hằng tháng")) == 12
    assert occ("hang nam") == ["2026"]
    assert occ("Hằng năm", plan_horizon(2026, 2030, 2000)) == [str(y) for y in range(2026, 2031)]
    q2 = occurrences(Timing.of(parse_deadline("Hằng quý")), H2026)[1]
    assert (q2.start, q2.due, q2.label) == (date(2026, 4, 1), date(2026, 6, 30), "Quý II/2026")


def test_recurring_from_a_start_date_begins_there() -> None:
    timing = Timing(kind="recurring", recurrence="quarterly", start=date(2026, 7, 1))
    assert [o.key for o in occurrences(timing, H2026)] == ["2026-Q3", "2026-Q4"]


def test_tasks_without_a_deadline_have_one_undated_occurrence() -> None:
    for raw in ("Thường xuyên", "Sau khi có quyết định công bố", "Theo lộ trình", ""):
        found = occurrences(Timing.of(parse_deadline(raw, 2026)), H2026)
        assert found == [UNDATED], raw


def test_ongoing_tasks_are_asked_for_an_update_each_quarter() -> None:
    ongoing = Timing.of(parse_deadline("Thường xuyên", 2026))
    assert [o.key for o in update_periods(ongoing, H2026)] == [f"2026-Q{q}" for q in (1, 2, 3, 4)]
    assert update_periods(Timing.of(parse_deadline("Quý II/2026")), H2026) == []


def test_a_new_report_goes_to_the_earliest_open_occurrence() -> None:
    found = occurrences(Timing.of(parse_deadline("Hằng quý")), H2026)
    today = date(2026, 5, 10)
    assert current(found, set(), today).key == "2026-Q1"  # Q1 still not reported done
    assert current(found, {"2026-Q1"}, today).key == "2026-Q2"
    assert current(found, {"2026-Q1", "2026-Q2"}, today).key == "2026-Q3"  # next to come
    dated = occurrences(Timing.of(parse_deadline("Quý II, Quý IV/2026")), H2026)
    assert current(dated, {"2026-06-30"}, today).key == "2026-12-31"
