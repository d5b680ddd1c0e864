"""Expected failures: each carries the precise Vietnamese message the user sees.

Anything else raised inside a handler is a bug: the dispatcher logs it with its
trace and the user only gets a short apology (see ``dispatcher.Dispatcher``).
"""

from __future__ import annotations

from handlers import texts


class UserFacingError(Exception):
    """An expected problem; ``message`` is shown to the user as is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotAllowed(UserFacingError):
    def __init__(self, message: str = texts.CHAT_NOT_ALLOWED) -> None:
        super().__init__(message)


class BadFile(UserFacingError):
    pass


class BadInput(UserFacingError):
    pass
