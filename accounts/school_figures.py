"""How the school is doing: charts over a period, rankings and queues that wait for staff,
each contributed by the app that owns the figures, so that no app reaches into another's
models (revenue is commerce's, enrollments are courses', essays are assessments').

An app registers a function with the ``register_school_figures`` Wagtail hook. It takes
the request, the ``Period`` and the course (a ``CoursePage``, or ``None`` for every course
the user may see) and returns a list of ``Chart``, ``Ranking`` and ``Waiting`` items — or
``None`` (or ``[]``) when it has nothing for this user::

    @hooks.register("register_school_figures")
    def revenue(request, period, course):
        rows = paid_lines.annotate(bucket=period.trunc("order__paid_at")).values_list("bucket").annotate(Sum(...))
        return [Chart("revenue", _("Revenue"), period.fill(rows), kind=Chart.MONEY, format=money)]

Each contributor answers with a fixed number of queries (one GROUP BY per chart), whatever
the number of students, orders or courses. The admin home (``accounts/wagtail_hooks.py``)
shows the whole school's figures; a course's statistics page shows that course's.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models.functions import TruncDay, TruncMonth
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

HOOK = "register_school_figures"


@dataclass(frozen=True)
class Period:
    """``days`` days by day, or ``months`` months by month, ending today (local time)."""

    key: str
    label: str
    unit: str  # "day" | "month"
    length: int

    def buckets(self, today=None):
        """The first day of each bucket, oldest first."""
        today = today or timezone.localdate()
        if self.unit == "day":
            return [today - timedelta(days=back) for back in range(self.length - 1, -1, -1)]
        months = []
        year, month = today.year, today.month
        for _step in range(self.length):
            months.append(date(year, month, 1))
            year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        return months[::-1]

    def start(self, today=None):
        """The aware datetime the period starts at (local midnight of its first bucket)."""
        return timezone.make_aware(datetime.combine(self.buckets(today)[0], time.min))

    def trunc(self, field_name):
        """The database expression that puts ``field_name`` in its bucket."""
        return (TruncDay if self.unit == "day" else TruncMonth)(field_name)

    def bucket_of(self, value):
        if isinstance(value, datetime):
            value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
        return value if self.unit == "day" else value.replace(day=1)

    def fill(self, rows, today=None):
        """``rows`` of ``(bucket, value)`` (from a GROUP BY on ``trunc``) as one value per
        bucket, 0 where the database had no row."""
        values = {}
        for bucket, value in rows:
            if bucket is not None:
                key = self.bucket_of(bucket)
                values[key] = values.get(key, 0) + (value or 0)
        return [values.get(bucket, 0) for bucket in self.buckets(today)]

    def labels(self, today=None):
        fmt = "M j" if self.unit == "day" else "M Y"
        return [date_format(bucket, fmt) for bucket in self.buckets(today)]


PERIODS = {
    "30d": Period("30d", _("Last 30 days, by day"), "day", 30),
    "12m": Period("12m", _("Last 12 months, by month"), "month", 12),
}
DEFAULT_PERIOD = "30d"


def period_from(value):
    """``(period, error)``: the period named ``value`` (the default when empty), or the
    default with a message saying the value was not understood."""
    if not value:
        return PERIODS[DEFAULT_PERIOD], None
    if value in PERIODS:
        return PERIODS[value], None
    message = _("“%(value)s” is not a period this page knows: showing the last 30 days.") % {"value": value[:40]}
    return PERIODS[DEFAULT_PERIOD], message


@dataclass
class Chart:
    """One figure over the period: a value per bucket. ``format`` turns a value into the
    text the table shows (money in the site currency, for instance)."""

    COUNT = "count"
    MONEY = "money"

    key: str
    title: str
    values: list
    kind: str = COUNT
    format: object = None
    order: int = 100

    @property
    def total(self):
        return sum(self.values)

    def text(self, value):
        return self.format(value) if self.format else str(value)

    def table(self, labels):
        """The table fallback's rows: ``(bucket label, value text)``."""
        return [(label, self.text(value)) for label, value in zip(labels, self.values, strict=True)]

    @property
    def total_text(self):
        return self.text(self.total)


@dataclass
class Ranking:
    """A short table: ``columns`` headings, ``rows`` of ``(label, url, [cells])``."""

    key: str
    title: str
    columns: list
    rows: list
    order: int = 100
    empty: str = ""


@dataclass
class Waiting:
    """Work waiting for staff: how many, and where to do it."""

    key: str
    label: str
    count: int
    url: str
    order: int = 100


@dataclass
class SchoolFigures:
    period: Period
    error: str = None
    charts: list = field(default_factory=list)
    rankings: list = field(default_factory=list)
    waiting: list = field(default_factory=list)
    labels: list = field(default_factory=list)

    @property
    def periods(self):
        return list(PERIODS.values())

    @property
    def is_empty(self):
        return not (self.charts or self.rankings or self.waiting)

    def chart_data(self):
        """What the page's script draws (json_script)."""
        return {
            "labels": self.labels,
            "charts": [
                {"key": chart.key, "title": str(chart.title), "values": [float(v) for v in chart.values]}
                for chart in self.charts
            ],
        }

    def tables(self):
        """Each chart with its table fallback's rows."""
        return [(chart, chart.table(self.labels)) for chart in self.charts]


def school_figures(request, period_value=None, course=None):
    """Every contributor's figures for ``request.user`` over the period named
    ``period_value`` (``course``: that course only)."""
    period, error = period_from(period_value)
    figures = SchoolFigures(period=period, error=error, labels=period.labels())
    for contribute in hooks.get_hooks(HOOK):
        for item in contribute(request, period, course) or []:
            if isinstance(item, Chart):
                figures.charts.append(item)
            elif isinstance(item, Ranking):
                figures.rankings.append(item)
            elif isinstance(item, Waiting):
                figures.waiting.append(item)
    for items in (figures.charts, figures.rankings, figures.waiting):
        items.sort(key=lambda item: item.order)
    return figures
