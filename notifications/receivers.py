"""What the notifications app listens to (connected in ``NotificationsConfig.ready``)."""


def connect():
    pass
