"""The texts of what the events app tells people, through ``notifications.sending.notify``
(in the recipient's language and time zone)."""

from notifications.sending import notify

from .models import MasterClassPage, Registration


def _page_for(registration):
    """The class in the language the person registered in, else the one they registered on."""
    page = (
        MasterClassPage.objects.live()
        .filter(translation_key=registration.master_class_key, locale__language_code=registration.language)
        .first()
    )
    return page or registration.master_class


def tell_promoted(registration_id):
    registration = Registration.objects.select_related("user").filter(pk=registration_id).first()
    if registration is None or registration.status != Registration.Status.REGISTERED:
        return None
    page = _page_for(registration)
    if page is None:
        return None
    return notify(
        registration.user, "events.promoted", context={"master_class": page}, url=page.url or "",
        language=registration.language, target=registration,
        key=f"events.promoted:{registration.pk}:{registration.updated_at.isoformat()}",
    )  # fmt: skip


def remind(registration, page, which):
    """``which``: "day" or "hour". Once per registration, start and reminder (``key``)."""
    return notify(
        registration.user, "events.reminder", context={"master_class": page, "which": which}, url=page.url or "",
        language=registration.language, target=registration,
        key=f"events.reminder:{registration.pk}:{page.start.isoformat()}:{which}",
    )  # fmt: skip


def tell_changed(registration, page, previous_start):
    return notify(
        registration.user, "events.changed",
        context={"master_class": page, "previous_start": previous_start}, url=page.url or "",
        language=registration.language, target=registration,
        key=f"events.changed:{registration.pk}:{page.status}:{page.start.isoformat()}",
    )  # fmt: skip
