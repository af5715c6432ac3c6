"""What the notifications app listens to (connected in ``NotificationsConfig.ready``):
Wagtail's own e-mails, routed through ``notify()`` (``admin_mail``)."""


def connect():
    from . import admin_mail

    admin_mail.connect()
