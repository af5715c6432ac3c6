"""Aula's one caching layer. This docstring is the contract; nothing outside this package
talks to the cache backends (the ``pages`` alias: Redis when ``REDIS_URL`` is set, else
files the workers of one machine share).

**What is kept**

* whole pages for anonymous visitors (``page_cache``): visitors without a session, messages
  or ``Authorization``, GET/HEAD of a Wagtail page, 200 HTML that sets no cookie, is not
  private and used no CSRF token; one entry per page and declared query;
* shared values and fragments (``shared``): what every visitor of a language sees inside
  otherwise personal pages (menus, a course's outline and landing text, a lesson's body, the
  blank review form), the routing facts Wagtail would query for (``page_routing``), site
  settings (``shared_settings``), permissions (``permission_cache``);
* each signed-in user's own facts (``personal_cache``): the session's user, enrollments,
  completions, attempts, certificates, orders, and their dashboard's panels rendered
  (``personal_fragment``) — under that user's scope only (and the scopes a panel names).

**What must stay per visitor** — never inside a shared value, fragment or page: names,
e-mails, CSRF tokens (``{% shared %}`` puts each visitor's own in), counts that are theirs
(cart, unread), progress, marks, attempts, orders, certificates, locks and access decisions
(``courses.access`` decides on every request; a template tag never decides). Answers that
differ per visitor are marked ``private, no-store`` (``private_responses``).

**What renews what**: every cached thing depends on scopes (``scopes``: ``SITE``,
``CATALOG``, a course, a user, ``PERMISSIONS``...) and is served only while their tokens are
current. Each app *declares* in its own ``renewals.py`` which of its models renew which
scopes, and what its pages depend on (``registry``) — no rule calls the cache. A change
inside a course renews that course (and the catalog's cards where they show), not the site;
site-wide changes (settings, menus, categories, locales, a moved page) renew everything. A
bulk write that bypasses save signals calls ``registry.renew_rows(Model, rows)``.

**Failure**: with the cache unreachable, every read goes to the database and nothing is
kept; pages are slower, never wrong, never a 500.

Tests run with every cache on, as production does (``conftest.py``); the fixture
``no_caching`` turns them off where a test says why.
"""
