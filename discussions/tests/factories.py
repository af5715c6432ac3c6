import factory
import wagtail_factories

from accounts.tests.factories import UserFactory
from discussions.models import Flag, Post, Thread
from home.models import StandardPage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Lesson {n}")
    slug = factory.Sequence(lambda n: f"lesson-{n}")

    class Meta:
        model = StandardPage


class ThreadFactory(factory.django.DjangoModelFactory):
    page_key = factory.LazyAttribute(lambda o: o.page.translation_key)

    class Params:
        page = None

    class Meta:
        model = Thread
        exclude = ["page"]


class PostFactory(factory.django.DjangoModelFactory):
    thread = factory.SubFactory(ThreadFactory)
    author = factory.SubFactory(UserFactory)
    body = factory.Sequence(lambda n: f"Question number {n}")

    class Meta:
        model = Post


class FlagFactory(factory.django.DjangoModelFactory):
    post = factory.SubFactory(PostFactory)
    user = factory.SubFactory(UserFactory)

    class Meta:
        model = Flag
