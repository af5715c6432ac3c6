import pytest

from courses.learning import enrollment
from courses.models import ResourcePage
from discussions.models import Post

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def lesson(free_course):
    return ResourcePage.objects.descendant_of(free_course).order_by("path")[1]


def ask(client, resource, body="How do I install Python on Windows?"):
    return client.post(f"/en/discussions/{resource.pk}/post/", {"body": body}, follow=True)


def test_enrolled_student_asks_and_the_instructor_is_emailed(
    client, free_course, lesson, student, teacher, mailoutbox, django_capture_on_commit_callbacks
):
    enrollment.enroll(student, free_course, enrollment.Source.FREE)
    client.force_login(student)
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, lesson)
    assert "Your question is posted." in response.content.decode()
    assert Post.objects.count() == 1
    assert [message.to for message in mailoutbox] == [[teacher.email]]
    assert "How do I install Python" in client.get(lesson.url).content.decode()


def test_student_not_enrolled_cannot_post(client, free_course, lesson, student):
    client.force_login(student)
    ask(client, lesson)
    assert not Post.objects.exists()


def test_free_preview_discussion_is_readable_but_asks_to_enrol(client, free_course, student):
    preview = ResourcePage.objects.descendant_of(free_course).order_by("path")[0]
    client.force_login(student)
    html = client.get(preview.url).content.decode()
    assert "Enroll in this course to join the discussion." in html


def test_course_instructor_moderates_another_instructor_does_not(client, free_course, lesson, student, teacher):
    enrollment.enroll(student, free_course, enrollment.Source.FREE)
    client.force_login(student)
    ask(client, lesson)
    post = Post.objects.get()
    outsider = factories.instructor()
    client.force_login(outsider)
    client.post(f"/en/discussions/post/{post.pk}/hide/")
    post.refresh_from_db()
    assert not post.hidden
    client.force_login(teacher)
    client.post(f"/en/discussions/post/{post.pk}/hide/")
    post.refresh_from_db()
    assert post.hidden


def test_locked_thread_refuses_new_posts(client, free_course, lesson, student, teacher):
    enrollment.enroll(student, free_course, enrollment.Source.FREE)
    client.force_login(teacher)
    client.post(f"/en/discussions/{lesson.pk}/lock/")
    client.force_login(student)
    response = ask(client, lesson)
    assert response.status_code == 200
    assert "locked" in response.content.decode()
    assert not Post.objects.exists()
