"""Wagtail admin viewsets of the courses app, split by what they administer."""
