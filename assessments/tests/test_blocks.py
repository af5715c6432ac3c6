"""The evaluation block in the editor: validation, the one-per-resource rule, the preview."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks.stream_block import StreamBlockValidationError

from assessments.blocks import EvaluationBlock, QuestionsBlock
from courses.blocks import CompletionMode, resource_profile
from courses.models import ResourcePage

from .factories import choice, evaluation_data, every_question_type, question


def body_block():
    return ResourcePage._meta.get_field("body").stream_block


def clean(data):
    block = body_block()
    return block.clean(block.to_python(data))


def test_evaluation_declares_graded_completion(quiz):
    assert resource_profile(quiz.body).completion == CompletionMode.GRADED


def test_a_resource_has_at_most_one_evaluation():
    data = evaluation_data() + [{**evaluation_data()[0], "id": "evaluation-2"}]
    with pytest.raises(StreamBlockValidationError):
        clean(data)
    assert clean(evaluation_data())


def test_single_choice_needs_exactly_one_correct_choice():
    two_right = question("single_choice", "s", "Q", choices=[choice("a", "A", True), choice("b", "B", True)])
    with pytest.raises(ValidationError):
        clean(evaluation_data(questions=[two_right]))


def test_drawing_more_questions_than_the_pool_is_refused():
    with pytest.raises(ValidationError):
        clean(evaluation_data(questions_per_attempt=len(every_question_type()) + 1))


def test_availability_must_end_after_it_starts():
    with pytest.raises(ValidationError):
        clean(evaluation_data(available_from="2030-01-02T10:00:00", available_until="2030-01-01T10:00:00"))


def test_the_editor_preview_lists_every_question_type(db):
    block = EvaluationBlock()
    context = block.get_preview_context(block.get_preview_value())
    assert context["editor_preview"] is True
    html = block.render(block.get_preview_value(), context)
    for text in (
        "closest to the Sun",
        "prime numbers",
        "Water boils",
        "capital of France",
        "to two decimals",
        "photosynthesis",
    ):
        assert text in html


def test_every_question_type_has_a_description_and_a_preview_in_the_block_chooser(db):
    for name, block in QuestionsBlock().child_blocks.items():
        assert block.meta.description and block.is_previewable, name
        value = block.get_preview_value()
        assert value["text"] and block.render(value, block.get_preview_context(value)), name


def test_the_student_page_never_renders_the_question_list(client, enrolled, quiz):
    client.force_login(enrolled)
    html = client.get(quiz.url).content.decode()
    assert "Pick the primes" not in html and "Questions (editor preview)" not in html
