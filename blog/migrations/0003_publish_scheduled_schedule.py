"""The django-q2 schedule that publishes pages (blog posts and any other) whose go-live date
has come, every minute (blog.scheduling.publish_scheduled: Wagtail's ``publish_scheduled``)."""

from django.db import migrations

FUNC = "blog.scheduling.publish_scheduled"


def create_schedule(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.get_or_create(
        func=FUNC,
        defaults={"name": "Publish scheduled pages", "schedule_type": "I", "minutes": 1, "repeats": -1},
    )


def remove_schedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(func=FUNC).delete()


class Migration(migrations.Migration):
    dependencies = [("blog", "0002_blog_index_roles_workflow"), ("django_q", "0018_task_success_index")]

    operations = [migrations.RunPython(create_schedule, remove_schedule)]
