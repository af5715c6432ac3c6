"""Each course gets its own media collection, under one "Courses" collection on which
the Instructors group may add and choose media, documents and images (see migration
0002). Uploads default to the uploader's most recent course collection."""

from django.db import transaction
from wagtail.models import Collection

COURSES_COLLECTION_NAME = "Courses"


def courses_collection():
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=COURSES_COLLECTION_NAME).first()
    return existing or root.add_child(name=COURSES_COLLECTION_NAME)


@transaction.atomic
def ensure_course_collection(course):
    """Give ``course`` a collection of its own (named after it) if it has none yet."""
    if course.collection_id:
        return course.collection
    parent = courses_collection()
    name = course.title[:200]
    if parent.get_children().filter(name=name).exists():
        name = f"{name} ({course.slug})"[:255]
    return parent.add_child(name=name)


def latest_course_collection_for(user):
    from .teaching import courses_taught_by

    course = (
        courses_taught_by(user)
        .filter(collection__isnull=False)
        .order_by("-latest_revision_created_at", "-pk")
        .select_related("collection")
        .first()
    )
    return course.collection if course else None
