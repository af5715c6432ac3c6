"""The django-q2 schedule that sends what is still waiting: digests whose window closed,
and e-mails whose job was lost or failed (notifications.delivery.send_due)."""

from django.db import migrations

FUNC = "notifications.delivery.send_due"


def create_schedule(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.get_or_create(
        func=FUNC,
        defaults={"name": "Send waiting notifications", "schedule_type": "I", "minutes": 1, "repeats": -1},
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(func=FUNC).delete()


class Migration(migrations.Migration):
    dependencies = [("notifications", "0001_initial"), ("django_q", "0018_task_success_index")]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
