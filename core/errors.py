"""The one base class of errors a user can cause (each app subclasses it once, in its
``exceptions.py``). ``message`` is translatable and is what views show: never a 500."""


class UserFacingError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message
