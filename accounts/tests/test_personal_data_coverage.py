"""Every user reference of every installed model (Aula's, Wagtail's, allauth's, django-q's)
is covered by a personal-data provider — exported and erased at deletion — or kept with a
reason (``accounts.personal_data``). A new model with a user reference fails here until its
app says what happens to it."""

import pytest

from accounts.personal_data import covered_references, user_references

HOW_TO = (
    "{reference} points at the user, but no personal-data provider says what becomes of it.\n"
    "In {app}/personal_data.py (create it after the example in accounts/personal_data.py), either:\n"
    '  * add "{reference}" to the `covers` of the PersonalData the app registers, with its rows in\n'
    '    `export(user)` (what "Your data" downloads) and erased or anonymised in `erase(user, choices)`\n'
    "    (account deletion); or\n"
    "  * add it to `keeps` with the reason it is not the person's data (e.g. a staff record:\n"
    "    \"who graded the answer\"), which stays and shows 'deleted user'.\n"
    "Then say so in docs/features/your-data.md. (A reference of Django's, Wagtail's or a\n"
    "library's model: accounts/own_personal_data.py.)"
)


def test_every_user_reference_is_covered_or_kept_with_a_reason():
    covered = covered_references()
    missing = [reference for reference in user_references() if reference not in covered]
    messages = [HOW_TO.format(reference=ref, app=ref.split(".")[0]) for ref in missing]
    assert not missing, "\n\n".join(messages)


def test_providers_name_only_references_that_exist():
    existing = set(user_references())
    stale = sorted(reference for reference in covered_references() if reference not in existing)
    assert not stale, f"Personal-data providers name user references that no model has (renamed or removed?): {stale}"


def test_every_kept_reference_says_why():
    unexplained = [ref for ref, (_section, reason) in covered_references().items() if reason is not None and not reason]
    assert not unexplained


def test_the_walk_finds_every_kind_of_user_reference_once():
    references = user_references()
    assert "courses.Enrollment.user" in references  # a foreign key of Aula's
    assert "account.EmailAddress.user" in references  # allauth's
    assert "wagtailcore.Page.owner" in references  # Wagtail's
    assert "events.CalendarFeedToken.user" in references  # a one-to-one
    assert "courses.CoursePage.instructors" in references  # a many-to-many
    assert "courses.CoursePage.owner" not in references  # inherited: named on wagtailcore.Page only


def test_an_undeclared_reference_is_named_with_what_to_add(monkeypatch):
    import accounts.personal_data as registry

    registry.providers()  # every app's module read first
    monkeypatch.setattr(registry, "_providers", {k: v for k, v in registry._providers.items() if k != "blog"})
    with pytest.raises(AssertionError) as failure:
        test_every_user_reference_is_covered_or_kept_with_a_reason()
    assert "blog.BlogAuthor.user points at the user" in str(failure.value)
    assert "blog/personal_data.py" in str(failure.value)
