"""``manage.py create_administrator``: the first administrator of a site without SMTP.

``createsuperuser`` makes an account whose e-mail address is unconfirmed, which the site
login refuses until a confirmation e-mail arrives; this command's account logs in at once.
"""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management import ManagementUtility, call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db

EMAIL = "Root@Example.org"
PASSWORD = "Lighthouse-keeper-2026"
ENV = "AULA_ADMIN_PASSWORD"


@pytest.fixture
def password_in_environment(monkeypatch):
    monkeypatch.setenv(ENV, PASSWORD)


def _logs_in(client, email, password):
    response = client.post("/en/accounts/login/", {"login": email, "password": password})
    return response.status_code == 302 and "_auth_user_id" in client.session


def test_administrator_logs_in_through_the_site_login_at_once(client, password_in_environment, mailoutbox):
    call_command("create_administrator", "--email", EMAIL)
    assert _logs_in(client, "root@example.org", PASSWORD)
    assert client.get("/admin/").status_code == 200
    assert client.get("/django-admin/").status_code == 200
    assert mailoutbox == []  # nothing waits for an e-mail


def test_administrator_is_a_superuser_with_a_verified_primary_address(password_in_environment, capsys):
    call_command("create_administrator", "--email", EMAIL)
    user = get_user_model().objects.get()
    assert (user.email, user.is_superuser, user.is_staff, user.is_active) == ("root@example.org", True, True, True)
    address = EmailAddress.objects.get(user=user)
    assert (address.email, address.verified, address.primary) == ("root@example.org", True, True)
    assert "root@example.org" in capsys.readouterr().out


def test_password_is_asked_twice_without_the_environment_variable(client, monkeypatch):
    monkeypatch.delenv(ENV, raising=False)
    answers = iter([PASSWORD, PASSWORD])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    call_command("create_administrator", "--email", EMAIL)
    assert _logs_in(client, EMAIL, PASSWORD)


def test_two_different_typed_passwords_create_nothing(monkeypatch):
    monkeypatch.delenv(ENV, raising=False)
    answers = iter([PASSWORD, PASSWORD + "x"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    with pytest.raises(CommandError, match="do not match"):
        call_command("create_administrator", "--email", EMAIL)
    assert not get_user_model().objects.exists()


def test_without_a_terminal_or_the_variable_it_says_how_to_give_the_password(monkeypatch):
    monkeypatch.delenv(ENV, raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    with pytest.raises(CommandError, match=ENV):
        call_command("create_administrator", "--email", EMAIL)
    assert not get_user_model().objects.exists()


@pytest.mark.parametrize(
    ("email", "password", "message"),
    [
        ("not-an-address", PASSWORD, "is not a valid e-mail address"),
        ("", PASSWORD, "is not a valid e-mail address"),
        (EMAIL, "short", "too short"),
        (EMAIL, "password123", "too common"),
        (EMAIL, "root@example.org", "too similar"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(monkeypatch, email, password, message):
    monkeypatch.setenv(ENV, password)
    with pytest.raises(CommandError, match=message):
        call_command("create_administrator", "--email", email)
    assert not get_user_model().objects.exists()
    assert not EmailAddress.objects.exists()


@pytest.mark.parametrize("taken", ["root@example.org", "ROOT@example.org"])
def test_an_address_already_taken_is_refused(user_factory, password_in_environment, taken):
    user = user_factory(email=taken.lower(), password="another-Password-1", verified=False)
    with pytest.raises(CommandError, match="already"):
        call_command("create_administrator", "--email", taken)
    user.refresh_from_db()
    assert not user.is_superuser and user.check_password("another-Password-1")
    assert get_user_model().objects.count() == 1


def test_refusal_exits_non_zero_with_the_message_and_no_traceback(monkeypatch, capsys, password_in_environment):
    from django.db import connections

    monkeypatch.setattr(connections, "close_all", lambda: None)  # keep the test's database connection
    with pytest.raises(SystemExit) as exit_:
        ManagementUtility(["manage.py", "create_administrator", "--email", "not-an-address"]).execute()
    assert exit_.value.code != 0
    error = capsys.readouterr().err
    assert "is not a valid e-mail address" in error
    assert "Traceback" not in error
