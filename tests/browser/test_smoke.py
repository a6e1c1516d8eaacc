def test_start_page_is_accessible(page, check_page):
    page.goto("/")
    assert "Digitalisierungsforum" in page.title()
    check_page(page)
