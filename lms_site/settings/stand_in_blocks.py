"""Test settings only: a body block contributed the way another app (assessments)
contributes one, through the AULA_RESOURCE_BODY_BLOCKS setting (test.py), declaring graded
completion. It lives beside the settings that name it, so that any copy of the project
that runs with the test settings can import it."""

from django.utils.html import escape
from wagtail import blocks

from courses.blocks import CompletionMode


class GradedExerciseBlock(blocks.TextBlock):
    class Meta:
        label = "Graded exercise"
        description = "A stand-in for the evaluation block, in tests only."
        template = "courses/blocks/markdown.html"
        preview_value = "What is 2 + 2?"
        resource_kind = "text"
        completion = CompletionMode.GRADED

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["html"] = escape(value)
        return context
