"""What accounts itself holds about a person (``accounts.personal_data``), and the user
references of Django's, Wagtail's and allauth's models: those that are the person's (their
addresses, admin preferences, subscriptions, API tokens) and those that are staff records."""

from django.utils.translation import gettext_lazy as _

from .personal_data import PersonalData, records, register

STAFF_RECORD = _("what a staff member did in the admin (history, authorship): it stays and shows 'deleted user'")

_ADMIN_ONLY = [
    ("wagtailadmin", "EditingSession"),
    ("wagtailadmin", "FormState"),
    ("wagtailcore", "PageSubscription"),
    ("wagtailcore", "APIToken"),
]


def export(user):
    from allauth.account.models import EmailAddress

    from .models import DataExport

    return {
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "display_name": user.display_name,
            "time_zone": user.time_zone,
            "language": user.language,
            "signup_language": user.signup_language,
            "bio": user.bio,
            "photo": f"files/photo/{_photo_name(user)}" if user.photo_id else None,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "roles": list(user.groups.values_list("name", flat=True)),
        },
        "email_addresses": records(EmailAddress.objects.filter(user=user), "email", "verified", "primary"),
        "data_exports": records(DataExport.objects.filter(user=user), "created_at", "status", "expires_at"),
        "admin_page_subscriptions": records(
            _model("wagtailcore", "PageSubscription").objects.filter(user=user), "page_id", "comment_notifications"
        ),
    }


def files(user):
    if user.photo_id and user.photo.file:
        yield f"files/photo/{_photo_name(user)}", user.photo.file


def _photo_name(user):
    return user.photo.file.name.rsplit("/", 1)[-1]


def _model(app_label, name):
    from django.apps import apps

    return apps.get_model(app_label, name)


def erase(user, choices):
    from allauth.account.models import EmailAddress

    from .data_export import remove_exports

    EmailAddress.objects.filter(user=user).delete()
    _model("wagtailusers", "UserProfile").objects.filter(user=user).delete()
    for app_label, name in _ADMIN_ONLY:
        _model(app_label, name).objects.filter(user=user).delete()
    remove_exports(user)
    if user.photo_id:
        photo = user.photo
        user.photo = None
        user.save(update_fields=["photo"])
        photo.delete()


register(
    PersonalData(
        "account",
        covers=[
            "accounts.DataExport.user",
            "account.EmailAddress.user",
            "wagtailusers.UserProfile.user",
            *(f"{app_label}.{name}.user" for app_label, name in _ADMIN_ONLY),
        ],
        keeps={
            "accounts.DataExport.requested_by": _("the administrator who asked for an export on someone's request"),
            "admin.LogEntry.user": STAFF_RECORD,
            "wagtailcore.ModelLogEntry.user": STAFF_RECORD,
            "wagtailcore.PageLogEntry.user": STAFF_RECORD,
            "wagtailcore.Revision.user": STAFF_RECORD,
            "wagtailcore.Page.owner": STAFF_RECORD,
            "wagtailcore.Page.locked_by": STAFF_RECORD,
            "wagtailcore.WorkflowState.requested_by": STAFF_RECORD,
            "wagtailcore.TaskState.finished_by": STAFF_RECORD,
            "wagtailcore.Comment.user": STAFF_RECORD,
            "wagtailcore.Comment.resolved_by": STAFF_RECORD,
            "wagtailcore.CommentReply.user": STAFF_RECORD,
            "wagtailcore.UploadedFile.uploaded_by_user": STAFF_RECORD,
            "wagtaildocs.Document.uploaded_by_user": STAFF_RECORD,
            "wagtailimages.Image.uploaded_by_user": STAFF_RECORD,
            "wagtailmedia.Media.uploaded_by_user": STAFF_RECORD,
            "wagtail_localize.StringTranslation.last_translated_by": STAFF_RECORD,
            "wagtail_localize.SegmentOverride.last_translated_by": STAFF_RECORD,
        },
        export=export,
        files=files,
        erase=erase,
    )
)
