"""An instructor builds an evaluation with every question type in the page editor,
previews it and publishes it; the published resource is graded."""

from wagtail.models import Workflow
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from courses.models import ResourcePage, SectionPage
from courses.tests.test_authoring import add_url


def items(values):
    """ListBlock form data."""
    return {
        "count": str(len(values)),
        **{str(i): {"value": v, "id": "", "order": str(i), "deleted": ""} for i, v in enumerate(values)},
    }


def choices(*pairs):
    return items([{"text": text, **({"correct": "on"} if correct else {})} for text, correct in pairs])


def common(text, points="1"):
    return {"text": text, "points": points, "explanation": f"Why: {text}"}


def evaluation_form():
    questions = streamfield([
        ("single_choice", {**common("Closest planet?"), "choices": choices(("Mercury", True), ("Venus", False))}),
        ("multiple_choice", {**common("Primes?", "2"), "scoring": "partial",
                             "choices": choices(("Two", True), ("Three", True), ("Four", False))}),
        ("true_false", {**common("Water is wet"), "answer": "true"}),
        ("short_text", {**common("Capital of France?"), "accepted_answers": items(["Paris"])}),
        ("numeric", {**common("Pi?"), "value": "3.14", "tolerance": "0.01"}),
        ("essay", common("Explain photosynthesis", "3")),
    ])  # fmt: skip
    value = {
        "title": "Final quiz", "instructions": "", "pass_mark": "60", "max_attempts": "3", "time_limit": "10",
        "questions_per_attempt": "0", "shuffle_choices": "on", "show_answers": "after_each_attempt",
        "available_from": "", "available_until": "", "questions": questions,
    }  # fmt: skip
    return nested_form_data({
        "title": "Quiz", "slug": "quiz", "requirement": "required", "alternative_group": "", "estimated_minutes": "10",
        "body": streamfield([("evaluation", value)]), "comments": inline_formset([]),
    })  # fmt: skip


def test_instructor_builds_previews_and_publishes_an_evaluation_with_every_question_type(client, free_course, teacher):
    """With the "Course review" workflow off (with it on, instructors submit for review:
    courses/tests/test_publish_review.py)."""
    Workflow.objects.update(active=False)
    client.force_login(teacher)
    section = SectionPage.objects.child_of(free_course).first()
    response = client.post(add_url("resourcepage", section), {**evaluation_form(), "action-publish": "1"})
    assert response.status_code == 302, response.content.decode()[:3000]
    quiz = ResourcePage.objects.get(slug="quiz")
    assert quiz.live and quiz.completion_mode == "graded"
    questions = quiz.body[0].value["questions"]
    assert [q.block_type for q in questions] == [
        "single_choice", "multiple_choice", "true_false", "short_text", "numeric", "essay"
    ]  # fmt: skip
    assert all(choice.id for choice in questions[0].value["choices"].bound_blocks)

    preview_url = f"/admin/pages/{quiz.pk}/edit/preview/"
    assert client.post(preview_url, evaluation_form()).json()["is_valid"]
    html = client.get(preview_url).content.decode()
    assert "Questions (editor preview)" in html and "Explain photosynthesis" in html and "Capital of France?" in html


def test_an_invalid_evaluation_gets_an_editor_error_and_saves_nothing(client, free_course, teacher):
    client.force_login(teacher)
    section = SectionPage.objects.child_of(free_course).first()
    form = evaluation_form()
    form["body-0-value-questions-0-value-choices-1-value-correct"] = "on"  # two right answers to a single choice
    response = client.post(add_url("resourcepage", section), {**form, "action-publish": "1"})
    assert response.status_code == 200
    assert "Mark exactly one choice as correct." in response.content.decode()
    assert not ResourcePage.objects.filter(slug="quiz").exists()
