"""Django's ``MessageMiddleware``, with the messages' storage made when first used.

Django's middleware builds the storage on every request (a cookie storage with its signer
and a session storage behind it) and asks it on the way out whether anything changed — a
fifth of what a request that shows no messages (a JSON view, a webhook, a file, a redirect)
pays for the middleware. Here the storage is made when a view, a template or
``messages.add_message`` first uses it, and a request that never did leaves the messages
where they were, as Django's storage would (it writes only what was read or added).
``lms_site/tests/test_messages.py``.
"""

from django.contrib.messages import middleware
from django.contrib.messages.storage import default_storage
from django.utils.functional import SimpleLazyObject, empty


class MessageMiddleware(middleware.MessageMiddleware):
    def process_request(self, request):
        request._messages = SimpleLazyObject(lambda: default_storage(request))

    def process_response(self, request, response):
        storage = getattr(request, "_messages", None)
        if isinstance(storage, SimpleLazyObject) and storage._wrapped is empty:
            return response  # nothing read, nothing added: nothing to store
        return super().process_response(request, response)
