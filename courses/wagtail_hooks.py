from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.models import Page
from wagtail.permissions import policy_registry, register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from core.seo import SITEMAP_HOOK

from .access import check_access
from .file_admin import ManageableFilesViewSetMixin
from .file_permissions import register_course_file_policies
from .models import CaptionTrack, Category, CourseIndexPage, CoursePage, ResourcePage, SectionPage
from .permissions import CoursePagePermissionPolicy
from .views.files import refusal
from .viewsets.builder import CourseBuilderViewSet

# Before the snippet viewsets below ask Wagtail for a policy (wagtail.snippets loads this
# module from its ready(), before the courses app's).
register_course_file_policies()
register_permission_policy(Page, CoursePagePermissionPolicy(Page))

# In the sitemap (home/sitemap.py): the catalog, courses and free-preview resources.
for model in (CourseIndexPage, CoursePage, ResourcePage):
    hooks.register(SITEMAP_HOOK, lambda model=model: model)


@hooks.register("construct_page_chooser_queryset")
def limit_page_chooser_to_explorable_pages(pages, request):
    """An instructor's page chooser lists what their explorer does: their own courses
    (and the pages above them); everyone else's is Wagtail's."""
    policy = policy_registry.get_by_type(Page)
    if not policy.explores_only_own_courses(request.user):
        return pages
    return pages.filter(pk__in=policy.explorable_instances(request.user).values("pk"))


@hooks.register("before_serve_page")
def check_course_access(page, request, serve_args, serve_kwargs):
    if not isinstance(page, (CoursePage, SectionPage, ResourcePage)):
        return None
    decision = check_access(request.user, page)
    request.course_access = decision
    if not decision.allowed:
        return refusal(request, decision, page)
    return None


@hooks.register("before_serve_document")
def check_course_document_access(document, request):
    """Wagtail's document view asks the course access rule too (course documents are
    normally sent by courses.views.files.document_file, which answers first on /documents/)."""
    decision = check_access(request.user, document)
    if not decision.allowed:
        return refusal(request, decision)
    return None


@hooks.register("construct_admin_api", order=1)  # after wagtail.documents registers its own
def documents_api_of_the_users_courses(router):
    from .file_admin import CourseDocumentsAdminAPIViewSet

    router.register_endpoint("documents", CourseDocumentsAdminAPIViewSet)


@hooks.register("register_admin_urls", order=-1)  # before wagtailmedia's, so this one answers
def media_usage_of_the_users_courses():
    from django.urls import path

    from .file_admin import media_usage

    return [path("media/usage/<int:media_id>/", media_usage, name="aula_media_usage")]


@hooks.register("after_bulk_action")
def place_images_added_to_a_collection(request, action_type, objects, action_class_instance):
    """Wagtail's bulk "Add to collection" changes images' collections without saving each
    one: an image that entered (or left) a course collection has its files moved like on
    save (courses/course_images.py), and cached anonymous pages are renewed for the new links."""
    from wagtail.images import get_image_model

    from .course_images import place_many

    image_model = get_image_model()
    if action_type != "add_to_collection" or action_class_instance.model is not image_model:
        return None
    images = list(image_model.objects.filter(pk__in=[image.pk for image in objects]))
    if place_many(images):
        from caching.registry import renew_rows

        renew_rows(image_model, images)  # a bulk write: no save signal
    return None


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "tag"
    menu_label = _("Categories")
    list_display = ["name", "slug", "locale"]
    search_fields = ["name"]


class CaptionTrackViewSet(ManageableFilesViewSetMixin, SnippetViewSet):
    """Listed, opened and chosen only by their course's staff."""

    model = CaptionTrack
    icon = "media"
    menu_label = _("Caption tracks")
    list_display = ["title", "label", "language", "collection", "created_at"]
    list_filter = ["language"]


class CoursesSnippetGroup(SnippetViewSetGroup):
    menu_label = _("Courses")
    menu_icon = "folder-open-inverse"
    menu_order = 250
    items = (CourseBuilderViewSet, CategoryViewSet, CaptionTrackViewSet)


register_snippet(CoursesSnippetGroup)


@hooks.register("register_admin_viewset")
def register_learning_viewsets():
    """The "Learning" menu: course statistics, enrollments, review moderation."""
    from .viewsets.learning import LearningViewSetGroup

    return LearningViewSetGroup()


@hooks.register("register_page_header_buttons")
def curriculum_button(page, user, view_name, next_url=None):
    """The editor of a course, section or resource links to the course's curriculum view;
    a course's, to its archive (courses/archive/) for those who may export it."""
    from django.urls import reverse
    from wagtail.admin.widgets import Button

    from .builder import may_build
    from .permissions import may_export_course

    specific_class = page.specific_class
    if specific_class not in (CoursePage, SectionPage, ResourcePage):
        return
    course = page.specific_deferred.course
    if course is not None and may_build(user, course):
        url = reverse("course_builder:curriculum", args=(course.pk,))
        yield Button(_("Course curriculum"), url, icon_name="list-ul", priority=5)
    if specific_class is CoursePage and course is not None and may_export_course(user, course):
        url = reverse("course_builder:export", args=(course.pk,))
        yield Button(_("Export course (.zip)"), url, icon_name="download", priority=6)


class SubmitCourseMenuItem(ActionMenuItem):
    """ "Submit course for review" in the course editor: saves the draft, then submits the
    course with every new or changed section and resource (courses/course_review.py)."""

    label = _("Submit course for review")
    name = "action-submit-course"
    icon_name = "resubmit"

    def is_shown(self, context):
        page = context.get("page")
        if context["view"] != "edit" or not isinstance(page, CoursePage) or context["locked_for_user"]:
            return False
        state = page.current_workflow_state
        return page.get_workflow() is not None and (state is None or state.status != state.STATUS_IN_PROGRESS)


@hooks.register("register_page_action_menu_item")
def submit_course_menu_item():
    return SubmitCourseMenuItem(order=5)


@hooks.register("after_edit_page")
def submit_course_after_saving(request, page):
    if "action-submit-course" not in request.POST or not isinstance(page, CoursePage):
        return None
    from django.contrib import messages
    from django.shortcuts import redirect

    from .course_review import submit_course
    from .exceptions import CourseError

    try:
        submission = submit_course(page, request.user)
    except CourseError as error:
        messages.error(request, error.message)
    else:
        from .course_review import submitted_message

        messages.success(request, submitted_message(page, submission))
    return redirect("course_builder:curriculum", page.pk)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def back_to_the_curriculum(request, page):
    """A section or resource opened from the curriculum view ("Edit", "Add section", "Add
    resource", whose links carry ``next``) returns there once saved, so a course is built
    in a handful of clicks. (Autosave asks for JSON: Wagtail ignores this redirect then.)"""
    from django.shortcuts import redirect
    from django.urls import reverse
    from wagtail.admin.utils import get_valid_next_url_from_request

    if not isinstance(page, (SectionPage, ResourcePage)) or page.course is None:
        return None
    next_url = get_valid_next_url_from_request(request)
    if next_url and next_url == reverse("course_builder:curriculum", args=(page.course.pk,)):
        return redirect(next_url)
    return None


@hooks.register("register_learner_panel")
def learner_enrollments_panel(request, learner):
    from .viewsets.people import enrollments_panel

    return enrollments_panel(request, learner)


@hooks.register("register_admin_urls")
def people_urls():
    from django.urls import path

    from .viewsets.people import BulkEnrollView, EndEnrollmentView, EnrollLearnerView

    return [
        path("learning/enroll-a-list/", BulkEnrollView.as_view(), name="courses_bulk_enroll"),
        path("learning/people/<int:pk>/enroll/", EnrollLearnerView.as_view(), name="courses_enroll_learner"),
        path("learning/enrollments/<int:pk>/end/", EndEnrollmentView.as_view(), name="courses_end_enrollment"),
    ]


@hooks.register("register_school_figures")
def enrollment_figures(request, period, course):
    """Enrollments, completions and the top courses on the admin home and course statistics."""
    from .learning.school_figures import school_figures

    return school_figures(request, period, course)


@hooks.register("construct_homepage_panels")
def course_reviews_on_the_dashboard(request, panels):
    """A course awaiting review opens its review, not the page editor (courses/viewsets/review_queue.py)."""
    from .viewsets.review_queue import replace_review_panel

    replace_review_panel(panels)


@hooks.register("before_edit_page")
def editors_never_publish_courses(request, page):
    """Editors' rights on courses (courses/permissions.py): a publish attempt is refused, with why."""
    from .featuring import refuse_publishing

    return refuse_publishing(request, page)


@hooks.register("after_edit_page")
def editors_feature_courses(request, page):
    """An editor's "featured" goes live at once; the rest of the draft waits for the review."""
    from .featuring import feature_from_the_editor

    return feature_from_the_editor(request, page)
