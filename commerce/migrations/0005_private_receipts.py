"""Receipts move from public media (MEDIA_ROOT/receipts/, which a server publishing /media/
whole exposed) to private storage, under the same names. A receipt whose file is missing is
forgotten, so it is rendered again when next asked for."""

import os

from django.core.files.storage import default_storage
from django.db import migrations, models

import courses.storage


def _same_place(source, target, name):
    try:
        return os.path.realpath(source.path(name)) == os.path.realpath(target.path(name))
    except NotImplementedError:  # a remote storage has no path: not the private folder
        return False


def _move(apps, source, target):
    Order = apps.get_model("commerce", "Order")
    for order in Order.objects.exclude(receipt_pdf="").only("pk", "receipt_pdf").iterator():
        name = order.receipt_pdf.name
        if _same_place(source, target, name):
            continue  # the private folder was set to MEDIA_ROOT itself: nothing to move
        if target.exists(name):
            kept = name
        elif source.exists(name):
            with source.open(name, "rb") as old:
                kept = target.save(name, old)
        else:
            kept = ""
        if source.exists(name) and kept:
            source.delete(name)
        if kept != name:
            Order.objects.filter(pk=order.pk).update(receipt_pdf=kept)


def to_private(apps, schema_editor):
    _move(apps, default_storage, courses.storage.private_storage)


def to_public(apps, schema_editor):
    _move(apps, courses.storage.private_storage, default_storage)


class Migration(migrations.Migration):
    dependencies = [
        ("commerce", "0004_disputed_orders"),
    ]

    operations = [
        migrations.AlterField(
            model_name="order",
            name="receipt_pdf",
            field=models.FileField(
                blank=True,
                editable=False,
                storage=courses.storage.PrivateMediaStorage(),
                upload_to="receipts/",
                verbose_name="receipt PDF",
            ),
        ),
        migrations.RunPython(to_private, to_public, elidable=False),
    ]
