"""Errors a user can cause through the services, each with a one-sentence message."""


class CoreError(Exception):
    """Base for user-facing domain errors."""


class ValidationError(CoreError):
    """Input that cannot be stored as given; `field` names what to fix."""

    def __init__(self, message: str, field: str = "") -> None:
        super().__init__(message)
        self.field = field


class NotFound(CoreError):
    pass
