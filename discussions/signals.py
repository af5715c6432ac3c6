"""Signals of the discussions app, for the apps whose pages have a discussion.

``post_published``
    A post became visible to the page's readers: posted (not held), or approved by a
    moderator. Sent once its transaction has committed. ``sender`` is ``Post``; payload:
    ``post`` (the ``Post``; ``post.parent`` is the question a reply answers) and ``page``
    (the specific page, in the language it was written on). A blog tells a commenter of
    replies with it (``blog/receivers.py``).
"""

from django.dispatch import Signal

post_published = Signal()
