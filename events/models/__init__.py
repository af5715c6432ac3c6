"""The events app's models: master classes' (master_classes.py) and the calendar's (calendar.py)."""

from .calendar import CalendarFeedToken, CalendarPage, LiveSession, LiveSessionAttendance
from .master_classes import MasterClassIndexPage, MasterClassPage, Registration

__all__ = [
    "CalendarFeedToken",
    "CalendarPage",
    "LiveSession",
    "LiveSessionAttendance",
    "MasterClassIndexPage",
    "MasterClassPage",
    "Registration",
]
