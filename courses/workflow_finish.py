"""Wagtail's finishing action for approved workflows (``WAGTAIL_FINISH_WORKFLOW_ACTION``).

Wagtail imports this setting while its models load, before the apps are ready, so this
module imports nothing of Aula's until it is called; the rule is in courses/course_review.py.
"""


def publish_workflow_state(workflow_state, user=None):
    from .course_review import publish_workflow_state as publish

    return publish(workflow_state, user=user)
