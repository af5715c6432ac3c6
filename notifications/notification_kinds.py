"""The notifications app's own kinds: none yet (announcements and messages come with their
features). Each app declares its kinds in its own ``notification_kinds.py``."""
