# Removes the per-course currency: every price is in the site currency (AULA_CURRENCY).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0010_coursepage_certificate_template"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="coursepage",
            name="currency",
        ),
    ]
