"""Progress reporting: occurrences of a task's deadline, reported state, status classes,
the one-message report reader, the overview, the export and the quarterly draft."""
