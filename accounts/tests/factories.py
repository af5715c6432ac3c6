"""The one user factory of the test suite (courses, discussions and the ``user_factory``
fixture use it)."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from factory.django import DjangoModelFactory

PASSWORD = "a-strong-password-1"


class UserFactory(DjangoModelFactory):
    """``groups=[names]`` adds the user to those groups; ``verified=True/False`` gives them
    an allauth e-mail address with that verification state (none by default)."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    display_name = factory.Sequence(lambda n: f"User {n}")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        for name in extracted or []:
            self.groups.add(Group.objects.get(name=name))

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if extracted is not None:
            from allauth.account.models import EmailAddress

            EmailAddress.objects.create(user=self, email=self.email, verified=extracted, primary=True)
