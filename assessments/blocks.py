"""The ``evaluation`` block of a resource body and its six question types.

Registered through the ``AULA_RESOURCE_BODY_BLOCKS`` setting; its ``Meta.completion`` is
"graded": the resource completes when the evaluation is passed (assessments.attempts).

Translation (wagtail-localize): in a StreamField only text blocks (CharBlock, TextBlock,
RichTextBlock) become translatable segments; every other block (points, tolerances, correct
flags, settings) is copied from the source and cannot be edited in the translation editor.
Block ids are kept, so a question and a choice have the same id in every language. Even so,
grading never trusts a translation: the answer key, points and settings always come from
the SOURCE resource's published revision (``EvaluationBlock.snapshot``); a translation only
supplies the texts shown (and extra accepted short answers in its language).
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from courses.blocks import CompletionMode


class QuestionType:
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    TRUE_FALSE = "true_false"
    SHORT_TEXT = "short_text"
    NUMERIC = "numeric"
    ESSAY = "essay"


class ShowAnswers:
    NEVER = "never"
    AFTER_EACH_ATTEMPT = "after_each_attempt"
    AFTER_PASSING = "after_passing"
    AFTER_LAST_ATTEMPT = "after_last_attempt"

    choices = [
        (NEVER, _("Never")),
        (AFTER_EACH_ATTEMPT, _("After each attempt")),
        (AFTER_PASSING, _("After passing")),
        (AFTER_LAST_ATTEMPT, _("After the last attempt")),
    ]


def _error(field, message):
    return StructBlockValidationError(block_errors={field: ValidationError(message)})


class ChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Choice"), max_length=500)
    correct = blocks.BooleanBlock(label=_("Correct"), required=False)

    class Meta:
        icon = "radio-full"
        label = _("Choice")


class QuestionBlock(blocks.StructBlock):
    """What every question has: its text, its points and an explanation shown after grading."""

    text = blocks.TextBlock(label=_("Question"))
    points = blocks.DecimalBlock(label=_("Points"), min_value=0, max_digits=7, decimal_places=2, default=1)
    explanation = blocks.TextBlock(
        label=_("Explanation"), required=False, help_text=_("Shown with the results, as the evaluation allows.")
    )

    class Meta:
        template = "assessments/blocks/question.html"
        question_type = None

    def key_of(self, value):
        """The answer key of a source value (never shown before grading)."""
        return {}

    def get_preview_value(self):
        """The block chooser's preview: this type's question of the evaluation's preview."""
        value = next(q["value"] for q in PREVIEW_VALUE["questions"] if q["type"] == self.meta.question_type)
        return self.normalize(value)

    def get_searchable_content(self, value):
        """What the site search may index: what a student sees while taking the evaluation
        (the question, its choices), never the key (correct flags, the true/false answer,
        accepted answers, the correct value) nor the explanation. A search is a response
        too: a hit for a typed guess would tell the answer."""
        return [value["text"]] + [choice["text"] for choice in value.get("choices") or []]

    def texts_of(self, value):
        """What a language version supplies: the texts shown to the student."""
        return {"text": value["text"], "explanation": value.get("explanation") or ""}

    def snapshot(self, question_id, source, shown):
        """One question of an attempt: the key and points from ``source`` (the source
        language's published value), the texts from ``shown`` (the attempt's language)."""
        return {
            "id": question_id,
            "type": self.meta.question_type,
            "points": str(Decimal(source["points"] or 0)),
            **self.texts_of(source),
            **(self.texts_of(shown) if shown is not None else {}),
            "key": self.key_of(source),
        }


class ChoiceQuestionBlock(QuestionBlock):
    choices = blocks.ListBlock(ChoiceBlock(), label=_("Choices"), min_num=2)

    def key_of(self, value):
        return {"correct": [child.id for child in value["choices"].bound_blocks if child.value["correct"]]}

    def texts_of(self, value):
        texts = super().texts_of(value)
        texts["choices"] = [{"id": child.id, "text": child.value["text"]} for child in value["choices"].bound_blocks]
        return texts

    def snapshot(self, question_id, source, shown):
        question = super().snapshot(question_id, source, shown)
        # The choices asked are the source's; a translation only renames them.
        names = {choice["id"]: choice["text"] for choice in question["choices"]}
        question["choices"] = [
            {"id": child.id, "text": names.get(child.id, child.value["text"])}
            for child in source["choices"].bound_blocks
        ]
        return question


class SingleChoiceBlock(ChoiceQuestionBlock):
    class Meta:
        question_type = QuestionType.SINGLE_CHOICE
        icon = "radio-full"
        label = _("Single choice")
        description = _("One correct choice among several.")

    def clean(self, value):
        value = super().clean(value)
        if sum(1 for choice in value["choices"] if choice["correct"]) != 1:
            raise _error("choices", _("Mark exactly one choice as correct."))
        return value


class MultipleChoiceBlock(ChoiceQuestionBlock):
    scoring = blocks.ChoiceBlock(
        label=_("Scoring"),
        choices=[("all_or_nothing", _("All or nothing")), ("partial", _("Partial credit"))],
        default="all_or_nothing",
        help_text=_("Partial credit: each right choice earns its share, each wrong choice takes one away."),
    )

    class Meta:
        question_type = QuestionType.MULTIPLE_CHOICE
        icon = "tasks"
        label = _("Multiple choice")
        description = _("Several correct choices; all or nothing, or partial credit.")

    def key_of(self, value):
        return {**super().key_of(value), "scoring": value["scoring"] or "all_or_nothing"}

    def clean(self, value):
        value = super().clean(value)
        if not any(choice["correct"] for choice in value["choices"]):
            raise _error("choices", _("Mark at least one choice as correct."))
        return value


class TrueFalseBlock(QuestionBlock):
    answer = blocks.ChoiceBlock(
        label=_("Correct answer"), choices=[("true", _("True")), ("false", _("False"))], default="true"
    )

    class Meta:
        question_type = QuestionType.TRUE_FALSE
        icon = "tick"
        label = _("True or false")
        description = _("A statement that is true or false.")

    def key_of(self, value):
        return {"answer": value["answer"]}


class ShortTextBlock(QuestionBlock):
    accepted_answers = blocks.ListBlock(
        blocks.CharBlock(label=_("Accepted answer"), max_length=200),
        label=_("Accepted answers"),
        min_num=1,
        help_text=_("Compared without regard to capitals, spaces and accents."),
    )

    class Meta:
        question_type = QuestionType.SHORT_TEXT
        icon = "pilcrow"
        label = _("Short text")
        description = _("A word or a short phrase, compared with the accepted answers.")

    def key_of(self, value):
        return {"accepted": [str(answer) for answer in value["accepted_answers"]]}

    def snapshot(self, question_id, source, shown):
        """The source's accepted answers and the shown language's (grading.accepted_short_answers)."""
        from .grading import accepted_short_answers

        question = super().snapshot(question_id, source, shown)
        translated = [str(answer) for answer in shown["accepted_answers"]] if shown is not None else []
        question["key"]["accepted"] = accepted_short_answers(question["key"]["accepted"], translated)
        return question


class NumericBlock(QuestionBlock):
    value = blocks.DecimalBlock(label=_("Correct value"), max_digits=15, decimal_places=6)
    tolerance = blocks.DecimalBlock(
        label=_("Tolerance"), min_value=0, max_digits=15, decimal_places=6, default=0,
        help_text=_("Answers within ± this amount of the value are correct."),
    )  # fmt: skip

    class Meta:
        question_type = QuestionType.NUMERIC
        icon = "decimal"
        label = _("Numeric")
        description = _("A number, correct within a tolerance.")

    def key_of(self, value):
        return {"value": str(value["value"]), "tolerance": str(value["tolerance"] or 0)}


class EssayBlock(QuestionBlock):
    class Meta:
        question_type = QuestionType.ESSAY
        icon = "edit"
        label = _("Essay")
        description = _("A written answer an instructor grades.")


class QuestionsBlock(blocks.StreamBlock):
    single_choice = SingleChoiceBlock()
    multiple_choice = MultipleChoiceBlock()
    true_false = TrueFalseBlock()
    short_text = ShortTextBlock()
    numeric = NumericBlock()
    essay = EssayBlock()

    class Meta:
        min_num = 1
        label = _("Questions")


class EvaluationBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    instructions = blocks.TextBlock(label=_("Instructions"), required=False)
    pass_mark = blocks.IntegerBlock(label=_("Pass mark (%)"), min_value=0, max_value=100, default=60)
    max_attempts = blocks.IntegerBlock(
        label=_("Maximum attempts"), min_value=0, default=3, help_text=_("0 allows unlimited attempts.")
    )
    time_limit = blocks.IntegerBlock(
        label=_("Time limit (minutes)"), min_value=0, default=0, help_text=_("0 means no time limit.")
    )
    questions_per_attempt = blocks.IntegerBlock(
        label=_("Questions per attempt"), min_value=0, default=0,
        help_text=_("Draw this many questions at random for each attempt; 0 asks them all."),
    )  # fmt: skip
    shuffle_questions = blocks.BooleanBlock(label=_("Shuffle questions"), required=False, default=False)
    shuffle_choices = blocks.BooleanBlock(label=_("Shuffle choices"), required=False, default=True)
    show_answers = blocks.ChoiceBlock(
        label=_("Show correct answers"), choices=ShowAnswers.choices, default=ShowAnswers.AFTER_EACH_ATTEMPT
    )
    available_from = blocks.DateTimeBlock(label=_("Available from"), required=False)
    available_until = blocks.DateTimeBlock(label=_("Available until"), required=False)
    questions = QuestionsBlock()

    SETTINGS = (
        "pass_mark", "max_attempts", "time_limit", "questions_per_attempt", "shuffle_questions", "shuffle_choices",
        "show_answers",
    )  # fmt: skip

    class Meta:
        resource_kind = "text"
        completion = CompletionMode.GRADED
        max_per_body = 1  # a resource has one evaluation: attempts and completion belong to it
        icon = "form"
        label = _("Evaluation")
        template = "assessments/blocks/evaluation.html"
        description = _("A graded quiz or exam: six question types, attempts, a time limit, results.")

    def clean(self, value):
        value = super().clean(value)
        count = len(value["questions"])
        if value["questions_per_attempt"] and value["questions_per_attempt"] > count:
            raise _error(
                "questions_per_attempt",
                _("There are only %(count)s questions to draw from.") % {"count": count},
            )
        start, end = value.get("available_from"), value.get("available_until")
        if start and end and start >= end:
            raise _error("available_until", _("The end of availability must come after its start."))
        return value

    def segment_label(self, value, path):
        """What a translator reads above a segment of this evaluation in wagtail-localize's
        editor (home/translation_labels.py): ``path`` is the segment's place inside the
        block (``["questions", <question id>, "choices", <choice id>, "text"]``). None keeps
        wagtail-localize's own label (the field's)."""
        if len(path) < 3 or path[0] != "questions":
            return None
        ids = [child.id for child in value["questions"]]
        if path[1] not in ids:
            return None
        index = ids.index(path[1])
        question = _("Question %(number)s") % {"number": index + 1}
        child = value["questions"][index]
        rest = path[2:]
        if rest == ["text"]:
            return question
        if rest == ["explanation"]:
            return _("%(question)s · Explanation") % {"question": question}
        if rest[0] in ("choices", "accepted_answers") and len(rest) >= 2:
            item_ids = [item.id for item in child.value[rest[0]].bound_blocks]
            if rest[1] not in item_ids:
                return None
            number = item_ids.index(rest[1])
            if rest[0] == "choices":
                letter = chr(ord("A") + number) if number < 26 else str(number + 1)
                return _("%(question)s · Choice %(letter)s") % {"question": question, "letter": letter}
            return _("%(question)s · Accepted answer %(number)s — changes grading") % {
                "question": question,
                "number": number + 1,
            }
        return None

    def get_searchable_content(self, value):
        """The title, the instructions and what each question shows (QuestionBlock); no setting."""
        content = [value["title"], value.get("instructions") or ""]
        for child in value["questions"]:
            content.extend(child.block.get_searchable_content(child.value))
        return [text for text in content if text]

    def settings_of(self, value):
        settings = {name: value[name] for name in self.SETTINGS}
        for name in ("available_from", "available_until"):
            settings[name] = value[name].isoformat() if value.get(name) else None
        return settings

    def questions_of(self, value, shown=None):
        """Snapshots of every question in the pool (in authoring order): the key and points
        from ``value`` (the source), the texts from ``shown`` (a language version's value)."""
        shown_by_id = {child.id: child.value for child in (shown["questions"] if shown else [])}
        return [child.block.snapshot(child.id, child.value, shown_by_id.get(child.id)) for child in value["questions"]]

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        request = context.get("request")
        # The editor's previews (page and block) list the questions; a student's page never does.
        context["editor_preview"] = bool(context.get("editor_preview") or getattr(request, "is_preview", False))
        return context

    def get_preview_context(self, value, parent_context=None):
        context = super().get_preview_context(value, parent_context)
        context["editor_preview"] = True
        return context

    def get_preview_value(self):
        return self.to_python(PREVIEW_VALUE)


PREVIEW_VALUE = {
    "title": "Check your understanding",
    "instructions": "Answer every question. You can come back: your answers are saved as you go.",
    "pass_mark": 60,
    "max_attempts": 3,
    "time_limit": 15,
    "questions_per_attempt": 0,
    "shuffle_questions": False,
    "shuffle_choices": True,
    "show_answers": ShowAnswers.AFTER_EACH_ATTEMPT,
    "available_from": None,
    "available_until": None,
    "questions": [
        {
            "type": "single_choice",
            "value": {
                "text": "Which planet is closest to the Sun?",
                "points": "1",
                "explanation": "Mercury orbits closest to the Sun.",
                "choices": [{"text": "Mercury", "correct": True}, {"text": "Venus", "correct": False}],
            },
        },
        {
            "type": "multiple_choice",
            "value": {
                "text": "Which of these are prime numbers?",
                "points": "2",
                "explanation": "2 and 3 are prime; 4 is 2 × 2.",
                "scoring": "partial",
                "choices": [
                    {"text": "2", "correct": True},
                    {"text": "3", "correct": True},
                    {"text": "4", "correct": False},
                ],
            },
        },
        {
            "type": "true_false",
            "value": {
                "text": "Water boils at 100 °C at sea level.",
                "points": "1",
                "explanation": "",
                "answer": "true",
            },
        },
        {
            "type": "short_text",
            "value": {
                "text": "What is the capital of France?",
                "points": "1",
                "explanation": "",
                "accepted_answers": ["Paris"],
            },
        },
        {
            "type": "numeric",
            "value": {
                "text": "What is π to two decimals?",
                "points": "1",
                "explanation": "",
                "value": "3.14",
                "tolerance": "0.01",
            },
        },  # fmt: skip
        {
            "type": "essay",
            "value": {"text": "Explain photosynthesis in a few sentences.", "points": "3", "explanation": ""},
        },
    ],
}
