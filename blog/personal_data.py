"""What the blog holds about a person (``accounts.personal_data``): the author profile
linked to their account, if editors made one. The profile is editorial content (a byline
the editors manage): at deletion it is unlinked from the account, not erased."""

from accounts.personal_data import PersonalData, records, register

from .models import BlogAuthor


def export(user):
    return {"author_profiles": records(BlogAuthor.objects.filter(user=user), "name", "bio")}


def erase(user, choices):
    for author in BlogAuthor.objects.filter(user=user):
        author.user = None
        author.save(update_fields=["user"])


register(PersonalData("blog", covers=["blog.BlogAuthor.user"], export=export, erase=erase))
