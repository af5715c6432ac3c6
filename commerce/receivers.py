"""The anonymous cart joins the user's at login; the user's cart is kept at logout; a
completed course may complete a program, whose certificate is then issued."""

from django.contrib.auth.signals import user_logged_in, user_logged_out

from courses.signals import course_completed


def merge_cart(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        from .cart import merge_at_login

        merge_at_login(request.session, user)


def keep_cart(sender, request, user, **kwargs):
    if request is not None and user is not None and hasattr(request, "session"):
        from .cart import save_for_user

        save_for_user(request.session, user)


def certify_programs(sender, enrollment, user, course, **kwargs):
    """Every live program with this course, in the language the course was completed in:
    its certificate once each of its courses is certified (the course's own certificate
    first, whatever order the receivers run in: issuing is idempotent)."""
    from certificates.issuing import issue_if_complete, issue_program_certificate

    from .models import ProgramPage

    issue_if_complete(user, course)
    programs = ProgramPage.objects.live().filter(program_courses__course__translation_key=course.translation_key)
    chosen = {}  # one version per program: the course's language when the program has it
    for program in programs.distinct():
        if program.translation_key not in chosen or program.locale_id == course.locale_id:
            chosen[program.translation_key] = program
    for program in chosen.values():
        issue_program_certificate(user, program)


def connect():
    course_completed.connect(certify_programs, dispatch_uid="commerce.certify_programs")
    user_logged_in.connect(merge_cart, dispatch_uid="commerce.merge_cart")
    user_logged_out.connect(keep_cart, dispatch_uid="commerce.keep_cart")
