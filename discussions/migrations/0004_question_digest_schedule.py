"""The django-q2 schedule that sends the questions gathered while a recipient's digest
window was open, once it closes (discussions.notifications.send_due_digests)."""

from django.db import migrations

FUNC = "discussions.notifications.send_due_digests"


def create_schedule(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.get_or_create(
        func=FUNC,
        defaults={"name": "Send discussion question digests", "schedule_type": "I", "minutes": 1, "repeats": -1},
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(func=FUNC).delete()


class Migration(migrations.Migration):
    dependencies = [("discussions", "0003_question_notice"), ("django_q", "0018_task_success_index")]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
