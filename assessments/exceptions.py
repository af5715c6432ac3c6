"""Refusals a student can cause while taking an evaluation; views turn them into messages."""

from core.errors import UserFacingError


class AssessmentError(UserFacingError):
    """Base class of the assessments app's user-facing errors."""


class TakingRefused(AssessmentError):
    """The student may no longer take an evaluation they started (enrollment ended, resource
    unpublished): their answers are refused."""


class AnswersRefused(AssessmentError):
    """Some answers of a submission cannot be accepted (a number in the wrong format, a
    forged choice): ``errors`` maps each question id to its message. Nothing was saved."""

    def __init__(self, message, errors):
        super().__init__(message)
        self.errors = errors
