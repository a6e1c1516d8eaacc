import pytest

from forum.documents.checks import check_upload_limit


def test_it_accepts_the_default():
    assert check_upload_limit() == []


@pytest.mark.parametrize("limit", [0, -5, "20"])
def test_it_refuses_a_limit_below_one_megabyte(settings, limit):
    settings.FORUM_MAX_UPLOAD_MB = limit

    assert [error.id for error in check_upload_limit()] == ["documents.E001"]
