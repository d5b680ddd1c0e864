"""Each kind of answer is one small module; ``KINDS`` maps an intent to its answerer."""

from __future__ import annotations

from collections.abc import Callable

from knowledge.answer.api import Answer
from knowledge.answer.context import Ask
from knowledge.answer.hits import search_answer
from knowledge.answer.intents import Intent
from knowledge.answer.kinds.docmeta import doc_meta
from knowledge.answer.kinds.planwide import count, objective, plan_targets, task_number
from knowledge.answer.kinds.targets import targets
from knowledge.answer.kinds.taskfact import task_fact
from knowledge.answer.kinds.tasklist import task_list


def _search(ask: Ask) -> Answer:
    return search_answer(ask, ask.asked)


KINDS: dict[Intent, Callable[[Ask], Answer]] = {
    Intent.UNIT_TASKS: task_list,
    Intent.OVERDUE: task_list,
    Intent.DUE_WINDOW: task_list,
    Intent.COUNT: count,
    Intent.WHO: task_fact,
    Intent.DEADLINE: task_fact,
    Intent.PRODUCT: task_fact,
    Intent.TARGET: targets,
    Intent.PLAN_TARGETS: plan_targets,
    Intent.PLAN_OBJECTIVE: objective,
    Intent.TASK_NUMBER: task_number,
    Intent.DOC_META: doc_meta,
    Intent.SEARCH: _search,
}
