from .categories import Category
from .course_review import CourseSubmission, CourseSubmissionPage
from .invitations import Invitation
from .learning import Completion, Enrollment, PlaybackPosition, Review
from .media import CaptionTrack, CourseMedia
from .pages import CourseIndexPage, CoursePage, ResourcePage, SectionPage
from .slides import SlideDeckPdf

__all__ = [
    "CaptionTrack",
    "Category",
    "Completion",
    "CourseIndexPage",
    "CourseMedia",
    "CourseSubmission",
    "CourseSubmissionPage",
    "CoursePage",
    "Enrollment",
    "Invitation",
    "PlaybackPosition",
    "ResourcePage",
    "Review",
    "SectionPage",
    "SlideDeckPdf",
]
