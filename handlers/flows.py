"""Declared conversation flows (in the spirit of PTB's ConversationHandler and
aiogram's StatesGroup).

A ``Flow`` is a name, an ordered tuple of ``Step``s (the first is where it
starts), the exact command lines that start it (``entry_points``), commands
that do something else while it runs (``fallbacks``), and a ``timeout``. Its
state is a typed ``FlowState`` (flow, step, data, expiry) persisted per chat
in the chat context, i.e. in the turn's database session: a conversation
survives a restart and continues at the step it was on. ``/huy`` always leaves.

A step has a prompt, optional choices (buttons; numbered menus on channels
without buttons, chosen by typing the number) and ``on_input(ft, value)``,
which returns the name of the next step, ``STAY`` (ask the same step again) or
``END``. ``value`` is the pressed choice's value or the typed text. Raising a
``UserFacingError`` (``BadInput``) answers with its message and stays.
``ft.data`` is the flow's own JSON-able dict; ``ft.say()`` adds a reply;
``ft.turn`` is the whole turn (actor, session, services, pushes).

Sketch of a guided progress report built on it::

    REPORT = register(Flow(
        name="report",
        entry_points=("/tiendo",),
        steps=(
            Step("task", prompt=lambda ft: "Báo cáo nhiệm vụ nào?",
                 choices=lambda ft: [Choice(t.title, str(t.id)) for t in my_tasks(ft)],
                 on_input=pick_task, typed=False),
            Step("percent", prompt=..., choices=lambda ft: [Choice("50%", "50"), ...],
                 on_input=set_percent),
            Step("note", prompt=..., on_input=save_report),  # writes via ft.turn.session
        ),
        timeout=timedelta(minutes=30),
    ))

Choice buttons carry ``f:<flow>:<step>:<value>``; long data is shortened by
``handlers.callbacks``. A button from a finished or other flow is answered
with a short notice, never applied to the wrong step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from handlers import texts
from handlers.access import Actor
from handlers.errors import NotAllowed, UserFacingError
from handlers.messages import Button, Reply
from handlers.turn import Turn

END = "__end__"
STAY = "__stay__"
PREFIX = "f:"
CONTEXT_KEY = "flow"


@dataclass
class FlowState:
    flow: str
    step: str
    data: dict[str, Any] = field(default_factory=dict)
    expires_at: str = ""  # ISO, naive UTC

    def to_dict(self) -> dict[str, Any]:
        return {
            "flow": self.flow,
            "step": self.step,
            "data": self.data,
            "expires_at": self.expires_at,
        }

    @classmethod
    def from_dict(cls, raw: Any) -> FlowState | None:
        if not isinstance(raw, dict) or not raw.get("flow") or not raw.get("step"):
            return None
        data = raw.get("data")
        return cls(
            str(raw["flow"]),
            str(raw["step"]),
            dict(data) if isinstance(data, dict) else {},
            str(raw.get("expires_at") or ""),
        )

    def expired(self, now: datetime) -> bool:
        return bool(self.expires_at) and datetime.fromisoformat(self.expires_at) < now


@dataclass(frozen=True)
class Choice:
    label: str
    value: str


@dataclass
class FlowTurn:
    """What a step handler works with."""

    turn: Turn
    flow: Flow
    state: FlowState
    replies: list[Reply] = field(default_factory=list)

    @property
    def data(self) -> dict[str, Any]:
        return self.state.data

    def say(self, text: str, buttons: list[list[Button]] | None = None) -> None:
        self.replies.append(Reply(text=text, buttons=buttons or []))


Prompt = Callable[[FlowTurn], str]
Choices = Callable[[FlowTurn], list[Choice]]
OnInput = Callable[[FlowTurn, str], str]


@dataclass(frozen=True)
class Step:
    name: str
    prompt: Prompt
    on_input: OnInput
    choices: Choices | None = None
    typed: bool = True  # free text is accepted (else only the choices)


@dataclass(frozen=True)
class Flow:
    name: str
    steps: tuple[Step, ...]
    entry_points: tuple[str, ...] = ()
    fallbacks: dict[str, Callable[[FlowTurn], str]] = field(default_factory=dict)
    timeout: timedelta = timedelta(minutes=30)
    allowed: Callable[[Actor], bool] = lambda actor: True
    cancel_hint: bool = True  # prompts end with "Gõ /huy để hủy."
    # Free text at a step that takes only choices leaves the flow and is handled as a
    # new message (a fresh report or a question), instead of "please choose".
    leave_on_text: bool = False

    def step(self, name: str) -> Step | None:
        return next((s for s in self.steps if s.name == name), None)


REGISTRY: dict[str, Flow] = {}


def register(flow: Flow) -> Flow:
    REGISTRY[flow.name] = flow
    return flow


def choice_data(flow: str, step: str, value: str) -> str:
    return f"{PREFIX}{flow}:{step}:{value}"


def _utcnow() -> datetime:
    return datetime.utcnow().replace(microsecond=0)  # noqa: DTZ003 - naive UTC, as the DB


# --- state in the chat context ------------------------------------------------------


def current(turn: Turn) -> FlowState | None:
    return FlowState.from_dict(turn.context.get(CONTEXT_KEY))


def _save(turn: Turn, state: FlowState | None) -> None:
    if state is None:
        turn.context.pop(CONTEXT_KEY, None)
    else:
        turn.context[CONTEXT_KEY] = state.to_dict()


def _touch(flow: Flow, state: FlowState) -> None:
    state.expires_at = (_utcnow() + flow.timeout).isoformat()


# --- running ------------------------------------------------------------------------


def begin(turn: Turn, flow: Flow, step: str | None = None, **data: Any) -> list[Reply]:
    """Start ``flow`` (at ``step``, default its first) and ask the first question."""
    if not flow.allowed(turn.actor):
        raise NotAllowed()
    state = FlowState(flow.name, step or flow.steps[0].name, dict(data))
    _touch(flow, state)
    _save(turn, state)
    ft = FlowTurn(turn, flow, state)
    _prompt(ft)
    return ft.replies


def cancel(turn: Turn) -> bool:
    """Leave the running flow (``/huy``); False when none was running."""
    had = current(turn) is not None
    _save(turn, None)
    return had


def entry_for(text: str) -> Flow | None:
    line = " ".join(text.split()).lower()
    return next((f for f in REGISTRY.values() if line in f.entry_points), None)


def handle(turn: Turn, text: str, command: str) -> list[Reply] | None:
    """Route a message to the running flow; None when it is not the flow's business."""
    state = current(turn)
    pressed = text.startswith(PREFIX)
    if state is None:
        return [Reply(text=texts.CHAT_FLOW_STALE_BUTTON)] if pressed else None
    flow = REGISTRY.get(state.flow)
    step = flow.step(state.step) if flow else None
    if flow is None or step is None:
        _save(turn, None)
        return [Reply(text=texts.CHAT_FLOW_STALE_BUTTON)] if pressed else None
    if state.expired(_utcnow()):
        _save(turn, None)
        note = [Reply(text=texts.CHAT_FLOW_EXPIRED)]
        return note if pressed else (note if not command else None)
    ft = FlowTurn(turn, flow, state)
    if pressed:
        target, _, value = text[len(PREFIX) :].partition(":")
        step_name, _, value = value.partition(":")
        if target != flow.name or step_name != step.name:
            return [Reply(text=texts.CHAT_FLOW_STALE_BUTTON)]
        return _input(ft, step, value)
    if command:
        fallback = flow.fallbacks.get(command)
        if fallback is None:
            return None  # another command: answered normally, the flow stays where it is
        return _advance(ft, fallback(ft))
    if not step.typed and flow.leave_on_text:
        _save(turn, None)
        return None
    if not step.typed:
        ft.say(texts.CHAT_FLOW_CHOOSE)
        _prompt(ft)
        return ft.replies
    return _input(ft, step, text)


def _input(ft: FlowTurn, step: Step, value: str) -> list[Reply]:
    try:
        nxt = step.on_input(ft, value)
    except UserFacingError as exc:
        ft.replies.append(Reply(text=exc.message))
        _touch(ft.flow, ft.state)
        _save(ft.turn, ft.state)
        return ft.replies
    return _advance(ft, nxt)


def _advance(ft: FlowTurn, nxt: str) -> list[Reply]:
    if nxt == END:
        _save(ft.turn, None)
        return ft.replies
    if nxt != STAY:
        if ft.flow.step(nxt) is None:
            raise ValueError(f"flow {ft.flow.name}: no step {nxt!r}")
        ft.state.step = nxt
    _touch(ft.flow, ft.state)
    _save(ft.turn, ft.state)
    _prompt(ft)
    return ft.replies


def _prompt(ft: FlowTurn) -> None:
    step = ft.flow.step(ft.state.step)
    assert step is not None
    text = step.prompt(ft)
    if ft.flow.cancel_hint:
        text += " " + texts.CHAT_CANCEL_HINT
    buttons: list[list[Button]] = []
    if step.choices is not None:
        buttons = [
            [Button(c.label, choice_data(ft.flow.name, step.name, c.value))]
            for c in step.choices(ft)
        ]
    ft.replies.append(Reply(text=text, buttons=buttons))
