"""Announcements, private messages and the contact form: the people-to-people half of
the notifications app. Rules in ``announcing``, ``messaging`` and ``contact``; each tells
people through ``telling`` (notifications' ``notify``)."""
