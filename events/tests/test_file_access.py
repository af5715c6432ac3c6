"""The master classes' files in the access matrix: a recording (video and captions) and a
document in the materials open only to those holding a seat, the class's instructors and
those who may edit it — never to a visitor, a stranger, someone waiting or who cancelled,
or another instructor. (Course files: courses/tests/test_access_matrix.py.)"""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from accounts.roles import INSTRUCTORS
from accounts.tests.factories import UserFactory
from courses.tests import factories as course_factories
from events import registration as registrations
from events.models import Registration

from .factories import master_class

pytestmark = pytest.mark.django_db

OPEN, REFUSED = 200, 403
EXPECTED = {
    "anonymous": REFUSED,
    "signed_in": REFUSED,
    "registered": OPEN,
    "waiting": REFUSED,
    "cancelled": REFUSED,
    "class_instructor": OPEN,
    "other_instructor": REFUSED,
    "admin": OPEN,
}


@pytest.fixture
def files():
    video = course_factories.CourseMediaFactory(file=ContentFile(b"\x00" * 2048, name="recording.mp4"))
    document = get_document_model().objects.create(title="Slides", file=ContentFile(b"%PDF-1.4 slides", name="s.pdf"))
    teacher = UserFactory(groups=[INSTRUCTORS])
    page = master_class(
        capacity=1,
        recording=[("video", {"video": video, "captions": []})],
        materials=[("pdf", {"document": document, "title": "Slides"})],
    )
    page.instructors.add(teacher)
    page.save_revision().publish()
    return page, teacher, [video.url, document.url]


def user_for(role, page, teacher):
    if role == "anonymous":
        return None
    if role == "class_instructor":
        return teacher
    if role == "other_instructor":
        return UserFactory(groups=[INSTRUCTORS])
    if role == "admin":
        return UserFactory(is_superuser=True, is_staff=True)
    user = UserFactory()
    if role == "registered":
        registrations.register(user, page)
    elif role in ("waiting", "cancelled"):
        registrations.register(UserFactory(), page)  # the one seat is taken
        registration = registrations.register(user, page)
        assert registration.status == Registration.Status.WAITLISTED
        if role == "cancelled":
            registrations.cancel(user, registration.key)
    return user


@pytest.mark.parametrize("role", list(EXPECTED))
def test_master_class_files_access_matrix(client, files, role):
    page, teacher, urls = files
    user = user_for(role, page, teacher)
    if user is not None:
        client.force_login(user)
    for url in urls:
        status = client.get(url).status_code
        expected = EXPECTED[role]
        if expected == REFUSED:
            assert status in (403, 404), f"{role} fetching {url}: {status}"
        else:
            assert status == OPEN, f"{role} fetching {url}: {status}"
