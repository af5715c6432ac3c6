"""The events app's models: the calendar's (calendar.py) and master classes' (master_classes.py)."""

from .calendar import CalendarFeedToken, CalendarPage, LiveSession, LiveSessionAttendance

__all__ = ["CalendarFeedToken", "CalendarPage", "LiveSession", "LiveSessionAttendance"]
