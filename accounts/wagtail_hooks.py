from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_css")
def admin_listings_css():
    return format_html('<link rel="stylesheet" href="{}">', static("accounts/admin-listings.css"))


@hooks.register("construct_homepage_panels")
def school_figures_panel(request, panels):
    """How the school is doing, first on the admin home (accounts/admin_home.py)."""
    from .admin_home import SchoolFiguresPanel

    panels.append(SchoolFiguresPanel(request))


@hooks.register("register_school_figures")
def new_students_figure(request, period, course):
    from .admin_home import new_students

    return new_students(request, period, course)
