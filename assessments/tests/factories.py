"""An evaluation as raw StreamField data, with fixed block ids (questions and choices keep
their ids across saves and translations, as the real editor's do)."""

import json

from courses.tests.factories import ResourcePageFactory, publish

EXPLANATION = "Because the textbook says so"


def choice(choice_id, text, correct=False):
    return {"type": "item", "id": choice_id, "value": {"text": text, "correct": correct}}


def question(kind, question_id, text, points=1, **fields):
    return {
        "type": kind,
        "id": question_id,
        "value": {"text": text, "points": str(points), "explanation": EXPLANATION, **fields},
    }


def every_question_type():
    """One question of each type; the correct answers are distinctive strings."""
    return [
        question("single_choice", "single", "Pick the planet closest to the Sun", choices=[
            choice("single-right", "Mercury", True), choice("single-wrong", "Venus")]),
        question("multiple_choice", "multi", "Pick the primes", points=2, scoring="partial", choices=[
            choice("multi-2", "Two", True), choice("multi-3", "Three", True), choice("multi-4", "Four")]),
        question("true_false", "tf", "Water is wet", answer="true"),
        question("short_text", "short", "Name the capital", accepted_answers=[
            {"type": "item", "id": "short-a", "value": "São Paulo City"}]),
        question("numeric", "num", "Give pi to two decimals", value="3.14", tolerance="0.01"),
    ]  # fmt: skip


def essay():
    return question("essay", "essay", "Explain photosynthesis", points=3)


def evaluation_data(questions=None, **settings):
    value = {
        "title": "Final quiz",
        "instructions": "Answer everything.",
        "pass_mark": 60,
        "max_attempts": 2,
        "time_limit": 0,
        "questions_per_attempt": 0,
        "shuffle_questions": False,
        "shuffle_choices": False,
        "show_answers": "after_each_attempt",
        "available_from": None,
        "available_until": None,
        "questions": questions if questions is not None else every_question_type(),
    }
    value.update(settings)
    return [{"type": "evaluation", "id": "evaluation-1", "value": value}]


def evaluation_resource(section, title="Quiz", **settings):
    resource = ResourcePageFactory(
        parent=section, title=title, body=json.dumps(evaluation_data(**settings)), estimated_minutes=10
    )
    return publish(resource)


def all_correct():
    return {"single": "single-right", "multi": ["multi-2", "multi-3"], "tf": "true", "short": "sao paulo  city",
            "num": "3.14"}  # fmt: skip
