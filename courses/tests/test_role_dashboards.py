"""The dashboard by role: instructors see the courses they teach, moderators the review
queue, a new student recommended courses; enrolled course cards show last activity."""

import pytest
from wagtail.models import Workflow

from courses.learning import enrollment
from courses.models import Review

from . import factories

pytestmark = pytest.mark.django_db

DASHBOARD = "/en/dashboard/"


def test_instructor_sees_the_courses_they_teach_with_their_numbers(client, free_course, teacher, student):
    enrollment.enroll(student, free_course, enrollment.Source.FREE)
    Review.objects.create(user=student, course=free_course, course_key=free_course.translation_key, rating=5)
    client.force_login(teacher)
    html = client.get(DASHBOARD).content.decode()
    assert "Courses you teach" in html
    table = html.split('id="teaching-heading"')[1].split("</table>")[0]
    assert "Free course" in table
    assert '<td class="text-end">1</td>' in table  # one student, one new review
    assert "Open the course builder" in html


def test_a_student_sees_no_teaching_panel(client, free_course, student):
    client.force_login(student)
    assert "Courses you teach" not in client.get(DASHBOARD).content.decode()


def test_a_new_student_is_welcomed_and_sees_recommended_courses(client, free_course):
    newcomer = factories.UserFactory(display_name="Newcomer")
    client.force_login(newcomer)
    html = client.get(DASHBOARD).content.decode()
    assert "Welcome, Newcomer" in html
    assert "Recommended for you" in html and "Free course" in html


def test_enrolled_course_cards_show_last_activity(client, free_course, student):
    enrollment.enroll(student, free_course, enrollment.Source.FREE)
    client.force_login(student)
    html = client.get(DASHBOARD).content.decode()
    assert "Last activity" in html
    assert "Recommended for you" not in html  # a course in progress: no recommendations


def test_moderator_sees_course_pages_waiting_for_review(client, free_course, teacher):
    moderator = factories.moderator()
    workflow = Workflow.objects.filter(active=True).first()
    if workflow is None:
        pytest.skip("no active workflow in this database")
    section = free_course.get_children().first().specific
    section.title = "Changed section"
    revision = section.save_revision(user=teacher)
    workflow.start(section, teacher)
    assert revision
    client.force_login(moderator)
    html = client.get(DASHBOARD).content.decode()
    assert "Waiting for your review" in html
    queue = html.split('id="review-queue-heading"')[1].split("</section>")[0]
    assert "in Free course" in queue


def test_a_student_sees_no_review_queue(client, student):
    client.force_login(student)
    assert "Waiting for your review" not in client.get(DASHBOARD).content.decode()
