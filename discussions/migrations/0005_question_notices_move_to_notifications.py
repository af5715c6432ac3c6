"""Questions are told through the notifications app now (kind ``discussions.question``, a
digest kind sent by notifications' own schedule): the notices and their schedule go."""

from django.db import migrations

FUNC = "discussions.notifications.send_due_digests"


def remove_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(func=FUNC).delete()


def create_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.get_or_create(
        func=FUNC,
        defaults={"name": "Send discussion question digests", "schedule_type": "I", "minutes": 1, "repeats": -1},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("discussions", "0004_question_digest_schedule"),
        ("notifications", "0002_send_due_schedule"),
    ]

    operations = [
        migrations.RunPython(remove_schedule, create_schedule),
        migrations.DeleteModel(name="QuestionNotice"),
    ]
