"""The grading loop, visible on both sides: a student waiting for an essay's grade sees the
points earned, what is pending and the course's grading time; an instructor sees the
essays waiting for them (admin menu badge, dashboard, notification), filters the queue by
course and evaluation and grades one after another with "Grade next". A second instructor
never sees, counts or grades another course's essays."""

import re
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from assessments import attempts
from assessments.models import Answer, AttemptStatus
from courses.learning.enrollment import Source, enroll
from courses.models import SectionPage
from courses.tests import factories as course_factories
from notifications.models import Notification

from .factories import essay, evaluation_resource, every_question_type

# The teachers, the student and both courses are built once for this module (courses/tests/conftest.py).
pytestmark = pytest.mark.usefixtures("courses_built_once")

QUEUE = reverse("grading:index")
NEXT = reverse("grading:next")
ADMIN_HOME = reverse("wagtailadmin_home")


def submit_essay(student, quiz, text="Light becomes sugar.", language="en"):
    attempt = attempts.start_attempt(student, quiz, language)
    attempts.save_answer(student, attempt.pk, "essay", text)
    if any(question["id"] == "tf" for question in attempt.questions):
        attempts.save_answer(student, attempt.pk, "tf", "true")
    attempt, _ = attempts.submit_attempt(student, attempt.pk)
    assert attempt.status == AttemptStatus.PENDING_REVIEW
    return attempt


def essay_of(attempt):
    return Answer.objects.get(attempt=attempt, question_id="essay")


def grade_url(attempt):
    return reverse("grading:grade", args=[essay_of(attempt).pk])


@pytest.fixture
def essay_quiz(make_quiz):
    return make_quiz(questions=[*every_question_type(), essay()])


@pytest.fixture
def their_course(catalog, other_teacher):  # noqa: ARG001 (the catalog must exist)
    course = course_factories.build_course(title="Their course", slug="their-course", price=0, owner=other_teacher)
    quiz = evaluation_resource(SectionPage.objects.child_of(course).first(), title="Their quiz", questions=[essay()])
    return course, quiz


@pytest.fixture
def theirs(their_course):
    course, quiz = their_course
    student = course_factories.UserFactory(display_name="Their Student")
    enroll(student, course, Source.FREE)
    return submit_essay(student, quiz, "Their essay text.")


# --- The student waiting ---------------------------------------------------------------


def test_a_result_waiting_for_an_essay_shows_points_pending_and_the_default_grading_time(client, enrolled, essay_quiz):
    attempt = submit_essay(enrolled, essay_quiz)
    client.force_login(enrolled)
    html = client.get(reverse("assessment_result", args=[attempt.pk])).content.decode()
    assert "waiting for an instructor to grade" in html
    # True/false answered right (1 point) of the 6 points graded automatically; the essay's 3 wait.
    assert "1 of 6 points, on the questions graded automatically" in html
    assert "1 written answer, worth 3 points" in html
    assert "The instructors grade written answers as soon as they can." in html
    assert "out of 9 points" in html


def test_the_courses_grading_time_gives_the_date_to_expect_the_result(client, enrolled, essay_quiz, free_course):
    free_course.grading_days = 5
    free_course.save_revision().publish()
    attempt = submit_essay(enrolled, essay_quiz)
    client.force_login(enrolled)
    html = client.get(reverse("assessment_result", args=[attempt.pk])).content.decode()
    expected = (attempt.submitted_at + __import__("datetime").timedelta(days=5)).strftime("%B")[:3]
    assert "The instructors grade within 5 days: expect your result by" in html and expected in html


def test_a_graded_result_says_nothing_of_waiting(client, enrolled, essay_quiz, teacher):
    attempt = submit_essay(enrolled, essay_quiz)
    client.force_login(teacher)
    client.post(grade_url(attempt), {"points": "3", "then": "queue"})
    client.force_login(enrolled)
    html = client.get(reverse("assessment_result", args=[attempt.pk])).content.decode()
    assert "Points so far" not in html and "Score: 4 of 9" in html


# --- The instructor: queue, filters, grade next -----------------------------------------


def test_the_queue_names_course_evaluation_student_and_submission_date(client, teacher, enrolled, essay_quiz):
    attempt = submit_essay(enrolled, essay_quiz)
    client.force_login(teacher)
    html = client.get(QUEUE).content.decode()
    row = re.search(r'<tr data-aula-essay="\d+">(.*?)</tr>', html, re.S).group(1)
    for text in (
        "Free course",
        essay_quiz.title,
        "A Student",
        "Explain photosynthesis",
        str(attempt.submitted_at.year),
    ):
        assert text in row
    assert f'href="{NEXT}"' in html and "1 essay waiting" in html


def test_the_queue_filters_by_course_and_by_evaluation(client, teacher, enrolled, make_quiz, catalog):  # noqa: ARG001
    first, second = make_quiz(questions=[essay()]), make_quiz(questions=[essay()])
    other_course = course_factories.build_course(title="Second course", slug="second", price=0, owner=teacher)
    third = evaluation_resource(
        SectionPage.objects.child_of(other_course).first(), title="Far quiz", questions=[essay()]
    )
    enroll(enrolled, other_course, Source.FREE)
    for quiz in (first, second, third):
        submit_essay(enrolled, quiz, f"Answer to {quiz.title}")
    client.force_login(teacher)

    def listed(query):
        html = client.get(QUEUE, query).content.decode()
        return len(re.findall(r"<tr data-aula-essay=", html)), html

    assert listed({})[0] == 3
    count, html = listed({"course": str(other_course.translation_key)})
    assert count == 1 and "Far quiz" in html and "Second course (1)" in html and "Free course (2)" in html
    count, html = listed({"evaluation": str(second.translation_key)})
    assert count == 1 and second.title in html
    assert listed({"course": "not-a-key"})[0] == 0  # a forged filter finds nothing, no 500
    assert listed({"evaluation": "x" * 500})[0] == 0


def test_the_queue_lists_in_a_flat_number_of_queries(client, teacher, make_quiz, django_assert_max_num_queries):
    quiz = make_quiz(questions=[essay()])
    client.force_login(teacher)

    def students(count):
        for _ in range(count):
            student = course_factories.UserFactory()
            enroll(student, quiz.course, Source.FREE)
            submit_essay(student, quiz)

    students(2)
    client.get(QUEUE)  # caches warmed
    with django_assert_max_num_queries(40) as few:
        client.get(QUEUE)
    students(8)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(QUEUE).content.decode().count("<tr data-aula-essay=") == 10


def test_grade_next_opens_the_oldest_and_saving_goes_on_to_the_next(client, teacher, enrolled, make_quiz):
    first, second = make_quiz(questions=[essay()]), make_quiz(questions=[essay()])
    older, newer = submit_essay(enrolled, first, "Older essay."), submit_essay(enrolled, second, "Newer essay.")
    client.force_login(teacher)
    response = client.get(NEXT)
    assert response.status_code == 302 and response.url.startswith(grade_url(older))
    page = client.get(response.url).content.decode()
    assert "Older essay." in page and "Free course" in page and "1 other essay waits after this one." in page

    response = client.post(grade_url(older), {"points": "2", "feedback": "Clear.", "then": "next"}, follow=True)
    assert "Newer essay." in response.content.decode()  # straight on to the next
    assert response.redirect_chain[-1][0].startswith(grade_url(newer))
    response = client.post(grade_url(newer), {"points": "3", "then": "next"}, follow=True)
    html = response.content.decode()
    assert response.status_code == 200 and "No essay is waiting to be graded. Well done!" in html
    assert essay_of(older).points == Decimal("2.00") and essay_of(newer).points == Decimal("3.00")


def test_grade_next_when_nothing_waits_says_so(client, teacher, free_course):  # noqa: ARG001
    client.force_login(teacher)
    response = client.get(NEXT, follow=True)
    assert response.status_code == 200 and "No essay is waiting to be graded. Well done!" in response.content.decode()


@pytest.mark.parametrize("points", ["4", "-1", "lots", "NaN", "Infinity", "", "1e400"])
def test_bad_points_on_the_grading_page_keep_what_was_typed(client, teacher, enrolled, essay_quiz, points):
    attempt = submit_essay(enrolled, essay_quiz)
    client.force_login(teacher)
    response = client.post(grade_url(attempt), {"points": points, "feedback": "Kept feedback", "then": "next"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "between 0 and 3" in html or "as a number" in html
    assert 'aria-invalid="true"' in html and "Kept feedback" in html
    assert essay_of(attempt).points is None


def test_grading_an_essay_twice_is_refused_and_changes_nothing(client, teacher, enrolled, essay_quiz):
    attempt = submit_essay(enrolled, essay_quiz)
    client.force_login(teacher)
    client.post(grade_url(attempt), {"points": "2", "then": "queue"})
    url = grade_url(attempt)
    response = client.post(url, {"points": "0", "then": "queue"}, follow=True)
    assert "not waiting for you" in response.content.decode()
    assert essay_of(attempt).points == Decimal("2.00")
    assert "not waiting for you" in client.get(url, follow=True).content.decode()


def test_the_queues_old_form_still_grades(client, teacher, enrolled, essay_quiz):
    attempt = submit_essay(enrolled, essay_quiz)
    client.force_login(teacher)
    client.post(QUEUE, {"action": "grade", "answer": essay_of(attempt).pk, "points": "1"})
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.GRADED


# --- Who sees what ----------------------------------------------------------------------


def badge(html):
    found = re.search(r"data-aula-badge\W+(\d+)", html)
    return int(found.group(1)) if found else 0


def test_the_admin_menu_badge_counts_the_graders_own_essays(
    client, teacher, other_teacher, enrolled, make_quiz, theirs
):
    for quiz in (make_quiz(questions=[essay()]), make_quiz(questions=[essay()])):
        submit_essay(enrolled, quiz)
    client.force_login(teacher)
    html = client.get(ADMIN_HOME).content.decode()
    assert badge(html) == 2 and "Grading queue: 2 essays waiting" in html
    client.force_login(other_teacher)
    assert badge(client.get(ADMIN_HOME).content.decode()) == 1  # theirs only


def test_a_second_instructor_never_sees_nor_grades_another_courses_essay(
    client, other_teacher, enrolled, essay_quiz, theirs
):
    mine = submit_essay(enrolled, essay_quiz, "Mine, not theirs.")
    client.force_login(other_teacher)
    queue = client.get(QUEUE).content.decode()
    assert "A Student" not in queue and "Their Student" in queue and "Free course" not in queue
    assert client.get(QUEUE, {"course": str(mine.course_key)}).content.decode().count("<tr data-aula-essay=") == 0
    # Grade next skips it.
    assert client.get(NEXT).url.startswith(grade_url(theirs))
    # The direct URL: the same refusal as an essay that does not exist.
    response = client.get(grade_url(mine), follow=True)
    assert "not waiting for you" in response.content.decode() and "Mine, not theirs." not in response.content.decode()
    response = client.post(grade_url(mine), {"points": "3", "then": "queue"}, follow=True)
    assert "not waiting for you" in response.content.decode()
    assert essay_of(mine).points is None
    # Their dashboard counts their essay only.
    assert 'data-aula-waiting="1"' in client.get(reverse("dashboard")).content.decode()


def test_a_student_opens_none_of_the_grading_pages(client, enrolled, essay_quiz):
    attempt = submit_essay(enrolled, essay_quiz)
    client.force_login(enrolled)
    for url in (QUEUE, NEXT, grade_url(attempt)):
        assert client.get(url).status_code in (302, 403), url
    assert client.post(grade_url(attempt), {"points": "3"}).status_code in (302, 403)
    assert essay_of(attempt).points is None
    assert "data-aula-grading-panel" not in client.get(reverse("dashboard")).content.decode()


def test_the_teaching_dashboard_counts_the_essays_waiting(client, teacher, enrolled, essay_quiz):
    client.force_login(teacher)
    assert "No essay is waiting to be graded." in client.get(reverse("dashboard")).content.decode()
    submit_essay(enrolled, essay_quiz)
    html = client.get(reverse("dashboard")).content.decode()
    assert "1 essay is waiting for you." in html and f"?course={essay_quiz.course.translation_key}" in html
    assert f'href="{NEXT}"' in html


# --- Telling the instructors ------------------------------------------------------------


def test_the_courses_instructors_are_told_when_an_essay_arrives(
    teacher, other_teacher, enrolled, essay_quiz, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        attempt = submit_essay(enrolled, essay_quiz)
    told = Notification.objects.filter(kind="assessments.essay_waiting")
    assert [n.recipient for n in told] == [teacher]
    assert reverse("grading:grade", args=[essay_of(attempt).pk]) in told.get().url
    assert any(attempt.snapshot["title"] in message.subject and teacher.email in message.to for message in mail.outbox)


def test_a_submission_without_an_essay_tells_nobody(enrolled, quiz, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        attempt = attempts.start_attempt(enrolled, quiz, "en")
        attempts.submit_attempt(enrolled, attempt.pk)
    assert not Notification.objects.filter(kind="assessments.essay_waiting").exists()
