from assessments import demo
from assessments.models import Attempt, AttemptStatus
from courses.models import CoursePage, ResourcePage


def test_demo_courses_have_an_evaluation_with_every_question_type_and_the_student_has_attempts(capsys):
    for course in CoursePage.objects.filter(locale__language_code="en"):
        quiz = ResourcePage.objects.descendant_of(course).get(slug=demo.SLUG)
        questions = quiz.body[0].value["questions"]
        assert {q.block_type for q in questions} == {
            "single_choice", "multiple_choice", "true_false", "short_text", "numeric", "essay"
        }  # fmt: skip
    titles = [
        ResourcePage.objects.descendant_of(course).get(slug=demo.SLUG).body[0].value["title"]
        for course in CoursePage.objects.filter(locale__language_code="en")
    ]
    assert len(titles) == 3 and len(set(titles)) == 3, titles
    statuses = list(Attempt.objects.order_by("number").values_list("status", "passed"))
    assert statuses == [
        (AttemptStatus.GRADED, False), (AttemptStatus.GRADED, True), (AttemptStatus.PENDING_REVIEW, None)
    ]  # fmt: skip
    assert demo.seed(capsys) == 0
