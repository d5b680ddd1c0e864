"""Deadline alerts: what to send is a pure function of tasks, occurrences, reports,
people, settings, the calendar and now (``planner``); ``load`` reads those inputs
from the database; the handlers write the result to the outbox."""
