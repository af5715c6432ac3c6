from .categories import Category
from .learning import Completion, Enrollment, PlaybackPosition, Review
from .media import CaptionTrack, CourseMedia
from .pages import CourseIndexPage, CoursePage, ResourcePage, SectionPage

__all__ = [
    "CaptionTrack",
    "Category",
    "Completion",
    "CourseIndexPage",
    "CourseMedia",
    "CoursePage",
    "Enrollment",
    "PlaybackPosition",
    "ResourcePage",
    "Review",
    "SectionPage",
]
