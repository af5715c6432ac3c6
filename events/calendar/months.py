"""The calendar page's month and list views, as data: which month a request asks for, the
weeks of its grid with each day's entries (placed on the day they start in the viewer's
time zone), and the upcoming list."""

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.utils import formats, timezone

MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")
LIST_DAYS = 90  # how far ahead the list view looks


class BadMonth(ValueError):
    """``?month=`` is not a month this calendar shows (YYYY-MM, years 1900–9999)."""


def parse_month(text, today):
    """The first day of the month ``text`` names ("2030-01"), or of ``today``'s month when
    there is no ``text``. Raises ``BadMonth`` for anything else."""
    if not text:
        return today.replace(day=1)
    match = MONTH_PATTERN.match(text)
    if not match:
        raise BadMonth(text)
    year, month = int(match[1]), int(match[2])
    if not (1900 <= year <= 9999 and 1 <= month <= 12):
        raise BadMonth(text)
    return date(year, month, 1)


def month_param(day):
    return f"{day.year:04d}-{day.month:02d}"


def shift_month(first, months):
    index = first.year * 12 + first.month - 1 + months
    year, month = divmod(index, 12)
    if not 1900 <= year <= 9999:
        return None
    return date(year, month + 1, 1)


def month_bounds(first, zone):
    """``[start, end)`` of the month's grid (whole weeks) as aware datetimes in ``zone``."""
    grid_start = first - timedelta(days=(first.weekday() - _first_weekday()) % 7)
    last = shift_month(first, 1) or date(9999, 12, 31)
    grid_end = last + timedelta(days=(7 - (last.weekday() - _first_weekday()) % 7) % 7)
    return _midnight(grid_start, zone), _midnight(grid_end, zone), grid_start, grid_end


def _midnight(day, zone):
    return datetime(day.year, day.month, day.day, tzinfo=zone)


def _first_weekday():
    """The language's first day of the week as Python counts (Monday 0): Django's setting
    counts from Sunday (0)."""
    return (int(formats.get_format("FIRST_DAY_OF_WEEK")) - 1) % 7


@dataclass
class Day:
    date: date
    in_month: bool
    is_today: bool
    entries: list = field(default_factory=list)


def local_date(entry, zone):
    return timezone.localtime(entry.start, zone).date()


def month_weeks(first, entries, zone, today):
    """The month's grid: a list of weeks, each a list of seven ``Day``s."""
    _start, _end, grid_start, grid_end = month_bounds(first, zone)
    by_day = {}
    for entry in entries:
        by_day.setdefault(local_date(entry, zone), []).append(entry)
    days = []
    day = grid_start
    while day < grid_end:
        days.append(Day(day, day.month == first.month, day == today, by_day.get(day, [])))
        day += timedelta(days=1)
    return [days[i : i + 7] for i in range(0, len(days), 7)]


def weekday_names(weeks):
    """The columns' day names, from the first week's dates, in the active language."""
    first_week = weeks[0] if weeks else []
    return [(formats.date_format(day.date, "l"), formats.date_format(day.date, "D")) for day in first_week]


def days_with_entries(entries, zone):
    """The list view: ``[(date, [entries])]`` in order."""
    grouped = {}
    for entry in entries:
        grouped.setdefault(local_date(entry, zone), []).append(entry)
    return sorted(grouped.items())


def month_name(first):
    return formats.date_format(first, "YEAR_MONTH_FORMAT")
