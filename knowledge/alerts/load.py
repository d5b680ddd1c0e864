"""Read the planner's input from the database (one session, a few bulk queries).

The reported state comes from the progress domain
(``knowledge.progress.board.reported_keys``: the report in force per task
occurrence; a report returned by the coordinating office does not count as done).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from knowledge.alerts.model import Person, PersonSettings, PlanInput, TaskInfo, UnitInfo
from knowledge.alerts.settings import SETTINGS_KEY
from knowledge.progress import occurrences as occ
from knowledge.progress.board import reported_keys
from knowledge.progress.status import ReportState
from knowledge.unit_lookup import home_province, narrow
from knowledge.workdays import load_calendar
from storage.chat import preferred_identity
from storage.models import Document, TaskRow, TaskUnit, Unit, User
from storage.repositories import resolve_units


def load_input(session: Session, today: date, coordinating_office: str = "") -> PlanInput:
    done, reported = reported_keys(session)
    tasks = tuple(_tasks(session, today, done, reported))
    units = {u.id: UnitInfo(u.id, u.name, u.parent_id) for u in session.scalars(select(Unit))}
    return PlanInput(
        tasks=tasks,
        people=tuple(load_people(session)),
        units=units,
        calendar=load_calendar(session),
        coordinating_unit_ids=_office_ids(session, coordinating_office),
    )


def document_label(doc: Document) -> str:
    title = " ".join((doc.title or doc.source_name).split())
    if len(title) > 70:
        title = title[:69].rstrip() + "…"
    return f"{doc.number} — {title}" if doc.number else title


def _tasks(
    session: Session,
    today: date,
    done: dict[int, set[str]],
    reported: dict[int, set[str]],
) -> list[TaskInfo]:
    stmt = select(TaskRow).options(selectinload(TaskRow.deadlines), selectinload(TaskRow.document))
    leads: dict[int, list[int]] = defaultdict(list)
    for task_id, unit_id in session.execute(
        select(TaskUnit.task_id, TaskUnit.unit_id).where(TaskUnit.role == "lead")
    ):
        leads[task_id].append(unit_id)
    out = []
    labels: dict[int, str] = {}
    for row in session.scalars(stmt.order_by(TaskRow.document_id, TaskRow.ordinal)):
        doc = row.document
        if doc.id not in labels:
            labels[doc.id] = document_label(doc)
        horizon = occ.plan_horizon(doc.plan_year, doc.period_end_year, today.year)
        timing = occ.timing_of(row)
        found = occ.occurrences(timing, horizon)
        done_keys = set(done.get(row.id, ()))
        if row.status == ReportState.DONE.value and len(found) == 1:
            done_keys.add(found[0].key)
        out.append(
            TaskInfo(
                id=row.id,
                number=row.number,
                title=row.title,
                document_id=doc.id,
                document=labels[doc.id],
                lead_unit_ids=tuple(sorted(set(leads.get(row.id, ())))),
                deadline_kind=row.deadline_kind,
                occurrences=tuple(found),
                update_periods=tuple(occ.update_periods(timing, horizon)),
                done_keys=frozenset(done_keys),
                reported_keys=frozenset(reported.get(row.id, ())),
                status=row.status,
            )
        )
    return out


def load_people(session: Session) -> list[Person]:
    stmt = select(User).where(User.active.is_(True)).options(selectinload(User.identities))
    out = []
    for user in session.scalars(stmt):
        identity = preferred_identity(user.identities)
        out.append(
            Person(
                id=user.id,
                name=user.display_name,
                role=user.role,
                unit_id=user.unit_id,
                channel=identity.channel if identity else None,
                chat_id=identity.chat_id if identity else None,
                settings=PersonSettings.from_json((user.settings or {}).get(SETTINGS_KEY)),
            )
        )
    return out


def _office_ids(session: Session, names: str) -> frozenset[int]:
    ids: set[int] = set()
    home = home_province(session)
    for name in (n.strip() for n in names.split(";")):
        # An internal unit's name ("Văn phòng Sở") matches it in every office that has one;
        # a name several provinces share ("Văn phòng UBND tỉnh") means the home one.
        if name:
            ids.update(u.id for u in narrow(resolve_units(session, name), home))
    return frozenset(ids)
