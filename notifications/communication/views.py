"""The pages of private messages, dismissing announcements and the contact form. Each
asks a service (``messaging``, ``announcing``, ``contact``) and turns a refusal into a
message; every answer is private (it differs per visitor)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from caching.private_responses import private_response
from courses.file_serving import serve_private_file

from ..models import Message, MessageThread
from . import announcing, attachments, contact, messaging
from .exceptions import CommunicationError
from .forms import ContactForm, ReplyForm, ReportForm, ThreadForm

THREADS_PER_PAGE = 20


def _safe_next(request, fallback):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return fallback


# --- Messages -------------------------------------------------------------------------------


@private_response
@login_required
def inbox(request):
    threads = messaging.with_unread(messaging.visible_threads(request.user), request.user).order_by(
        "-last_message_at", "-pk"
    )
    page = Paginator(threads, THREADS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/messages/inbox.html",
        {"page_obj": page, "threads": page.object_list, "can_start": bool(_enrolled_courses(request.user))},
    )


def _enrolled_courses(user):
    """The courses ``user`` may write about, in the visitor's language where translated."""
    from core.localized import pages_in_active_language
    from courses.models import CoursePage, Enrollment

    keys = list(Enrollment.objects.filter(user=user).values_list("course_key", flat=True))
    pages = pages_in_active_language(CoursePage.objects.live().defer_streamfields(), keys) if keys else {}
    return sorted(pages.values(), key=lambda course: course.title.lower())


@private_response
@login_required
def new_thread(request):
    courses = _enrolled_courses(request.user)
    form = ThreadForm(request.POST or None, request.FILES or None, courses=courses, initial=_initial(request))
    if request.method == "POST":
        if form.is_valid():
            course = _course(form.cleaned_data["course"])
            try:
                thread = messaging.start_thread(
                    request.user,
                    course,
                    form.cleaned_data["subject"],
                    form.cleaned_data["body"],
                    form.cleaned_data["attachment"],
                )
            except CommunicationError as refusal:
                form.add_error(None, refusal.message)
            else:
                messages.success(request, _("Your message is sent to the course's instructors."))
                return HttpResponseRedirect(reverse("messages:thread", args=[thread.pk]))
        elif "course" in form.errors and request.POST.get("course"):
            form.errors["course"] = form.error_class(
                [_("You can only write to the staff of a course you are enrolled in.")]
            )
    return render(request, "notifications/messages/new_thread.html", {"form": form, "courses": courses})


def _initial(request):
    course = request.GET.get("course", "")
    return {"course": course} if course.isdigit() else {}


def _course(pk):
    from courses.models import CoursePage

    return CoursePage.objects.filter(pk=pk).first()


def _thread_for(request, pk):
    thread = get_object_or_404(MessageThread.objects.select_related("course", "student"), pk=pk)
    if not messaging.can_read(request.user, thread):
        raise Http404
    return thread


@private_response
@login_required
def thread(request, pk):
    thread = _thread_for(request, pk)
    messaging.mark_read(thread, request.user)
    context = {
        "thread": thread,
        "thread_messages": messaging.messages_of(thread, request.user),
        "can_write": messaging.can_write(request.user, thread),
        "is_staff": messaging.is_staff_of(request.user, thread),
        "reply_form": ReplyForm(),
        "report_form": ReportForm(),
    }
    return render(request, "notifications/messages/thread.html", context)


def _thread_action(action):
    """A POST on a thread: the service's refusal becomes a message, the thread is shown again
    (or, for someone who may not read it, the inbox)."""

    @private_response
    @login_required
    @require_POST
    def view(request, pk):
        thread = get_object_or_404(MessageThread, pk=pk)
        try:
            done = action(request, thread)
        except CommunicationError as refusal:
            messages.error(request, refusal.message)
            if not messaging.can_read(request.user, thread):
                return HttpResponseRedirect(reverse("messages:inbox"))
        else:
            messages.success(request, done)
        return HttpResponseRedirect(reverse("messages:thread", args=[thread.pk]))

    view.__name__ = action.__name__
    return view


@_thread_action
def reply(request, thread):
    form = ReplyForm(request.POST, request.FILES)
    if not form.is_valid():
        raise CommunicationError(" ".join(message for errors in form.errors.values() for message in errors))
    messaging.reply(thread, request.user, form.cleaned_data["body"], form.cleaned_data["attachment"])
    return _("Your message is sent.")


@_thread_action
def mark_answered(request, thread):
    messaging.mark_answered(thread, request.user)
    return _("The conversation is marked as answered.")


@_thread_action
def close(request, thread):
    messaging.close(thread, request.user)
    return _("The conversation is closed.")


@private_response
@login_required
@require_POST
def report(request, pk):
    message = get_object_or_404(Message.objects.select_related("thread"), pk=pk)
    form = ReportForm(request.POST)
    try:
        if not form.is_valid():
            raise CommunicationError(" ".join(m for errors in form.errors.values() for m in errors))
        messaging.report(message, request.user, form.cleaned_data["reason"])
    except CommunicationError as refusal:
        messages.error(request, refusal.message)
        if not messaging.can_read(request.user, message.thread):
            return HttpResponseRedirect(reverse("messages:inbox"))
    else:
        messages.success(request, _("Thank you: a moderator will look at this message."))
    return HttpResponseRedirect(reverse("messages:thread", args=[message.thread_id]) + f"#message-{message.pk}")


@login_required
def attachment(request, pk):
    """A message's attachment, to the thread's readers only (a hidden message's to nobody)."""
    message = get_object_or_404(Message.objects.select_related("thread"), pk=pk)
    if not message.attachment or message.hidden or not messaging.can_read(request.user, message.thread):
        raise Http404
    name = message.attachment_name or "attachment"
    return serve_private_file(
        request,
        message.attachment,
        attachments.content_type(name),
        name,
        disposition=f'attachment; filename="{name}"',
    )


# --- Announcements ----------------------------------------------------------------------------


@private_response
@login_required
@require_POST
def dismiss_announcement(request, pk):
    try:
        announcing.dismiss(request.user, pk)
    except CommunicationError as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(request, _("The announcement is dismissed."))
    return HttpResponseRedirect(_safe_next(request, reverse("dashboard")))


# --- Contact form -----------------------------------------------------------------------------


@private_response
def contact_form(request):
    if not contact.is_enabled(request):
        raise Http404
    if request.method == "POST":
        form = ContactForm(request.POST)
        if form.is_valid():
            verdict = contact.receive(request, form.cleaned_data)
            if verdict in (contact.Verdict.SENT, contact.Verdict.BOT):
                messages.success(request, _("Thank you: your message is sent. We will answer by e-mail."))
                return HttpResponseRedirect(reverse("contact"))
            if verdict == contact.Verdict.LIMITED:
                form.add_error(None, _("Too many messages were sent from your address. Please try again later."))
            else:
                form.add_error(None, _("This form was open too long. Please send it again."))
        form = _fresh_started(form)
    else:
        form = ContactForm(initial=_contact_initial(request))
    form.fields["started"].initial = contact.started_token()
    return render(request, "notifications/contact/form.html", {"form": form})


def _fresh_started(form):
    """The form shown again with its fields, and a new moment it was shown."""
    data = form.data.copy()
    data["started"] = contact.started_token()
    form.data = data
    return form


def _contact_initial(request):
    user = request.user
    if not user.is_authenticated:
        return {}
    return {"name": user.get_display_name(), "email": user.email}
