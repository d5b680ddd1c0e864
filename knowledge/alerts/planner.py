"""What to send: a pure function of the plan input (tasks, occurrences, reports,
people, settings, calendar) and the moment.

- ``scheduled_on(inp, day)``: every alert whose slot falls on ``day`` (07:30
  digests, 08:00 reminders), whatever the hour.
- ``due_now(inp, now, since)``: what a tick at ``now`` should send — today's
  alerts whose slot has come, plus, after downtime (``since`` = the previous
  tick), the missed ones: those of the last working day are caught up once
  (same dedupe key, so never twice), older ones fold into one summary per person.
  Nothing at all in quiet hours (21:00–07:00), on weekends or holidays.

Each alert's dedupe key is (task, occurrence, recipient, kind, scheduled date):
planning twice never queues twice.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from knowledge import texts
from knowledge.alerts import messages
from knowledge.alerts.dayindex import DayIndex, day_index
from knowledge.alerts.model import (
    CATCH_UP_DAYS,
    DEFAULT_LEAD_TIMES,
    DIGEST_AT,
    DIGEST_HORIZON_DAYS,
    ESCALATE_AFTER,
    MAX_LEAD_DAYS,
    OVERDUE_EVERY,
    PERIOD_LEAD,
    PROGRESS_LEAD,
    QUIET_FROM,
    QUIET_UNTIL,
    REMINDER_AT,
    Alert,
    AlertKind,
    Person,
    PlanInput,
    Role,
    TaskInfo,
)
from knowledge.progress.occurrences import Occurrence, OccurrenceKind
from storage.outbox import dedupe_key

# Kinds a person's "mute" settings silence (escalations too: muting is the person's call).
# Every alert row's dedupe key starts "alert:", so a sender can hold them outside
# their send window (``bot.scheduler.alert_hold``).
KEY_PREFIX = "alert"
# PROGRESS_LEAD working days before a quarter's end lie within this many calendar days,
# even around the longest holiday (Tết, up to nine days off).
_ASK_SPAN = timedelta(days=2 * PROGRESS_LEAD + 14)
_TASK_KINDS = frozenset(AlertKind) - {AlertKind.DIGEST, AlertKind.UNCOVERED}


def is_send_time(inp: PlanInput | DayIndex, now: datetime) -> bool:
    """Sends happen on working days outside quiet hours (21:00–07:00)."""
    cal = inp if isinstance(inp, DayIndex) else day_index(inp.calendar, now.date())
    if not cal.is_working_day(now.date()):
        return False
    return QUIET_UNTIL <= now.time() < QUIET_FROM


def due_now(inp: PlanInput, now: datetime, since: datetime | None = None) -> list[Alert]:
    """What a tick at ``now`` (local, naive) sends."""
    if not is_send_time(inp, now):
        return []
    planner = Planner(inp, now.date())
    today = [a for a in planner.on(now.date()) if a.scheduled_for <= now]
    if since is None or since.date() >= now.date():
        return today
    return today + planner.caught_up(now, since, today)


def scheduled_on(inp: PlanInput, day: date) -> list[Alert]:
    return Planner(inp, day).on(day)


def upcoming(inp: PlanInput, start: date, days: int) -> list[Alert]:
    """Every alert scheduled from ``start`` for ``days`` calendar days (previews)."""
    planner = Planner(inp, start)
    out: list[Alert] = []
    for offset in range(days):
        out.extend(planner.on(start + timedelta(days=offset)))
    return out


@dataclass
class _Audience:
    heads: dict[int, list[Person]]  # unit id -> heads
    leaders_by_unit: dict[int, list[Person]]  # unit id -> leaders of that unit
    top_leaders: list[Person]  # leaders (and admins) without a unit: see every unit
    office: list[Person]  # the coordinating office (admins when none is set)


class Planner:
    def __init__(self, inp: PlanInput, center: date) -> None:
        self.inp = inp
        self.days = day_index(inp.calendar, center)
        self.audience = _audience(inp)
        # Quarters repeat across tasks and days: each one's ask day is computed once.
        self._ask_on: dict[date, date] = {}

    # --- one day --------------------------------------------------------------------

    def on(self, day: date) -> list[Alert]:
        if not self.days.is_working_day(day):
            return []
        out: list[Alert] = []
        for task in self.inp.tasks:
            out.extend(self._task_alerts(task, day))
        if self.days.first_of_week(day):
            out.extend(self._digests(day))
        out.sort(key=lambda a: a.scheduled_for)  # stable: digests (07:30) first
        return out

    def _task_alerts(self, task: TaskInfo, day: date) -> Iterator[Alert]:
        for occ in task.occurrences:
            if occ.due is None or occ.key in task.done_keys:
                continue
            if occ.kind == OccurrenceKind.PERIOD:
                yield from self._period(task, occ, day)
            else:
                yield from self._dated(task, occ, day)
        for quarter in task.update_periods:
            yield from self._progress_request(task, quarter, day)

    def _dated(self, task: TaskInfo, occ: Occurrence, day: date) -> Iterator[Alert]:
        assert occ.due is not None
        last = self.days.last_on_or_before(occ.due)
        if day <= last:
            left = self.days.between(day, occ.due)
            if day == last:
                yield from self._to_heads(task, occ, day, AlertKind.DUE_TODAY, left)
            elif left > 0:
                yield from self._to_heads(task, occ, day, AlertKind.REMINDER, left)
            return
        overdue = self.days.between(occ.due, day)
        if overdue >= 1 and (overdue - 1) % OVERDUE_EVERY == 0:
            yield from self._to_heads(task, occ, day, AlertKind.OVERDUE, -overdue)
        if overdue == ESCALATE_AFTER:
            yield from self._escalate(task, occ, day, -overdue)

    def _period(self, task: TaskInfo, occ: Occurrence, day: date) -> Iterator[Alert]:
        assert occ.due is not None
        last = self.days.last_on_or_before(occ.due)
        if day > last or (occ.start and day < occ.start):
            return
        left = self.days.between(day, occ.due)
        if day == last or left == PERIOD_LEAD:
            yield from self._to_heads(task, occ, day, AlertKind.PERIOD, left)

    def _progress_request(self, task: TaskInfo, quarter: Occurrence, day: date) -> Iterator[Alert]:
        assert quarter.due is not None
        if quarter.key in task.reported_keys:
            return
        if not quarter.due - _ASK_SPAN <= day <= quarter.due:
            return  # the ask day cannot be today: skip the working-day arithmetic
        ask_on = self._ask_on.get(quarter.due)
        if ask_on is None:
            ask_on = self.days.add(self.days.last_on_or_before(quarter.due), -PROGRESS_LEAD)
            self._ask_on[quarter.due] = ask_on
        if day == ask_on:
            left = self.days.between(day, quarter.due)
            yield from self._to_heads(task, quarter, day, AlertKind.PROGRESS_REQUEST, left)

    # --- recipients ---------------------------------------------------------------------

    def _to_heads(
        self, task: TaskInfo, occ: Occurrence, day: date, kind: AlertKind, left: int
    ) -> Iterator[Alert]:
        if kind == AlertKind.REMINDER and left > MAX_LEAD_DAYS:
            return  # nobody asks that early: skip before any work
        for unit_id in task.lead_unit_ids or (None,):
            heads = self.audience.heads.get(unit_id, []) if unit_id is not None else []
            wanted = [p for p in heads if _wants(p, task, kind, left)]
            gap = not heads and (kind != AlertKind.REMINDER or left in DEFAULT_LEAD_TIMES)
            if not wanted and not gap:
                continue
            unit_name = self._unit_name(unit_id)
            text = messages.task_alert(kind, task, occ, unit_name, left, self.days)
            for person in wanted:
                yield self._alert(kind, person, unit_name, task, occ, day, left, text)
            if gap:
                yield self._uncovered(task, occ, unit_name, day, left, kind, text)

    def _escalate(self, task: TaskInfo, occ: Occurrence, day: date, left: int) -> Iterator[Alert]:
        seen: set[int] = set()
        for unit_id in task.lead_unit_ids or (None,):
            unit_name = self._unit_name(unit_id)
            text = messages.task_alert(AlertKind.ESCALATION, task, occ, unit_name, left, self.days)
            people = [*self._leaders_of(unit_id), *self.audience.office]
            if not people:
                yield self._uncovered(task, occ, unit_name, day, left, AlertKind.ESCALATION, text)
            for person in people:
                if person.id in seen or not _wants(person, task, AlertKind.ESCALATION, left):
                    continue
                seen.add(person.id)
                yield self._alert(
                    AlertKind.ESCALATION, person, unit_name, task, occ, day, left, text
                )

    def _leaders_of(self, unit_id: int | None) -> list[Person]:
        out = list(self.audience.top_leaders)
        seen: set[int] = set()
        while unit_id is not None and unit_id not in seen:
            seen.add(unit_id)
            out.extend(self.audience.leaders_by_unit.get(unit_id, []))
            unit = self.inp.units.get(unit_id)
            unit_id = unit.parent_id if unit else None
        return out

    def _unit_name(self, unit_id: int | None) -> str:
        unit = self.inp.units.get(unit_id) if unit_id is not None else None
        return unit.name if unit else texts.ALERT_NO_LEAD_UNIT

    def _alert(
        self,
        kind: AlertKind,
        person: Person,
        unit_name: str,
        task: TaskInfo,
        occ: Occurrence,
        day: date,
        left: int,
        text: str,
    ) -> Alert:
        return Alert(
            kind=kind,
            recipient=person.id,
            unit=unit_name,
            channel=person.channel,
            chat_id=person.chat_id,
            task_id=task.id,
            task_number=task.number or None,
            document=task.document,
            due_date=occ.due,
            working_days_left=left,
            message=text,
            dedupe_key=dedupe_key(KEY_PREFIX, task.id, occ.key, person.id, kind, day.isoformat()),
            scheduled_for=datetime.combine(day, REMINDER_AT),
            occurrence=occ.key,
            title=task.title,
            document_id=task.document_id,
        )

    def _uncovered(
        self,
        task: TaskInfo,
        occ: Occurrence,
        unit_name: str,
        day: date,
        left: int,
        kind: AlertKind,
        text: str,
    ) -> Alert:
        note = texts.ALERT_UNCOVERED.format(unit=unit_name)
        return Alert(
            kind=AlertKind.UNCOVERED,
            recipient=None,
            unit=unit_name,
            channel=None,
            chat_id=None,
            task_id=task.id,
            task_number=task.number or None,
            document=task.document,
            due_date=occ.due,
            working_days_left=left,
            message=f"{note}\n{text}",
            dedupe_key=dedupe_key(KEY_PREFIX, task.id, occ.key, "-", f"uncovered-{kind}", day),
            scheduled_for=datetime.combine(day, REMINDER_AT),
            occurrence=occ.key,
            title=task.title,
            document_id=task.document_id,
        )

    # --- weekly digest --------------------------------------------------------------

    def _digests(self, day: date) -> Iterator[Alert]:
        book = _Book.of(self.inp, day)
        when = datetime.combine(day, DIGEST_AT)
        for unit_id, heads in self.audience.heads.items():
            for person in heads:
                if not person.settings.digest or person.settings.muted_all:
                    continue
                entries = book.for_unit(unit_id, person.settings.muted_documents)
                text = messages.head_digest(self._unit_name(unit_id), day, entries)
                key = dedupe_key(KEY_PREFIX, "digest", person.id, day)
                yield _digest(person, self._unit_name(unit_id), text, key, when)
        uncovered = sorted(
            self._unit_name(u) for u in book.units_with_tasks if u not in self.audience.heads
        )
        leaders = [*self.audience.top_leaders, *_flat(self.audience.leaders_by_unit.values())]
        for person in _unique(leaders):
            if not person.settings.digest or person.settings.muted_all:
                continue
            scope = self._scope(person)
            per_unit = book.per_unit(scope, person.settings.muted_documents)
            rows = [(self._unit_name(u), counts) for u, counts in per_unit]
            text = messages.leader_digest(day, rows, uncovered if scope is None else [])
            unit = self._unit_name(person.unit_id) if person.unit_id else None
            yield _digest(
                person, unit, text, dedupe_key(KEY_PREFIX, "digest", person.id, day), when
            )

    def _scope(self, person: Person) -> set[int] | None:
        """The units a leader oversees: theirs and below; None: all."""
        if person.unit_id is None:
            return None
        below: dict[int | None, list[int]] = defaultdict(list)
        for unit in self.inp.units.values():
            below[unit.parent_id].append(unit.id)
        out, stack = set(), [person.unit_id]
        while stack:
            current = stack.pop()
            if current in out:
                continue
            out.add(current)
            stack.extend(below.get(current, []))
        return out

    # --- catch-up after downtime ----------------------------------------------------

    def caught_up(self, now: datetime, since: datetime, today: list[Alert]) -> list[Alert]:
        start = max(since.date(), now.date() - timedelta(days=CATCH_UP_DAYS))
        missed: list[Alert] = []
        day = start
        while day < now.date():
            missed.extend(a for a in self.on(day) if a.scheduled_for > since and a.recipient)
            day += timedelta(days=1)
        if not missed:
            return []
        fresh_day = self.days.add(now.date(), -1)
        current = {_thread(a) for a in today}
        latest: dict[tuple[object, ...], Alert] = {}
        for alert in missed:
            if _thread(alert) not in current:
                latest[_thread(alert)] = alert  # later days overwrite earlier ones
        out: list[Alert] = []
        stale: dict[int, list[Alert]] = defaultdict(list)
        for alert in latest.values():
            if alert.scheduled_for.date() == fresh_day and alert.kind != AlertKind.DIGEST:
                out.append(
                    replace(
                        alert, message=texts.ALERT_CATCH_UP_PREFIX + alert.message, catch_up=True
                    )
                )
            elif alert.kind != AlertKind.DIGEST and alert.recipient is not None:
                stale[alert.recipient].append(alert)
        when = datetime.combine(now.date(), REMINDER_AT)
        for items in stale.values():
            first = items[0]
            key = dedupe_key(KEY_PREFIX, "catch-up", first.recipient, now.date())
            out.append(_digest(first, first.unit, messages.catch_up_summary(items), key, when))
        return out


def _thread(alert: Alert) -> tuple[object, ...]:
    """Alerts about the same thing to the same person: a newer one supersedes."""
    return (alert.recipient, alert.task_id, alert.occurrence, alert.kind == AlertKind.DIGEST)


def _wants(person: Person, task: TaskInfo, kind: AlertKind, left: int) -> bool:
    s = person.settings
    if kind in _TASK_KINDS and (s.muted_all or task.document_id in s.muted_documents):
        return False
    return kind != AlertKind.REMINDER or left in s.lead_times


def _digest(to: Person | Alert, unit: str | None, text: str, key: str, when: datetime) -> Alert:
    """A message about no single task: the weekly digest, the catch-up summary."""
    return Alert(
        kind=AlertKind.DIGEST,
        recipient=to.id if isinstance(to, Person) else to.recipient,
        unit=unit,
        channel=to.channel,
        chat_id=to.chat_id,
        task_id=None,
        task_number=None,
        document=None,
        due_date=None,
        working_days_left=None,
        message=text,
        dedupe_key=key,
        scheduled_for=when,
        catch_up=not isinstance(to, Person),
    )


def _audience(inp: PlanInput) -> _Audience:
    heads: dict[int, list[Person]] = defaultdict(list)
    leaders: dict[int, list[Person]] = defaultdict(list)
    top: list[Person] = []
    office: list[Person] = []
    admins: list[Person] = []
    for person in inp.people:
        if person.role == Role.HEAD and person.unit_id is not None:
            heads[person.unit_id].append(person)
        elif person.role == Role.LEADER:
            (leaders[person.unit_id] if person.unit_id is not None else top).append(person)
        elif person.role == Role.ADMIN:
            admins.append(person)
        if person.unit_id in inp.coordinating_unit_ids and person.role in (Role.HEAD, Role.MEMBER):
            office.append(person)
    # Without a configured coordinating office the admins stand in for it, and an
    # admin without a unit reads the leaders' digest (the demo's local admin).
    top.extend(a for a in admins if a.unit_id is None)
    return _Audience(dict(heads), dict(leaders), top, office or admins)


def _flat(groups: Iterable[list[Person]]) -> list[Person]:
    return [p for group in groups for p in group]


def _unique(people: Iterable[Person]) -> list[Person]:
    seen: set[int] = set()
    out = []
    for person in people:
        if person.id not in seen:
            seen.add(person.id)
            out.append(person)
    return out


@dataclass
class _Entry:
    task: TaskInfo
    due: date | None
    section: str  # due_soon | overdue | unreported


@dataclass
class _Book:
    """The digest's view of every task on one day, by lead unit."""

    by_unit: dict[int, list[_Entry]]
    units_with_tasks: set[int]

    @classmethod
    def of(cls, inp: PlanInput, day: date) -> _Book:
        horizon = day + timedelta(days=DIGEST_HORIZON_DAYS)
        by_unit: dict[int, list[_Entry]] = defaultdict(list)
        with_tasks: set[int] = set()
        for task in inp.tasks:
            entries = list(_entries(task, day, horizon))
            for unit_id in task.lead_unit_ids:
                with_tasks.add(unit_id)
                by_unit[unit_id].extend(entries)
        return cls(dict(by_unit), with_tasks)

    def for_unit(self, unit_id: int, muted: frozenset[int]) -> list[_Entry]:
        return [e for e in self.by_unit.get(unit_id, []) if e.task.document_id not in muted]

    def per_unit(
        self, scope: set[int] | None, muted: frozenset[int]
    ) -> list[tuple[int, dict[str, int]]]:
        rows = []
        for unit_id, entries in self.by_unit.items():
            if scope is not None and unit_id not in scope:
                continue
            counts = {"overdue": 0, "unreported": 0}
            for entry in entries:
                if entry.task.document_id not in muted and entry.section in counts:
                    counts[entry.section] += 1
            if any(counts.values()):
                rows.append((unit_id, counts))
        rows.sort(key=lambda r: (-r[1]["overdue"], -r[1]["unreported"], r[0]))
        return rows


def _entries(task: TaskInfo, day: date, horizon: date) -> Iterator[_Entry]:
    for occ in task.occurrences:
        if occ.key in task.done_keys:
            continue
        if occ.due is None:
            # Event-bound, unspecified and ongoing tasks: listed while never reported.
            if not task.reported_keys:
                yield _Entry(task, None, "unreported")
        elif occ.due < day:
            yield _Entry(task, occ.due, "overdue")
        elif occ.due <= horizon:
            yield _Entry(task, occ.due, "due_soon")


def at(day: date, slot: time = REMINDER_AT) -> datetime:
    return datetime.combine(day, slot)
