"""The student side of a course: enrollment, progress, reviews, statistics and the dashboard."""
