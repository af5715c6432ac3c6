"""The anonymous cart joins the user's at login; the user's cart is kept at logout and at
sign-up; a course certificate may complete a program, whose certificate is then issued; a
course whose payment went back (refunded, disputed) takes down the program certificates
resting on it."""

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.utils.translation import gettext_lazy as _

from courses.learning.enrollment import EndReason

PROGRAM_REVOKED_BECAUSE = {
    EndReason.REFUND: _("The payment for a course of this program was refunded."),
    EndReason.DISPUTE: _("The payment for a course of this program was disputed."),
}


def merge_cart(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        from .cart import merge_at_login

        merge_at_login(request.session, user)


def keep_cart(sender, request, user, **kwargs):
    if request is not None and user is not None and hasattr(request, "session"):
        from .cart import save_for_user

        save_for_user(request.session, user)


def keep_cart_at_signup(sender, request, user, **kwargs):
    """A cart waiting when its visitor signs up is kept for them: if they confirm their
    address in another browser and log in there, it is theirs there too."""
    if request is not None and hasattr(request, "session"):
        from .cart import Cart

        if len(Cart(request.session)):
            keep_cart(sender, request, user)


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


def revoke_programs(sender, enrollment, user, course_key, reason, **kwargs):
    """An enrollment refunded or disputed: the program certificates that counted its course
    are revoked with the reason (the course's own is the certificates app's business)."""
    from certificates.issuing import revoke_unearned
    from certificates.models import Certificate

    from .models import ProgramPage

    because = PROGRAM_REVOKED_BECAUSE.get(reason)
    if because is None:
        return
    programs = ProgramPage.objects.filter(program_courses__course__translation_key=course_key)
    keys = set(programs.values_list("translation_key", flat=True))
    held = Certificate.objects.filter(user=user, kind=Certificate.Kind.PROGRAM, course_key__in=keys)
    for certificate in held.filter(revoked_at__isnull=True):
        revoke_unearned(certificate, because)


def connect():
    from allauth.account.signals import user_signed_up

    from certificates.signals import certificate_issued
    from courses.signals import enrollment_ended

    certificate_issued.connect(certify_programs, dispatch_uid="commerce.certify_programs")
    enrollment_ended.connect(revoke_programs, dispatch_uid="commerce.revoke_programs")
    user_logged_in.connect(merge_cart, dispatch_uid="commerce.merge_cart")
    user_logged_out.connect(keep_cart, dispatch_uid="commerce.keep_cart")
    user_signed_up.connect(keep_cart_at_signup, dispatch_uid="commerce.keep_cart_at_signup")
