from django.db import models


class DoneOnce(models.Model):
    """An effect done once (``core.once.do_once``), by the key its job gave it. Shown
    nowhere: its names are not translated."""

    key = models.CharField(max_length=255, primary_key=True)
    done_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "effect done once"
        verbose_name_plural = "effects done once"

    def __str__(self):
        return self.key
