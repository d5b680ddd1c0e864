"""/caidat: a person's alert settings as a declared flow (``handlers.flows``).

One menu step with buttons (mute all / unmute, digest on/off, lead times, mute a
plan); the lead-times and plan steps ask once and come back to the menu.
"""

from __future__ import annotations

from sqlalchemy import select

from handlers import texts
from handlers.errors import BadInput
from handlers.flows import END, Choice, Flow, FlowTurn, Step, register
from knowledge.alerts import settings as store
from knowledge.alerts.load import document_label
from storage.models import Document

MENU = "menu"
LEAD = "lead"
PLAN = "plan"


def describe(ft: FlowTurn) -> str:
    current = store.get(ft.turn.session, ft.turn.actor.user_id)
    muted = [
        document_label(d)
        for d in ft.turn.session.scalars(select(Document).order_by(Document.id))
        if d.id in current.muted_documents
    ]
    state = texts.SETTINGS_STATE.format(
        alerts=texts.SETTINGS_OFF if current.muted_all else texts.SETTINGS_ON,
        lead_times=", ".join(str(n) for n in current.lead_times) or texts.SETTINGS_NONE,
        digest=texts.SETTINGS_ON if current.digest else texts.SETTINGS_OFF,
        muted="; ".join(muted) or texts.SETTINGS_NONE,
    )
    return f"{texts.SETTINGS_TITLE}\n{state}\n{texts.SETTINGS_PROMPT}"


def _menu_choices(ft: FlowTurn) -> list[Choice]:
    current = store.get(ft.turn.session, ft.turn.actor.user_id)
    return [
        Choice(texts.SETTINGS_BTN_UNMUTE_ALL, "unmute")
        if current.muted_all
        else Choice(texts.SETTINGS_BTN_MUTE_ALL, "mute"),
        Choice(texts.SETTINGS_BTN_DIGEST_OFF, "digest_off")
        if current.digest
        else Choice(texts.SETTINGS_BTN_DIGEST_ON, "digest_on"),
        Choice(texts.SETTINGS_BTN_LEAD, LEAD),
        Choice(texts.SETTINGS_BTN_PLAN, PLAN),
        Choice(texts.SETTINGS_BTN_DONE, "done"),
    ]


def _on_menu(ft: FlowTurn, value: str) -> str:
    session, user_id = ft.turn.session, ft.turn.actor.user_id
    changes = {
        "mute": {"muted_all": True},
        "unmute": {"muted_all": False},
        "digest_off": {"digest": False},
        "digest_on": {"digest": True},
    }
    if value in changes:
        store.update(session, user_id, **changes[value])
        ft.say(texts.SETTINGS_SAVED)
        return MENU
    if value in (LEAD, PLAN):
        return value
    if value == "done":
        ft.say(texts.SETTINGS_SAVED)
        return END
    raise BadInput(texts.CHAT_FLOW_CHOOSE)


def _on_lead(ft: FlowTurn, value: str) -> str:
    parsed = store.parse_lead_times(value)
    if parsed is None:
        raise BadInput(texts.SETTINGS_LEAD_BAD)
    store.update(ft.turn.session, ft.turn.actor.user_id, lead_times=parsed)
    ft.say(texts.SETTINGS_SAVED)
    return MENU


def _plan_choices(ft: FlowTurn) -> list[Choice]:
    docs = ft.turn.session.scalars(select(Document).order_by(Document.id))
    return [Choice(document_label(d)[:60], str(d.id)) for d in docs]


def _plan_prompt(ft: FlowTurn) -> str:
    return texts.SETTINGS_PLAN_PROMPT if _plan_choices(ft) else texts.SETTINGS_PLAN_NONE


def _on_plan(ft: FlowTurn, value: str) -> str:
    if not value.isdigit() or ft.turn.session.get(Document, int(value)) is None:
        raise BadInput(texts.CHAT_FLOW_CHOOSE)
    store.toggle_document(ft.turn.session, ft.turn.actor.user_id, int(value))
    ft.say(texts.SETTINGS_SAVED)
    return MENU


SETTINGS = register(
    Flow(
        name="caidat",
        entry_points=("/caidat",),
        steps=(
            Step(MENU, prompt=describe, on_input=_on_menu, choices=_menu_choices, typed=False),
            Step(LEAD, prompt=lambda ft: texts.SETTINGS_LEAD_PROMPT, on_input=_on_lead),
            Step(PLAN, prompt=_plan_prompt, on_input=_on_plan, choices=_plan_choices, typed=False),
        ),
    )
)
