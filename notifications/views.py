from django.http import Http404


def notification_list(request):
    raise Http404


open_notification = mark_read = mark_all_read = preferences = unsubscribe = lambda request, *a, **k: notification_list(
    request
)
