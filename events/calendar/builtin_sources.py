"""The calendar sources the events app registers (``sources.register_source``): live
sessions of the student's courses, their evaluations' opening and closing, and master
classes (public; and the user's registrations)."""

from .course_sources import evaluation_by_key, evaluations_for, live_session_by_key, live_sessions_for
from .master_classes_source import master_class_by_key, master_classes_for_locale, registered_master_classes
from .sources import register_source

LIVE_SESSION = "live_session"
EVALUATION = "evaluation"
MASTER_CLASS = "master_class"


def register():
    register_source(LIVE_SESSION, personal=live_sessions_for, find=live_session_by_key)
    register_source(EVALUATION, personal=evaluations_for, find=evaluation_by_key)
    register_source(
        MASTER_CLASS, public=master_classes_for_locale, personal=registered_master_classes, find=master_class_by_key
    )
