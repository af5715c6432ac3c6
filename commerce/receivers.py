"""The anonymous cart joins the user's at login; the user's cart is kept at logout; a
course certificate may complete a program, whose certificate is then issued."""

from django.contrib.auth.signals import user_logged_in, user_logged_out


def merge_cart(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        from .cart import merge_at_login

        merge_at_login(request.session, user)


def keep_cart(sender, request, user, **kwargs):
    if request is not None and user is not None and hasattr(request, "session"):
        from .cart import save_for_user

        save_for_user(request.session, user)


def certify_programs(sender, certificate, **kwargs):
    """A course certificate may complete programs: each live program with that course, in the
    certificate's language when the program has it, gets its certificate once every one of
    its courses is certified."""
    from certificates.issuing import issue_program_certificate
    from certificates.models import Certificate

    from .models import ProgramPage

    if certificate.kind != Certificate.Kind.COURSE:
        return
    programs = ProgramPage.objects.live().filter(program_courses__course__translation_key=certificate.course_key)
    chosen = {}  # one version per program
    for program in programs.distinct().select_related("locale"):
        if program.translation_key not in chosen or program.locale.language_code == certificate.language:
            chosen[program.translation_key] = program
    for program in chosen.values():
        issue_program_certificate(certificate.user, program)


def connect():

    from certificates.signals import certificate_issued

    certificate_issued.connect(certify_programs, dispatch_uid="commerce.certify_programs")
    user_logged_in.connect(merge_cart, dispatch_uid="commerce.merge_cart")
    user_logged_out.connect(keep_cart, dispatch_uid="commerce.keep_cart")
