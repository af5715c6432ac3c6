"""The events app's demo data (``seed_demo`` calls ``seed``). The calendar's part is in
calendar_demo.py; the lead adds the master classes' part here at merge."""

from . import calendar_demo


def seed(stdout):
    calendar_demo.seed(stdout)


def seed_translations(stdout):
    calendar_demo.seed_translations(stdout)
