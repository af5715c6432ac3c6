"""What the grading queue shows a grader: the essays waiting for them (``reviewing``), each
named by its course, evaluation and submission date, the filters (course, evaluation) with
their counts, and where "Grade next" leads. A flat number of queries whatever the number of
essays or courses (titles are read once per page, in the active language)."""

from dataclasses import dataclass, field

from core.localized import pages_in_active_language
from courses.models import CoursePage, ResourcePage

from . import reviewing

QUEUE_LENGTH = 50


@dataclass
class Filters:
    """The queue's filters as asked (``course``, ``evaluation``: translation keys, as text)."""

    course: str = ""
    evaluation: str = ""

    @classmethod
    def from_query(cls, query):
        return cls(str(query.get("course", ""))[:64], str(query.get("evaluation", ""))[:64])

    @property
    def query(self):
        """The filters as a query string for links ("Grade next", back to the queue)."""
        from urllib.parse import urlencode

        pairs = [(name, value) for name, value in (("course", self.course), ("evaluation", self.evaluation)) if value]
        return "?" + urlencode(pairs) if pairs else ""

    def essays(self, user):
        return reviewing.pending_essays(user, self.course or None, self.evaluation or None)


@dataclass
class Choice:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Queue:
    rows: list
    total: int  # essays waiting within the filters
    waiting: int  # essays waiting for the grader, every course
    courses: list = field(default_factory=list)  # Choice per course with essays waiting
    evaluations: list = field(default_factory=list)  # Choice per evaluation (of the chosen course)


def _titles(course_keys, resource_keys):
    courses = pages_in_active_language(CoursePage.objects.defer_streamfields(), course_keys)
    resources = pages_in_active_language(ResourcePage.objects.defer_streamfields(), resource_keys)
    return {key: page.title for key, page in courses.items()}, {key: page.title for key, page in resources.items()}


def queue_for(user, filters):
    """The queue as ``user`` sees it with ``filters``."""
    by_course, by_evaluation = reviewing.waiting_by_course(user)
    essays = filters.essays(user)
    shown = list(essays[:QUEUE_LENGTH])
    course_keys = set(by_course) | {essay.attempt.course_key for essay in shown}
    resource_keys = set(by_evaluation) | {essay.attempt.resource_key for essay in shown}
    course_titles, resource_titles = _titles(course_keys, resource_keys)
    rows = [
        {
            "answer": essay,
            "attempt": essay.attempt,
            "course": course_titles.get(essay.attempt.course_key, ""),
            "evaluation": resource_titles.get(essay.attempt.resource_key) or essay.attempt.snapshot.get("title", ""),
            "question": _question_text(essay),
        }
        for essay in shown
    ]
    total = len(shown) if len(shown) < QUEUE_LENGTH else essays.count()
    courses = [
        Choice(str(key), course_titles.get(key, str(key)), count, str(key) == filters.course)
        for key, count in by_course.items()
    ]
    evaluations = [
        Choice(
            str(key),
            f"{resource_titles.get(key, str(key))} ({course_titles.get(course_key, '')})",
            count,
            str(key) == filters.evaluation,
        )
        for key, (course_key, count) in by_evaluation.items()
        if not filters.course or str(course_key) == filters.course
    ]
    return Queue(
        rows,
        total,
        sum(by_course.values()),
        sorted(courses, key=lambda c: c.label.lower()),
        sorted(evaluations, key=lambda c: c.label.lower()),
    )


def _question_text(answer):
    question = next((q for q in answer.attempt.questions if q["id"] == answer.question_id), None)
    return question["text"] if question else ""


def essay_context(user, answer, filters):
    """The grading page of one essay: its course, evaluation, question, the student's other
    essays in the attempt, and how many essays wait after it (within the filters)."""
    attempt = answer.attempt
    course_titles, resource_titles = _titles([attempt.course_key], [attempt.resource_key])
    return {
        "answer": answer,
        "attempt": attempt,
        "question": reviewing.essay_question(answer),
        "course": course_titles.get(attempt.course_key, ""),
        "evaluation": resource_titles.get(attempt.resource_key) or attempt.snapshot.get("title", ""),
        "left": filters.essays(user).exclude(pk=answer.pk).count(),
        "filters": filters,
    }
