"""What the public API holds about a person (``accounts.personal_data``): nothing of a learner's
own — enrollments made through the API are the courses' records (exported and erased there).
Who created an API key is an administrator's record: it stays, shown as "deleted user"."""

from django.utils.translation import gettext_lazy as _

from accounts.personal_data import PersonalData, register

register(
    PersonalData(
        "api",
        keeps={"api.ApiKey.created_by": _("which administrator created an API key: a staff record")},
    )
)
