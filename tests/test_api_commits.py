"""The API's validators follow committed changes at once.

Transactional tests, in a module of their own: they empty the database when they end, and a
module's demo site (``demo_content``) stays loaded until the module's last test.
"""

import pytest

from tests.factories import announcement


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("change", ["publish", "unpublish", "delete"])
def test_validators_change_as_soon_as_content_changes(client, change):
    from wagtail.models import Site

    from meetings.models import AnnouncementIndexPage

    home = Site.objects.get(is_default_site=True).root_page
    index = AnnouncementIndexPage(title="Ogłoszenia", slug="ogloszenia")
    home.add_child(instance=index)
    index.save_revision().publish()
    page = announcement(index, publish=change != "publish")
    before = client.get("/api/v1/meetings/")["ETag"]

    if change == "publish":
        page.save_revision().publish()
    elif change == "unpublish":
        page.unpublish()
    else:
        page.delete()

    after = client.get("/api/v1/meetings/", HTTP_IF_NONE_MATCH=before)
    assert after.status_code == 200
    assert after["ETag"] != before
