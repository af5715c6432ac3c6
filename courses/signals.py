"""Signals the courses app sends; other apps connect receivers in their ``receivers.py``,
from their ``AppConfig.ready()``, e.g. in certificates::

    from courses.signals import course_completed

    def issue_certificate(sender, enrollment, user, course, **kwargs):
        issuing.issue_if_complete(user, course)

    course_completed.connect(issue_certificate, dispatch_uid="certificates.issue")
"""

from django.dispatch import Signal

#: Sent once when a student newly enrolls (an upgrade from audit is not a new enrollment).
#: ``sender``: the Enrollment class; ``enrollment``: the new Enrollment; ``created``: True.
enrolled = Signal()

#: Sent when an enrollment is ended (``courses.learning.enrollment.end_enrollment``): a
#: refund, a disputed payment, an administrator's removal, or the student leaving. Progress
#: is kept. ``sender``: the Enrollment class; ``enrollment``: the ended Enrollment (no longer
#: in the database); ``user``; ``course_key``: the course's translation_key; ``reason``: an
#: ``EndReason`` value.
#:
#: Receivers: certificates revokes the course certificate of a refunded or disputed
#: enrollment (``certificates/receivers.py``); commerce revokes the program certificates
#: that rested on it (``commerce/receivers.py``).
enrollment_ended = Signal()

#: Sent once per (student, course) when the last requirement is met.
#: ``sender``: the Enrollment class; ``enrollment``: the Enrollment (``completed_at`` set);
#: ``user``; ``course``: the CoursePage the completion happened through.
course_completed = Signal()
