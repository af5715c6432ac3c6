import pytest


@pytest.fixture
def en_blog(db):
    from .factories import blog

    return blog("en")
